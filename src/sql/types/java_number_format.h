#pragma once

// Floating-point numbers as Java prints them (Double.toString and
// Float.toString), which is how Athena renders double and real values in
// GetQueryResults and in its result CSV: the shortest digits that read back
// to the same number, plain notation for magnitudes in [1e-3, 1e7) with at
// least one digit after the point ("1.0", "123.45", "0.001"), and
// "computerized" scientific notation outside it ("1.0E7", "1.2345E-5",
// "1.0E10"); "NaN", "Infinity", "-Infinity", "-0.0".

#include <string>

namespace stratus::sql {

/// Formats a double as Java's Double.toString does (JDK 19+, shortest digits).
std::string FormatDoubleJava(double value);

/// Formats a float as Java's Float.toString does.
std::string FormatRealJava(float value);

}  // namespace stratus::sql
