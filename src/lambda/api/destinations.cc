#include "lambda/api/destinations.h"

#include <array>
#include <ctime>
#include <utility>
#include <vector>

#include "aws/operation_table.h"
#include "aws/request_context.h"
#include "base/format.h"
#include "base/random.h"
#include "lambda/log.h"

namespace stratus::lambda::api {
namespace {

Json PayloadValue(const std::string& text) {
  if (text.empty()) {
    return nullptr;
  }
  Result<Json> parsed = ParseJson(text);
  return parsed.ok() ? *std::move(parsed) : Json(text);
}

std::string IsoTime(int64_t millis) {
  const time_t seconds = static_cast<time_t>(millis / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &parts);
  return Format("{}.{:03d}Z", text.data(), static_cast<int>(millis % 1000));
}

// Splits arn:aws:sqs:REGION:ACCOUNT:NAME; empty when it is not an SQS queue ARN.
std::vector<std::string> QueueArnParts(const std::string& arn) {
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
  if (parts.size() != 6 || parts[0] != "arn" || parts[2] != "sqs") {
    return {};
  }
  return parts;
}

}  // namespace

Json DestinationRecordToJson(const DestinationRecord& record, const std::string& function_arn) {
  Json response_context{{"statusCode", 200}, {"executedVersion", "$LATEST"}};
  if (!record.function_error.empty()) {
    response_context["functionError"] = record.function_error;
  }
  return Json{{"version", "1.0"},
              {"timestamp", IsoTime(record.timestamp_millis)},
              {"requestContext",
               {{"requestId", record.request_id},
                {"functionArn", function_arn + ":$LATEST"},
                {"condition", record.condition},
                {"approximateInvokeCount", record.approximate_invoke_count}}},
              {"requestPayload", PayloadValue(record.request_payload)},
              {"responseContext", std::move(response_context)},
              {"responsePayload", PayloadValue(record.response_payload)}};
}

DestinationSender SqsDestinationSender(const aws::OperationTable& table,
                                       IdGenerator& ids,
                                       std::string function_arn_prefix) {
  return [&table, &ids, prefix = std::move(function_arn_prefix)](DestinationRecord record) {
    const std::vector<std::string> parts = QueueArnParts(record.destination_arn);
    if (parts.empty()) {
      kLambdaLog.Warn("destination not supported (only SQS queues) destination={}",
                      record.destination_arn);
      return;
    }
    const std::string body =
        DumpJson(DestinationRecordToJson(record, prefix + record.function_name));
    aws::RequestContext context{.request_id = ids.Uuid(),
                                .account_id = parts[4],
                                .region = parts[3],
                                .service = "sqs",
                                .operation = "GetQueueUrl"};
    const std::string destination = record.destination_arn;
    table.Invoke(context, "sqs", "GetQueueUrl",
                 Json{{"QueueName", parts[5]}, {"QueueOwnerAWSAccountId", parts[4]}},
                 [&table, context, body, destination](Result<Json> found) mutable {
                   if (!found.ok() || !found->contains("QueueUrl")) {
                     kLambdaLog.Warn("destination queue not found destination={}", destination);
                     return;
                   }
                   context.operation = "SendMessage";
                   table.Invoke(context, "sqs", "SendMessage",
                                Json{{"QueueUrl", (*found)["QueueUrl"]}, {"MessageBody", body}},
                                [destination](const Result<Json>& sent) {
                                  if (!sent.ok()) {
                                    kLambdaLog.Warn(
                                        "destination send failed destination={} error={}",
                                        destination, sent.status().ToString());
                                  }
                                });
                 });
  };
}

}  // namespace stratus::lambda::api
