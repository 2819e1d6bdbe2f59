#pragma once

#include <string>
#include <string_view>

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"
#include "sqs/message.h"
#include "sqs/queue_config.h"

namespace stratus::sqs {

/// A validated SendMessage input (or batch entry) with its digests.
struct ParsedMessage {
  OutgoingMessage message = {};
  std::string md5_of_body = {};
  std::string md5_of_attributes = {};         // Empty without attributes.
  std::string md5_of_system_attributes = {};  // Empty without system attributes.
  size_t num_bytes = 0;                       // Body plus attributes, as AWS counts.
};

/// Parses and validates a SendMessage input or SendMessageBatch entry for a
/// queue with `config`: body characters and size, message attributes, the
/// AWSTraceHeader system attribute, delay and the FIFO parameters.
Result<ParsedMessage> ParseOutgoingMessage(const aws::RequestContext& context,
                                           const Json& input,
                                           const QueueConfig& config);

/// Returns the SendMessage output (or the batch entry without its Id).
Json RenderSentMessage(const ParsedMessage& parsed, const SentMessage& sent, bool fifo);

/// Returns InvalidMessageContents unless `text` is UTF-8 made only of the
/// characters AWS allows: #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF.
Status ValidateMessageCharacters(std::string_view text);

/// Returns the FIFO sequence number text of a message position (20 digits).
std::string SequenceNumberText(uint64_t seq);

}  // namespace stratus::sqs
