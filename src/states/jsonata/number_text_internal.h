#pragma once

#include <string>

namespace stratus::states::jsonata {

/// Formats `number` as JavaScript's Number.prototype.toString() does: the
/// shortest round-trip digits, fixed notation for 1e-7 <= |x| < 1e21 and
/// "1.5e+21" style otherwise. "-0" prints as "0".
std::string FormatJsNumber(double number);

/// Rounds to 15 significant digits, as JavaScript's Number(x.toPrecision(15)).
double RoundToPrecision15(double number);

/// Returns true if `number` is integral and representable as an int64.
bool IsInt64(double number);

}  // namespace stratus::states::jsonata
