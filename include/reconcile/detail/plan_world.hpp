// How a world's fields are seen as keyed collections of resources (kinds), and the compile-time
// checks of a World. Part of plan.hpp.
#pragma once

#include <reconcile/diff.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace reconcile::detail {

// A collection of resources: a map / unordered_map (key -> resource) or a keyed_by sequence.
template <class C, class MemberRule>
struct collection;

template <class C, class MemberRule>
  requires(is_map<C>::value)
struct collection<C, MemberRule> {
  using key_type = typename C::key_type;
  using resource = typename C::mapped_type;
  template <class F>
  static void each(const C& c, F&& f) {
    for (const auto& [k, v] : c) f(k, v);
  }
};

template <class C, class MemberRule>
  requires(is_sequence<C>::value && MemberRule::keyed)
struct collection<C, MemberRule> {
  using key_type = member_of<MemberRule::key>;
  using resource = typename C::value_type;
  template <class F>
  static void each(const C& c, F&& f) {
    for (const auto& v : c) f(v.*MemberRule::key, v);
  }
};

template <class C, class MemberRule>
concept resource_collection = requires { typename collection<C, MemberRule>::resource; };

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

}  // namespace reconcile::detail
