// The passes of reconcile::apply over a changeset: every change is checked (walked without
// writing), then performed, so a change that does not fit leaves the object unchanged. The
// check leaves the performing pass hints (where it found each keyed element: apply_hints),
// and each pass keeps its memo of the keyed sequences it goes through (apply_memo.hpp). Not
// public.
#pragma once

#include <reconcile/change.hpp>
#include <reconcile/detail/apply_impl.hpp>
#include <reconcile/detail/apply_memo.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace reconcile::detail {

// What the check pass of a run found, for the pass that performs it: apply checks every change
// (finding each keyed element) before performing any, and the performing pass looks first where
// the check found each element, so a keyed sequence is searched once, not twice. One buffer
// per thread (apply_memo::hint_steps positions a change), kept between applies: warm, it
// allocates nothing. It serves a performing pass only over the very object and changes the
// check pass just went through; a nested apply (from a value's copy) finds it lent out.
class apply_hints {
 public:
  static constexpr std::size_t min_changes = 8;  // fewer changes: not worth the bookkeeping

  apply_hints(const void* obj, const change* first, const change* last, apply_memo& memo)
      : obj_(obj), first_(first), last_(last) {
    const auto n = static_cast<std::size_t>(last - first);
    if (n < min_changes) return;
    held& h = local();
    const bool checked = h.obj == obj && h.first == first && h.last == last;
    h.obj = nullptr;
    if (!memo.dry && (!checked || h.pos.size() < n * apply_memo::hint_steps)) return;
    buf_ = std::move(h.pos);
    lent_ = true;
    if (memo.dry) buf_.assign(n * apply_memo::hint_steps, apply_memo::no_hint);
    memo.hints = buf_.data();
  }
  apply_hints(const apply_hints&) = delete;
  apply_hints& operator=(const apply_hints&) = delete;
  /// The check pass went through: its hints serve the performing pass that follows.
  void checked() noexcept { checked_ = true; }
  ~apply_hints() {
    if (!lent_) return;
    held& h = local();
    h.pos = std::move(buf_);
    if (checked_) {
      h.obj = obj_;
      h.first = first_;
      h.last = last_;
    }
  }

 private:
  struct held {
    std::vector<std::uint32_t> pos;
    const void* obj = nullptr;
    const change* first = nullptr;
    const change* last = nullptr;
  };
  static held& local() noexcept {
    thread_local held h;
    return h;
  }
  std::vector<std::uint32_t> buf_;
  const void* obj_;
  const change* first_;
  const change* last_;
  bool lent_ = false;
  bool checked_ = false;
};

template <class T, class Ctx>
void apply_each(T& obj, const Ctx& ctx, const change* first, const change* last, apply_memo& memo) {
  try {
    for (const change* c = first; c != last; ++c) {
      ++memo.change_no;
      memo.keyed_step = 0;
      applier<Ctx>{ctx, *c, memo.dry, memo}.at(obj, 0, default_rule);
    }
    memo.settle_all();  // the erases still waiting
  } catch (...) {
    try {
      memo.settle_all();  // performing failed half-way: at least no element is left doomed
    } catch (...) {  // NOLINT(bugprone-empty-catch): the first failure is the one to report
    }
    throw;
  }
}

template <class T, class Ctx>
void apply_run(T& obj, const Ctx& ctx, const change* first, const change* last, bool dry) {
  apply_memo memo;
  memo.dry = dry;
  if (last - first < static_cast<std::ptrdiff_t>(apply_hints::min_changes)) return apply_each(obj, ctx, first, last, memo);
  apply_hints hints(&obj, first, last, memo);
  apply_each(obj, ctx, first, last, memo);
  if (dry) hints.checked();
}

// Checks, then performs, the changes [first, last) on obj (apply). Fewer than
// apply_hints::min_changes: the check's hints in a buffer of this call's own.
template <class T, class Ctx>
void apply_checked_run(T& obj, const Ctx& ctx, const change* first, const change* last) {
  constexpr std::size_t few = apply_hints::min_changes * apply_memo::hint_steps;
  if (last - first >= static_cast<std::ptrdiff_t>(apply_hints::min_changes)) {
    apply_run(obj, ctx, first, last, true);
    apply_run(obj, ctx, first, last, false);
    return;
  }
  std::uint32_t hints[few];
  std::fill(hints, hints + few, apply_memo::no_hint);
  {
    apply_memo check;
    check.dry = true;
    check.hints = hints;
    apply_each(obj, ctx, first, last, check);
  }
  apply_memo perform;
  perform.hints = hints;
  apply_each(obj, ctx, first, last, perform);
}

}  // namespace reconcile::detail
