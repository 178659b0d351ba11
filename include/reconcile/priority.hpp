// reconcile/priority.hpp — how urgent a run is: the priority of a notify, of a resync and of the
// rerun a result asks for. Among due items a higher priority runs first, subject to ageing
// (options::priority_ageing): each level is worth one `ageing` of waiting, so a low level is
// delayed but never starved; ageing = duration::max() gives strict priorities.
#pragma once

#include <cstdint>

namespace reconcile {

/// enum class priority : int8_t { low = -1, normal = 0, high = 1 }; any value -128..127 works.
/// A plain value: comparing or copying it is free.
enum class priority : std::int8_t { low = -1, normal = 0, high = 1 };

}  // namespace reconcile
