// The passes of reconcile::apply over a changeset: every change is checked (walked without
// writing), then performed, so a change that does not fit leaves the object unchanged. The
// check leaves the performing pass a note a change (change_note: where it found the keyed
// elements; for a change that only writes a plain value, where), and each pass keeps its memo
// of the keyed sequences it goes through (apply_memo.hpp). Not public.
#pragma once

#include <reconcile/change.hpp>
#include <reconcile/detail/apply_impl.hpp>
#include <reconcile/detail/apply_memo.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace reconcile::detail {

// The notes of the check pass for the pass that performs the same changes (see change_note):
// one buffer a thread, kept between applies, so that warm it allocates nothing; 8 changes or
// fewer: a buffer of the call's own. A nested apply (from a value's copy) finds the thread's
// buffer lent out and uses a fresh one.
class apply_notes {
 public:
  static constexpr std::size_t few = 8;

  explicit apply_notes(std::size_t n) : n_(n) {
    if (n <= few) return;
    std::vector<change_note>& held = local();
    buf_ = std::move(held);  // lent: a nested apply finds it empty
    if (buf_.size() < n) buf_.resize(n);
  }
  apply_notes(const apply_notes&) = delete;
  apply_notes& operator=(const apply_notes&) = delete;
  ~apply_notes() {
    if (n_ > few && buf_.capacity() >= local().capacity()) local() = std::move(buf_);
  }
  change_note* data() noexcept { return n_ <= few ? own_ : buf_.data(); }

 private:
  static std::vector<change_note>& local() noexcept {
    thread_local std::vector<change_note> held;
    return held;
  }
  std::size_t n_;
  change_note own_[few];
  std::vector<change_note> buf_;
};

// One pass over the changes [first, last): checking them (memo.dry), or performing them. With
// notes (memo.notes), checking writes each change's note and performing reads it: a change
// noted with a leaf is performed by writing its value there while no move has happened.
template <class T, class Ctx>
void apply_each(T& obj, const Ctx& ctx, const change* first, const change* last, apply_memo& memo) {
  try {
    for (const change* c = first; c != last; ++c) {
      ++memo.change_no;
      if (memo.notes) {
        change_note& n = memo.notes[memo.change_no - 1];
        if (memo.dry) {
          n.hint[0] = n.hint[1] = apply_memo::no_hint;
          n.leaf = nullptr;
          memo.leaf_note = &n;
        } else if (n.leaf && memo.moves == 0) {
          n.write(n.leaf, *c);
          continue;
        }
      }
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

// One pass over [first, last), without notes: checking the changes fit (changing nothing),
// or performing them.
enum class apply_pass : bool { perform, check };
template <class T, class Ctx>
void apply_run(T& obj, const Ctx& ctx, const change* first, const change* last, apply_pass pass) {
  apply_memo memo;
  memo.dry = pass == apply_pass::check;
  apply_each(obj, ctx, first, last, memo);
}

// Checks, then performs, the changes [first, last) on obj (apply): the performing pass reads
// the check's notes.
template <class T, class Ctx>
void apply_checked_run(T& obj, const Ctx& ctx, const change* first, const change* last) {
  apply_notes notes(static_cast<std::size_t>(last - first));
  {
    apply_memo check;
    check.dry = true;
    check.notes = notes.data();
    apply_each(obj, ctx, first, last, check);
  }
  apply_memo perform;
  perform.notes = notes.data();
  apply_each(obj, ctx, first, last, perform);
}

}  // namespace reconcile::detail
