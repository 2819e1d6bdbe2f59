#pragma once

#include <cstdint>

namespace stratus::sql {

/// A signed 128-bit integer: the unscaled value of a decimal with precision
/// above 18. `__extension__` keeps -Wpedantic quiet about the GNU type.
__extension__ typedef __int128 Int128;  // NOLINT(modernize-use-using)

/// The unsigned counterpart, for arithmetic that must not overflow.
__extension__ typedef unsigned __int128 UInt128;  // NOLINT(modernize-use-using)

}  // namespace stratus::sql
