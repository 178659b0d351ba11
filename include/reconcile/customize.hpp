// reconcile/customize.hpp - the points where users tell reconcile about their types, beyond
// what reflection finds: today the range of values scanned for enumerator names.
#pragma once

namespace reconcile::customize {

/// enum_range<E>: the values scanned for enumerator names (default [-128, 127]). Specialize it
/// for enums with values outside; each scanned value costs one template instantiation.
///   template <> struct reconcile::customize::enum_range<Side> { static constexpr int min = 0, max = 300; };
template <class E>
struct enum_range {
  static constexpr int min = -128;
  static constexpr int max = 127;
};

}  // namespace reconcile::customize

namespace reconcile {

/// enum_range<E>: the former spelling of customize::enum_range, still honoured: specializing
/// either works (this one, when specialized, wins).
template <class E>
struct enum_range : customize::enum_range<E> {};

}  // namespace reconcile
