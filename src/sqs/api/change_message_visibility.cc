#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/request_fields.h"
#include "sqs/api/visibility_change_error.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {
namespace {

constexpr int64_t kMaxVisibilityTimeout = 43200;

Result<VisibilityChange> Parse(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string handle, RequiredString(input, "ReceiptHandle"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> timeout, OptionalInt(input, "VisibilityTimeout"));
  if (!timeout.has_value()) {
    return SqsError::MissingParameter("VisibilityTimeout");
  }
  STRATUS_RETURN_IF_ERROR(CheckRange("VisibilityTimeout", *timeout, 0, kMaxVisibilityTimeout,
                                     "VisibilityTimeout must be >= 0 and <= 43200."));
  return VisibilityChange{.receipt_handle = {.value = std::move(handle)},
                          .timeout = std::chrono::seconds(*timeout)};
}

}  // namespace

void ChangeMessageVisibility(QueueService& service,
                             const aws::RequestContext& context,
                             const Json& input,
                             aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  Result<VisibilityChange> change = Parse(input);
  if (!change.ok()) {
    reply(change.status());
    return;
  }
  std::vector<VisibilityChange> changes = {std::move(*change)};
  service.ChangeVisibility(*id, std::move(changes),
                           [reply = std::move(reply)](Result<std::vector<Status>> statuses) {
                             if (!statuses.ok()) {
                               reply(SqsError::FromEngine(statuses.status()));
                             } else if (!statuses->front().ok()) {
                               reply(VisibilityChangeError(statuses->front()));
                             } else {
                               reply(Json::object());
                             }
                           });
}

}  // namespace stratus::sqs::api
