// The library's one type id: the address of type_id<T> names T without RTTI. A box tells the
// type it holds by it, an action its key and resource types, apply's memo the sequence it
// indexed.
#pragma once

namespace reconcile::detail {

// type_id<T>: a variable whose address is unique per T in a program; compare &type_id<T> with
// a stored `const void*`.
template <class T>
inline constexpr char type_id = 0;

}  // namespace reconcile::detail
