// RECONCILE_DETAIL_FORCE_INLINE (before a function) and RECONCILE_DETAIL_INLINE_LAMBDA (after a
// lambda's parameters): forced inline where the compiler optimizes, on hot paths whose calls
// cost more than their bodies (field access, path steps, change records). At -O0 they are plain
// calls: forcing there only copies each body into every caller, which costs compile time and
// buys no speed (clang++ 14, ASan+UBSan, tests/test_rules.cpp: 15.4 -> 12.6 s of CPU). The
// optional wire keeps its own spelling (RECONCILE_DETAIL_WIRE_INLINE): wings include public
// headers only. Not public.
#pragma once

#if defined(__OPTIMIZE__)
#define RECONCILE_DETAIL_FORCE_INLINE [[gnu::always_inline]]
#define RECONCILE_DETAIL_INLINE_LAMBDA __attribute__((always_inline))
#else
#define RECONCILE_DETAIL_FORCE_INLINE
#define RECONCILE_DETAIL_INLINE_LAMBDA
#endif
