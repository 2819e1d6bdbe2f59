#include "lambda/api/sqs_event_sources.h"

#include <chrono>
#include <future>
#include <set>
#include <utility>

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "base/check.h"
#include "base/format.h"
#include "base/random.h"
#include "lambda/log.h"

namespace stratus::lambda::api {
namespace {

// AWS: SQS hands out at most 10 messages a receive.
constexpr int kMaxReceive = 10;
constexpr int kDeleteBatch = 10;
constexpr std::chrono::milliseconds kIdleWait{500};
// How long a poller whose function has no concurrency left waits before it looks again.
constexpr std::chrono::milliseconds kThrottledWait{100};

// Splits arn:aws:sqs:REGION:ACCOUNT:NAME into its six parts; empty otherwise.
std::vector<std::string> ArnParts(const std::string& arn) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t colon = arn.find(':', start);
    parts.push_back(arn.substr(start, colon - start));
    if (colon == std::string::npos) {
      break;
    }
    start = colon + 1;
  }
  return parts.size() == 6 ? parts : std::vector<std::string>();
}

// Returns a record of AWS's SQS event for one received message.
Json RecordOf(const Json& message, const std::string& queue_arn, const std::string& region) {
  Json attributes = message.value("Attributes", Json::object());
  Json message_attributes = Json::object();
  for (const auto& [name, value] : message.value("MessageAttributes", Json::object()).items()) {
    Json attribute{{"dataType", value.value("DataType", "String")},
                   {"stringListValues", Json::array()},
                   {"binaryListValues", Json::array()}};
    if (value.contains("StringValue")) {
      attribute["stringValue"] = value["StringValue"];
    }
    if (value.contains("BinaryValue")) {
      attribute["binaryValue"] = value["BinaryValue"];
    }
    message_attributes[name] = std::move(attribute);
  }
  return Json{{"messageId", message.value("MessageId", "")},
              {"receiptHandle", message.value("ReceiptHandle", "")},
              {"body", message.value("Body", "")},
              {"attributes", std::move(attributes)},
              {"messageAttributes", std::move(message_attributes)},
              {"md5OfBody", message.value("MD5OfBody", "")},
              {"eventSource", "aws:sqs"},
              {"eventSourceARN", queue_arn},
              {"awsRegion", region}};
}

// Returns the message ids a ReportBatchItemFailures response names.
std::set<std::string> FailedItems(const std::string& payload) {
  std::set<std::string> failed;
  Result<Json> response = ParseJson(payload);
  if (!response.ok() || !response->is_object() || !response->contains("batchItemFailures") ||
      !(*response)["batchItemFailures"].is_array()) {
    return failed;
  }
  for (const Json& item : (*response)["batchItemFailures"]) {
    if (item.is_object() && item.contains("itemIdentifier") && item["itemIdentifier"].is_string()) {
      failed.insert(item["itemIdentifier"].get<std::string>());
    }
  }
  return failed;
}

}  // namespace

SqsEventSources::~SqsEventSources() {
  std::lock_guard<std::mutex> lock(mu_);
  STRATUS_CHECK(stopped_ || pollers_.empty(), "SqsEventSources destroyed without Stop()");
}

void SqsEventSources::Start(const aws::OperationTable& table) {
  table_.store(&table);
  std::lock_guard<std::mutex> lock(mu_);
  started_ = true;
}

void SqsEventSources::MappingChanged(const EventSourceMapping& mapping) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopped_) {
    return;
  }
  auto found = pollers_.find(mapping.uuid);
  if (found != pollers_.end()) {
    {
      std::lock_guard<std::mutex> poller_lock(found->second->mu);
      found->second->mapping = mapping;
    }
    found->second->cv.notify_all();
    return;
  }
  auto poller = std::make_unique<Poller>();
  poller->mapping = mapping;
  Poller* running = poller.get();
  poller->thread = std::thread([this, running] { Run(*running); });
  pollers_.emplace(mapping.uuid, std::move(poller));
}

void SqsEventSources::MappingDeleted(const std::string& uuid) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = pollers_.find(uuid);
  if (found == pollers_.end()) {
    return;
  }
  {
    std::lock_guard<std::mutex> poller_lock(found->second->mu);
    found->second->stop = true;
  }
  found->second->cv.notify_all();
  retired_.push_back(std::move(found->second));
  pollers_.erase(found);
}

void SqsEventSources::Stop() {
  std::vector<std::unique_ptr<Poller>> joining;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) {
      return;
    }
    stopped_ = true;
    for (auto& [uuid, poller] : pollers_) {
      joining.push_back(std::move(poller));
    }
    pollers_.clear();
    for (auto& poller : retired_) {
      joining.push_back(std::move(poller));
    }
    retired_.clear();
  }
  for (auto& poller : joining) {
    {
      std::lock_guard<std::mutex> poller_lock(poller->mu);
      poller->stop = true;
    }
    poller->cv.notify_all();
  }
  for (auto& poller : joining) {
    poller->thread.join();
  }
}

Result<Json> SqsEventSources::CallSqs(std::string_view operation,
                                      Json input,
                                      const std::string& queue_arn) {
  const aws::OperationTable* table = table_.load();
  if (table == nullptr) {
    return Status::FailedPrecondition("SQS is not reachable yet");
  }
  const std::vector<std::string> parts = ArnParts(queue_arn);
  auto promise = std::make_shared<std::promise<Result<Json>>>();
  std::future<Result<Json>> reply = promise->get_future();
  aws::RequestContext context{.request_id = ids_.Uuid(),
                              .account_id = parts.empty() ? "000000000000" : parts[4],
                              .region = parts.empty() ? "us-east-1" : parts[3],
                              .service = "sqs",
                              .operation = std::string(operation)};
  table->Invoke(context, "sqs", operation, std::move(input),
                [promise](Result<Json> result) { promise->set_value(std::move(result)); });
  return reply.get();
}

void SqsEventSources::Run(Poller& poller) {
  std::string queue_url;
  while (true) {
    EventSourceMapping mapping;
    {
      std::unique_lock<std::mutex> lock(poller.mu);
      if (poller.stop) {
        return;
      }
      if (!poller.mapping.enabled || table_.load() == nullptr) {
        poller.cv.wait_for(lock, kIdleWait);
        continue;
      }
      mapping = poller.mapping;
    }
    if (queue_url.empty()) {
      const std::vector<std::string> parts = ArnParts(mapping.event_source_arn);
      Result<Json> found =
          parts.empty()
              ? Result<Json>(Status::InvalidArgument("not an SQS queue ARN"))
              : CallSqs("GetQueueUrl",
                        Json{{"QueueName", parts[5]}, {"QueueOwnerAWSAccountId", parts[4]}},
                        mapping.event_source_arn);
      if (!found.ok() || !found->contains("QueueUrl")) {
        std::unique_lock<std::mutex> lock(poller.mu);
        poller.cv.wait_for(lock, kIdleWait * 2);
        continue;
      }
      queue_url = (*found)["QueueUrl"].get<std::string>();
    }
    if (!engine_.HasConcurrency(mapping.function.substr(0, mapping.function.find(':')))) {
      // AWS: the poller scales down to the function's reserved concurrency
      // (to none at 0); messages stay in the queue until there is room.
      std::unique_lock<std::mutex> lock(poller.mu);
      poller.cv.wait_for(lock, kThrottledWait);
      continue;
    }
    PollOnce(mapping, queue_url);
  }
}

bool SqsEventSources::PollOnce(const EventSourceMapping& mapping, const std::string& queue_url) {
  Result<Json> received =
      CallSqs("ReceiveMessage",
              Json{{"QueueUrl", queue_url},
                   {"MaxNumberOfMessages", std::min(mapping.batch_size, kMaxReceive)},
                   {"WaitTimeSeconds", 1},
                   {"AttributeNames", Json::array({"All"})},
                   {"MessageAttributeNames", Json::array({"All"})}},
              mapping.event_source_arn);
  if (!received.ok() || !received->contains("Messages") || (*received)["Messages"].empty()) {
    return false;
  }
  const Json& messages = (*received)["Messages"];
  const std::vector<std::string> parts = ArnParts(mapping.event_source_arn);
  Json records = Json::array();
  for (const Json& message : messages) {
    records.push_back(RecordOf(message, mapping.event_source_arn,
                               parts.empty() ? std::string("us-east-1") : parts[3]));
  }
  Result<InvokeResult> result =
      engine_.InvokeNow(mapping.function, DumpJson(Json{{"Records", std::move(records)}}));
  if (!result.ok() || !result->function_error.empty()) {
    kLambdaLog.Warn("event source batch failed function={} messages={} error={}", mapping.function,
                    messages.size(), result.ok() ? result->payload : result.status().ToString());
    return true;
  }
  const std::set<std::string> failed =
      mapping.report_batch_item_failures ? FailedItems(result->payload) : std::set<std::string>();
  Json entries = Json::array();
  for (const Json& message : messages) {
    if (failed.contains(message.value("MessageId", ""))) {
      continue;
    }
    entries.push_back(Json{{"Id", std::to_string(entries.size())},
                           {"ReceiptHandle", message.value("ReceiptHandle", "")}});
    if (std::ssize(entries) == kDeleteBatch) {
      (void)CallSqs("DeleteMessageBatch", Json{{"QueueUrl", queue_url}, {"Entries", entries}},
                    mapping.event_source_arn);
      entries = Json::array();
    }
  }
  if (!entries.empty()) {
    (void)CallSqs("DeleteMessageBatch", Json{{"QueueUrl", queue_url}, {"Entries", entries}},
                  mapping.event_source_arn);
  }
  return true;
}

}  // namespace stratus::lambda::api
