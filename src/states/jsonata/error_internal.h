#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace stratus::states::jsonata {

/// The inserts a JSONata error message template may refer to.
struct ErrorInserts {
  std::optional<std::string> token = std::nullopt;  // {{token}}: JSON-quoted
  std::optional<Json> value = std::nullopt;         // {{value}}: JSON text
  std::optional<Json> value2 = std::nullopt;        // {{value2}}
  std::optional<int> index = std::nullopt;          // {{index}}
  std::string type = {};                            // {{type}}
  std::optional<Json> exp = std::nullopt;           // {{exp}}
  std::string message = {};                         // {{{message}}}: raw
  std::string function_name = {};                   // {{{functionName}}}: raw
};

/// Returns InvalidArgument "CODE: message" with the JSONata message template
/// for `code` filled from `inserts` ("{{x}}" is JSON text, "{{{x}}}" raw).
Status JsonataError(std::string_view code, const ErrorInserts& inserts = {});

/// Returns the message template of `code`, or an empty view.
std::string_view ErrorTemplate(std::string_view code);

}  // namespace stratus::states::jsonata
