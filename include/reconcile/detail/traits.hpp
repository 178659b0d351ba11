// How reconcile sees a type: struct, leaf or one of the supported containers. Not public.
#pragma once

#include <reconcile/reflect.hpp>

#include <array>
#include <concepts>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace reconcile::detail {

enum class vkind { unsupported, leaf, structure, optional, pointer, variant, map, set, sequence, array, tuple };

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_smart_ptr : std::false_type {};
template <class T, class D> struct is_smart_ptr<std::unique_ptr<T, D>> : std::true_type {};
template <class T> struct is_smart_ptr<std::shared_ptr<T>> : std::true_type {};
template <class T> struct is_variant : std::false_type {};
template <class... T> struct is_variant<std::variant<T...>> : std::true_type {};
template <class T> struct is_map : std::false_type {};
template <class K, class V, class C, class A> struct is_map<std::map<K, V, C, A>> : std::true_type {};
template <class K, class V, class H, class E, class A>
struct is_map<std::unordered_map<K, V, H, E, A>> : std::true_type {};
template <class T> struct is_set : std::false_type {};
template <class K, class C, class A> struct is_set<std::set<K, C, A>> : std::true_type {};
template <class K, class H, class E, class A>
struct is_set<std::unordered_set<K, H, E, A>> : std::true_type {};
template <class T> struct is_sequence : std::false_type {};
template <class T, class A> struct is_sequence<std::vector<T, A>> : std::true_type {};
template <class A> struct is_sequence<std::vector<bool, A>> : std::false_type {};  // proxy refs: a leaf
template <class T, class A> struct is_sequence<std::deque<T, A>> : std::true_type {};
template <class T, class A> struct is_sequence<std::list<T, A>> : std::true_type {};
template <class T> struct is_array : std::false_type {};
template <class T, std::size_t N> struct is_array<std::array<T, N>> : std::true_type {};
template <class T> struct is_tuple : std::false_type {};
template <class A, class B> struct is_tuple<std::pair<A, B>> : std::true_type {};
template <class... T> struct is_tuple<std::tuple<T...>> : std::true_type {};
template <class T> struct is_sorted_assoc : std::false_type {};
template <class K, class V, class C, class A> struct is_sorted_assoc<std::map<K, V, C, A>> : std::true_type {};
template <class K, class C, class A> struct is_sorted_assoc<std::set<K, C, A>> : std::true_type {};

template <class T>
consteval vkind kind_of() {
  if constexpr (is_optional<T>::value) return vkind::optional;
  else if constexpr (is_smart_ptr<T>::value) return vkind::pointer;
  else if constexpr (is_variant<T>::value) return vkind::variant;
  else if constexpr (is_map<T>::value) return vkind::map;
  else if constexpr (is_set<T>::value) return vkind::set;
  else if constexpr (is_sequence<T>::value) return vkind::sequence;
  else if constexpr (is_array<T>::value) return vkind::array;
  else if constexpr (is_tuple<T>::value) return vkind::tuple;
  else if constexpr (reflectable<T>) return vkind::structure;
  else if constexpr (std::equality_comparable<T>) return vkind::leaf;
  else return vkind::unsupported;
}
template <class T>
inline constexpr vkind kind_v = kind_of<T>();

// The innermost value type: what tolerance and relative rules apply to. Not through sets: a
// set compares its elements with its own ordering or hash, never with rules.
template <class T, vkind K = kind_v<T>>
struct leaf_of { using type = T; };
template <class T> struct leaf_of<T, vkind::optional> : leaf_of<typename T::value_type> {};
template <class T> struct leaf_of<T, vkind::pointer> : leaf_of<typename T::element_type> {};
template <class T> struct leaf_of<T, vkind::map> : leaf_of<typename T::mapped_type> {};
template <class T> struct leaf_of<T, vkind::sequence> : leaf_of<typename T::value_type> {};
template <class T> struct leaf_of<T, vkind::array> : leaf_of<typename T::value_type> {};
template <class T> using leaf_t = typename leaf_of<T>::type;

template <class T>
concept string_like = std::is_convertible_v<const T&, std::string_view> && !std::is_pointer_v<T>;

template <class T>
concept hashable = requires(const T& v) {
  { std::hash<T>{}(v) } -> std::convertible_to<std::size_t>;
};

// Is T supported all the way down (used by the public entry points' static_asserts)?
// Depth-bounded so that recursive types (a Node holding vector<Node>) terminate.
template <class T, int D = 0>
consteval bool supported();

template <class T, int D, std::size_t... I>
consteval bool fields_supported(std::index_sequence<I...>) {
  return (supported<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<T&>()))>, D>() && ...);
}
template <int D, class... T>
consteval bool all_supported(const std::tuple<T...>*) {
  return (supported<T, D>() && ...);
}
template <int D, class... T>
consteval bool all_supported(const std::variant<T...>*) {
  return (supported<T, D>() && ...);
}
template <int D, class A, class B>
consteval bool all_supported(const std::pair<A, B>*) {
  return supported<A, D>() && supported<B, D>();
}

template <class T, int D>
consteval bool supported() {
  constexpr vkind k = kind_v<T>;
  if constexpr (D > 8) return k != vkind::unsupported;
  else if constexpr (k == vkind::unsupported) return false;
  else if constexpr (k == vkind::structure)
    return fields_supported<T, D + 1>(std::make_index_sequence<field_count<T>>{});
  else if constexpr (k == vkind::optional || k == vkind::sequence || k == vkind::array)
    return supported<typename T::value_type, D + 1>();
  else if constexpr (k == vkind::pointer) return supported<typename T::element_type, D + 1>();
  else if constexpr (k == vkind::map)
    return std::equality_comparable<typename T::key_type> && supported<typename T::mapped_type, D + 1>();
  else if constexpr (k == vkind::variant || k == vkind::tuple)
    return all_supported<D + 1>(static_cast<const T*>(nullptr));
  else return true;
}

}  // namespace reconcile::detail
