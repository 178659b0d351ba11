// Field access and names for reconcile/reflect.hpp. Not public.
#pragma once

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <reconcile/detail/aggregate_shape.hpp>
#include <reconcile/detail/fields_generated.hpp>
#include <reconcile/detail/force_inline.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace reconcile::detail {

// Types that are aggregates but are handled as containers, never as structs.
template <class T>
struct not_a_struct : std::false_type {};
template <class T, std::size_t N>
struct not_a_struct<std::array<T, N>> : std::true_type {};

enum class reflect_kind { none, aggregate, hana };

// Why an aggregate cannot be reflected; none when it can. Bound: 200 fields (bind_fields).
enum class aggregate_problem { none, base_class, too_many_fields, c_array_member, reference_member };

template <class T>
consteval aggregate_problem aggregate_problem_of();

template <class T>
consteval reflect_kind reflect_kind_of() {
  if constexpr (!std::is_class_v<T> || std::is_union_v<T> || not_a_struct<T>::value)
    return reflect_kind::none;
  else if constexpr (boost::hana::Struct<T>::value)
    return reflect_kind::hana;
  else if constexpr (std::is_aggregate_v<T>)
    return aggregate_problem_of<T>() == aggregate_problem::none ? reflect_kind::aggregate : reflect_kind::none;
  else
    return reflect_kind::none;
}

// ---- field pointers: one structured binding (fields_generated.hpp), kept in a flat tuple ----
// Boost.PFR's own tie_as_tuple stops at 100 fields in Boost 1.81; bind_fields goes to 200.

template <std::size_t I, class P>
struct ptr_leaf {
  P p;
};
template <class Seq, class... P>
struct ptr_tuple;
template <std::size_t... I, class... P>
struct ptr_tuple<std::index_sequence<I...>, P...> : ptr_leaf<I, P>... {};
template <std::size_t I, class P>
RECONCILE_DETAIL_FORCE_INLINE inline constexpr P ptr_at(const ptr_leaf<I, P>& l) noexcept {
  return l.p;
}
struct make_ptr_tuple {
  template <class... M>
  RECONCILE_DETAIL_FORCE_INLINE constexpr auto operator()(M&... m) const noexcept {
    return ptr_tuple<std::index_sequence_for<M...>, M*...>{{__builtin_addressof(m)}...};  // <memory>'s std::addressof
  }
};

// Pointers to every field of the aggregate obj; after inlining, ptr_at<I> of it is &obj.field.
template <class T>
RECONCILE_DETAIL_FORCE_INLINE inline constexpr auto aggregate_field_ptrs(T& obj) noexcept {
  make_ptr_tuple make;
  return bind_fields(obj, make, size_c<aggregate_count<std::remove_const_t<T>>>{});
}

// ---- names: the constant addresses of the fields of an extern object, printed by the compiler ----

template <class T>
struct fake_wrapper {
  const T value;
};
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#pragma clang diagnostic ignored "-Wundefined-internal"  // T in an anonymous namespace
#endif
// Never defined: only its address is used, in constant expressions.
template <class T>
extern const fake_wrapper<T> fake_object;

// The addresses of every field of fake_object<T>.value, N = their count (N > 0).
template <std::size_t N>
struct field_addresses {
  const void* at[N];
};
struct make_field_addresses {
  template <class... M>
  constexpr field_addresses<sizeof...(M)> operator()(const M&... m) const noexcept {
    return {{__builtin_addressof(m)...}};
  }
};
template <class T>
consteval field_addresses<aggregate_count<T>> aggregate_field_addresses() {
  make_field_addresses make;
  return bind_fields(fake_object<T>.value, make, size_c<aggregate_count<T>>{});
}

// All the field names of a type from one __PRETTY_FUNCTION__, of a function template whose
// arguments are the N fields' addresses (a pack: clang prints no more than 10 elements of an
// array). Each address is printed as a pointer ending with its field's name, after a '.' (clang:
// `<{&fake_object.value.id}, {&fake_object.value.name}>`) or a ':' (g++: `{field_address{((const
// void*)(& fake_object<T>.fake_wrapper<T>::value.T::id))}, ...}`). Pointer i runs from its
// `start` to the last `end` before pointer i + 1's start; g++ prints T there, which may hold
// braces, parentheses and `{anonymous}::`, but not `start`.
struct field_address {
  const void* p;
};
template <field_address... A>
consteval std::string_view pretty_of_addresses() {
  return __PRETTY_FUNCTION__;
}
template <class T, std::size_t... I>
consteval std::string_view pretty_of_fields(std::index_sequence<I...>) {
  constexpr field_addresses<sizeof...(I)> a = aggregate_field_addresses<T>();
  return pretty_of_addresses<field_address{a.at[I]}...>();
}
template <std::size_t N>
consteval std::array<std::string_view, N> names_from_pretty(std::string_view s) {
#if defined(__clang__)
  constexpr std::string_view start = "{&fake_object", end = "}";
#else
  constexpr std::string_view start = "(& fake_object", end = "))}";
#endif
  std::array<std::string_view, N> names{};
  std::size_t at = s.find(start);
  // Pointer i > 0 is laid out as pointer 0 (same T, same holder): its name begins `prefix`
  // characters after its start and stops at the first `end`; pointer i + 1 starts `gap` later.
  // Checked, else cut by searching, as for pointer 0: searching the whole text costs g++ more
  // than the names of 200 fields' one instantiation each did.
  std::size_t prefix = 0, gap = 0;
  for (std::size_t i = 0; i < N; ++i) {
    std::size_t begin = at + prefix, stop = begin, next = 0;
    bool laid_out = false;
    if (i > 0 && begin < s.size() && (s[begin - 1] == '.' || s[begin - 1] == ':')) {
      while (stop < s.size() && s[stop] != end[0]) ++stop;
      next = i + 1 < N ? stop + gap : std::string_view::npos;
      laid_out = stop < s.size() && (i + 1 == N || s.substr(next, start.size()) == start);
    }
    if (!laid_out) {
      next = i + 1 < N ? s.find(start, at + start.size()) : std::string_view::npos;
      stop = s.rfind(end, next);
      begin = stop;
      while (begin > at && s[begin - 1] != '.' && s[begin - 1] != ':') --begin;
      if (i == 0 && i + 1 < N) prefix = begin - at, gap = next - stop;
    }
    names[i] = s.substr(begin, stop - begin);
    at = next;
  }
  return names;
}
template <class T>
consteval std::array<std::string_view, aggregate_count<T>> aggregate_names_of() {
  if constexpr (aggregate_count<T> == 0) return {};
  else return names_from_pretty<aggregate_count<T>>(pretty_of_fields<T>(std::make_index_sequence<aggregate_count<T>>{}));
}
// aggregate_names<T>[I]: the name of field I of the aggregate T.
template <class T>
inline constexpr std::array<std::string_view, aggregate_count<T>> aggregate_names = aggregate_names_of<T>();

// The fields' addresses in fake_object are constants, except when a field is a reference
// (its address is the referee's): then no field name can be read.
// (The addresses go in as a template argument, as for the names: `!= nullptr` on one is not a
// constant expression under g++'s -fsanitize=address, which made every aggregate look so.)
template <auto A>
struct constant_address_probe {};
template <class T>
concept constant_field_addresses = requires { typename constant_address_probe<aggregate_field_addresses<T>()>; };

template <class T>
consteval aggregate_problem aggregate_problem_of() {
  if constexpr (aggregate_with_base<T>) return aggregate_problem::base_class;
  else if constexpr (aggregate_count<T> > max_fields) return aggregate_problem::too_many_fields;
  else if constexpr (aggregate_count<T> == 0) return aggregate_problem::none;
  else if constexpr (has_c_array_member<T, aggregate_count<T>>()) return aggregate_problem::c_array_member;
  else if constexpr (!constant_field_addresses<T>) return aggregate_problem::reference_member;
  else return aggregate_problem::none;
}

template <class T, std::size_t I>
consteval std::string_view hana_field_name() {
  using Pair = std::remove_cvref_t<decltype(boost::hana::at_c<I>(boost::hana::accessors<T>()))>;
  using Name = std::remove_cvref_t<decltype(boost::hana::first(std::declval<Pair>()))>;
  return std::string_view(boost::hana::to<const char*>(Name{}));
}

template <class T, reflect_kind K = reflect_kind_of<T>()>
struct reflect;

template <class T>
struct reflect<T, reflect_kind::aggregate> {
  static constexpr std::size_t count = aggregate_count<T>;
  static constexpr const std::array<std::string_view, count>& names = aggregate_names<T>;
  // A member load once inlined (always_inline: a pointer per field is formed, then folded).
  template <std::size_t I, class U>
  RECONCILE_DETAIL_FORCE_INLINE static constexpr decltype(auto) get(U& obj) noexcept {
    return *ptr_at<I>(aggregate_field_ptrs(obj));
  }
  static consteval auto addresses_of_fake() { return aggregate_field_addresses<T>(); }
};

template <class T>
struct reflect<T, reflect_kind::hana> {
  static constexpr std::size_t count =
      decltype(boost::hana::length(boost::hana::accessors<T>()))::value;
  static constexpr std::array<std::string_view, count> names = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, count>{hana_field_name<T, I>()...};
  }(std::make_index_sequence<count>{});
  template <std::size_t I, class U>
  static constexpr decltype(auto) get(U& obj) noexcept {
    return boost::hana::second(boost::hana::at_c<I>(boost::hana::accessors<T>()))(obj);
  }
  static consteval auto addresses_of_fake() {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return field_addresses<count>{{&get<I>(fake_object<T>.value)...}};
    }(std::make_index_sequence<count>{});
  }
};

// with_fields(obj, f): f(field 0, field 1, ...), references to every field of obj, bound once.
// The hot paths (equal, diff) use this rather than get<I> per field: with Boost.PFR, each
// get<I> builds a tuple of references to all fields, which GCC at -O2 does not inline on wide
// structs (about 8x slower equality on 32 fields). Here, after inlining, each field access
// is a plain member load.
// binds_directly<U>: with_fields of a U is bind_fields(obj, f, size_c<field count>) (U is an
// aggregate); the hottest folds (equal, diff) call that straight, two inline levels fewer.
template <class U>
inline constexpr bool binds_directly = reflect_kind_of<U>() == reflect_kind::aggregate;
template <class T, class F>
RECONCILE_DETAIL_FORCE_INLINE inline constexpr decltype(auto) with_fields(T& obj, F&& f) {
  using U = std::remove_const_t<T>;
  if constexpr (binds_directly<U>) {
    return bind_fields(obj, f, size_c<reflect<U>::count>{});
  } else {
    return [&]<std::size_t... I>(std::index_sequence<I...>) -> decltype(auto) {
      return f(reflect<U>::template get<I>(obj)...);
    }(std::make_index_sequence<reflect<U>::count>{});
  }
}

// For lambdas handed to with_fields: RECONCILE_DETAIL_INLINE_LAMBDA (detail/force_inline.hpp)
// inlines them too where the compiler optimizes, so that no pack of references is stored.

// ---- member pointer -> field index ----

template <class M>
struct member_pointer_traits {
  static constexpr bool valid = false;
};
template <class C, class M>
struct member_pointer_traits<M C::*> {
  static constexpr bool valid = true;
  using class_type = C;
  using member_type = M;
};

template <auto MP>
using class_of = typename member_pointer_traits<decltype(MP)>::class_type;
template <auto MP>
using member_of = typename member_pointer_traits<decltype(MP)>::member_type;

// Index of the field MP points to, or count (not found) for a pointer into a base class.
template <auto MP>
consteval std::size_t member_index() {
  using C = class_of<MP>;
  using R = reflect<C>;
  if constexpr (R::count == 0) {
    return 0;
  } else {
    const void* target = &(fake_object<C>.value.*MP);
    const auto fields = R::addresses_of_fake();
    std::size_t i = 0;
    while (i < R::count && fields.at[i] != target) ++i;
    return i;
  }
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

}  // namespace reconcile::detail
