// The RFC 6902 operations for one change of a changeset (to_json_patch): the patch writer
// (patch.hpp) visits the changed node twice, before the change is applied (phase 0: what the
// node, or an array element and its index, was) and after it (phase 1: what it is), and these
// turn the two into operations: add, remove, a move where an element kept its key and changed
// its index, and nlohmann's json::diff of what changed inside, re-rooted at the node's pointer.
// Not public.
#pragma once

#include <reconcile/json/detail/common.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reconcile::detail {

struct patch_ops {
  explicit patch_ops(json& out) : ops(out) {}
  json& ops;
  int phase = 0;  // 0: before the change is applied (records), 1: after it (emits)
  std::optional<json> before;
  std::optional<std::size_t> before_index;
  std::size_t before_size = 0;      // a sequence's size before the change
  std::vector<std::size_t> copies;  // a multiset: the indexes of the changed value's copies before

  void emit(std::string_view op, std::string ptr, const json* value = nullptr, const std::string* from = nullptr) {
    json& o = ops.emplace_back(json::object());
    o["op"] = op;
    if (from) o["from"] = *from;
    o["path"] = std::move(ptr);
    if (value) o["value"] = *value;
  }
  // The operations turning a into b at ptr (nlohmann's json::diff, re-rooted at ptr).
  void emit_diff(const std::string& ptr, const json& a, const json& b) {
    if (a == b) return;
    for (json& o : json::diff(a, b)) {
      o["path"] = ptr + o["path"].get<std::string>();
      if (o.contains("from")) o["from"] = ptr + o["from"].get<std::string>();
      ops.push_back(std::move(o));
    }
  }
  // A node that exists (JSON `now`) or not (absent member) before and after the change.
  void settle(const std::string& ptr, std::optional<json> now) {
    if (phase == 0) {
      before = std::move(now);
    } else if (before && now) {
      emit_diff(ptr, *before, *now);
    } else if (now) {
      emit("add", ptr, &*now);
    } else if (before) {
      emit("remove", ptr);
    }
  }
  // An array element that keeps its identity (a key) but may appear, vanish or move.
  void element(const std::string& array, std::optional<std::size_t> index, std::optional<json> now) {
    if (phase == 0) {
      before_index = index;
      before = std::move(now);
      return;
    }
    auto at = [&](std::size_t i) {
      std::string s = array;
      append_token(s, i);
      return s;
    };
    if (before_index && index) {
      if (*before_index != *index) {
        const std::string from = at(*before_index);
        emit("move", at(*index), nullptr, &from);
      }
      emit_diff(at(*index), *before, *now);
    } else if (before_index) {
      emit("remove", at(*before_index));
    } else if (index) {
      emit("add", at(*index), &*now);
    }
  }
};

}  // namespace reconcile::detail
