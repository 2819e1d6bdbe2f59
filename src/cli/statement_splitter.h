#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stratus::cli {

/// Splits `text` into the statements it ends with `;` (outside quotes,
/// quoted identifiers and comments), trimmed, without the `;`. What follows
/// the last `;` is left in *rest (the start of a statement still being typed).
std::vector<std::string> SplitStatements(std::string_view text, std::string* rest);

}  // namespace stratus::cli
