#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/received_message_codec.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {
namespace {

// AWS: MaxNumberOfMessages 1-10, VisibilityTimeout 0-43200, WaitTimeSeconds 0-20.
constexpr int64_t kMaxMessages = 10;
constexpr int64_t kMaxVisibilityTimeout = 43200;
constexpr int64_t kMaxWaitSeconds = 20;
constexpr size_t kMaxAttemptIdLength = 128;

Result<ReceiveRequest> Parse(const Json& input) {
  ReceiveRequest request;
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_messages,
                           OptionalInt(input, "MaxNumberOfMessages"));
  if (max_messages.has_value()) {
    STRATUS_RETURN_IF_ERROR(CheckRange("MaxNumberOfMessages", *max_messages, 1, kMaxMessages,
                                       "Must be between 1 and 10, if provided."));
    request.options.max_messages = static_cast<int>(*max_messages);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> visibility,
                           OptionalInt(input, "VisibilityTimeout"));
  if (visibility.has_value()) {
    STRATUS_RETURN_IF_ERROR(CheckRange("VisibilityTimeout", *visibility, 0, kMaxVisibilityTimeout,
                                       "Must be >= 0 and <= 43200, if provided."));
    request.options.visibility_timeout = std::chrono::seconds(*visibility);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> wait, OptionalInt(input, "WaitTimeSeconds"));
  if (wait.has_value()) {
    STRATUS_RETURN_IF_ERROR(CheckRange("WaitTimeSeconds", *wait, 0, kMaxWaitSeconds,
                                       "Must be >= 0 and <= 20, if provided."));
    request.wait = std::chrono::seconds(*wait);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> attempt_id,
                           OptionalString(input, "ReceiveRequestAttemptId"));
  if (attempt_id.has_value()) {
    if (attempt_id->empty() || attempt_id->size() > kMaxAttemptIdLength) {
      return SqsError::InvalidParameterValue(
          "Value for parameter ReceiveRequestAttemptId is invalid. Reason: 1 to 128 in length.");
    }
    request.options.attempt_id = std::move(*attempt_id);
  }
  return request;
}

}  // namespace

void ReceiveMessage(QueueService& service,
                    const aws::RequestContext& context,
                    const Json& input,
                    aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  Result<ReceiveRequest> request = Parse(input);
  if (!request.ok()) {
    reply(request.status());
    return;
  }
  Result<AttributeSelection> selection = ParseAttributeSelection(input);
  if (!selection.ok()) {
    reply(selection.status());
    return;
  }
  Result<QueueConfig> config = service.Config(*id);
  if (!config.ok()) {
    reply(SqsError::FromEngine(config.status()));
    return;
  }
  service.Receive(*id, std::move(*request),
                  [reply = std::move(reply), selection = std::move(*selection),
                   fifo = config->fifo](Result<std::vector<ReceivedMessage>> received) {
                    if (!received.ok()) {
                      reply(SqsError::FromEngine(received.status()));
                      return;
                    }
                    Json out = Json::object();
                    if (!received->empty()) {
                      Json messages = Json::array();
                      for (const ReceivedMessage& message : *received) {
                        messages.push_back(RenderReceivedMessage(message, selection, fifo));
                      }
                      out["Messages"] = std::move(messages);
                    }
                    reply(std::move(out));
                  });
}

}  // namespace stratus::sqs::api
