#include "base/format.h"
#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/queue_attributes.h"
#include "sqs/api/queue_url.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {
namespace {

// AWS: a queue has at most 50 tags; keys up to 128 characters, values up to 256.
constexpr size_t kMaxTags = 50;

struct CreateRequest {
  QueueId id = {};
  QueueConfig config = {};
  std::map<std::string, std::string> tags = {};
};

Result<std::map<std::string, std::string>> ParseTags(const Json& map) {
  std::map<std::string, std::string> tags;
  if (map.size() > kMaxTags) {
    return SqsError::InvalidParameterValue("Too many tags added for queue.");
  }
  for (const auto& [key, value] : map.items()) {
    if (!value.is_string() || key.empty() || key.size() > 128 ||
        value.get_ref<const std::string&>().size() > 256) {
      return SqsError::InvalidParameterValue(Format("Tag {} is invalid.", key));
    }
    tags[key] = value.get<std::string>();
  }
  return tags;
}

Result<CreateRequest> Parse(const QueueService& service,
                            const aws::RequestContext& context,
                            const Json& input) {
  CreateRequest request;
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "QueueName"));
  request.id = QueueId{.account_id = context.account_id, .region = context.region, .name = name};
  // An existing queue is the base, so that repeating CreateQueue with a
  // subset of its attributes is idempotent.
  Result<QueueConfig> existing = service.Config(request.id);
  if (existing.ok()) {
    request.config = *existing;
  }
  STRATUS_ASSIGN_OR_RETURN(Json attributes, ObjectMember(input, "Attributes"));
  STRATUS_RETURN_IF_ERROR(
      ApplyQueueAttributes(attributes, /*creating=*/true, request.id, service, &request.config));
  if (request.config.fifo || std::string_view(name).ends_with(".fifo")) {
    if (!request.config.fifo || !IsValidQueueName(name, /*fifo=*/true)) {
      return SqsError::InvalidParameterValue(
          "The name of a FIFO queue can only include alphanumeric characters, hyphens, or "
          "underscores, must end with .fifo suffix and be 1 to 80 in length.");
    }
  } else if (!IsValidQueueName(name, /*fifo=*/false)) {
    return SqsError::InvalidParameterValue(
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
  }
  STRATUS_ASSIGN_OR_RETURN(Json tags, ObjectMember(input, "tags"));
  STRATUS_ASSIGN_OR_RETURN(request.tags, ParseTags(tags));
  return request;
}

}  // namespace

void CreateQueue(QueueService& service,
                 const aws::RequestContext& context,
                 const Json& input,
                 aws::Reply reply) {
  Result<CreateRequest> request = Parse(service, context, input);
  if (!request.ok()) {
    reply(request.status());
    return;
  }
  std::string url = QueueUrlFor(context, request->id);
  std::string name = request->id.name;
  service.CreateQueue(request->id, std::move(request->config), std::move(request->tags),
                      [reply = std::move(reply), url = std::move(url),
                       name = std::move(name)](const Result<CreateOutcome>& outcome) {
                        if (outcome.ok()) {
                          reply(Json{{"QueueUrl", url}});
                        } else if (outcome.status().code() == StatusCode::kAlreadyExists) {
                          reply(SqsError::QueueNameExists(name));
                        } else if (outcome.status().code() == StatusCode::kFailedPrecondition) {
                          reply(SqsError::QueueDeletedRecently(outcome.status().message()));
                        } else {
                          reply(SqsError::FromEngine(outcome.status()));
                        }
                      });
}

}  // namespace stratus::sqs::api
