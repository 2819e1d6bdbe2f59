#include "aws/model/embedded_models.h"

namespace stratus::aws {

std::string EmbeddedModel::Text() const {
  std::string text;
  text.reserve(size);
  if (chunks != nullptr) {
    for (std::string_view chunk : chunks()) {
      text.append(chunk);
    }
  }
  return text;
}

}  // namespace stratus::aws
