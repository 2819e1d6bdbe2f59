#include "base/format.h"
#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {
namespace {

// AWS: keys are 1-128 characters, values up to 256; a queue has at most 50 tags.
constexpr size_t kMaxTags = 50;

Result<std::map<std::string, std::string>> ParseTags(const Json& input) {
  if (!input.contains("Tags")) {
    return SqsError::MissingParameter("Tags");
  }
  STRATUS_ASSIGN_OR_RETURN(Json map, ObjectMember(input, "Tags"));
  if (map.empty()) {
    return SqsError::MissingParameter("Tags");
  }
  std::map<std::string, std::string> tags;
  for (const auto& [key, value] : map.items()) {
    if (!value.is_string() || key.empty() || key.size() > 128 ||
        value.get_ref<const std::string&>().size() > 256) {
      return SqsError::InvalidParameterValue(Format("Tag {} is invalid.", key));
    }
    tags[key] = value.get<std::string>();
  }
  return tags;
}

}  // namespace

void TagQueue(QueueService& service,
              const aws::RequestContext& context,
              const Json& input,
              aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  Result<std::map<std::string, std::string>> tags = ParseTags(input);
  if (!tags.ok()) {
    reply(tags.status());
    return;
  }
  Result<QueueSnapshot> snapshot = service.Describe(*id);
  if (!snapshot.ok()) {
    reply(SqsError::FromEngine(snapshot.status()));
    return;
  }
  std::map<std::string, std::string> merged = snapshot->tags;
  for (const auto& [key, value] : *tags) {
    merged[key] = value;
  }
  if (merged.size() > kMaxTags) {
    reply(SqsError::InvalidParameterValue("Too many tags added for queue."));
    return;
  }
  service.UpdateTags(*id, *tags, {}, ReplyAfterCommit(std::move(reply)));
}

}  // namespace stratus::sqs::api
