// How a world's fields are seen as keyed collections of resources, and the typed action a
// plan stores for each resource. Not public.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/detail/key_index.hpp>
#include <reconcile/detail/print.hpp>
#include <reconcile/detail/print_change.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reconcile {

/// verb: what an action does to one resource.
enum class verb : unsigned char { create, update, replace, remove };

namespace detail {

// A collection of resources: a map / unordered_map (key -> resource) or a keyed_by sequence.
template <class C, class FR>
struct collection;

template <class C, class FR>
  requires(is_map<C>::value)
struct collection<C, FR> {
  using key_type = typename C::key_type;
  using resource = typename C::mapped_type;
  template <class F>
  static void each(const C& c, F&& f) {
    for (const auto& [k, v] : c) f(k, v);
  }
};

template <class C, class FR>
  requires(is_sequence<C>::value && FR::keyed)
struct collection<C, FR> {
  using key_type = member_of<FR::key>;
  using resource = typename C::value_type;
  template <class F>
  static void each(const C& c, F&& f) {
    for (const auto& v : c) f(v.*FR::key, v);
  }
};

template <class C, class FR>
concept resource_collection = requires { typename collection<C, FR>::resource; };

// Entries of one side, sorted by key when keys are ordered (deterministic plans), else in
// the collection's own order.
template <class K, class R>
struct side {
  std::vector<std::pair<const K*, const R*>> items;
  template <class C, class FR>
  static side of(const C& c) {
    side s;
    collection<C, FR>::each(c, [&](const K& k, const R& r) { s.items.emplace_back(&k, &r); });
    if constexpr (std::totally_ordered<K>)
      std::sort(s.items.begin(), s.items.end(), [](const auto& x, const auto& y) { return *x.first < *y.first; });
    return s;
  }
  const R* find(const K& k) const {
    if constexpr (std::totally_ordered<K>) {
      auto it = std::lower_bound(items.begin(), items.end(), k, [](const auto& x, const K& y) { return *x.first < y; });
      return it != items.end() && *it->first == k ? it->second : nullptr;
    } else {
      for (const auto& [key, r] : items)
        if (*key == k) return r;
      return nullptr;
    }
  }
};

// FNV-1a, 64 bit: stable across runs, platforms and compilers.
constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) noexcept {
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace detail

/// to_string(verb): "create", "update", "replace" or "remove".
constexpr std::string_view to_string(verb v) noexcept {
  switch (v) {
    case verb::create: return "create";
    case verb::update: return "update";
    case verb::replace: return "replace";
    case verb::remove: return "remove";
  }
  return "?";
}

/// action: one step of a plan: create, update, replace or remove one resource of one kind.
/// The typed parts (key, observed and desired resource, changeset) live in the derived
/// resource_action<K, R>; this base carries what every action has.
class action {
 public:
  virtual ~action() = default;
  reconcile::verb verb() const noexcept { return verb_; }
  /// The world field's name, e.g. "deployments".
  std::string_view kind() const noexcept { return kind_; }
  std::size_t kind_index() const noexcept { return kind_index_; }
  /// The key as printed in paths, e.g. `"web"` (strings quoted).
  const std::string& key_text() const noexcept { return key_text_; }
  /// The resource's path in the world, e.g. `deployments["web"]`.
  std::string address() const { return std::string(kind_) + "[" + key_text_ + "]"; }
  /// A stable hash of kind, verb, key and desired content: the same action planned again
  /// (after a crash, on another machine) has the same key; usable as a request id.
  std::uint64_t idempotency_key() const noexcept { return idempotency_key_; }
  /// idempotency_key() as 16 hex digits.
  std::string idempotency_id() const {
    static constexpr char hex[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 0; i < 16; ++i) s[static_cast<std::size_t>(15 - i)] = hex[(idempotency_key_ >> (4 * i)) & 15];
    return s;
  }
  /// For update: the changes, one per line (`~ replicas: 2 -> 3`); for replace: the
  /// immutable fields that force it, e.g. "name".
  const std::vector<std::string>& details() const noexcept { return details_; }
  /// For replace: whether the new resource is created before the old one is removed.
  bool create_before_destroy() const noexcept { return create_before_destroy_; }

 protected:
  action(reconcile::verb v, std::string_view kind, std::size_t kind_index, std::string key_text)
      : verb_(v), kind_(kind), kind_index_(kind_index), key_text_(std::move(key_text)) {}
  reconcile::verb verb_;
  std::string_view kind_;
  std::size_t kind_index_;
  std::string key_text_;
  std::uint64_t idempotency_key_ = 0;
  std::vector<std::string> details_;
  bool create_before_destroy_ = false;
};

/// resource_action<K, R>: an action with its typed key and owned copies of the resources.
template <class K, class R>
class resource_action final : public action {
 public:
  resource_action(reconcile::verb v, std::string_view kind, std::size_t kind_index, const K& key,
                  const R* observed, const R* desired, bool cbd)
      : action(v, kind, kind_index, printed(key)), key_(key) {
    if (observed) observed_.emplace(*observed);
    if (desired) desired_.emplace(*desired);
    create_before_destroy_ = cbd;
    std::string content = std::string(kind) + '\x1f' + std::to_string(static_cast<int>(v)) + '\x1f' + key_text_;
    if (desired) detail::print_value(content, *desired);
    idempotency_key_ = detail::fnv1a(content);
  }
  const K& key() const noexcept { return key_; }
  /// The resource as observed (update, replace, remove).
  const R& observed() const noexcept { return *observed_; }
  /// The resource as desired (create, update, replace).
  const R& desired() const noexcept { return *desired_; }
  const changeset<R>& changes() const noexcept { return changes_; }
  changeset<R>& changes_slot() noexcept { return changes_; }
  std::vector<std::string>& details_slot() noexcept { return details_; }

 private:
  static std::string printed(const K& k) {
    std::string s;
    detail::print_value(s, k);
    return s;
  }
  K key_;
  std::optional<R> observed_, desired_;
  changeset<R> changes_;
};

}  // namespace reconcile
