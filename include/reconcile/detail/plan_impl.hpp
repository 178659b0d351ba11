// How a world's fields are seen as keyed collections of resources, the content hash behind
// idempotency keys, and the typed action a plan stores for each resource. Not public.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/error.hpp>
#include <reconcile/detail/print.hpp>
#include <reconcile/detail/print_change.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
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

// world_kind<World, I>: field I of a world struct seen as a resource kind. A field with the
// `ignore` rule is no kind (the world may carry other data); any other field must be a
// resource collection. World itself a collection: one kind, "resources".
template <class World, std::size_t I, bool Single = resource_collection<World, field_rule<>>>
struct world_kind {
  using rule = std::remove_cvref_t<decltype(rule_for<World, I>(no_rules))>;
  using type = std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<const World&>()))>;
  static constexpr bool ignored = (rule::flags & f_ignore) != 0;
  static constexpr bool valid = ignored || resource_collection<type, rule>;
  static constexpr bool is_kind = !ignored && resource_collection<type, rule>;
  static constexpr std::string_view name = field_name<World, I>;
  static const type& of(const World& w) noexcept { return reconcile::get<I>(w); }
};
template <class World, std::size_t I>
struct world_kind<World, I, true> {
  using rule = field_rule<>;
  using type = World;
  static constexpr bool ignored = false;
  static constexpr bool valid = true;
  static constexpr bool is_kind = true;
  static constexpr std::string_view name = "resources";
  static const World& of(const World& w) noexcept { return w; }
};

template <class World>
consteval std::size_t world_field_count() {
  if constexpr (resource_collection<World, field_rule<>>) return 1;
  else if constexpr (reflectable<World>) return field_count<World>;
  else return 0;
}

// The key and resource types of kind I (void for an ignored field).
template <class World, std::size_t I, bool IsKind = world_kind<World, I>::is_kind>
struct kind_types {
  using key_type = void;
  using resource = void;
};
template <class World, std::size_t I>
struct kind_types<World, I, true> {
  using C = collection<typename world_kind<World, I>::type, typename world_kind<World, I>::rule>;
  using key_type = typename C::key_type;
  using resource = typename C::resource;
};

// The first field of World that is neither a resource collection nor ignored; npos if none.
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);
template <class World>
consteval std::size_t first_invalid_kind() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    std::size_t bad = npos;
    ((bad == npos && !world_kind<World, I>::valid ? (bad = I) : 0), ...);
    return bad;
  }(std::make_index_sequence<world_field_count<World>()>{});
}

// Instantiated only for the first World field that is not a resource collection: the
// compiler's note "in instantiation of check_world_field<World, FieldIndex, FieldType>" names it.
template <class World, std::size_t FieldIndex, class FieldType>
consteval bool check_world_field() {
  static_assert(world_kind<World, FieldIndex>::valid,
                "reconcile::plan_for: every World field must be a map, an unordered_map or a sequence with a "
                "keyed_by rule (or carry the ignore rule: field<&World::m> | ignore); the field is named in "
                "check_world_field<World, FieldIndex, FieldType>");
  return true;
}

// The first kind of World whose resource type a plan cannot hold; npos if none.
template <class World>
consteval std::size_t first_unfit_resource();

// Instantiated only for that kind: names it in the note "in instantiation of check_resource".
template <class World, std::size_t FieldIndex, class Key, class Resource>
consteval bool check_resource() {
  if constexpr (!supported<Resource>())
    static_assert(supported<Resource>(),
                  "reconcile::plan_for: the Resource type named in check_resource<World, FieldIndex, Key, Resource> "
                  "(or a type inside it) is neither reflectable nor comparable; make it an aggregate, use "
                  "BOOST_HANA_DEFINE_STRUCT, or give it operator==");
  else
    static_assert(std::is_copy_constructible_v<Resource> && std::is_copy_constructible_v<Key>,
                  "reconcile::plan_for: a plan owns copies of its resources and keys, but the Resource or Key named "
                  "in check_resource<World, FieldIndex, Key, Resource> cannot be copied (a unique_ptr inside?); "
                  "use shared_ptr or a copyable type");
  return true;
}

template <class World>
consteval std::size_t first_unfit_resource() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    std::size_t bad = npos;
    auto fit = []<std::size_t J>(std::integral_constant<std::size_t, J>) {
      if constexpr (!world_kind<World, J>::is_kind) {
        return true;
      } else {
        using K = typename kind_types<World, J>::key_type;
        using R = typename kind_types<World, J>::resource;
        return supported<R>() && std::is_copy_constructible_v<R> && std::is_copy_constructible_v<K>;
      }
    };
    ((bad == npos && !fit(std::integral_constant<std::size_t, I>{}) ? (bad = I) : 0), ...);
    return bad;
  }(std::make_index_sequence<world_field_count<World>()>{});
}

// FNV-1a, 64 bit: stable across runs, platforms and compilers.
constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) noexcept {
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  return h;
}

// content_hash: a hash of a value that equal values share however they were built: fields
// under `ignore` are left out; unordered containers, keyed_by (not ordered) and `unordered`
// sequences hash their elements order-free. Leaves hash their printed text (so a leaf that
// has no printer, printed as <Type>, adds only its type). Costs one print per leaf, plus a
// sort of the element hashes of each order-free container.
struct content_hash {
  std::uint64_t h = 14695981039346656037ull;

  void text(std::string_view s) noexcept {
    word(s.size());
    h = fnv1a(s, h);
  }
  void word(std::uint64_t x) noexcept {
    for (int i = 0; i < 8; ++i) {
      h ^= (x >> (8 * i)) & 0xffu;
      h *= 1099511628211ull;
    }
  }
  template <class V, class R>
  static std::uint64_t of(const V& v, const R& r) {
    content_hash c;
    c.value(v, r);
    return c.h;
  }
  // Hashes of each element (f(hasher, element)), sorted: the container's order does not count.
  template <class Range, class F>
  void order_free(const Range& range, F&& f) {
    std::vector<std::uint64_t> hs;
    for (const auto& e : range) {
      content_hash c;
      f(c, e);
      hs.push_back(c.h);
    }
    std::sort(hs.begin(), hs.end());
    word(hs.size());
    for (std::uint64_t x : hs) word(x);
  }

  template <class V, class R>
  void value(const V& v, const R& r) {
    constexpr vkind k = kind_v<V>;
    if constexpr (k == vkind::structure) {
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (
            [&] {
              const auto& fr = rule_for<V, I>(no_rules);
              if constexpr ((std::remove_cvref_t<decltype(fr)>::flags & f_ignore) == 0) {
                word(I);
                value(reconcile::get<I>(v), fr);
              }
            }(),
            ...);
      }(std::make_index_sequence<field_count<V>>{});
    } else if constexpr (k == vkind::optional || k == vkind::pointer) {
      word(v ? 1 : 0);
      if (v) value(*v, r);
    } else if constexpr (k == vkind::variant) {
      word(v.index());
      std::visit([&](const auto& alt) { value(alt, r); }, v);
    } else if constexpr (k == vkind::map) {
      const auto er = element_rule(r);
      auto entry = [&](content_hash& c, const auto& kv) {
        c.value(kv.first, default_rule);
        c.value(kv.second, er);
      };
      if constexpr (is_sorted_assoc<V>::value) {
        word(v.size());
        for (const auto& kv : v) entry(*this, kv);
      } else {
        order_free(v, entry);
      }
    } else if constexpr (k == vkind::set) {
      auto element = [&](content_hash& c, const auto& e) { c.value(e, default_rule); };
      if constexpr (is_sorted_assoc<V>::value) {
        word(v.size());
        for (const auto& e : v) element(*this, e);
      } else {
        order_free(v, element);
      }
    } else if constexpr (k == vkind::sequence || k == vkind::array) {
      const auto er = element_rule(r);
      auto element = [&](content_hash& c, const auto& e) { c.value(e, er); };
      constexpr bool free = k == vkind::sequence && ((R::keyed && (R::flags & f_ordered) == 0) ||
                                                     (R::flags & f_unordered) != 0);
      if constexpr (free) {
        order_free(v, element);
      } else {
        word(v.size());
        for (const auto& e : v) element(*this, e);
      }
    } else if constexpr (k == vkind::tuple) {
      const auto er = element_rule(r);
      std::apply([&](const auto&... e) { (value(e, er), ...); }, v);
    } else {
      std::string s;
      print_value(s, v);
      text(s);
    }
  }
};

// Identifies a type without RTTI: the address of type_id<T> is unique per T in a program.
template <class T>
inline constexpr char type_id = 0;

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
/// Owns copies of its key and resources. The typed parts are read with key_as<K>(),
/// observed_as<R>(), desired_as<R>() and changes_as<R>(): each returns nullptr when the
/// action's key or resource type is not the one asked for (or the part does not exist).
/// Example:
///   for (const reconcile::action& a : p)
///     if (const Deployment* d = a.desired_as<Deployment>()) std::cout << d->replicas;
class action {
 public:
  action(const action&) = delete;
  action& operator=(const action&) = delete;
  virtual ~action() = default;

  reconcile::verb verb() const noexcept { return verb_; }
  /// The world field's name, e.g. "deployments" ("resources" for a single collection).
  std::string_view kind() const noexcept { return kind_; }
  /// The world field's index (declaration order).
  std::size_t kind_index() const noexcept { return kind_index_; }
  /// The key as printed in paths, e.g. `"web"` (strings quoted).
  const std::string& key_text() const noexcept { return key_text_; }
  /// The resource's path in the world, e.g. `deployments["web"]`.
  std::string address() const { return std::string(kind_) + "[" + key_text_ + "]"; }
  /// A stable hash of kind, verb, key and desired content (see content_hash: equal contents
  /// built in any order hash alike): the same action planned again (after a crash, on another
  /// machine) has the same key; usable as a request id or client order id.
  std::uint64_t idempotency_key() const noexcept { return idempotency_key_; }
  /// idempotency_key() as 16 lowercase hex digits.
  std::string idempotency_id() const {
    static constexpr char hex[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 0; i < 16; ++i) s[static_cast<std::size_t>(15 - i)] = hex[(idempotency_key_ >> (4 * i)) & 15];
    return s;
  }
  /// For update: the changes, one per line (`~ replicas: 2 -> 3`); for replace: the paths of
  /// the immutable fields that force it, e.g. "name".
  const std::vector<std::string>& details() const noexcept { return details_; }
  /// For replace: whether the new resource is created before the old one is removed.
  bool create_before_destroy() const noexcept { return create_before_destroy_; }

  /// holds<R>(): the action's resource type is R.
  template <class R>
  bool holds() const noexcept {
    return resource_type_ == &detail::type_id<R>;
  }
  /// The key, if its type is K.
  template <class K>
  const K* key_as() const noexcept {
    return static_cast<const K*>(part(part_id::key, &detail::type_id<K>));
  }
  /// The resource as observed (update, replace, remove), if its type is R.
  template <class R>
  const R* observed_as() const noexcept {
    return static_cast<const R*>(part(part_id::observed, &detail::type_id<R>));
  }
  /// The resource as desired (create, update, replace), if its type is R.
  template <class R>
  const R* desired_as() const noexcept {
    return static_cast<const R*>(part(part_id::desired, &detail::type_id<R>));
  }
  /// The changes from observed to desired (update, replace), if the resource type is R.
  template <class R>
  const changeset<R>* changes_as() const noexcept {
    return static_cast<const changeset<R>*>(part(part_id::changes, &detail::type_id<R>));
  }

 protected:
  enum class part_id : unsigned char { key, observed, desired, changes };
  action(reconcile::verb v, std::string_view kind, std::size_t kind_index, std::string key_text,
         const void* resource_type)
      : verb_(v), kind_(kind), kind_index_(kind_index), key_text_(std::move(key_text)), resource_type_(resource_type) {}
  // The part asked for, or nullptr when it is absent or its type is not `type`.
  virtual const void* part(part_id p, const void* type) const noexcept = 0;

  reconcile::verb verb_;
  std::string_view kind_;  // a field name: static storage
  std::size_t kind_index_;
  std::string key_text_;
  const void* resource_type_;
  std::uint64_t idempotency_key_ = 0;
  std::vector<std::string> details_;
  bool create_before_destroy_ = false;
};

namespace detail {

// resource_action<K, R>: an action with its typed key and owned copies of the resources.
template <class K, class R>
class resource_action final : public action {
 public:
  resource_action(reconcile::verb v, std::string_view kind, std::size_t kind_index, const K& key,
                  const R* observed, const R* desired, bool cbd)
      : action(v, kind, kind_index, printed(key), &type_id<R>), key_(key) {
    if (observed) observed_.emplace(*observed);
    if (desired) desired_.emplace(*desired);
    create_before_destroy_ = cbd;
    content_hash h;
    h.text(kind);
    h.word(static_cast<std::uint64_t>(v));
    h.text(key_text_);
    h.word(desired ? 1 : 0);
    if (desired) h.word(content_hash::of(*desired, default_rule));
    idempotency_key_ = h.h;
  }
  const K& key() const noexcept { return key_; }
  const R& observed() const noexcept { return *observed_; }
  const R& desired() const noexcept { return *desired_; }
  const changeset<R>& changes() const noexcept { return changes_; }
  changeset<R>& changes_slot() noexcept { return changes_; }
  std::vector<std::string>& details_slot() noexcept { return details_; }

 private:
  const void* part(part_id p, const void* type) const noexcept override {
    switch (p) {
      case part_id::key: return type == &type_id<K> ? &key_ : nullptr;
      case part_id::observed: return type == &type_id<R> && observed_ ? &*observed_ : nullptr;
      case part_id::desired: return type == &type_id<R> && desired_ ? &*desired_ : nullptr;
      case part_id::changes:
        return type == &type_id<R> && (verb_ == verb::update || verb_ == verb::replace) ? &changes_ : nullptr;
    }
    return nullptr;
  }
  static std::string printed(const K& k) {
    std::string s;
    print_value(s, k);
    return s;
  }
  K key_;
  std::optional<R> observed_, desired_;
  changeset<R> changes_;
};

// Entries of one side, sorted by key (by printed key when keys have no <): plans are
// deterministic whatever the collection's order. Throws reconcile::error on a duplicate key.
template <class K, class R>
struct side {
  static constexpr bool ordered = std::totally_ordered<K>;
  struct item {
    const K* key;
    const R* resource;
    std::string text;  // the printed key, when K has no <
  };
  std::vector<item> items;

  static bool less(const item& x, const item& y) {
    if constexpr (ordered) return *x.key < *y.key;
    else return x.text < y.text;
  }
  template <class C, class FR>
  static side of(const C& c, std::size_t kind_index, std::string_view kind, const char* which) {
    side s;
    collection<C, FR>::each(c, [&](const K& k, const R& r) {
      item it{&k, &r, {}};
      if constexpr (!ordered) print_value(it.text, k);
      s.items.push_back(std::move(it));
    });
    std::sort(s.items.begin(), s.items.end(), &less);
    for (std::size_t i = 1; i < s.items.size(); ++i)
      if (*s.items[i - 1].key == *s.items[i].key) {
        path p;
        p.push_back(segment::field(kind_index, kind));
        p.push_back(segment::key(box(*s.items[i].key)));
        const std::string where = p.to_string();
        raise(error(std::move(p), "reconcile::plan_for: duplicate key in the " + std::string(which) + " " +
                                      std::string(kind) + ": " + where));
      }
    return s;
  }
  const R* find(const K& k) const {
    item probe{&k, nullptr, {}};
    if constexpr (!ordered) print_value(probe.text, k);
    auto it = std::lower_bound(items.begin(), items.end(), probe, &less);
    for (; it != items.end() && !less(probe, *it); ++it)
      if (*it->key == k) return it->resource;
    return nullptr;
  }
};

}  // namespace detail
}  // namespace reconcile
