#pragma once

#include <string>
#include <string_view>

namespace stratus {

/// Appends `text` to `out` with the escapes of a JSON string (RFC 8259), as
/// nlohmann::json and JavaScript's JSON.stringify write them: \" and \\, the
/// two-character escapes \b \f \n \r \t, any other byte below 0x20 as \u00xx
/// in lower case, and every other byte as it is (no UTF-8 check; callers
/// that need one make it). Without the quotes.
void AppendJsonEscaped(std::string& out, std::string_view text);

}  // namespace stratus
