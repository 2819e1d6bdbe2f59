#include "s3/api/notifications.h"

#include <chrono>
#include <future>
#include <utility>

#include "aws/arn.h"
#include "aws/request_fields.h"
#include "base/format.h"
#include "http/message.h"
#include "s3/api/owner.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"
#include "s3/log.h"

namespace stratus::s3::api {
namespace {

// AWS: the event types a configuration may name.
constexpr std::string_view kEventNames[] = {
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
    "s3:ReducedRedundancyLostObject",
    "s3:Replication:*",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:LifecycleTransition",
    "s3:IntelligentTiering",
    "s3:ObjectTagging:*",
    "s3:ObjectTagging:Put",
    "s3:ObjectTagging:Delete",
    "s3:ObjectAcl:Put",
};

constexpr size_t kBatchSize = 100;
constexpr auto kIdleWait = std::chrono::seconds(1);

struct QueueAddress {
  std::string region = {};
  std::string account = {};
  std::string name = {};
};

// Parses a queue ARN ("arn:aws:sqs:<region>:<account>:<name>", any partition).
std::optional<QueueAddress> ParseQueueArn(std::string_view text) {
  std::optional<aws::Arn> arn = aws::ParseArn(text);
  if (!arn.has_value() || arn->service != "sqs" || arn->region.empty() || arn->account_id.empty()) {
    return std::nullopt;
  }
  return QueueAddress{.region = arn->region, .account = arn->account_id, .name = arn->resource};
}

Result<Json> CallSqs(const aws::OperationTable& table,
                     const QueueAddress& queue,
                     std::string_view operation,
                     Json input) {
  aws::RequestContext context{.request_id = "s3-notification",
                              .account_id = queue.account,
                              .region = queue.region,
                              .service = "sqs",
                              .operation = std::string(operation)};
  auto promise = std::make_shared<std::promise<Result<Json>>>();
  std::future<Result<Json>> future = promise->get_future();
  table.Invoke(context, "sqs", operation, std::move(input),
               [promise](Result<Json> result) { promise->set_value(std::move(result)); });
  return future.get();
}

std::string QueueUrl(const QueueAddress& queue) {
  return Format("http://sqs.{}.localhost/{}/{}", queue.region, queue.account, queue.name);
}

std::string IsoTime(int64_t millis) {
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return Format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", parts.tm_year + 1900,
                parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                millis % 1000);
}

// AWS: the event's key is URL-encoded as a form value: "red flower.jpg"
// becomes "red+flower.jpg" (S3 user guide, "Event message structure");
// slashes stay.
std::string EventKey(std::string_view key) {
  std::string encoded = http::PercentEncode(key, /*keep_slash=*/true);
  std::string out;
  out.reserve(encoded.size());
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded.compare(i, 3, "%20") == 0) {
      out.push_back('+');
      i += 2;
    } else {
      out.push_back(encoded[i]);
    }
  }
  return out;
}

Status Unvalidated(const std::vector<std::string>& destinations) {
  std::string names;
  for (const std::string& destination : destinations) {
    names += names.empty() ? destination : ", " + destination;
  }
  return S3Error::InvalidArgument("Unable to validate the following destination configurations: " +
                                  names);
}

}  // namespace

Result<std::vector<NotificationRule>> NotificationRulesFromConfiguration(
    const Json& configuration) {
  std::vector<NotificationRule> rules;
  for (const char* list :
       {"QueueConfigurations", "TopicConfigurations", "LambdaFunctionConfigurations"}) {
    STRATUS_ASSIGN_OR_RETURN(Json entries, OptionalArray(configuration, list));
    for (const Json& entry : entries) {
      NotificationRule rule;
      STRATUS_ASSIGN_OR_RETURN(rule.id, StringOr(entry, "Id", ""));
      STRATUS_ASSIGN_OR_RETURN(Json events, OptionalArray(entry, "Events"));
      if (events.empty()) {
        return S3Error::InvalidArgument(
            "A notification configuration must name at least one event");
      }
      for (const Json& event : events) {
        const std::string name = event.is_string() ? event.get<std::string>() : "";
        if (std::find(std::begin(kEventNames), std::end(kEventNames), name) ==
            std::end(kEventNames)) {
          return S3Error::InvalidArgument("The event is not supported for notifications");
        }
        rule.events.push_back(name);
      }
      STRATUS_ASSIGN_OR_RETURN(Json filter, OptionalObject(entry, "Filter"));
      STRATUS_ASSIGN_OR_RETURN(Json key, OptionalObject(filter, "Key"));
      STRATUS_ASSIGN_OR_RETURN(Json filter_rules, OptionalArray(key, "FilterRules"));
      for (const Json& filter_rule : filter_rules) {
        STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(filter_rule, "Name"));
        STRATUS_ASSIGN_OR_RETURN(std::string value, StringOr(filter_rule, "Value", ""));
        std::string lowered = name;
        for (char& c : lowered) {
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (lowered == "prefix") {
          rule.prefix = value;
        } else if (lowered == "suffix") {
          rule.suffix = value;
        } else {
          return S3Error::InvalidArgument("filter rule name must be either prefix or suffix");
        }
      }
      if (std::string_view(list) == "QueueConfigurations") {
        STRATUS_ASSIGN_OR_RETURN(rule.destination, RequiredString(entry, "QueueArn"));
        rules.push_back(std::move(rule));
      }
    }
  }
  return rules;
}

std::string EventMessage(const StoredEvent& event,
                         std::string_view region,
                         std::string_view owner_account) {
  Json object = {{"key", EventKey(event.key)}, {"sequencer", event.sequencer}};
  if (event.event_name.starts_with("ObjectCreated")) {
    object["size"] = event.size;
    std::string etag = event.etag;
    if (etag.size() >= 2 && etag.front() == '"') {
      etag = etag.substr(1, etag.size() - 2);
    }
    object["eTag"] = etag;
  }
  if (event.version_id != "null" && !event.version_id.empty()) {
    object["versionId"] = event.version_id;
  }
  const std::string principal = CanonicalUserId(owner_account);
  Json record = {{"eventVersion", "2.1"},
                 {"eventSource", "aws:s3"},
                 {"awsRegion", std::string(region)},
                 {"eventTime", IsoTime(event.event_millis)},
                 {"eventName", event.event_name},
                 {"userIdentity", {{"principalId", principal}}},
                 {"requestParameters", {{"sourceIPAddress", "127.0.0.1"}}},
                 {"responseElements",
                  {{"x-amz-request-id", event.sequencer}, {"x-amz-id-2", event.sequencer}}},
                 {"s3",
                  {{"s3SchemaVersion", "1.0"},
                   {"configurationId", event.configuration_id},
                   {"bucket",
                    {{"name", event.bucket},
                     {"ownerIdentity", {{"principalId", principal}}},
                     {"arn", aws::MakeGlobalArn("s3", region, "", event.bucket)}}},
                   {"object", std::move(object)}}}};
  return DumpJson(Json{{"Records", Json::array({std::move(record)})}});
}

Notifier::Notifier(S3Service& service) : service_(service) {}

Notifier::~Notifier() {
  Stop();
}

Status Notifier::Start(const aws::OperationTable& table) {
  table_ = &table;
  Engine& engine = service_.engine();
  for (const BucketInfo& bucket : engine.Buckets()) {
    Result<std::string> stored = engine.GetBucketConfig(bucket.name, "notification", "");
    if (!stored.ok()) {
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(Json configuration, ParseJson(*stored));
    STRATUS_ASSIGN_OR_RETURN(std::vector<NotificationRule> rules,
                             NotificationRulesFromConfiguration(configuration));
    engine.SetNotificationRules(bucket.name, std::move(rules));
  }
  engine.SetEventListener([this] { Wake(); });
  wake_ = true;  // Deliver what a previous run recorded.
  thread_ = std::thread([this] { Loop(); });
  return Status::Ok();
}

void Notifier::Wake() {
  {
    std::lock_guard lock(mu_);
    wake_ = true;
  }
  cv_.notify_one();
}

void Notifier::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) {
    thread_.join();
  }
  service_.engine().SetEventListener(nullptr);
}

void Notifier::Loop() {
  while (true) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, kIdleWait, [this] { return wake_ || stopping_; });
      if (stopping_) {
        return;
      }
      wake_ = false;
    }
    while (DeliverBatch()) {
      std::lock_guard lock(mu_);
      if (stopping_) {
        return;
      }
    }
  }
}

bool Notifier::DeliverBatch() {
  Engine& engine = service_.engine();
  Result<std::vector<StoredEvent>> events = engine.PendingEvents(kBatchSize);
  if (!events.ok() || events->empty()) {
    return false;
  }
  std::vector<int64_t> done;
  for (const StoredEvent& event : *events) {
    std::optional<QueueAddress> queue = ParseQueueArn(event.destination);
    Result<BucketInfo> bucket = engine.FindBucket(event.bucket);
    if (!queue.has_value() || !bucket.ok()) {
      done.push_back(event.id);  // Nowhere to deliver to any more.
      continue;
    }
    Result<Json> sent =
        CallSqs(*table_, *queue, "SendMessage",
                Json{{"QueueUrl", QueueUrl(*queue)},
                     {"MessageBody", EventMessage(event, bucket->region, bucket->owner_account)}});
    if (!sent.ok() && sent.status().code() != StatusCode::kNotFound) {
      kS3Log.Warn("cannot deliver event {} to {}: {}", event.id, event.destination,
                  sent.status().ToString());
      break;  // Keep order: retry from here later.
    }
    if (!sent.ok()) {
      kS3Log.Warn("dropping event {}: queue {} does not exist", event.id, event.destination);
    }
    done.push_back(event.id);
  }
  if (done.empty()) {
    return false;
  }
  auto acked = std::make_shared<std::promise<Result<bool>>>();
  std::future<Result<bool>> future = acked->get_future();
  engine.AckEvents(std::move(done), [acked](Result<bool> result) { acked->set_value(result); });
  return future.get().ok() && events->size() == kBatchSize;
}

Status Notifier::SendTestEvents(const std::vector<NotificationRule>& rules,
                                std::string_view bucket,
                                std::string_view request_id) {
  std::vector<std::string> unreachable;
  for (const NotificationRule& rule : rules) {
    std::optional<QueueAddress> queue = ParseQueueArn(rule.destination);
    if (!queue.has_value() || table_ == nullptr) {
      unreachable.push_back(rule.destination);
      continue;
    }
    const std::string body = DumpJson(Json{{"Service", "Amazon S3"},
                                           {"Event", "s3:TestEvent"},
                                           {"Time", IsoTime(service_.clock().NowMillis())},
                                           {"Bucket", std::string(bucket)},
                                           {"RequestId", std::string(request_id)},
                                           {"HostId", std::string(request_id)}});
    Result<Json> sent = CallSqs(*table_, *queue, "SendMessage",
                                Json{{"QueueUrl", QueueUrl(*queue)}, {"MessageBody", body}});
    if (!sent.ok()) {
      unreachable.push_back(rule.destination);
    }
  }
  return unreachable.empty() ? Status::Ok() : Unvalidated(unreachable);
}

aws::OperationHandler PutNotificationConfiguration(S3Service& service, Notifier& notifier) {
  return [&service, &notifier](const aws::RequestContext& context, const Json& input,
                               const aws::Reply& reply) {
    auto prepare = [&]() -> Result<std::pair<std::string, std::vector<NotificationRule>>> {
      STRATUS_ASSIGN_OR_RETURN(std::string bucket, RequiredString(input, "Bucket"));
      STRATUS_RETURN_IF_ERROR(service.engine().FindBucket(bucket).status());
      STRATUS_ASSIGN_OR_RETURN(Json configuration,
                               OptionalObject(input, "NotificationConfiguration"));
      STRATUS_ASSIGN_OR_RETURN(std::vector<NotificationRule> rules,
                               NotificationRulesFromConfiguration(configuration));
      STRATUS_ASSIGN_OR_RETURN(std::optional<bool> skip,
                               OptionalBool(input, "SkipDestinationValidation"));
      if (!skip.value_or(false)) {
        STRATUS_RETURN_IF_ERROR(notifier.SendTestEvents(rules, bucket, context.request_id));
      }
      return std::make_pair(std::move(bucket), std::move(rules));
    };
    auto prepared = prepare();
    if (!prepared.ok()) {
      reply(prepared.status());
      return;
    }
    const Json configuration = input.value("NotificationConfiguration", Json::object());
    std::string bucket = prepared->first;
    std::vector<NotificationRule> rules = std::move(prepared->second);
    service.engine().PutBucketConfig(
        bucket, "notification", "", DumpJson(configuration),
        [&service, bucket, rules = std::move(rules), reply](Result<bool> stored) mutable {
          if (stored.ok()) {
            service.engine().SetNotificationRules(bucket, std::move(rules));
          }
          reply(stored.ok() ? Result<Json>(Json::object()) : Result<Json>(stored.status()));
        });
  };
}

}  // namespace stratus::s3::api
