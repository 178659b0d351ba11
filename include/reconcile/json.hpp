// reconcile/json.hpp - typed JSON load/save with errors that name the path, and diffs as
// RFC 6902 JSON Patch. Opt-in (link reconcile::json); built on nlohmann_json.
//
//   auto d = reconcile::from_json<Deployment>(text);   // absent members keep their default
//   reconcile::load_json(d, text);                     // absent members keep d's value
//   std::string s = reconcile::to_json(d);
//   std::string patch = reconcile::to_json_patch(observed, reconcile::diff(observed, desired));
//   reconcile::apply_json_patch(observed, patch);      // all operations or none
//
// Encoding (the same both ways):
//   struct            object, one member per field, named as declared; members come out in
//                     alphabetical order (nlohmann::json's); empty optionals and null pointers
//                     are left out. Reading merges: absent members keep the target's value;
//                     a `required` field (the rules DSL) must be present.
//   bool, string      JSON boolean, string; char is a one-character string
//   numbers           JSON numbers; NaN and infinities as "nan", "inf", "-inf". Reading checks
//                     the range: 300 into an int8_t, -1 into unsigned or 1.5 into int fail.
//   enum              the enumerator's name ("running"); a value without a name as its number.
//                     Reading takes a name (unknown name: error) or a number.
//   chrono            a duration as the number of its ticks (count()); a time_point as its
//                     duration since the clock's epoch
//   optional, unique_ptr, shared_ptr   the value, or null (or absent, as a struct member)
//   variant           {"type": T, "value": ...}: T is the alternative's name for a non-template
//                     struct or enum ("HttpProbe"), "string" for std::string, else (or when two
//                     alternatives share a name) its index as a number. Reading takes either.
//   map               an object when keys are strings, numbers, bools or enums (keys as text:
//                     5 -> "5", enums by name); otherwise an array of [key, value] pairs
//   vector, deque, list, set, array   an array (std::array: exactly N elements)
//   pair, tuple       an array of their elements
//   Unordered sets (and unordered maps written as arrays) list their elements sorted as
//   nlohmann::json orders them, so equal values give equal JSON. Any other leaf type goes
//   through nlohmann_json's own to_json/from_json (adl_serializer) when it has them.
//   Containers, optionals and variants are rebuilt from the JSON, never merged.
// Errors throw reconcile::json_error (a reconcile::error): path() in the path syntax of
// diffs (`containers[1].image`, `labels["tier"]`), what() reading
// `containers[1].image: expected a string, got number 5`, code() a json_errc.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/json/detail/common.hpp>
#include <reconcile/json/detail/patch.hpp>
#include <reconcile/json/detail/pointer.hpp>
#include <reconcile/json/detail/read.hpp>
#include <reconcile/json/detail/write.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/rules.hpp>

#include <nlohmann/json.hpp>

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <utility>
#include <tuple>

namespace reconcile {

namespace detail {
template <class T>
inline constexpr bool json_supported = supported<T>();

template <class T, int D = 0>
consteval bool nested_optional();
template <int D, class... A>
consteval bool any_nested_optional(const std::variant<A...>*) {
  return (nested_optional<A, D + 1>() || ...);
}
template <int D, class... A>
consteval bool any_nested_optional(const std::tuple<A...>*) {
  return (nested_optional<A, D + 1>() || ...);
}
template <int D, class A, class B>
consteval bool any_nested_optional(const std::pair<A, B>*) {
  return nested_optional<A, D + 1>() || nested_optional<B, D + 1>();
}
// optional<optional<U>> anywhere inside T (8 levels deep at most, like supported<T>): its
// engaged-but-empty state has no JSON spelling (null reads back as empty).
template <class T, int D>
consteval bool nested_optional() {
  constexpr vkind k = kind_v<T>;
  if constexpr (D > 8 || k == vkind::unsupported) return false;
  else if constexpr (k == vkind::optional)
    return kind_v<typename T::value_type> == vkind::optional || nested_optional<typename T::value_type, D + 1>();
  else if constexpr (k == vkind::structure)
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (nested_optional<std::remove_cvref_t<decltype(reconcile::get<I>(std::declval<T&>()))>, D + 1>() || ...);
    }(std::make_index_sequence<field_count<T>>{});
  else if constexpr (k == vkind::sequence || k == vkind::array || k == vkind::set)
    return nested_optional<typename T::value_type, D + 1>();
  else if constexpr (k == vkind::pointer) return nested_optional<typename T::element_type, D + 1>();
  else if constexpr (k == vkind::map) return nested_optional<typename T::mapped_type, D + 1>();
  else if constexpr (k == vkind::variant || k == vkind::tuple)
    return any_nested_optional<D>(static_cast<const T*>(nullptr));
  else return false;
}

// Reads j into obj; on any error obj is unchanged. A document (apply_json_patch) is read
// into a fresh T, which then replaces obj; otherwise j is checked on a scratch T first.
template <class T>
void load_checked(T& obj, const json& j, const json_options& opts, bool document) {
  static_assert(std::is_default_constructible_v<T>,
                "reconcile::load_json: T must be default-constructible (input is checked on a scratch T)");
  const json_reader reader{opts, document};
  T scratch{};
  reader.read(j, scratch, frame{});
  if (document) obj = std::move(scratch);
  else reader.read(j, obj, frame{});  // cannot fail now: same input, same checks
}

// The rules cs was made with: `passed`, checked against the type of those given to the diff.
template <class Rules, class T>
const Rules& rules_of(const changeset<T>& cs, const Rules& passed) {
  if (!changeset_access::made_with_same<Rules>(cs))
    raise(reconcile::error({}, "reconcile::to_json_patch: the changeset was made with other rules; pass the "
                               "rules given to diff"));
  return passed;
}
}  // namespace detail

/// to_json_value(v): v as an nlohmann::json value. Costs one walk over v.
template <class T>
nlohmann::json to_json_value(const T& v) {
  static_assert(detail::shape_ok<detail::culprit_t<T>>, "reconcile::to_json: " RECONCILE_DETAIL_SHAPE_FIXES);
  static_assert(detail::json_supported<T> || !detail::shape_ok<detail::culprit_t<T>>,
                "reconcile::to_json: T (or a type inside it) is neither reflectable nor a supported leaf");
  static_assert(!detail::nested_optional<T>(),
                "reconcile::to_json: T holds an optional<optional<U>>, which has no JSON encoding that round-trips "
                "(engaged-but-empty reads back empty); use optional<U> or a variant");
  return detail::to_json_value(v);
}

/// to_json(v, indent = -1): v as JSON text; indent >= 0 pretty-prints. Invalid UTF-8 in
/// strings is written as U+FFFD.
template <class T>
std::string to_json(const T& v, int indent = -1) {
  return reconcile::to_json_value(v).dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// load_json(obj, text, options = {}): reads text into obj. Absent members keep obj's value;
/// on any error obj is unchanged and json_error names the path. Costs two reads of the input
/// (one into a scratch T, to check it) after parsing.
template <class T>
void load_json(T& obj, std::string_view text, const json_options& options = {}) {
  static_assert(detail::shape_ok<detail::culprit_t<T>>, "reconcile::load_json: " RECONCILE_DETAIL_SHAPE_FIXES);
  static_assert(detail::json_supported<T> || !detail::shape_ok<detail::culprit_t<T>>,
                "reconcile::load_json: T (or a type inside it) is neither reflectable nor a supported leaf");
  static_assert(!detail::nested_optional<T>(),
                "reconcile::load_json: T holds an optional<optional<U>>, which has no JSON encoding that round-trips "
                "(engaged-but-empty reads back empty); use optional<U> or a variant");
  detail::load_checked(obj, detail::parse_json(text, options.max_depth), options, false);
}
/// load_json(obj, j, options = {}): the same from a parsed nlohmann::json.
template <class T, std::same_as<nlohmann::json> J>
void load_json(T& obj, const J& j, const json_options& options = {}) {
  detail::check_depth(j, options.max_depth);
  detail::load_checked(obj, j, options, false);
}

/// from_json<T>(text, options = {}): a T read from text; absent members keep T{}'s values.
template <class T>
T from_json(std::string_view text, const json_options& options = {}) {
  static_assert(detail::shape_ok<detail::culprit_t<T>>, "reconcile::from_json: " RECONCILE_DETAIL_SHAPE_FIXES);
  static_assert(detail::json_supported<T> || !detail::shape_ok<detail::culprit_t<T>>,
                "reconcile::from_json: T (or a type inside it) is neither reflectable nor a supported leaf");
  static_assert(!detail::nested_optional<T>(),
                "reconcile::from_json: T holds an optional<optional<U>>, which has no JSON encoding that round-trips "
                "(engaged-but-empty reads back empty); use optional<U> or a variant");
  const nlohmann::json j = detail::parse_json(text, options.max_depth);
  T out{};
  detail::json_reader{options, false}.read(j, out, detail::frame{});
  return out;
}
/// from_json<T>(j, options = {}): the same from a parsed nlohmann::json.
template <class T, std::same_as<nlohmann::json> J>
T from_json(const J& j, const json_options& options = {}) {
  detail::check_depth(j, options.max_depth);
  T out{};
  detail::json_reader{options, false}.read(j, out, detail::frame{});
  return out;
}

/// to_json_patch_value(observed, cs, rules = no_rules): the RFC 6902 operations (an array)
/// that turn to_json(observed) into to_json(x), x being observed after apply(x, cs). Pass the
/// rules given to diff, if any. Throws reconcile::error when a change does not fit observed.
/// Costs a copy of observed, and per change a walk along its path plus the JSON of the node
/// it changes (twice); keyed steps scan for their key.
template <class T, class Rules = rules_t<>>
nlohmann::json to_json_patch_value(const T& observed, const changeset<T>& cs, const Rules& rules = no_rules) {
  static_assert(std::is_copy_constructible_v<T>,
                "reconcile::to_json_patch: T must be copyable (the changeset is replayed on a copy)");
  return detail::patch_operations(observed, cs, detail::rules_of(cs, rules));
}
/// to_json_patch(observed, cs, rules = no_rules): the same as JSON text. For element changes
/// in keyed, ordered keyed, unordered and positional sequences, sets and maps written as
/// arrays, each pointer holds the index valid when its operation applies; ordered moves are
/// `move` operations. Order-free containers keep observed's order: the patch yields
/// to_json(desired) exactly when desired lists shared elements in observed's order.
template <class T, class Rules = rules_t<>>
std::string to_json_patch(const T& observed, const changeset<T>& cs, const Rules& rules = no_rules) {
  return reconcile::to_json_patch_value(observed, cs, rules)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// apply_json_patch(obj, patch, options = {}): applies an RFC 6902 patch (add, remove,
/// replace, move, copy, test) to obj: to_json(obj), nlohmann's patch, then read back as a
/// whole document into a fresh T (a member the patch removed takes T{}'s value; optionals and
/// pointers are empty). All
/// operations or none: on any error obj is unchanged and json_error names the operation's
/// path. Costs the JSON of obj, the patch, and two reads of the result.
template <class T, std::same_as<nlohmann::json> J>
void apply_json_patch(T& obj, const J& patch, const json_options& options = {}) {
  using nlohmann::json;
  detail::check_depth(patch, options.max_depth + 2);
  if (!patch.is_array())
    detail::json_fail(json_errc::malformed, path{}, "a JSON patch is an array of operations, got " + detail::describe(patch));
  json doc = detail::to_json_value(obj);
  std::size_t values = detail::count_values(doc, options.max_values);
  for (std::size_t i = 0; i < patch.size(); ++i) {
    const json& op = patch[i];
    path where;
    std::string name = "?";
    if (op.is_object()) {
      auto p = op.find("path");
      if (p != op.end() && p->is_string()) detail::typed_path<T>(detail::pointer_tokens(p->template get_ref<const std::string&>()), 0, where);
      auto o = op.find("op");
      if (o != op.end() && o->is_string()) name = o->template get<std::string>();
    }
    // Net growth: what the operation adds minus what it drops (`test` neither).
    const long long grown = static_cast<long long>(values) + detail::patch_growth(doc, op, options.max_values);
    values = grown < 0 ? 0 : static_cast<std::size_t>(grown);
    if (values > options.max_values)
      detail::json_fail(json_errc::too_deep, std::move(where),
                        "the patch grows the document past " + std::to_string(options.max_values) + " values");
#if defined(__cpp_exceptions)
    try {
      detail::apply_operation(doc, op);
    } catch (const json::exception& e) {
      detail::json_fail(json_errc::patch_failed, std::move(where),
                        "patch operation " + std::to_string(i) + " (" + name + ") failed: " + detail::nlohmann_reason(e));
    }
#else
    detail::apply_operation(doc, op);
#endif
  }
  detail::check_depth(doc, options.max_depth);
  detail::load_checked(obj, doc, options, true);
}
/// apply_json_patch(obj, patch_text, options = {}): the same from JSON text.
template <class T>
void apply_json_patch(T& obj, std::string_view patch_text, const json_options& options = {}) {
  static_assert(detail::shape_ok<detail::culprit_t<T>>, "reconcile::apply_json_patch: " RECONCILE_DETAIL_SHAPE_FIXES);
  static_assert(detail::json_supported<T> || !detail::shape_ok<detail::culprit_t<T>>,
                "reconcile::apply_json_patch: T (or a type inside it) is neither reflectable nor a supported leaf");
  static_assert(!detail::nested_optional<T>(),
                "reconcile::apply_json_patch: T holds an optional<optional<U>>, which has no JSON encoding that round-trips "
                "(engaged-but-empty reads back empty); use optional<U> or a variant");
  reconcile::apply_json_patch(obj, detail::parse_json(patch_text, options.max_depth + 2), options);
}

}  // namespace reconcile
