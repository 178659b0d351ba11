// reconcile/path.hpp - where a change lies: replicas | labels["tier"] | containers["web"].image
// | args[2] | tags{"blue"}. A path owns its keys, so it outlives the data it was taken from;
// a path_view reads segments kept elsewhere (a changeset's). Its steps: segment.hpp.
#pragma once

#include <reconcile/segment.hpp>
#include <reconcile/detail/box.hpp>
#include <reconcile/detail/force_inline.hpp>
#include <reconcile/detail/inline_vector.hpp>
#include <reconcile/value.hpp>

#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace reconcile {

class path;

/// path_view: segments kept elsewhere (a change's path, in its changeset's segment arena),
/// read as a path reads them; valid while their owner lives and is not refilled. Converts to
/// an owned path (`reconcile::path p = c.path();`, one copy of each key).
class path_view {
 public:
  using const_iterator = const segment*;
  path_view() noexcept = default;

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const segment& operator[](std::size_t i) const noexcept { return first_[i]; }
  const_iterator begin() const noexcept { return first_; }
  const_iterator end() const noexcept { return first_ + size_; }
  /// Appends the path's text (`containers["web"].image`) to out.
  void print(std::string& out) const;
  /// The path's text, e.g. `labels["tier"]`.
  std::string to_string() const {
    std::string s;
    print(s);
    return s;
  }
  /// An owned copy: outlives the changeset. Costs a copy of each key.
  operator path() const;  // NOLINT(google-explicit-constructor): `path p = c.path()` reads well
  /// Same segments (kinds, indexes, names, printed keys).
  friend bool operator==(path_view a, path_view b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i) {
      const segment &x = a[i], &y = b[i];
      if (x.kind() != y.kind() || x.index() != y.index() || x.name() != y.name() ||
          x.key_value().to_string() != y.key_value().to_string())
        return false;
    }
    return true;
  }

 private:
  friend class path;
  friend struct detail::path_access;
  path_view(const segment* first, std::size_t n) noexcept : first_(first), size_(n) {}
  const segment* first_ = nullptr;
  std::size_t size_ = 0;
};

/// path: the segments from the root object to a change, owned. Up to 4 segments are stored
/// inline.
class path {
 public:
  static constexpr std::size_t inline_segments = 4;
  using container = detail::inline_vector<segment, inline_segments>;
  path() = default;
  explicit path(container segs) : segs_(std::move(segs)) {}

  std::size_t size() const noexcept { return segs_.size(); }
  bool empty() const noexcept { return segs_.empty(); }
  const segment& operator[](std::size_t i) const noexcept { return segs_[i]; }
  using const_iterator = container::const_iterator;
  const_iterator begin() const noexcept { return segs_.begin(); }
  const_iterator end() const noexcept { return segs_.end(); }
  void push_back(segment s) { segs_.push_back(std::move(s)); }
  /// Appends a field step / a position step.
  void push_field(std::size_t index, std::string_view name) { segs_.emplace_back(segment::field(index, name)); }
  void push_position(std::size_t index) { segs_.emplace_back(segment::position(index)); }
  /// Removes every segment.
  void clear() noexcept { segs_.clear(); }

  /// Appends the path's text (`containers["web"].image`) to out.
  void print(std::string& out) const { path_view(*this).print(out); }
  /// The path's text, e.g. `labels["tier"]`.
  std::string to_string() const {
    std::string s;
    print(s);
    return s;
  }
  /// The segments as a view (what a change's path() returns).
  operator path_view() const noexcept { return path_view(segs_.begin(), segs_.size()); }  // NOLINT

 private:
  container segs_;
};

inline path_view::operator path() const {
  path p;
  for (const segment& s : *this) p.push_back(s);
  return p;
}

inline void path_view::print(std::string& out) const {
  bool first = true;
  for (const segment& s : *this) {
    switch (s.kind()) {
      case segment_kind::field:
        if (!first) out += '.';
        out += s.name();
        break;
      case segment_kind::index:
        out += '[';
        out += std::to_string(s.index());
        out += ']';
        break;
      case segment_kind::key: {
        out += '[';
        const std::size_t at = out.size();
        detail::value_access::print(out, s.key_value());
        const std::string_view member = s.name();
        if (!member.empty() && (out.size() == at || out[at] != '"')) {  // ports[number=80]
          out.insert(at, member);
          out.insert(at + member.size(), 1, '=');
        }
        out += ']';
        break;
      }
      case segment_kind::element:
        out += '{';
        detail::value_access::print(out, s.key_value());
        out += '}';
        break;
    }
    first = false;
  }
}

namespace detail {
// The diff engine's hands on segments (a changeset's segment arena): not for users.
struct path_access {
  // The segments [first, first + n) of a segment arena as a view.
  static path_view view(const segment* first, std::size_t n) noexcept { return path_view(first, n); }
  // A field or position step (made or refilled in place: a few plain stores).
  static segment step(segment_kind k, std::size_t index, std::string_view name) noexcept { return segment(k, index, name); }
  RECONCILE_DETAIL_FORCE_INLINE static void set_step(segment& s, segment_kind k, std::size_t index, std::string_view name) noexcept {
    s.index_ = index;
    s.name_ = name;
    s.key_ = nullptr;
    s.kind_ = k;
  }
  // A key or element step viewing the key held by b (a box of the arena, which outlives it).
  static void set_key(segment& s, segment_kind k, std::string_view member, const box& b) noexcept {
    s.index_ = 0;
    s.name_ = member;
    s.key_ = b.data();
    s.key_table_ = b.table();
    s.kind_ = k;
  }
  // An owned key or element step with a copy of b's value (a path built outside the arena).
  static segment owned_key(segment_kind k, std::string_view member, const box& b) {
    segment s(k, 0, member);
    s.own(b.table()->clone(b.data()), b.table());
    return s;
  }
};
}  // namespace detail

}  // namespace reconcile

/// fmt::format("{}", path): `spec.containers["web"].image` (path::to_string()).
template <>
struct fmt::formatter<reconcile::path> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(const reconcile::path& p, Ctx& ctx) const {
    return write(p.to_string(), ctx);
  }
};

/// fmt::format("{}", c.path()): a path_view prints as the path it shows.
template <>
struct fmt::formatter<reconcile::path_view> : reconcile::detail::text_formatter {
  template <class Ctx>
  auto format(const reconcile::path_view& p, Ctx& ctx) const {
    return write(p.to_string(), ctx);
  }
};
