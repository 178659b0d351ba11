// reconcile/wire/codec.hpp - a changeset<T> as a compact binary delta, and back.
//
//   wire::encode(out, cs);                        // appends a packet; no allocation once out is warm
//   wire::encode_delta(out, baseline, current);   // the same packet, straight from the two values
//   wire::decode_into(obj, bytes);                // obj becomes what the sender diffed to; all or nothing
//
// The format is derived from T at compile time: field numbers from declaration order, a
// presence mask per struct, keyed elements by key (integral keys as the gap from the
// previous one), integers as varints (zigzag when signed), enums by value, strings and
// containers length-prefixed, optionals and variants tagged, quantized floats as whole steps
// (a delta sends the steps moved). The layout is in detail/delta_format.hpp.
#pragma once

#include <reconcile/changeset.hpp>
#include <reconcile/diff.hpp>
#include <reconcile/wire/detail/delta_apply.hpp>
#include <reconcile/wire/detail/delta_check.hpp>
#include <reconcile/wire/detail/delta_walk.hpp>
#include <reconcile/wire/detail/delta_write.hpp>
#include <reconcile/wire/packet.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reconcile::wire {

namespace detail {
template <class T>
void check_encodable() {
  static_assert(reconcile::detail::supported<T>(),
                "reconcile::wire::encode: T (or a type inside it) is neither reflectable nor comparable; "
                "make it an aggregate or use BOOST_HANA_DEFINE_STRUCT");
}
// Pass 2 over a body pass 1 accepted (or that this process wrote): obj takes the delta.
template <class T>
void apply_body(T& obj, const unsigned char* body, std::size_t size, const std::vector<std::uint32_t>* found = nullptr) {
  if (size == 0) return;  // an empty changeset
  trusted_reader in{body};
  if (found) in.found = found->data(), in.found_end = found->data() + found->size();
  apply_node(in, obj, reconcile::detail::default_rule);
}
}  // namespace detail

/// encode(out, cs, info = {}): appends to out the packet of cs (a delta; info's sequence and
/// baseline travel in its header). O(changes x path depth); allocates only to grow out.
template <class T, detail::byte_buffer Out>
void encode(Out& out, const changeset<T>& cs, packet_info info = {}) {
  detail::check_encodable<T>();
  detail::writer<Out> w(out);
  const std::size_t start = w.size();
  detail::put_header(w, 0, fingerprint<T>, info.sequence, info.baseline);
  if (!cs.empty()) {
    detail::delta_writer<detail::writer<Out>> dw{w, &cs[0]};
    dw.template node<T>(0, cs.size(), 0, reconcile::detail::default_rule);
  }
  detail::put_checksum(w, start);
}

/// encode_delta(out, baseline, current, info = {}): appends the packet that turns baseline into
/// current: the bytes of encode(out, diff(baseline, current), info), written while walking both
/// values (no changeset: O(size of the values), one memcmp per unchanged flat element). Types
/// with an ordered keyed sequence or a multiset go through a per-thread changeset. Allocates
/// only to grow out (and, cold, for that changeset and keyed-sequence indexes).
template <class T, detail::byte_buffer Out>
void encode_delta(Out& out, const T& baseline, const T& current, packet_info info = {}) {
  detail::check_encodable<T>();
  if constexpr (!detail::walkable<T, reconcile::detail::field_rule<>>()) {
    thread_local changeset<T> cs;
    reconcile::diff_into(cs, baseline, current);
    wire::encode(out, cs, info);
  } else {
    detail::writer<Out> w(out);
    const std::size_t start = w.size();
    detail::put_header(w, 0, fingerprint<T>, info.sequence, info.baseline);
    detail::delta_walker<detail::writer<Out>> dw{w};
    const detail::frame root{};
    dw.node(baseline, current, reconcile::detail::default_rule, &root);
    detail::put_checksum(w, start);
  }
}

/// decode_into(obj, bytes): applies a packet for T to obj — a delta (obj must hold the
/// sender's baseline) or a snapshot (obj takes the whole value; fields the rules ignore keep
/// obj's). All or nothing: a bad packet throws wire_error naming the path it was at and
/// leaves obj unchanged. Allocates only where obj gains elements or longer strings (and, cold,
/// a per-thread list of where the elements a delta names are: 4 bytes per byte of the largest
/// delta decoded on the thread, up to 4 MiB).
template <class T, detail::byte_range Bytes>
packet_info decode_into(T& obj, const Bytes& bytes) {
  detail::check_encodable<T>();
  const detail::header h = detail::read_header(detail::bytes_of(bytes), bytes.size(), fingerprint<T>);
  // Pass 1's finds for pass 2, per thread: at most one per 2 bytes of body; room for twice
  // that is kept (4 bytes per byte of the largest delta seen, up to 4 MiB), so a warm decode
  // allocates nothing.
  thread_local std::vector<std::uint32_t> found;
  found.clear();
  if (h.kind == 0 && found.capacity() < h.body_size / 2) found.reserve(h.body_size < (1u << 20) ? h.body_size : (1u << 20));
  detail::checked_reader in(h.body, h.body_size);
  in.found = &found;
  const detail::frame root{};
  detail::frame_guard g(in, root);
  if (h.kind == 1) {
    detail::skip_value<T, reconcile::detail::field_rule<>, detail::layout::fixed>(in);
  } else if (h.body_size != 0) {
    detail::check_node(in, obj, reconcile::detail::default_rule);
  }
  if (!in.done()) in.fail(errc::malformed, "bytes after the last value");
  if (auto& removes = detail::pending_removes(); removes.capacity() < found.size())
    removes.reserve(found.capacity());  // removes are among the finds: pass 2 allocates no room for them
  detail::trusted_reader again{h.body};
  if (h.kind == 1) detail::get_value<detail::layout::fixed>(again, obj, reconcile::detail::default_rule);
  else detail::apply_body(obj, h.body, h.body_size, &found);
  return {static_cast<packet_kind>(h.kind), h.sequence, h.baseline};
}

}  // namespace reconcile::wire
