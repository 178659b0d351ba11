// The path being walked by the diff (detail/diff_impl.hpp): stack frames, built only where a
// change is recorded, and the appends that turn them into a change's owned path.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/reflect.hpp>

#include <cstddef>
#include <string_view>

namespace reconcile::detail {

// One step of the path being walked; lives on the stack, made owned only when a change is
// recorded.
struct frame {
  const frame* parent = nullptr;
  segment_kind kind = segment_kind::field;
  bool root = true;
  bool immutable = false;
  std::size_t index = 0;
  std::string_view name;
  const void* key = nullptr;
  void (*boxer)(box&, const void*) = nullptr;

  // A field: immutable when its rule says so (imm) or a field above it is.
  frame field(std::size_t i, std::string_view n, bool imm = false) const {
    return {this, segment_kind::field, false, immutable || imm, i, n, nullptr, nullptr};
  }
  frame position(std::size_t i) const {
    return {this, segment_kind::index, false, immutable, i, {}, nullptr, nullptr};
  }
  // member: for a keyed-sequence key, the key member's name (paths print `ports[number=80]`).
  template <class K>
  frame keyed(const K& k, segment_kind sk = segment_kind::key, std::string_view member = {}) const {
    return {this, sk, false, immutable, 0, member, &k, &box_copy<K>};
  }
  template <class K>
  static void box_copy(box& b, const void* k) {
    b.assign<K>(*static_cast<const K*>(k));  // a refilled path's key box: its storage is reused
  }
};

// The frame of a container element or map value, not built yet: built only when a change at
// or below it is recorded, so that unchanged elements cost no stores.
struct at_position {
  const frame* parent;
  std::size_t i;
  frame get() const { return parent->position(i); }
};
template <class K>
struct at_key {
  const frame* parent;
  const K* k;
  std::string_view member = {};  // see frame::keyed
  frame get() const { return parent->keyed(*k, segment_kind::key, member); }
};
// The name of a keyed sequence's key member, as its paths print it.
template <auto Key>
consteval std::string_view key_member_name() {
  if constexpr (member_index<Key>() < field_count<class_of<Key>>) return field_name<class_of<Key>, member_index<Key>()>;
  else return "key";
}
inline const frame& frame_of(const frame& f) noexcept { return f; }
inline bool immutable_of(const frame& f) noexcept { return f.immutable; }
template <class Lazy>
bool immutable_of(const Lazy& l) noexcept {
  return l.parent->immutable;
}
template <class Lazy>
frame frame_of(const Lazy& l) {
  return l.get();
}

// A key or element step: into a changeset's segment arena (its kept key boxes), or into an
// owned path (an error's).
template <class Fill>
void push_key_to(segment_arena& p, segment_kind k, std::string_view member, Fill&& fill) {
  p.push_key(k, member, fill);
}
template <class Fill>
void push_key_to(path& p, segment_kind k, std::string_view member, Fill&& fill) {
  box b;
  fill(b);
  p.push_back(path_access::owned_key(k, member, b));
}

// Key and element segments copy the key into a box: kept out of line, off the common path.
template <class P>
[[gnu::noinline]] void push_key_segment(P& p, const frame& f) {
  push_key_to(p, f.kind, f.name, [&](box& b) { f.boxer(b, f.key); });
}

// Appends the segments from the root frame down to f (to a segment arena or a path).
// Iterative for the usual depths (up to 8 levels at a time), so the common case costs no
// recursion and few register spills.
template <class P>
[[gnu::noinline]] void append_chain(P& p, const frame* f) {
  const frame* chain[8];
  std::size_t n = 0;
  for (; f && !f->root; f = f->parent) {
    if (n == 8) {
      append_chain(p, f);
      break;
    }
    chain[n++] = f;
  }
  while (n > 0) {
    const frame& s = *chain[--n];
    if (s.kind == segment_kind::field) p.push_field(s.index, s.name);
    else if (s.kind == segment_kind::index) p.push_position(s.index);
    else push_key_segment(p, s);
  }
}
// The root frame (a change to a top-level field) costs one test.
template <class P>
void append_path(P& p, const frame* f) {
  if (f && !f->root) append_chain(p, f);
}

// Appends the segments of `at`: a frame's chain, or a lazy frame's parent chain and its step.
template <class P>
void append_at(P& p, const frame& f) {
  append_path(p, &f);
}
template <class P>
void append_at(P& p, const at_position& at) {
  append_path(p, at.parent);
  p.push_position(at.i);
}
template <class P, class K>
void append_at(P& p, const at_key<K>& at) {
  append_path(p, at.parent);
  push_key_to(p, segment_kind::key, at.member, [&](box& b) { b.assign<K>(*at.k); });
}

inline constexpr std::string_view tuple_field_names[] = {"0", "1", "2",  "3",  "4",  "5",  "6",  "7",
                                                         "8", "9", "10", "11", "12", "13", "14", "15"};

// A struct field as a path step, as static data (see differ::replaced_field).
struct field_step {
  std::size_t index;
  std::string_view name;
  bool immutable;
};
template <class V, std::size_t I, bool Imm>
inline constexpr field_step field_step_of{I, field_name<V, I>, Imm};

}  // namespace reconcile::detail
