#pragma once

// Private to sql/functions: the pieces of CAST (cast.cc dispatches), and the
// text forms other function areas share (dates, timestamps, numbers).
//
// Thread safety: stateless.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sql/functions/function.h"
#include "sql/functions/kernel_internal.h"
#include "sql/types/int128.h"

namespace stratus::sql::functions {

/// Returns the kernel of a cast among boolean, integers, real, double and
/// decimal, or nullptr when neither side is one of those.
ScalarKernel NumericCastKernel(const LogicalType& from, const LogicalType& to, bool try_cast);

/// Returns the kernel of a cast from or to varchar/char/varbinary, or nullptr.
ScalarKernel TextCastKernel(const LogicalType& from, const LogicalType& to, bool try_cast);

/// Returns the kernel of a cast among date, timestamp and timestamp with time zone, or nullptr.
ScalarKernel TemporalCastKernel(const LogicalType& from, const LogicalType& to);

/// Returns the kernel of an element-wise cast between arrays, maps or rows, or nullptr.
ScalarKernel NestedCastKernel(const LogicalType& from, const LogicalType& to, bool try_cast);

/// Returns the kernel of a cast from or to json (json_functions.cc), or nullptr.
ScalarKernel JsonCastKernel(const LogicalType& from, const LogicalType& to, bool try_cast);

/// Trino's upper-case name of a type in cast messages ("BIGINT", "DECIMAL(10, 2)").
std::string CastTypeName(const LogicalType& type);

/// Strips what Java's String.trim() strips (bytes <= ' ') from both ends.
std::string_view TrimJava(std::string_view text);

/// Parses 'YYYY-MM-DD' (blanks around allowed) into days since the epoch.
std::optional<int32_t> ParseDateText(std::string_view text);

/// Parses 'YYYY-MM-DD[( |T)HH:MM[:SS[.fff...]]]' into epoch milliseconds
/// (fractions beyond milliseconds round half up).
std::optional<int64_t> ParseTimestampText(std::string_view text);

/// Formats epoch milliseconds as timestamp(precision): "2024-01-02 03:04:05.000".
std::string FormatTimestampText(int64_t millis, int precision);

/// Formats a double as CAST(double AS varchar) does: "1.5E0", "-1.0E-3", "NaN".
std::string FormatDoubleForCast(double value);
/// Formats a real as CAST(real AS varchar) does.
std::string FormatRealForCast(float value);

/// Parses a number as Java's Double.parseDouble does after trimming.
std::optional<double> ParseDoubleText(std::string_view text);

/// Rescales an unscaled decimal from scale `from` to scale `to`, rounding half up.
/// Returns false on overflow of Int128.
bool RescaleDecimal(Int128 value, int from, int to, Int128* out);

/// Returns true when |value| < 10^precision.
bool FitsPrecision(Int128 value, int precision);

/// Runs `convert(in, &out) -> bool` over every row; a failure is an error
/// `error(in)` at a non-NULL row, or NULL under try_cast.
template <typename In, typename Out, typename Convert, typename Error>
Status CastLoop(const Vector& input,
                size_t rows,
                const LogicalType& to,
                bool try_cast,
                Vector* result,
                Convert convert,
                Error error) {
  if (!try_cast) {
    return UnaryLoop<In, Out>(input, rows, to, result, convert, error);
  }
  ArgumentData a(input);
  NewResult(to, rows, result);
  PropagateNulls(a, rows, result);
  const In* in = a.values<In>();
  Out* out = result->mutable_values<Out>();
  for (size_t i = 0; i < rows; ++i) {
    if (!result->IsNull(i) && !convert(in[a.Index(i)], &out[i])) {
      result->SetNull(i, true);
    }
  }
  return Status::Ok();
}

}  // namespace stratus::sql::functions
