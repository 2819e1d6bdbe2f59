#pragma once

#include <string>

namespace stratus {

/// Appends one Unicode code point to `out` as UTF-8 (1 to 4 bytes). The
/// caller checks the code point's range; surrogates are encoded as given.
void AppendUtf8(std::string& out, char32_t code_point);

}  // namespace stratus
