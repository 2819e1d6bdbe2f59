#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace stratus::sqs {

/// Names one queue. Queues live per (account, region): the same name in two
/// accounts or regions is two queues.
struct QueueId {
  std::string account_id = {};
  std::string region = {};
  std::string name = {};

  friend auto operator<=>(const QueueId&,
                          const QueueId&) = default;  // NOLINT(modernize-use-nullptr)
  friend bool operator==(const QueueId&, const QueueId&) = default;
};

/// Returns "account:region:name", the form stored on disk. Names, regions and
/// account ids never contain ':', so the encoding is unambiguous.
std::string EncodeQueueId(const QueueId& id);

/// Parses EncodeQueueId()'s output; nullopt when it is not three parts.
std::optional<QueueId> DecodeQueueId(std::string_view text);

}  // namespace stratus::sqs
