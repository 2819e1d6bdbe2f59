#pragma once

#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "sqs/queue_config.h"
#include "sqs/queue_id.h"

namespace stratus::sqs {

class QueueService;
struct QueueSnapshot;

/// Applies an "Attributes" map of CreateQueue (`creating`) or
/// SetQueueAttributes to `config`, with AWS's names, ranges and errors:
/// InvalidAttributeName for unknown, read-only or (on standard queues)
/// FIFO-only names, InvalidAttributeValue for values out of range. A
/// RedrivePolicy's dead-letter queue must exist (looked up in `service`) and
/// be of the same type.
Status ApplyQueueAttributes(const Json& attributes,
                            bool creating,
                            const QueueId& id,
                            const QueueService& service,
                            QueueConfig* config);

/// Returns the requested attributes ("All" for every one) as a name → string
/// map. InvalidAttributeName for unknown names.
Result<Json> RenderQueueAttributes(const QueueSnapshot& snapshot,
                                   const std::vector<std::string>& names);

/// Returns the RedrivePolicy attribute's JSON text.
std::string RenderRedrivePolicy(const RedrivePolicy& policy);

}  // namespace stratus::sqs
