// Compile-time benchmark, the floor of (a): the same includes as tu_reconcile.cpp, nothing used.
#include WIDE_HEADER

#include <reconcile/diff.hpp>
