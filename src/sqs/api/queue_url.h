#pragma once

#include <string>
#include <string_view>

#include "aws/request_context.h"
#include "base/result.h"
#include "sqs/queue_id.h"

namespace stratus::sqs {

/// Returns "{scheme}://{host}/{account}/{name}" with the host the client
/// used ("localhost:4566" for in-process calls that have none).
std::string QueueUrlFor(const aws::RequestContext& context, const QueueId& id);

/// Returns "arn:{partition}:sqs:{region}:{account}:{name}", in the partition
/// of the queue's region (aws/arn.h).
std::string QueueArnFor(const QueueId& id);

/// Names the queue of a URL whose last two path segments are account and
/// name, whatever its scheme and host. The region is the host's when it has
/// the AWS form "sqs.{region}.…", else the request's. A bare queue name
/// ("orders", "jobs.fifo") names that queue in the request's account and
/// region. QueueDoesNotExist for anything else.
Result<QueueId> QueueIdFromUrl(const aws::RequestContext& context, std::string_view url);

/// Parses a queue ARN of any partition. InvalidParameterValue when it is not one.
Result<QueueId> QueueIdFromArn(std::string_view arn, std::string_view parameter);

/// Returns true for 1-80 characters of [A-Za-z0-9_-], ending in ".fifo"
/// (which counts toward the 80) exactly when `fifo`.
bool IsValidQueueName(std::string_view name, bool fifo);

}  // namespace stratus::sqs
