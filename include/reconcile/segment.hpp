// reconcile/segment.hpp - one step of a path: a struct field (`.replicas`), a position (`[2]`),
// a key (`["web"]`) or a set element (`{"blue"}`). A key or element step holds a copy of the
// key value, or, in a changeset's arena, views the key the arena keeps. path.hpp includes it.
#pragma once

#include <reconcile/detail/box.hpp>
#include <reconcile/value.hpp>

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
struct path_access;
}  // namespace detail

/// segment: one step of a path. Fields carry their declared name and index; keys and
/// elements carry a copy of the key value.
class segment {
 public:
  static segment field(std::size_t index, std::string_view name) noexcept {
    return segment(segment_kind::field, index, name);
  }
  /// A field whose name is known only at run time (a JSON member): the segment owns it.
  static segment named_field(std::string name) {
    segment s(segment_kind::field, static_cast<std::size_t>(-1), {});  // index(): -1, names no declared field
    s.own(new std::string(std::move(name)), detail::box::table_of<std::string>());
    return s;
  }
  static segment position(std::size_t index) noexcept { return segment(segment_kind::index, index, {}); }
  /// A key step holding a copy of k; member: for a keyed-sequence key, the key member's name.
  template <class K>
  static segment key(K&& k, std::string_view member = {}) {
    return keyed(segment_kind::key, detail::box(std::forward<K>(k)), member);
  }
  /// A set or multiset element step holding a copy of e.
  template <class E>
  static segment element(E&& e) {
    return keyed(segment_kind::element, detail::box(std::forward<E>(e)), {});
  }

  segment(const segment& o) : index_(o.index_), name_(o.name_), kind_(o.kind_) {
    if (o.key_) own(o.key_table_->clone(o.key_), o.key_table_);  // a copy owns its key
  }
  segment(segment&& o) noexcept
      : index_(o.index_), name_(o.name_), key_(o.key_), key_table_(o.key_table_), kind_(o.kind_), owned_(o.owned_) {
    o.key_ = nullptr;
    o.owned_ = false;
  }
  segment& operator=(const segment& o) {
    if (this != &o) *this = segment(o);
    return *this;
  }
  segment& operator=(segment&& o) noexcept {
    if (this != &o) {
      drop();
      index_ = o.index_;
      name_ = o.name_;
      key_ = o.key_;
      key_table_ = o.key_table_;
      kind_ = o.kind_;
      owned_ = o.owned_;
      o.key_ = nullptr;
      o.owned_ = false;
    }
    return *this;
  }
  ~segment() { drop(); }

  segment_kind kind() const noexcept { return kind_; }
  /// The field's name ("replicas"); for a keyed-sequence key, its member's name ("number");
  /// empty otherwise.
  std::string_view name() const noexcept { return name_; }
  /// The field's declaration index, or the position in a sequence.
  std::size_t index() const noexcept { return index_; }
  /// The key or element (empty for a field or position; a named field's name): a checked
  /// view.
  value_ref key_value() const noexcept { return key_ ? detail::value_access::view(key_, key_table_) : value_ref(); }
  /// The key or element as a K, the type the container's key has; throws bad_value_access
  /// for another type.
  template <class K>
  const K& key() const {
    return key_value().get<K>();
  }

 private:
  friend class path;
  friend struct detail::path_access;
  // Plain data: a field or position step is its kind, index and name (no key); a key or
  // element step views its key value (of the type key_table_ describes), which it owns
  // (owned_) unless the segment lives in a changeset's arena, whose key boxes hold the keys.
  // A named field owns its name's text the same way (a std::string at key_).
  segment(segment_kind k, std::size_t index, std::string_view name) noexcept : index_(index), name_(name), kind_(k) {}
  static segment keyed(segment_kind k, detail::box b, std::string_view member) {
    segment s(k, 0, member);
    s.own(b.table()->clone(b.data()), b.table());
    return s;
  }
  void own(void* value, const detail::box_table* table) noexcept {
    key_ = value;
    key_table_ = table;
    owned_ = true;
    if (kind_ == segment_kind::field) name_ = *static_cast<const std::string*>(value);
  }
  void drop() noexcept {
    if (owned_) key_table_->drop(const_cast<void*>(key_));
    key_ = nullptr;
    owned_ = false;
  }

  std::size_t index_ = 0;
  std::string_view name_;
  const void* key_ = nullptr;
  const detail::box_table* key_table_ = nullptr;
  segment_kind kind_ = segment_kind::field;
  bool owned_ = false;
};

}  // namespace reconcile
