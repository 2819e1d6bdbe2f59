#include "sqs/queue_id.h"

namespace stratus::sqs {

std::string EncodeQueueId(const QueueId& id) {
  return id.account_id + ":" + id.region + ":" + id.name;
}

std::optional<QueueId> DecodeQueueId(std::string_view text) {
  const size_t first = text.find(':');
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  const size_t second = text.find(':', first + 1);
  if (second == std::string_view::npos || text.find(':', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return QueueId{.account_id = std::string(text.substr(0, first)),
                 .region = std::string(text.substr(first + 1, second - first - 1)),
                 .name = std::string(text.substr(second + 1))};
}

}  // namespace stratus::sqs
