// reconcile/path.hpp - where a change lies: replicas | labels["tier"] | containers["web"].image
// | args[2] | tags{"blue"}. A path owns its keys, so it outlives the data it was taken from.
#pragma once

#include <reconcile/detail/box.hpp>
#include <reconcile/detail/inline_vector.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace reconcile {

/// segment_kind: a struct field (`.name`), a position (`[2]`), a key (`["web"]`: map key or
/// keyed-sequence key; a keyed-sequence key that does not print as a quoted string names its
/// member, `ports[number=80]`, so that it never reads as a position) or a set element
/// (`{"blue"}`).
enum class segment_kind : unsigned char { field, index, key, element };

namespace detail {
struct in_place_step_t {
  explicit in_place_step_t() = default;
};
inline constexpr in_place_step_t in_place_step{};
}  // namespace detail

/// segment: one step of a path. Fields carry their declared name and index; keys and
/// elements carry a copy of the key value.
class segment {
 public:
  static segment field(std::size_t index, std::string_view name) {
    segment s(segment_kind::field);
    s.index_ = index;
    s.name_ = name;
    return s;
  }
  /// A field whose name is known only at run time (a JSON member): the segment owns it.
  static segment named_field(std::string name) {
    segment s(segment_kind::field);
    s.index_ = static_cast<std::size_t>(-1);  // names no declared field
    s.key_.emplace<std::string>(std::move(name));
    return s;
  }
  static segment position(std::size_t index) {
    segment s(segment_kind::index);
    s.index_ = index;
    return s;
  }
  /// For path's in-place appends (the diff engine): a field or position step.
  segment(detail::in_place_step_t, segment_kind k, std::size_t index, std::string_view name) noexcept
      : kind_(k), index_(index), name_(name) {}
  /// member: for a keyed-sequence key, the key member's name (see segment_kind).
  static segment key(detail::box k, std::string_view member = {}) {
    segment s(segment_kind::key, std::move(k));
    s.name_ = member;
    return s;
  }
  static segment element(detail::box k) { return segment(segment_kind::element, std::move(k)); }

  segment_kind kind() const noexcept { return kind_; }
  /// The field's name ("replicas"); for a keyed-sequence key, its member's name ("number");
  /// empty otherwise.
  std::string_view name() const noexcept {
    return kind_ == segment_kind::field && key_.holds<std::string>() ? std::string_view(key_.get<std::string>())
                                                                     : name_;
  }
  /// The field's declaration index, or the position in a sequence.
  std::size_t index() const noexcept { return index_; }
  /// The key or element; use key<K>() with the type the container's key has.
  const detail::box& key_box() const noexcept { return key_; }
  template <class K>
  const K& key() const noexcept {
    return key_.get<K>();
  }

 private:
  friend class path;
  explicit segment(segment_kind k) noexcept : kind_(k) {}
  segment(segment_kind k, detail::box b) noexcept : kind_(k), key_(std::move(b)) {}
  segment_kind kind_;
  std::size_t index_ = 0;
  std::string_view name_;
  detail::box key_;
};

/// path: the segments from the root object to a change. Up to 3 segments are stored inline.
class path {
 public:
  using container = detail::inline_vector<segment, 3>;
  path() = default;
  explicit path(container segs) : segs_(std::move(segs)) {}

  std::size_t size() const noexcept { return segs_.size(); }
  bool empty() const noexcept { return segs_.empty(); }
  const segment& operator[](std::size_t i) const noexcept { return segs_[i]; }
  auto begin() const noexcept { return segs_.begin(); }
  auto end() const noexcept { return segs_.end(); }
  void push_back(segment s) { segs_.push_back(std::move(s)); }
  /// Appends a field step / a position step in place (the diff engine's way).
  void push_field(std::size_t index, std::string_view name) {
    segs_.emplace_back(detail::in_place_step, segment_kind::field, index, name);
  }
  void push_position(std::size_t index) { segs_.emplace_back(detail::in_place_step, segment_kind::index, index, std::string_view()); }
  /// Appends a key or element step in place and returns its (empty) key box to fill.
  /// member: for a keyed-sequence key, the key member's name.
  detail::box& push_key(segment_kind k, std::string_view member = {}) {
    return segs_.emplace_back(detail::in_place_step, k, 0, member).key_;
  }
  /// Removes every segment, keeping the storage (a reused change's path).
  void clear() noexcept { segs_.clear(); }

  /// Appends the path's text (`containers["web"].image`) to out.
  void print(std::string& out) const {
    bool first = true;
    for (const segment& s : segs_) {
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
          s.key_box().print(out);
          if (!s.name_.empty() && (out.size() == at || out[at] != '"')) {  // ports[number=80]
            out.insert(at, s.name_);
            out.insert(at + s.name_.size(), 1, '=');
          }
          out += ']';
          break;
        }
        case segment_kind::element:
          out += '{';
          s.key_box().print(out);
          out += '}';
          break;
      }
      first = false;
    }
  }
  /// The path's text, e.g. `labels["tier"]`.
  std::string to_string() const {
    std::string s;
    print(s);
    return s;
  }

 private:
  container segs_;
};

}  // namespace reconcile
