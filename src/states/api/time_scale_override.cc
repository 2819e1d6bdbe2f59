#include "states/api/time_scale_override.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace stratus::states::api {
namespace {

std::optional<double> ParseFactor(std::string_view text) {
  if (text.empty() || text.size() > 32) {
    return std::nullopt;
  }
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(value) || value <= 0) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<double> ExecutionTimeScale(std::string_view execution_name,
                                         const Tags& machine_tags) {
  if (const size_t marker = execution_name.rfind(kTimeScaleNameMarker);
      marker != std::string_view::npos) {
    if (std::optional<double> factor =
            ParseFactor(execution_name.substr(marker + kTimeScaleNameMarker.size()))) {
      return factor;
    }
  }
  auto tag = machine_tags.find(std::string(kTimeScaleTag));
  if (tag != machine_tags.end()) {
    return ParseFactor(tag->second);
  }
  return std::nullopt;
}

}  // namespace stratus::states::api
