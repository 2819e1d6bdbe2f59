#pragma once

#include <string>

#include "base/json.h"

namespace stratus::states::jsonata {

struct StringifyOptions {
  bool pretty = false;       // two-space indentation, as JSON.stringify(x, null, 2)
  bool precision15 = false;  // non-integral numbers rounded to 15 significant digits
};

/// Serializes `value` as JavaScript's JSON.stringify does (JS number format,
/// JS string escapes, non-ASCII left as is). Object keys come out in the
/// Json object's order.
std::string Stringify(const Json& value, StringifyOptions options = {});

/// Appends `text` as a JSON string literal (with quotes) to `out`.
void AppendQuoted(std::string& out, const std::string& text);

}  // namespace stratus::states::jsonata
