#include "sqs/api/batch_entries.h"
#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {

void DeleteMessageBatch(QueueService& service,
                        const aws::RequestContext& context,
                        const Json& input,
                        aws::Reply reply) {
  Result<QueueId> id = QueueFromInput(context, input);
  if (!id.ok()) {
    reply(id.status());
    return;
  }
  Result<Json> entries = ParseBatchEntries(input, "DeleteMessageBatchRequestEntry");
  if (!entries.ok()) {
    reply(entries.status());
    return;
  }
  std::vector<std::string> entry_ids;
  std::vector<ReceiptHandle> handles;
  for (const Json& entry : *entries) {
    entry_ids.push_back(entry["Id"].get<std::string>());
    Result<std::string> handle = RequiredString(entry, "ReceiptHandle");
    handles.push_back(ReceiptHandle{.value = handle.ok() ? *handle : std::string()});
  }
  service.Delete(
      *id, std::move(handles),
      [reply = std::move(reply),
       entry_ids = std::move(entry_ids)](Result<std::vector<Status>> statuses) {
        if (!statuses.ok()) {
          reply(SqsError::FromEngine(statuses.status()));
          return;
        }
        Json successful = Json::array();
        Json failed = Json::array();
        for (size_t i = 0; i < entry_ids.size(); ++i) {
          const Status& status = (*statuses)[i];
          if (status.ok()) {
            successful.push_back(Json{{"Id", entry_ids[i]}});
          } else {
            failed.push_back(
                BatchErrorEntry(entry_ids[i], SqsError::ReceiptHandleIsInvalid(status.message())));
          }
        }
        reply(Json{{"Successful", std::move(successful)}, {"Failed", std::move(failed)}});
      });
}

}  // namespace stratus::sqs::api
