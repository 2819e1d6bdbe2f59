#include "cloudformation/providers/layer_version_arn.h"

#include <charconv>
#include <cstdint>
#include <string>

#include "base/format.h"

namespace stratus::cloudformation {
namespace {

// Returns the number a layer version ARN ends with (0 when it is none).
int64_t VersionNumberOf(std::string_view text) {
  int64_t number = 0;
  std::from_chars(text.data(), text.data() + text.size(), number);
  return number;
}

}  // namespace

Result<Json> LayerVersionMembers(std::string_view arn) {
  constexpr std::string_view kLayerPart = ":layer:";
  const size_t version = arn.rfind(':');
  const size_t layer = arn.find(kLayerPart);
  if (version == std::string_view::npos || layer == std::string_view::npos ||
      version <= layer + kLayerPart.size()) {
    return Status::InvalidArgument(Format("'{}' is not a layer version ARN", arn));
  }
  const size_t name = layer + kLayerPart.size();
  return Json{{"LayerName", std::string(arn.substr(name, version - name))},
              {"VersionNumber", VersionNumberOf(arn.substr(version + 1))}};
}

}  // namespace stratus::cloudformation
