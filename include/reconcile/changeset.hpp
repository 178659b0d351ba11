// reconcile/changeset.hpp - changeset<T>: the changes that turn one value of T into another.
// A changeset owns copies of every value and key it mentions, so it may outlive its inputs
// (in the arenas of detail/change_list.hpp).
#pragma once

#include <reconcile/change.hpp>

#include <reconcile/detail/change_list.hpp>
#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace reconcile {

template <class... Entries>
struct rules_t;

namespace detail {
struct changeset_access;
}  // namespace detail

template <class T, class Rules = rules_t<>>
class changeset;

/// changeset<T>: the ordered changes (declaration order) that turn one T into another.
/// Reused by diff_into without reallocating; applied by apply(). It remembers which rules the
/// diff was given (their type): apply checks that it is applied with the same ones.
template <class T>
class changeset<T, rules_t<>> {
 public:
  using value_type = change;
  using const_iterator = detail::change_list::const_iterator;

  const_iterator begin() const noexcept { return changes_.begin(); }
  const_iterator end() const noexcept { return changes_.end(); }
  std::size_t size() const noexcept { return changes_.size(); }
  bool empty() const noexcept { return changes_.size() == 0; }
  const change& operator[](std::size_t i) const noexcept { return changes_[i]; }
  /// Forgets the changes, keeping their memory for the next diff_into (which refills it in
  /// place: values of the same type reuse their storage). `cs = {}` releases it.
  void clear() noexcept { changes_.clear(); }
  /// True when some change requires replacing the resource (an `immutable` field changed).
  bool requires_replace() const noexcept {
    for (const change& c : changes_)
      if (c.requires_replace()) return true;
    return false;
  }

 private:
  friend struct detail::changeset_access;
  detail::change_list changes_;
  // The type of the call-site rules of the diff that made the changes (&type_id<Rules>, null
  // before any diff) and its name, for apply's error.
  const void* rules_id_ = nullptr;
  std::string_view rules_name_;
};

/// changeset<T, Rules>: what diff(observed, desired, rules) returns: a changeset<T> (it
/// converts to one) that also keeps a copy of the rules, so that apply(obj, cs) applies it
/// with them.
template <class T, class Rules>
class changeset : public changeset<T> {
 public:
  changeset() = default;
  /// The rules given to the diff (valid once a diff filled the changeset).
  const Rules& rules() const noexcept { return rules_.template get<Rules>(); }

 private:
  friend struct detail::changeset_access;
  detail::box rules_;  // a Rules (a box: rules holding closures may not be assignable)
};

namespace detail {
// The engine's hands on a changeset (diff fills it, apply and the JSON layer read which rules
// made it): not for users.
struct changeset_access {
  template <class T>
  static change_list& changes(changeset<T>& cs) noexcept {
    return cs.changes_;
  }
  // The diff that fills cs was given rules of type Rules.
  template <class Rules, class T>
  static void made_with(changeset<T>& cs) noexcept {
    cs.rules_id_ = &type_id<Rules>;
    cs.rules_name_ = type_name<Rules>;
  }
  template <class T, class Rules>
  static void keep_rules(changeset<T, Rules>& cs, const Rules& rules) {
    cs.rules_.assign(rules);
  }
  // True when cs may be applied with rules of type Rules (the diff's, or cs was never filled).
  template <class Rules, class T>
  static bool made_with_same(const changeset<T>& cs) noexcept {
    return cs.rules_id_ == nullptr || cs.rules_id_ == &type_id<Rules>;
  }
  template <class T>
  static std::string_view rules_name(const changeset<T>& cs) noexcept {
    return cs.rules_name_;
  }
};
}  // namespace detail

}  // namespace reconcile

// fmt/ranges.h sees a changeset as a range (it has begin() and end()), and its range formatter
// would make this one ambiguous. fmt's documented opt-out, is_range<T, Char> = false, declared
// here so that it holds whether fmt/ranges.h comes before or after this header.
FMT_BEGIN_NAMESPACE
template <typename T, typename Char>
struct is_range;
template <class T, class Rules, class Char>
struct is_range<reconcile::changeset<T, Rules>, Char> : std::false_type {};
FMT_END_NAMESPACE

/// fmt::format("{}", cs): one change a line, in declaration order:
///   ~ replicas: 3 -> 5
///   + labels["tier"]: "web"
///   - containers["old"]
///   > containers["db"]: moved after "web"        (ordered keyed sequences)
///   + tags{"blue"}: 2 in all                      (unordered sequences: the new count)
///   ~ name: "a" -> "b"  # forces replacement      (under an immutable field)
template <class T, class Rules>
struct fmt::formatter<reconcile::changeset<T, Rules>> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(const reconcile::changeset<T>& cs, Ctx& ctx) const {
    std::string s;
    for (const reconcile::change& c : cs) {
      if (!s.empty()) s += '\n';
      reconcile::detail::print_change(s, c);
    }
    return write(s, ctx);
  }
};
