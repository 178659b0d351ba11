// reconcile/path.hpp - where a change lies: replicas | labels["tier"] | containers["web"].image
// | args[2] | tags{"blue"}. A path owns its keys, so it outlives the data it was taken from.
#pragma once

#include <reconcile/detail/box.hpp>
#include <reconcile/detail/inline_vector.hpp>
#include <reconcile/value.hpp>

#include <reconcile/detail/text_formatter.hpp>

#include <fmt/core.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace reconcile {

/// segment_kind: a struct field (`.name`), a position (`[2]`), a key (`["web"]`: map key or
/// keyed-sequence key; a keyed-sequence key that does not print as a quoted string names its
/// member, `ports[number=80]`, so that it never reads as a position) or a set element
/// (`{"blue"}`).
enum class segment_kind : unsigned char { field, index, key, element };

namespace detail {
struct path_access;
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
    return segment(detail::in_place_step, segment_kind::field, index, name);
  }
  /// A field whose name is known only at run time (a JSON member): the segment owns it.
  static segment named_field(std::string name) {
    segment s(segment_kind::field);
    s.key_.emplace<std::string>(std::move(name));  // index(): -1, names no declared field
    return s;
  }
  static segment position(std::size_t index) {
    return segment(detail::in_place_step, segment_kind::index, index, std::string_view());
  }
  /// A key step holding a copy of k; member: for a keyed-sequence key, the key member's name.
  template <class K>
    requires(!std::is_same_v<std::remove_cvref_t<K>, detail::box>)
  static segment key(K&& k, std::string_view member = {}) {
    return key(detail::box(std::forward<K>(k)), member);
  }
  /// A set or multiset element step holding a copy of e.
  template <class E>
    requires(!std::is_same_v<std::remove_cvref_t<E>, detail::box>)
  static segment element(E&& e) {
    return element(detail::box(std::forward<E>(e)));
  }

 private:
  friend class path;
  friend class path_view;
  template <class T, std::size_t N>
  friend class detail::inline_vector;  // path's segments are built in place
  // For path's in-place appends (the diff engine): a field or position step; or a key or
  // element step (name: a keyed-sequence key's member name) whose key is filled next.
  segment(detail::in_place_step_t, segment_kind k, std::size_t index, std::string_view name) noexcept {
    key_.set_tag(static_cast<unsigned char>(k));
    if (k == segment_kind::key || k == segment_kind::element) {
      set_step({0, {}});
      set_member(name);
    } else {
      set_step({index, name});
      set_member({});
    }
  }
  // member: for a keyed-sequence key, the key member's name (see segment_kind).
  static segment key(detail::box k, std::string_view member = {}) {
    segment s(segment_kind::key, std::move(k));
    s.set_member(member);
    return s;
  }
  static segment element(detail::box k) { return segment(segment_kind::element, std::move(k)); }

 public:
  segment(const segment& o) : key_(o.key_) { copy_step(o); }
  segment(segment&& o) noexcept : key_(std::move(o.key_)) {
    copy_step(o);
    if (!key_.empty()) o.set_step({0, {}});  // its key moved out: it reads as index 0, no name
  }
  segment& operator=(const segment& o) {
    if (this != &o) {
      key_ = o.key_;
      copy_step(o);
    }
    return *this;
  }
  segment& operator=(segment&& o) noexcept {
    if (this != &o) {
      key_ = std::move(o.key_);
      copy_step(o);
      if (!key_.empty()) o.set_step({0, {}});
    }
    return *this;
  }
  ~segment() = default;

  segment_kind kind() const noexcept { return static_cast<segment_kind>(key_.tag()); }
  /// The field's name ("replicas"); for a keyed-sequence key, its member's name ("number");
  /// empty otherwise.
  std::string_view name() const noexcept {
    const segment_kind k = kind();
    if (k == segment_kind::key || k == segment_kind::element) return get_member();
    if (key_.empty()) return get_step().name;
    return std::string_view(key_.get<std::string>());  // a named_field
  }
  /// The field's declaration index, or the position in a sequence.
  std::size_t index() const noexcept {
    const segment_kind k = kind();
    if (k == segment_kind::key || k == segment_kind::element) return 0;
    if (key_.empty()) return get_step().index;
    return static_cast<std::size_t>(-1);  // a named_field
  }
  /// The key or element (empty for a field or position): a checked view.
  value_ref key_value() const noexcept { return detail::value_access::view(key_); }
  /// The key or element as a K, the type the container's key has; throws bad_value_access
  /// for another type.
  template <class K>
  const K& key() const {
    return key_value().get<K>();
  }

 private:
  friend class path;
  friend class path_view;
  // A field or position step keeps its index and name in the (empty) key box's storage and
  // every segment its kind in the box's tag: a segment is one box, 64 bytes, one cache line.
  // The index at offset 0, the name's pointer and size at 16 and 24, each stored alone: a
  // string_view copied whole is spilled to the stack and reloaded as one 16-byte load, a
  // store-forwarding stall on every change.
  struct step {
    std::size_t index;
    std::string_view name;
  };
  static constexpr std::size_t name_at = 16;
  static constexpr std::size_t step_size = name_at + sizeof(const char*) + sizeof(std::size_t);
  static_assert(step_size <= detail::box::spare_size && sizeof(const char*) <= detail::box::owner_size);
  explicit segment(segment_kind k) noexcept {
    key_.set_tag(static_cast<unsigned char>(k));
    set_step({0, {}});
    set_member({});
  }
  segment(segment_kind k, detail::box b) noexcept : key_(std::move(b)) {
    key_.set_tag(static_cast<unsigned char>(k));
    if (key_.empty()) set_step({0, {}});
    set_member({});
  }
  // A key's member name: its pointer in the box's owner bytes, its size in its owner word.
  std::string_view get_member() const noexcept {
    const char* data;
    std::memcpy(static_cast<void*>(&data), key_.owner_bytes(), sizeof data);
    return std::string_view(data, key_.owner_word());
  }
  void set_member(std::string_view m) noexcept {
    const char* data = m.data();
    std::memcpy(key_.owner_bytes(), static_cast<const void*>(&data), sizeof data);
    key_.set_owner_word(static_cast<std::uint32_t>(m.size()));
  }
  step get_step() const noexcept {
    std::size_t index, size;
    const char* data;
    std::memcpy(&index, key_.spare(), sizeof index);
    std::memcpy(static_cast<void*>(&data), key_.spare() + name_at, sizeof data);
    std::memcpy(&size, key_.spare() + name_at + sizeof data, sizeof size);
    return {index, std::string_view(data, size)};
  }
  void set_step(const step& s) noexcept {
    const char* data = s.name.data();
    const std::size_t size = s.name.size();
    std::memcpy(key_.spare(), &s.index, sizeof s.index);
    std::memcpy(key_.spare() + name_at, static_cast<const void*>(&data), sizeof data);
    std::memcpy(key_.spare() + name_at + sizeof data, &size, sizeof size);
  }
  // Refills a kept segment as a field or position step.
  [[gnu::always_inline]] void set_in_place(segment_kind k, std::size_t index, std::string_view name) noexcept {
    key_.reset();
    key_.set_tag(static_cast<unsigned char>(k));
    set_step({index, name});
  }
  void copy_step(const segment& o) noexcept {
    key_.set_tag(o.key_.tag());
    key_.set_owner_word(o.key_.owner_word());
    std::memcpy(key_.owner_bytes(), o.key_.owner_bytes(), detail::box::owner_size);
    if (key_.empty()) std::memcpy(key_.spare(), o.key_.spare(), step_size);
  }
  detail::box key_;
};

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
  explicit path(container segs) : size_(segs.size()), segs_(std::move(segs)) {}
  path(const path& o) : size_(o.size_) {
    for (const segment& s : o) segs_.push_back(s);  // the segments in use only
  }
  path(path&& o) noexcept : size_(o.size_), segs_(std::move(o.segs_)) {
    o.size_ = 0;
    o.segs_.clear();
  }
  path& operator=(const path& o) {
    if (this != &o) {
      segs_.clear();
      size_ = 0;
      for (const segment& s : o) segs_.push_back(s);
      size_ = o.size_;
    }
    return *this;
  }
  path& operator=(path&& o) noexcept {
    if (this != &o) {
      segs_ = std::move(o.segs_);
      size_ = o.size_;
      o.size_ = 0;
      o.segs_.clear();
    }
    return *this;
  }
  ~path() = default;

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const segment& operator[](std::size_t i) const noexcept { return segs_[i]; }
  using const_iterator = container::const_iterator;
  const_iterator begin() const noexcept { return segs_.begin(); }
  const_iterator end() const noexcept { return segs_.begin() + static_cast<std::ptrdiff_t>(size_); }
  void push_back(segment s) {
    if (size_ < segs_.size()) segs_[size_] = std::move(s);
    else segs_.push_back(std::move(s));
    ++size_;
  }
  /// Appends a field step / a position step in place (the diff engine's way).
  [[gnu::always_inline]] void push_field(std::size_t index, std::string_view name) {
    push_step(segment_kind::field, index, name);
  }
  [[gnu::always_inline]] void push_position(std::size_t index) { push_step(segment_kind::index, index, std::string_view()); }
  /// Removes every segment, keeping the storage (a reused change's path): the segments stay
  /// built past size(), so that refilling them reuses their keys' storage (a long string key
  /// costs no allocation once warm).
  void clear() noexcept { size_ = 0; }

  /// Appends the path's text (`containers["web"].image`) to out.
  void print(std::string& out) const { path_view(*this).print(out); }
  /// The path's text, e.g. `labels["tier"]`.
  std::string to_string() const {
    std::string s;
    print(s);
    return s;
  }
  /// The segments as a view (what a change's path() returns).
  operator path_view() const noexcept { return path_view(segs_.begin(), size_); }  // NOLINT

 private:
  friend struct detail::path_access;
  friend class path_view;
  // Appends a key or element step in place and returns its key box to fill with assign<K>():
  // it may still hold the key of an earlier use of this path (see clear), whose storage
  // assign reuses. member: for a keyed-sequence key, the key member's name.
  detail::box& push_key(segment_kind k, std::string_view member = {}) {
    if (size_ < segs_.size()) {
      segment& s = segs_[size_++];
      s.key_.set_tag(static_cast<unsigned char>(k));
      if (s.key_.empty()) s.set_step({0, {}});
      s.set_member(member);
      return s.key_;
    }
    detail::box& b = segs_.emplace_back(detail::in_place_step, k, std::size_t{0}, member).key_;
    ++size_;
    return b;
  }
  [[gnu::always_inline]] void push_step(segment_kind k, std::size_t index, std::string_view name) {
    if (size_ < segs_.size()) segs_[size_].set_in_place(k, index, name);
    else segs_.emplace_back(detail::in_place_step, k, index, name);
    ++size_;
  }
  // The segments in use: segs_ may hold more (kept built by clear()).
  std::size_t size_ = 0;
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
        s.key_.print(out);
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
        s.key_.print(out);
        out += '}';
        break;
    }
    first = false;
  }
}

namespace detail {
// The diff engine's in-place key appends: not for users.
struct path_access {
  static box& push_key(path& p, segment_kind k, std::string_view member = {}) { return p.push_key(k, member); }
  // The segments [first, first + n) of p (a changeset's segment arena) as a view.
  static path_view view(const segment* first, std::size_t n) noexcept { return path_view(first, n); }
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
