// reconcile/wire/replicator.hpp - per-peer baselines (Quake 3's snapshot model): the sender
// keeps, for each peer, what that peer holds after each of its last `history` packets, and
// sends each peer the delta from the newest one it acknowledged; the receiver keeps its last
// `history` states to apply deltas to.
//
//   wire::replicator<World> server;              wire::receiver<World> client;
//   auto p = server.add_peer();
//   server.send(p, world, packet);   ~~ lossy, reordering link ~~>   client.receive(packet);
//   server.ack(p, seq);              <~~ seq = client.receive(...)
//
// Lost packets are simply not acknowledged (the next delta is from an older baseline); acks
// may arrive late and out of order; a peer whose baseline is older than `history` packets, or
// that asks to resync, gets a snapshot. Deltas are taken against what the peer will hold after
// decoding (quantized, within tolerance), so rounding never accumulates.
// Memory: history copies of T per peer (sender) and per receiver.
#pragma once

#include <reconcile/diff.hpp>
#include <reconcile/wire/codec.hpp>
#include <reconcile/wire/snapshot.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace reconcile::wire {

namespace detail {
// The last `history` states, by sequence number (slot = sequence % history).
template <class T>
class state_ring {
 public:
  explicit state_ring(std::size_t history) : slots_(history < 2 ? 2 : history) {}
  std::size_t history() const noexcept { return slots_.size(); }
  T* find(std::uint64_t seq) noexcept {
    auto& s = slots_[seq % slots_.size()];
    return s.seq == seq && s.valid ? &s.state : nullptr;
  }
  // The slot for seq, marked invalid until commit(): a failed decode leaves no state behind.
  T& claim(std::uint64_t seq) noexcept {
    auto& s = slots_[seq % slots_.size()];
    s.seq = seq;
    s.valid = false;
    return s.state;
  }
  void commit(std::uint64_t seq) noexcept { slots_[seq % slots_.size()].valid = true; }
  void clear() noexcept {
    for (auto& s : slots_) s.valid = false;
  }

 private:
  struct slot {
    std::uint64_t seq = 0;
    bool valid = false;
    T state{};
  };
  std::vector<slot> slots_;
};
}  // namespace detail

/// replicator<T>: the sending side; one baseline ring per peer.
template <class T>
class replicator {
 public:
  using peer = std::size_t;
  /// replicator(history = 32): keeps what each peer holds after each of its last `history`
  /// packets; an ack older than that is useless (the peer then gets a snapshot).
  explicit replicator(std::size_t history = 32) : history_(history) {}

  /// add_peer(): a new peer, with no baseline (its first packet is a snapshot).
  peer add_peer() {
    peers_.emplace_back(history_);
    return peers_.size() - 1;
  }
  /// send(p, current, out): appends to out the packet that brings peer p to `current`: a
  /// delta from its newest acknowledged baseline, or a snapshot. Returns its sequence number.
  /// Allocates nothing once warm (an encode_delta and one copy of the baseline).
  template <detail::byte_buffer Out>
  std::uint64_t send(peer p, const T& current, Out& out) {
    peer_state& s = peers_[p];
    const std::uint64_t seq = ++s.sent;
    const std::size_t start = out.size();
    const T* base = s.acked != 0 && seq - s.acked < s.views.history() ? s.views.find(s.acked) : nullptr;
    if (base) {
      wire::encode_delta(out, *base, current, {packet_kind::delta, seq, s.acked});
      s.last = {s.acked, seq};
      T& view = s.views.claim(seq);
      view = *base;  // copy-assignment: reuses the slot's storage
      apply_own(view, out, start);
    } else {
      wire::encode_value(out, current, seq);
      s.last = {};
      T& view = s.views.claim(seq);
      apply_own(view, out, start);
      ++s.snapshots;
    }
    s.views.commit(seq);
    return seq;
  }
  /// ack(p, seq): peer p holds the state of packet seq. Late, repeated and out-of-order acks
  /// are fine: only a newer one still in the history moves the baseline.
  void ack(peer p, std::uint64_t seq) noexcept {
    peer_state& s = peers_[p];
    if (seq > s.acked && seq <= s.sent && s.views.find(seq)) s.acked = seq;
  }
  /// resync(p): forget p's baselines; its next packet is a snapshot (a peer that restarted or
  /// reported errc::no_baseline).
  void resync(peer p) noexcept {
    peers_[p].acked = 0;
    peers_[p].views.clear();
  }
  /// acked(p): the sequence of p's baseline (0: none yet). snapshots(p): snapshots sent to p.
  std::uint64_t acked(peer p) const noexcept { return peers_[p].acked; }
  std::size_t snapshots(peer p) const noexcept { return peers_[p].snapshots; }
  /// changes(p): the changes p's last packet carried, if a delta (else none), for logs and
  /// figures: diff of the two states the peer holds, computed on call (a diff_into), valid
  /// until the next send to p.
  const changeset<T>& changes(peer p) {
    peer_state& s = peers_[p];
    const T* from = s.last.baseline != 0 ? s.views.find(s.last.baseline) : nullptr;
    const T* to = from ? s.views.find(s.last.sequence) : nullptr;
    if (to) reconcile::diff_into(s.cs, *from, *to);
    else s.cs.clear();
    return s.cs;
  }
  /// view(p, seq): what peer p holds after packet seq, while in the history; else null.
  const T* view(peer p, std::uint64_t seq) noexcept { return peers_[p].views.find(seq); }

 private:
  struct peer_state {
    explicit peer_state(std::size_t history) : views(history) {}
    detail::state_ring<T> views;
    changeset<T> cs{};
    struct {
      std::uint64_t baseline = 0, sequence = 0;
    } last{};  // the last delta's
    std::uint64_t sent = 0, acked = 0;
    std::size_t snapshots = 0;
  };
  // The peer's state after the packet at out[start..]: decoded from our own bytes (pass 2
  // only), so that it is exactly what the peer will hold, quantization included.
  template <class Out>
  static void apply_own(T& view, const Out& out, std::size_t start) {
    const auto* p = detail::bytes_of(out) + start;
    const detail::header h = detail::read_header(p, out.size() - start, fingerprint<T>);
    if (h.kind == 1) {
      detail::trusted_reader in{h.body};
      detail::get_value<detail::layout::fixed>(in, view, reconcile::detail::default_rule);
    } else {
      detail::apply_body(view, h.body, h.body_size);
    }
  }
  std::size_t history_;
  std::vector<peer_state> peers_;
};

/// receiver<T>: the receiving side: the states of its last `history` packets, by sequence.
template <class T>
class receiver {
 public:
  explicit receiver(std::size_t history = 32) : states_(history) {}
  /// receive(bytes): decodes a packet onto its baseline and returns its sequence number, to
  /// acknowledge. A packet older than the newest still decodes (its ack is harmless); one
  /// already held, or older than the history, is not decoded again. Throws
  /// wire_error, keeping every state: errc::no_baseline when the delta's baseline is not held
  /// (ask the sender to resync), or whatever makes the packet bad.
  template <detail::byte_range Bytes>
  std::uint64_t receive(const Bytes& bytes) {
    const packet_info info = wire::peek<T>(bytes);
    // Already held, or so old that its slot holds a newer state: nothing to decode.
    if (states_.find(info.sequence) || info.sequence + states_.history() <= newest_) return info.sequence;
    const T* base = nullptr;
    if (info.kind == packet_kind::delta) {
      base = info.sequence - info.baseline < states_.history() ? states_.find(info.baseline) : nullptr;
      if (!base || info.baseline >= info.sequence)
        detail::fail(errc::no_baseline, nullptr, 0, bytes.size(), "a delta from a baseline this receiver does not hold");
    }
    T& next = states_.claim(info.sequence);
    if (base) next = *base;
    wire::decode_into(next, bytes);
    states_.commit(info.sequence);
    if (info.sequence > newest_) newest_ = info.sequence;
    return info.sequence;
  }
  /// state(): the state of the newest packet received (T{} before the first).
  const T& state() noexcept {
    const T* s = states_.find(newest_);
    return s ? *s : empty_;
  }
  /// state(seq): the state of packet seq while in the history; else null.
  const T* state(std::uint64_t seq) noexcept { return states_.find(seq); }
  /// sequence(): the newest packet's sequence number (0: none yet).
  std::uint64_t sequence() const noexcept { return newest_; }

 private:
  detail::state_ring<T> states_;
  std::uint64_t newest_ = 0;
  T empty_{};
};

}  // namespace reconcile::wire
