#include "states/integrations/task_resource.h"

#include <cctype>
#include <vector>

#include "base/format.h"

namespace stratus::states::integrations {
namespace {

using interpreter::IntegrationPattern;

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// Splits "startExecution.sync:2" into the action and its pattern.
void SplitPattern(std::string_view text, TaskResource* resource) {
  struct Suffix {
    std::string_view text;
    IntegrationPattern pattern;
  };

  constexpr Suffix kSuffixes[] = {{".sync:2", IntegrationPattern::kRunJobV2},
                                  {".sync", IntegrationPattern::kRunJob},
                                  {".waitForTaskToken", IntegrationPattern::kWaitForTaskToken}};
  for (const Suffix& suffix : kSuffixes) {
    if (text.ends_with(suffix.text)) {
      resource->action = std::string(text.substr(0, text.size() - suffix.text.size()));
      resource->pattern = suffix.pattern;
      return;
    }
  }
  resource->action = std::string(text);
  resource->pattern = IntegrationPattern::kRequestResponse;
}

std::string Join(const std::vector<std::string_view>& parts, size_t from) {
  std::string joined;
  for (size_t i = from; i < parts.size(); ++i) {
    if (i > from) {
      joined += ':';
    }
    joined += parts[i];
  }
  return joined;
}

}  // namespace

Result<TaskResource> ParseTaskResource(std::string_view resource) {
  const std::vector<std::string_view> parts = Split(resource, ':');
  if (parts.size() < 6 || parts[0] != "arn") {
    return Status::InvalidArgument(Format("unsupported Task resource '{}'", resource));
  }
  TaskResource parsed;
  if (parts[2] == "lambda" && parts.size() >= 7 && parts[5] == "function") {
    parsed.kind = ResourceKind::kLambdaFunction;
    parsed.arn = std::string(resource);
    return parsed;
  }
  if (parts[2] != "states") {
    return Status::InvalidArgument(Format("unsupported Task resource '{}'", resource));
  }
  if (parts[5] == "activity") {
    parsed.kind = ResourceKind::kActivity;
    parsed.arn = std::string(resource);
    return parsed;
  }
  if (!parts[3].empty() || !parts[4].empty() || parts.size() < 7) {
    return Status::InvalidArgument(Format("unsupported Task resource '{}'", resource));
  }
  if (parts[5] == "aws-sdk") {
    if (parts.size() < 8) {
      return Status::InvalidArgument(Format("unsupported Task resource '{}'", resource));
    }
    parsed.kind = ResourceKind::kAwsSdk;
    parsed.service = std::string(parts[6]);
    SplitPattern(Join(parts, 7), &parsed);
  } else {
    parsed.kind = ResourceKind::kOptimized;
    parsed.service = std::string(parts[5]);
    SplitPattern(Join(parts, 6), &parsed);
  }
  if (parsed.service.empty() || parsed.action.empty()) {
    return Status::InvalidArgument(Format("unsupported Task resource '{}'", resource));
  }
  return parsed;
}

std::string OperationName(std::string_view action) {
  std::string name(action);
  if (!name.empty()) {
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  }
  return name;
}

}  // namespace stratus::states::integrations
