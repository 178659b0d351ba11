// raise(e): throws e; in a build without exceptions (-fno-exceptions), prints e.what() and
// aborts. Shared by every layer, so that none includes another's error type to throw.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace reconcile::detail {

template <class E>
[[noreturn]] void raise(const E& e) {
#if defined(__cpp_exceptions)
  throw e;
#else
  std::fprintf(stderr, "%s\n", e.what());
  std::abort();
#endif
}

}  // namespace reconcile::detail
