#include "sqs/api/batch_entries.h"
#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/request_fields.h"
#include "sqs/api/visibility_change_error.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {
namespace {

constexpr int64_t kMaxVisibilityTimeout = 43200;

// Returns the change for one entry, or its error.
Result<VisibilityChange> ParseEntry(const Json& entry) {
  STRATUS_ASSIGN_OR_RETURN(std::string handle, RequiredString(entry, "ReceiptHandle"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> timeout, OptionalInt(entry, "VisibilityTimeout"));
  const int64_t seconds = timeout.value_or(0);
  STRATUS_RETURN_IF_ERROR(CheckRange("VisibilityTimeout", seconds, 0, kMaxVisibilityTimeout,
                                     "VisibilityTimeout must be >= 0 and <= 43200."));
  return VisibilityChange{.receipt_handle = {.value = std::move(handle)},
                          .timeout = std::chrono::seconds(seconds)};
}

}  // namespace

void ChangeMessageVisibilityBatch(QueueService& service,
                                  const aws::RequestContext& context,
                                  const Json& input,
                                  aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  Result<Json> entries = ParseBatchEntries(input, "ChangeMessageVisibilityBatchRequestEntry");
  if (!entries.ok()) {
    reply(entries.status());
    return;
  }
  std::vector<std::string> entry_ids;
  std::vector<Status> parse_errors;
  std::vector<VisibilityChange> changes;
  for (const Json& entry : *entries) {
    entry_ids.push_back(entry["Id"].get<std::string>());
    Result<VisibilityChange> change = ParseEntry(entry);
    parse_errors.push_back(change.ok() ? Status::Ok() : change.status());
    if (change.ok()) {
      changes.push_back(std::move(*change));
    }
  }
  service.ChangeVisibility(
      *id, std::move(changes),
      [reply = std::move(reply), entry_ids = std::move(entry_ids),
       parse_errors = std::move(parse_errors)](Result<std::vector<Status>> statuses) {
        if (!statuses.ok()) {
          reply(SqsError::FromEngine(statuses.status()));
          return;
        }
        Json successful = Json::array();
        Json failed = Json::array();
        size_t next = 0;
        for (size_t i = 0; i < entry_ids.size(); ++i) {
          const Status status = parse_errors[i].ok() ? (*statuses)[next++] : parse_errors[i];
          if (status.ok()) {
            successful.push_back(Json{{"Id", entry_ids[i]}});
          } else {
            failed.push_back(BatchErrorEntry(entry_ids[i], VisibilityChangeError(status)));
          }
        }
        reply(Json{{"Successful", std::move(successful)}, {"Failed", std::move(failed)}});
      });
}

}  // namespace stratus::sqs::api
