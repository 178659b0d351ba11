// Field access and names for reconcile/reflect.hpp. Not public.
#pragma once

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <boost/pfr/detail/fields_count.hpp>
#include <reconcile/detail/fields_generated.hpp>
#include <reconcile/detail/force_inline.hpp>
#include <reconcile/detail/value_init_generated.hpp>

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

// An aggregate with a base class is not reflectable (its bases are not fields; Boost.PFR
// rejects it with errors of its own). Probe: T can be initialized from one value that
// converts only to a base of T, i.e. T's first element is a base. Never defined.
template <class T>
struct to_base_of {
  template <class B>
    requires(std::is_base_of_v<B, T> && !std::is_same_v<B, T>)
  operator B&() const;
};
template <class T>
concept aggregate_with_base = requires { T{to_base_of<T>{}}; };

// Why an aggregate cannot be reflected; none when it can. Bound: 200 fields (bind_fields).
enum class aggregate_problem { none, base_class, too_many_fields, c_array_member, reference_member };
inline constexpr std::size_t max_fields = 200;

template <class T>
consteval aggregate_problem aggregate_problem_of();

// ---- field count: the most values T{any x N} takes, N in [0, max_fields + 1] ----
// Boost.PFR's tuple_size_v searches up to sizeof(T) * CHAR_BIT (for bit-fields), probing
// brace initializations of thousands of values on a wide struct; reflection stops at
// max_fields, so the search stops at max_fields + 1, which still tells too_many_fields.
// "any" converts to every field type (copy-constructible T: to an lvalue, else an rvalue).
template <class T>
using any_field = std::conditional_t<std::is_copy_constructible_v<T>, boost::pfr::detail::ubiq_lref_constructor,
                                     boost::pfr::detail::ubiq_rref_constructor>;
template <class T, std::size_t... I>
consteval bool takes_values(std::index_sequence<I...>) {
  return requires { T{any_field<T>{I}...}; };
}
// T{} well-formed: T{any x N} is for every N up to the count, a binary search finds it.
// Lo is known to be taken; the count lies in [Lo, Hi].
template <class T, std::size_t Lo, std::size_t Hi>
consteval std::size_t count_between() {
  if constexpr (Lo == Hi) {
    return Lo;
  } else {
    constexpr std::size_t mid = Lo + (Hi - Lo + 1) / 2;
    if constexpr (takes_values<T>(std::make_index_sequence<mid>{})) return count_between<T, mid, Hi>();
    else return count_between<T, Lo, mid - 1>();
  }
}
// Else (a field that {} cannot initialize): the greatest N in [Lo, Hi] taken, 0 when none.
template <class T, std::size_t Lo, std::size_t Hi>
consteval std::size_t greatest_taken() {
  if constexpr (Lo == Hi) {
    return takes_values<T>(std::make_index_sequence<Lo>{}) ? Lo : 0;
  } else {
    constexpr std::size_t above = greatest_taken<T, Lo + (Hi - Lo) / 2 + 1, Hi>();
    if constexpr (above != 0) return above;
    else return greatest_taken<T, Lo, Lo + (Hi - Lo) / 2>();
  }
}
template <class T>
consteval std::size_t aggregate_count_of() {
  if constexpr (requires { T{}; }) return count_between<T, 0, max_fields + 1>();
  else return greatest_taken<T, 0, max_fields + 1>();
}
// The number of fields of the aggregate T (C-array elements counted one by one); more than
// max_fields when T has too many.
template <class T>
inline constexpr std::size_t aggregate_count = aggregate_count_of<T>();

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

// ---- names: a constant pointer to field I of an extern object, printed by the compiler ----

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

template <class P>
struct ptr_holder {
  P ptr;
};

template <auto Holder>
consteval std::string_view pretty_of_pointer() {
  return __PRETTY_FUNCTION__;
}

// The text after the last '.' or ':' before the last '}' (the end of the pointer's text, which
// follows "fake_object"). The last one, because type names may hold braces: g++ spells a type
// in an anonymous namespace `{anonymous}::T`.
consteval std::string_view member_name_from_pretty(std::string_view s) {
  std::size_t at = s.find("fake_object");
  std::size_t end = s.rfind('}');
  while (end > at && (s[end - 1] == ')' || s[end - 1] == '}' || s[end - 1] == ' ')) --end;
  std::size_t begin = end;
  while (begin > at && s[begin - 1] != '.' && s[begin - 1] != ':') --begin;
  return s.substr(begin, end - begin);
}

template <class T, std::size_t I>
consteval auto aggregate_field_ptr() {
  return ptr_at<I>(aggregate_field_ptrs(fake_object<T>.value));
}

template <class T, std::size_t I>
consteval std::string_view aggregate_field_name() {
  constexpr auto p = aggregate_field_ptr<T, I>();
  return member_name_from_pretty(pretty_of_pointer<ptr_holder<decltype(p)>{p}>());
}

template <class T, std::size_t I>
inline constexpr std::string_view aggregate_name = aggregate_field_name<T, I>();

// The fields' addresses in fake_object are constants, except when a field is a reference
// (its address is the referee's): then no field name can be read.
// (The address goes in as a template argument, as the names do: `!= nullptr` on it is not a
// constant expression under g++'s -fsanitize=address, which made every aggregate look so.)
template <auto Holder>
struct constant_address_probe {};
template <class T>
concept constant_field_addresses = requires {
  typename constant_address_probe<ptr_holder<decltype(aggregate_field_ptr<T, 0>())>{aggregate_field_ptr<T, 0>()}>;
};

// A C-array member: Boost.PFR counts its elements as fields (brace elision), and binding that
// many names is a hard error. Probe (N = that count; "any" converts to every field type):
// T{any x K, {}, any x (N-K-1)} fails when the `{}` at position K takes a whole array of L > 1
// elements (too many initializers), or when member K cannot be initialized from {}; only the
// array then accepts T{any x K, {}, any x (N-K-L)} for some L > 1, every member initialized.
template <class T, std::size_t... Before, std::size_t... After>
consteval bool braces_at(std::index_sequence<Before...>, std::index_sequence<After...>) {
  return requires { T{any_field<T>{Before}..., {}, any_field<T>{After}...}; };
}
template <class T, std::size_t N, std::size_t K>
consteval bool array_at() {
  if constexpr (braces_at<T>(std::make_index_sequence<K>{}, std::make_index_sequence<N - K - 1>{})) {
    return false;
  } else {
    return []<std::size_t... L>(std::index_sequence<L...>) {
      return (braces_at<T>(std::make_index_sequence<K>{}, std::make_index_sequence<N - K - 2 - L>{}) || ...);
    }(std::make_index_sequence<N - K - 1>{});
  }
}
// Fast path (g++): T(any x N) has no brace elision, so it is well-formed only without arrays.
template <class T, std::size_t... I>
consteval bool paren_init_without_arrays([[maybe_unused]] std::index_sequence<I...> fields) {
#if defined(__cpp_aggregate_paren_init) && __cpp_aggregate_paren_init >= 201902L
  return requires { T(any_field<T>{I}...); };
#else
  return false;  // clang 14: no parenthesized aggregate init; the scan below decides
#endif
}
#if !(defined(__cpp_aggregate_paren_init) && __cpp_aggregate_paren_init >= 201902L)
// Fast path (clang 14): T{{} x N} is well-formed only when T has N members (each `{}` takes a
// whole member, an array too), i.e. when no array was counted element by element. One probe
// rather than the scan's N; a member that `{}` cannot initialise (a reference) leaves it to
// the scan. value_init_all<T, N> (detail/value_init_generated.hpp, written by scripts/gen-fields):
// T{{}, {}, ... N times} is well-formed.
#endif
template <class T, std::size_t N>
consteval bool braces_without_arrays() {
#if defined(__cpp_aggregate_paren_init) && __cpp_aggregate_paren_init >= 201902L
  return false;  // g++: paren_init_without_arrays decides
#else
  return value_init_all<T, N>;
#endif
}
template <class T, std::size_t N>
consteval bool has_c_array_member() {
  if constexpr (paren_init_without_arrays<T>(std::make_index_sequence<N>{})) return false;
  else if constexpr (braces_without_arrays<T, N>()) return false;
  else return []<std::size_t... K>(std::index_sequence<K...>) { return (array_at<T, N, K>() || ...); }(
      std::make_index_sequence<N>{});
}

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
  template <std::size_t I>
  static constexpr std::string_view name = aggregate_name<T, I>;
  // A member load once inlined (always_inline: a pointer per field is formed, then folded).
  template <std::size_t I, class U>
  RECONCILE_DETAIL_FORCE_INLINE static constexpr decltype(auto) get(U& obj) noexcept {
    return *ptr_at<I>(aggregate_field_ptrs(obj));
  }
  template <std::size_t I>
  static consteval const void* address_of_fake() {
    return aggregate_field_ptr<T, I>();
  }
};

template <class T>
struct reflect<T, reflect_kind::hana> {
  static constexpr std::size_t count =
      decltype(boost::hana::length(boost::hana::accessors<T>()))::value;
  template <std::size_t I>
  static constexpr std::string_view name = hana_field_name<T, I>();
  template <std::size_t I, class U>
  static constexpr decltype(auto) get(U& obj) noexcept {
    return boost::hana::second(boost::hana::at_c<I>(boost::hana::accessors<T>()))(obj);
  }
  template <std::size_t I>
  static consteval const void* address_of_fake() {
    return &get<I>(fake_object<T>.value);
  }
};

// with_fields(obj, f): f(field 0, field 1, ...), references to every field of obj, bound once.
// The hot paths (equal, diff) use this rather than get<I> per field: with Boost.PFR, each
// get<I> builds a tuple of references to all fields, which GCC at -O2 does not inline on wide
// structs (about 8x slower equality on 32 fields). Here, after inlining, each field access
// is a plain member load.
template <class T, class F>
RECONCILE_DETAIL_FORCE_INLINE inline constexpr decltype(auto) with_fields(T& obj, F&& f) {
  using U = std::remove_const_t<T>;
  if constexpr (reflect_kind_of<U>() == reflect_kind::aggregate) {
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
  const void* target = &(fake_object<C>.value.*MP);
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    std::size_t found = R::count;
    ((found == R::count && R::template address_of_fake<I>() == target ? (found = I) : 0), ...);
    return found;
  }(std::make_index_sequence<R::count>{});
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

}  // namespace reconcile::detail
