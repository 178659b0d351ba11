// RFC 6901 pointers and RFC 6902 operations on nlohmann::json: one operation applied with the
// checks nlohmann leaves out, and a pointer turned into a reconcile::path by following T's
// static shape (for apply_json_patch's errors). Not public.
#pragma once

#include <reconcile/json/detail/read.hpp>
#include <reconcile/json/detail/write.hpp>
#include <reconcile/path.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace reconcile::detail {

// ---- applying one RFC 6902 operation ----

// Applies op to doc with nlohmann's patch_inplace, after the checks nlohmann leaves out: the
// parent of an `add` must be an object or array (nlohmann asserts), the target of a `remove`
// must exist (nlohmann ignores a primitive parent), `move` must not move a value into itself;
// `move` runs as a remove then an add, each checked when it runs. Throws json::exception.
inline void apply_operation(json& doc, const json& op) {
  using pointer = json::json_pointer;
  auto fail = [](const std::string& why) {
#if defined(__cpp_exceptions)
    throw json::other_error::create(501, why, static_cast<const json*>(nullptr));
#else
    json_fail(json_errc::patch_failed, path{}, why);
#endif
  };
  auto check_add = [&](const pointer& ptr) {
    if (ptr.empty()) return;
    const pointer parent = ptr.parent_pointer();
    if (!doc.contains(parent)) fail("no value at " + parent.to_string());
    const json& p = doc.at(parent);
    if (!p.is_object() && !p.is_array()) fail("cannot add to " + describe(p) + " at " + parent.to_string());
  };
  auto check_remove = [&](const pointer& ptr) {
    if (ptr.empty()) fail("cannot remove the whole document");
    if (!doc.contains(ptr)) fail("no value at " + ptr.to_string());
  };
  if (!op.is_object() || !op.contains("op") || !op["op"].is_string() || !op.contains("path") || !op["path"].is_string())
    return doc.patch_inplace(json::array({op}));  // nlohmann names what is missing
  const std::string& name = op["op"].get_ref<const std::string&>();
  const pointer ptr(op["path"].get<std::string>());
  if (name == "move" && op.contains("from") && op["from"].is_string()) {
    const std::string& from_text = op["from"].get_ref<const std::string&>();
    const pointer from(from_text);
    const std::string to_text = op["path"].get<std::string>();
    if (to_text.size() > from_text.size() && to_text.compare(0, from_text.size(), from_text) == 0 &&
        to_text[from_text.size()] == '/')
      fail("cannot move " + from_text + " into itself");
    check_remove(from);
    json value = doc.at(from);
    doc.patch_inplace(json::array({json{{"op", "remove"}, {"path", from_text}}}));
    check_add(ptr);
    doc.patch_inplace(json::array({json{{"op", "add"}, {"path", to_text}, {"value", std::move(value)}}}));
    return;
  }
  if (name == "add" || name == "copy") check_add(ptr);
  if (name == "remove") check_remove(ptr);
  doc.patch_inplace(json::array({op}));
}

// ---- the size guard of apply_json_patch ----

// The number of values in j (itself and everything inside it); stops counting past limit.
inline std::size_t count_values(const json& j, std::size_t limit) {
  std::size_t n = 1;
  if (j.is_structured())
    for (const json& e : j) {
      if (n > limit) break;
      n += count_values(e, limit);
    }
  return n;
}

// The value at RFC 6901 pointer text in doc; null when the text is malformed or names nothing.
inline const json* value_at(const json& doc, const json& text) {
  if (!text.is_string()) return nullptr;
  const std::string& s = text.get_ref<const std::string&>();
  if (!s.empty() && s.front() != '/') return nullptr;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '~' && (i + 1 == s.size() || (s[i + 1] != '0' && s[i + 1] != '1'))) return nullptr;
#if defined(__cpp_exceptions)
  try {
#endif
    const json::json_pointer ptr(s);
    return doc.contains(ptr) ? &doc.at(ptr) : nullptr;
#if defined(__cpp_exceptions)
  } catch (const json::exception&) {  // an array index past size_t: names nothing
    return nullptr;
  }
#endif
}

// How many values op adds to doc minus how many it drops: the replaced or removed value, or
// the object member (or whole document) that an add, copy or move overwrites; an add into an
// array inserts. `test` and malformed operations count 0 (apply_operation reports the latter).
// Costs a walk over the values added and dropped, each counted up to limit.
inline long long patch_growth(const json& doc, const json& op, std::size_t limit) {
  if (!op.is_object()) return 0;
  auto member = [&](const char* k) -> const json* {
    auto it = op.find(k);
    return it == op.end() ? nullptr : &*it;
  };
  const json* name = member("op");
  const json* where = member("path");
  if (name == nullptr || !name->is_string() || where == nullptr || !where->is_string()) return 0;
  const std::string& verb = name->get_ref<const std::string&>();
  const std::string& to = where->get_ref<const std::string&>();
  auto count = [&](const json* j) { return j ? static_cast<long long>(count_values(*j, limit)) : 0LL; };
  const json* target = value_at(doc, *where);
  auto overwritten = [&]() -> const json* {
    if (target == nullptr || to.empty()) return target;
    const json* parent = value_at(doc, json(to.substr(0, to.rfind('/'))));
    return parent != nullptr && parent->is_object() ? target : nullptr;
  };
  const json* from = member("from");
  if (verb == "add") return count(member("value")) - count(overwritten());
  if (verb == "replace") return count(member("value")) - count(target);
  if (verb == "remove") return -count(target);
  if (verb == "copy") return count(from ? value_at(doc, *from) : nullptr) - count(overwritten());
  if (verb == "move") {
    if (from == nullptr || !from->is_string() || *from == *where) return 0;
    const json* dropped = overwritten();
    // Moving a value up over its own ancestor drops the ancestor but keeps the value.
    const std::string& source = from->get_ref<const std::string&>();
    const bool inside = dropped != nullptr && source.size() > to.size() && source.compare(0, to.size(), to) == 0 &&
                        source[to.size()] == '/';
    return inside ? count(value_at(doc, *from)) - count(dropped) : -count(dropped);
  }
  return 0;
}

// ---- RFC 6901 pointer -> reconcile::path, following T's static shape where it can ----

inline std::vector<std::string> pointer_tokens(std::string_view ptr) {
  std::vector<std::string> out;
  if (ptr.empty() || ptr.front() != '/') return out;
  ptr.remove_prefix(1);
  while (true) {
    const std::size_t slash = ptr.find('/');
    std::string_view raw = ptr.substr(0, slash);
    std::string t;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        t += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        t += raw[i];
      }
    }
    out.push_back(std::move(t));
    if (slash == std::string_view::npos) break;
    ptr.remove_prefix(slash + 1);
  }
  return out;
}

inline bool all_digits(const std::string& t) {
  if (t.empty()) return false;
  for (char ch : t)
    if (ch < '0' || ch > '9') return false;
  return true;
}
// Appends `[n]` when t is an array index; false otherwise.
inline bool index_token(const std::string& t, path& out) {
  if (!all_digits(t) || t.size() > 18) return false;
  out.push_back(segment::position(static_cast<std::size_t>(std::stoull(t))));
  return true;
}
inline void untyped_path(const std::vector<std::string>& toks, std::size_t i, path& out) {
  for (; i < toks.size(); ++i)
    if (!index_token(toks[i], out)) out.push_back(segment::named_field(toks[i]));
}

template <class V>
void typed_path(const std::vector<std::string>& toks, std::size_t i, path& out) {
  if (i == toks.size()) return;
  constexpr vkind k = kind_v<V>;
  const std::string& t = toks[i];
  if constexpr (k == vkind::optional) {
    typed_path<typename V::value_type>(toks, i, out);
  } else if constexpr (k == vkind::pointer) {
    typed_path<typename V::element_type>(toks, i, out);
  } else if constexpr (k == vkind::structure) {
    const bool found = [&]<std::size_t... I>(std::index_sequence<I...>) {
      return ((t == field_name<V, I> ? (out.push_back(segment::field(I, field_name<V, I>)),
                                        typed_path<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<V&>()))>>(
                                            toks, i + 1, out),
                                        true)
                                     : false) ||
              ...);
    }(std::make_index_sequence<field_count<V>>{});
    if (!found) untyped_path(toks, i, out);
  } else if constexpr (k == vkind::map) {
    if constexpr (key_as_text<typename V::key_type>) {
      typename V::key_type key{};
      if (parse_key(t, key)) out.push_back(segment::key(key));
      else out.push_back(segment::key(t));
      typed_path<typename V::mapped_type>(toks, i + 1, out);
    } else {
      untyped_path(toks, i, out);
    }
  } else if constexpr (k == vkind::sequence || k == vkind::array) {
    if (!index_token(t, out)) return untyped_path(toks, i, out);
    typed_path<typename V::value_type>(toks, i + 1, out);
  } else {
    untyped_path(toks, i, out);
  }
}

}  // namespace reconcile::detail
