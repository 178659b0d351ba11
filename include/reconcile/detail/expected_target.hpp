// detail::expected_target: what an action in flight drives its resource toward, for
// reconcile::expectations: the desired resource (expected_of<K, R>, typed), or its absence,
// or, for an intent reloaded from a journal, its content hash only (restored_target). Their
// test against a later action's observation needs reconcile::action, and so is defined in
// action.hpp, which includes this header. Part of action.hpp.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/detail/type_id.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace reconcile {

class action;

namespace detail {

// expected_target: what an action in flight drives its resource toward: the desired resource
// (create, update, replace) or its absence (remove). It is met by an observation of the
// resource (nullptr: absent) equal to that target by the resource's rules (ignore, tolerance...).
struct expected_target {
  std::size_t kind_index;
  const void* key_type;       // null for a target reloaded from a journal
  const void* resource_type;  // null likewise
  std::uint64_t hash = 0;     // content_hash of the target resource; 0: absent
  expected_target(std::size_t k, const void* kt, const void* rt) : kind_index(k), key_type(kt), resource_type(rt) {}
  virtual ~expected_target() = default;
  // `observed` points to a resource of type resource_type, or is null (absent).
  virtual bool met_by(const void* observed) const = 0;
  // Met by the observation an action of a later plan carries (its observed resource).
  virtual bool met_by(const action& later) const = 0;
};

template <class K, class R>
struct expected_of final : expected_target {
  K key;
  std::optional<R> target;  // nullopt: the resource is being removed
  expected_of(std::size_t kind, const K& k, const std::optional<R>& t)
      : expected_target(kind, &type_id<K>, &type_id<R>), key(k), target(t) {}
  bool met_by(const void* observed) const override {
    const R* o = static_cast<const R*>(observed);
    return target ? o && reconcile::equal(*o, *target) : o == nullptr;
  }
  bool met_by(const action& later) const override;  // defined in action.hpp, below action
};

// A target reloaded from a journal: known by address and content hash only.
struct restored_target final : expected_target {
  std::string key_text;
  restored_target(std::size_t kind, std::string key, std::uint64_t h) : expected_target(kind, nullptr, nullptr), key_text(std::move(key)) {
    hash = h;
  }
  bool met_by(const void*) const override { return false; }
  bool met_by(const action& later) const override;  // defined in action.hpp, below action
};

}  // namespace detail
}  // namespace reconcile
