#include "sqs/api/batch_entries.h"
#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/outgoing_message_codec.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {
namespace {

// AWS: the bodies and attributes of one batch total at most 1 MiB.
constexpr size_t kMaxBatchBytes = size_t{1024} * 1024;

struct PreparedBatch {
  QueueId id = {};
  bool fifo = false;
  std::vector<std::string> entry_ids = {};
  std::vector<Result<ParsedMessage>> parsed = {};
};

Result<PreparedBatch> Prepare(const QueueService& service,
                              const aws::RequestContext& context,
                              const Json& input) {
  PreparedBatch batch;
  STRATUS_ASSIGN_OR_RETURN(batch.id, QueueFromInput(context, input));
  STRATUS_ASSIGN_OR_RETURN(Json entries, ParseBatchEntries(input, "SendMessageBatchRequestEntry"));
  Result<QueueConfig> config = service.Config(batch.id);
  if (!config.ok()) {
    return SqsError::FromEngine(config.status());
  }
  batch.fifo = config->fifo;
  size_t num_bytes = 0;
  for (const Json& entry : entries) {
    batch.entry_ids.push_back(entry["Id"].get<std::string>());
    Result<ParsedMessage> parsed = ParseOutgoingMessage(context, entry, *config);
    if (parsed.ok()) {
      num_bytes += parsed->num_bytes;
    } else if (entry.contains("MessageBody") && entry["MessageBody"].is_string()) {
      num_bytes += entry["MessageBody"].get_ref<const std::string&>().size();
    }
    batch.parsed.push_back(std::move(parsed));
  }
  if (num_bytes > kMaxBatchBytes) {
    return SqsError::BatchRequestTooLong(num_bytes, kMaxBatchBytes);
  }
  return batch;
}

}  // namespace

void SendMessageBatch(QueueService& service,
                      const aws::RequestContext& context,
                      const Json& input,
                      aws::Reply reply) {
  Result<PreparedBatch> batch = Prepare(service, context, input);
  if (!batch.ok()) {
    reply(batch.status());
    return;
  }
  std::vector<OutgoingMessage> messages;
  for (const Result<ParsedMessage>& parsed : batch->parsed) {
    if (parsed.ok()) {
      messages.push_back(parsed->message);
    }
  }
  const QueueId id = batch->id;
  service.Send(id, std::move(messages),
               [reply = std::move(reply),
                batch = std::move(*batch)](Result<std::vector<Result<SentMessage>>> results) {
                 if (!results.ok()) {
                   reply(SqsError::FromEngine(results.status()));
                   return;
                 }
                 Json successful = Json::array();
                 Json failed = Json::array();
                 size_t next_result = 0;
                 for (size_t i = 0; i < batch.parsed.size(); ++i) {
                   const std::string& entry_id = batch.entry_ids[i];
                   if (!batch.parsed[i].ok()) {
                     failed.push_back(BatchErrorEntry(entry_id, batch.parsed[i].status()));
                     continue;
                   }
                   const Result<SentMessage>& sent = (*results)[next_result++];
                   if (!sent.ok()) {
                     failed.push_back(BatchErrorEntry(entry_id, sent.status()));
                     continue;
                   }
                   Json entry = RenderSentMessage(*batch.parsed[i], *sent, batch.fifo);
                   entry["Id"] = entry_id;
                   successful.push_back(std::move(entry));
                 }
                 reply(Json{{"Successful", std::move(successful)}, {"Failed", std::move(failed)}});
               });
}

}  // namespace stratus::sqs::api
