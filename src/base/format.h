#pragma once

#include <string>
#include <utility>

#include <fmt/format.h>

namespace stratus {

/// Formats with fmt syntax ("{}"); the one place that names the library, so a
/// later switch to std::format touches one file.
template <typename... Args>
std::string Format(fmt::format_string<Args...> format, Args&&... args) {
  return fmt::format(format, std::forward<Args>(args)...);
}

inline std::string Format() {
  return {};
}

}  // namespace stratus
