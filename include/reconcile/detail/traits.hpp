// How reconcile sees a type: struct, leaf or one of the supported containers. Not public.
#pragma once

#include <reconcile/reflect.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace reconcile::detail {

enum class vkind { unsupported, leaf, structure, optional, pointer, variant, map, set, sequence, array, tuple };

// Containers, optionals and smart pointers are recognised by their members, not by their
// templates: no <map>, <set>, <deque>, <list>, <optional> or <memory> is needed here (each
// costs compile time in every translation unit), and look-alikes (Boost.Container's vectors
// and flat maps, boost::optional) are handled as the std types are. The concepts ask for what
// equal, diff, apply and the JSON layer use, and exclude what they cannot handle: strings,
// std::vector<bool> (proxy references), multimaps and multisets (duplicate keys) are leaves.

template <class T>
concept optional_like = requires(T& t, const T& c) {
  typename T::value_type;
  { c.has_value() } -> std::same_as<bool>;
  { *c } -> std::same_as<const typename T::value_type&>;
  t.reset();
};
template <class T>
concept pointer_like = !optional_like<T> && requires(T& t, const T& c) {
  typename T::element_type;
  c.get();
  *c;
  static_cast<bool>(c);
  t.reset();
};
template <class T>
concept map_like = requires(T& t, const T& c, const typename T::key_type& k, const typename T::mapped_type& v) {
  { c.begin()->first } -> std::convertible_to<const typename T::key_type&>;
  { c.begin()->second } -> std::convertible_to<const typename T::mapped_type&>;
  c.end();
  c.size();
  { c.find(k) } -> std::same_as<typename T::const_iterator>;
  { c.contains(k) } -> std::same_as<bool>;
  t.erase(k);
  t.insert_or_assign(k, v);  // unique keys: not a multimap
};
template <class T>
concept set_like = !map_like<T> && requires(T& t, const T& c, const typename T::value_type& k) {
  requires std::same_as<typename T::key_type, typename T::value_type>;
  c.begin();
  c.end();
  c.size();
  { c.contains(k) } -> std::same_as<bool>;
  t.erase(k);
  { t.insert(k).second } -> std::convertible_to<bool>;  // unique elements: not a multiset
};
template <class T>
concept sequence_like = !requires { typename T::traits_type; } &&  // strings are leaves
                        requires(T& t, const T& c, const typename T::value_type& v) {
  requires std::same_as<typename T::reference, typename T::value_type&>;  // not vector<bool>
  c.begin();
  c.end();
  c.size();
  t.push_back(v);
  t.emplace_back(v);
  t.insert(t.end(), v);
  t.erase(t.begin(), t.end());
};
template <class T>
concept sorted_like = requires(const T& c) {
  typename T::key_compare;
  c.key_comp();
};

template <class T> struct is_optional : std::bool_constant<optional_like<T>> {};
template <class T> struct is_smart_ptr : std::bool_constant<pointer_like<T>> {};
template <class T> struct is_variant : std::false_type {};
template <class... T> struct is_variant<std::variant<T...>> : std::true_type {};
template <class T> struct is_map : std::bool_constant<map_like<T>> {};
template <class T> struct is_set : std::bool_constant<set_like<T>> {};
template <class T> struct is_sequence : std::bool_constant<sequence_like<T>> {};
template <class T> struct is_array : std::false_type {};
template <class T, std::size_t N> struct is_array<std::array<T, N>> : std::true_type {};
template <class T> struct is_tuple : std::false_type {};
template <class A, class B> struct is_tuple<std::pair<A, B>> : std::true_type {};
template <class... T> struct is_tuple<std::tuple<T...>> : std::true_type {};
// Maps and sets that iterate in key order (std::map, std::set): merged in one pass.
template <class T> struct is_sorted_assoc : std::bool_constant<(map_like<T> || set_like<T>) && sorted_like<T>> {};

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

// std::hash is declared by <string_view> (and <functional>).
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
