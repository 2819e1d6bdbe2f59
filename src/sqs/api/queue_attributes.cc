#include "sqs/api/queue_attributes.h"

#include <algorithm>
#include <array>
#include <set>

#include "base/format.h"
#include "sqs/api/errors.h"
#include "sqs/api/queue_url.h"
#include "sqs/queue_service.h"

namespace stratus::sqs {
namespace {

using std::chrono::seconds;

// AWS: the attributes a caller may read; the last five are computed.
constexpr std::array<std::string_view, 21> kReadable = {"ApproximateNumberOfMessages",
                                                        "ApproximateNumberOfMessagesNotVisible",
                                                        "ApproximateNumberOfMessagesDelayed",
                                                        "CreatedTimestamp",
                                                        "LastModifiedTimestamp",
                                                        "DelaySeconds",
                                                        "MaximumMessageSize",
                                                        "MessageRetentionPeriod",
                                                        "Policy",
                                                        "QueueArn",
                                                        "ReceiveMessageWaitTimeSeconds",
                                                        "VisibilityTimeout",
                                                        "RedrivePolicy",
                                                        "RedriveAllowPolicy",
                                                        "FifoQueue",
                                                        "ContentBasedDeduplication",
                                                        "DeduplicationScope",
                                                        "FifoThroughputLimit",
                                                        "KmsMasterKeyId",
                                                        "KmsDataKeyReusePeriodSeconds",
                                                        "SqsManagedSseEnabled"};

constexpr std::array<std::string_view, 4> kFifoOnly = {"FifoQueue", "ContentBasedDeduplication",
                                                       "DeduplicationScope", "FifoThroughputLimit"};

bool IsFifoOnly(std::string_view name) {
  return std::find(kFifoOnly.begin(), kFifoOnly.end(), name) != kFifoOnly.end();
}

Status BadValue(std::string_view name, std::string_view reason = {}) {
  if (reason.empty()) {
    return SqsError::InvalidAttributeValue(Format("Invalid value for the parameter {}.", name));
  }
  return SqsError::InvalidAttributeValue(
      Format("Invalid value for the parameter {}. Reason: {}", name, reason));
}

Result<std::string> ValueText(std::string_view name, const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_number_integer() || value.is_boolean()) {
    return DumpJson(value);
  }
  return BadValue(name);
}

Result<int64_t> ParseInteger(std::string_view name,
                             const std::string& text,
                             int64_t min,
                             int64_t max) {
  size_t used = 0;
  int64_t value = 0;
  bool ok = !text.empty() && text.size() <= 18;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
  }
  if (ok) {
    value = std::stoll(text, &used);
  }
  if (!ok || used != text.size() || value < min || value > max) {
    return BadValue(name);
  }
  return value;
}

Result<bool> ParseBool(std::string_view name, const std::string& text) {
  if (text == "true") {
    return true;
  }
  if (text == "false") {
    return false;
  }
  return BadValue(name);
}

// AWS: the dead-letter queue's RedriveAllowPolicy decides which queues may
// name it: allowAll (the default), denyAll, or byQueue with sourceQueueArns.
Status CheckRedriveAllowed(const std::string& allow_policy, const QueueId& source) {
  if (allow_policy.empty()) {
    return Status::Ok();
  }
  Result<Json> parsed = ParseJson(allow_policy);
  if (!parsed.ok() || !parsed->is_object()) {
    return Status::Ok();
  }
  const std::string permission = parsed->value("redrivePermission", "allowAll");
  bool allowed = permission == "allowAll";
  if (permission == "byQueue") {
    const std::string source_arn = QueueArnFor(source);
    for (const Json& arn : parsed->value("sourceQueueArns", Json::array())) {
      allowed = allowed || (arn.is_string() && arn.get<std::string>() == source_arn);
    }
  }
  if (!allowed) {
    return BadValue("RedrivePolicy",
                    "Dead-letter queue's RedriveAllowPolicy does not allow this source queue.");
  }
  return Status::Ok();
}

Result<RedrivePolicy> ParseRedrivePolicy(const std::string& text,
                                         const QueueId& id,
                                         const QueueConfig& config,
                                         const QueueService& service) {
  constexpr std::string_view kName = "RedrivePolicy";
  Result<Json> parsed = ParseJson(text);
  if (!parsed.ok() || !parsed->is_object()) {
    return BadValue(kName, "Redrive policy is not a valid JSON map.");
  }
  const Json& policy = *parsed;
  auto target = policy.find("deadLetterTargetArn");
  auto count = policy.find("maxReceiveCount");
  if (target == policy.end() || !target->is_string() || count == policy.end()) {
    return BadValue(
        kName, "Redrive policy does not contain mandatory attribute: " +
                   std::string(target == policy.end() ? "deadLetterTargetArn" : "maxReceiveCount") +
                   ".");
  }
  STRATUS_ASSIGN_OR_RETURN(std::string count_text, ValueText(kName, *count));
  Result<int64_t> max_receive_count = ParseInteger(kName, count_text, 1, 1000);
  if (!max_receive_count.ok()) {
    return BadValue(kName, "Invalid value for maxReceiveCount: " + count_text +
                               ", valid values are from 1 to 1000 both inclusive.");
  }
  STRATUS_ASSIGN_OR_RETURN(QueueId dead_letter_queue,
                           QueueIdFromArn(target->get<std::string>(), kName));
  Result<QueueConfig> target_config = service.Config(dead_letter_queue);
  if (!target_config.ok() || dead_letter_queue == id) {
    return BadValue(kName, "Dead letter target does not exist.");
  }
  if (target_config->fifo != config.fifo) {
    return BadValue(kName, "Dead-letter queue must be same type of queue as the source.");
  }
  STRATUS_RETURN_IF_ERROR(CheckRedriveAllowed(target_config->redrive_allow_policy, id));
  return RedrivePolicy{.dead_letter_queue = std::move(dead_letter_queue),
                       .max_receive_count = *max_receive_count};
}

Status ValidateRedriveAllowPolicy(const std::string& text) {
  constexpr std::string_view kName = "RedriveAllowPolicy";
  Result<Json> parsed = ParseJson(text);
  if (!parsed.ok() || !parsed->is_object()) {
    return BadValue(kName, "Redrive allow policy is not a valid JSON map.");
  }
  auto permission = parsed->find("redrivePermission");
  if (permission == parsed->end() || !permission->is_string()) {
    return BadValue(kName,
                    "Redrive allow policy does not contain mandatory attribute: "
                    "redrivePermission.");
  }
  const auto& value = permission->get_ref<const std::string&>();
  if (value != "allowAll" && value != "denyAll" && value != "byQueue") {
    return BadValue(kName, "Invalid value for redrivePermission: " + value +
                               ", valid values are allowAll, denyAll, byQueue.");
  }
  auto sources = parsed->find("sourceQueueArns");
  if (value == "byQueue") {
    if (sources == parsed->end() || !sources->is_array() || sources->empty() ||
        sources->size() > 10) {
      return BadValue(kName,
                      "sourceQueueArns must contain 1 to 10 queue ARNs when "
                      "redrivePermission is byQueue.");
    }
  } else if (sources != parsed->end()) {
    return BadValue(kName, "sourceQueueArns is allowed only when redrivePermission is byQueue.");
  }
  return Status::Ok();
}

// Applies one attribute. REQUIRES: config->fifo already final.
Status ApplyOne(const std::string& name,
                const std::string& text,
                const QueueId& id,
                const QueueService& service,
                QueueConfig* config) {
  if (name == "DelaySeconds") {
    STRATUS_ASSIGN_OR_RETURN(int64_t value, ParseInteger(name, text, 0, 900));
    config->delay = seconds(value);
  } else if (name == "MaximumMessageSize") {
    STRATUS_ASSIGN_OR_RETURN(config->maximum_message_bytes,
                             ParseInteger(name, text, 1024, int64_t{1024} * 1024));
  } else if (name == "MessageRetentionPeriod") {
    STRATUS_ASSIGN_OR_RETURN(int64_t value, ParseInteger(name, text, 60, 1209600));
    config->retention = seconds(value);
  } else if (name == "ReceiveMessageWaitTimeSeconds") {
    STRATUS_ASSIGN_OR_RETURN(int64_t value, ParseInteger(name, text, 0, 20));
    config->receive_wait = seconds(value);
  } else if (name == "VisibilityTimeout") {
    STRATUS_ASSIGN_OR_RETURN(int64_t value, ParseInteger(name, text, 0, 43200));
    config->visibility_timeout = seconds(value);
  } else if (name == "Policy") {
    if (!text.empty() && (!ParseJson(text).ok() || !ParseJson(text)->is_object())) {
      return BadValue(name, "Policy is not a valid JSON document.");
    }
    config->policy = text;
  } else if (name == "RedrivePolicy") {
    if (text.empty()) {
      config->redrive_policy.reset();
    } else {
      STRATUS_ASSIGN_OR_RETURN(config->redrive_policy,
                               ParseRedrivePolicy(text, id, *config, service));
    }
  } else if (name == "RedriveAllowPolicy") {
    if (!text.empty()) {
      STRATUS_RETURN_IF_ERROR(ValidateRedriveAllowPolicy(text));
    }
    config->redrive_allow_policy = text;
  } else if (name == "FifoQueue") {
    // Handled by the caller.
  } else if (name == "ContentBasedDeduplication") {
    STRATUS_ASSIGN_OR_RETURN(config->content_based_deduplication, ParseBool(name, text));
  } else if (name == "DeduplicationScope") {
    if (text != "queue" && text != "messageGroup") {
      return BadValue(name);
    }
    config->deduplication_scope =
        text == "queue" ? DeduplicationScope::kQueue : DeduplicationScope::kMessageGroup;
  } else if (name == "FifoThroughputLimit") {
    if (text != "perQueue" && text != "perMessageGroupId") {
      return BadValue(name);
    }
    config->fifo_throughput_limit = text == "perQueue" ? FifoThroughputLimit::kPerQueue
                                                       : FifoThroughputLimit::kPerMessageGroupId;
  } else if (name == "KmsMasterKeyId") {
    config->kms_master_key_id = text;
  } else if (name == "KmsDataKeyReusePeriodSeconds") {
    STRATUS_ASSIGN_OR_RETURN(int64_t value, ParseInteger(name, text, 60, 86400));
    config->kms_data_key_reuse_period = seconds(value);
  } else if (name == "SqsManagedSseEnabled") {
    STRATUS_ASSIGN_OR_RETURN(config->sqs_managed_sse_enabled, ParseBool(name, text));
  } else {
    return SqsError::InvalidAttributeName(name);
  }
  return Status::Ok();
}

}  // namespace

Status ApplyQueueAttributes(const Json& attributes,
                            bool creating,
                            const QueueId& id,
                            const QueueService& service,
                            QueueConfig* config) {
  if (!attributes.is_object()) {
    return SqsError::InvalidParameterValue("Attributes must be a map.");
  }
  if (auto fifo = attributes.find("FifoQueue"); fifo != attributes.end()) {
    if (!creating) {
      return SqsError::InvalidAttributeName("FifoQueue");
    }
    STRATUS_ASSIGN_OR_RETURN(std::string text, ValueText("FifoQueue", *fifo));
    STRATUS_ASSIGN_OR_RETURN(config->fifo, ParseBool("FifoQueue", text));
  }
  for (const auto& [name, value] : attributes.items()) {
    if (!config->fifo && IsFifoOnly(name) && name != "FifoQueue") {
      return SqsError::InvalidAttributeName(name);
    }
    STRATUS_ASSIGN_OR_RETURN(std::string text, ValueText(name, value));
    STRATUS_RETURN_IF_ERROR(ApplyOne(name, text, id, service, config));
  }
  if (config->fifo && config->fifo_throughput_limit == FifoThroughputLimit::kPerMessageGroupId &&
      config->deduplication_scope == DeduplicationScope::kQueue) {
    return BadValue("FifoThroughputLimit",
                    "perMessageGroupId requires DeduplicationScope messageGroup.");
  }
  if (attributes.contains("KmsMasterKeyId") && !attributes.contains("SqsManagedSseEnabled")) {
    config->sqs_managed_sse_enabled = config->kms_master_key_id.empty();
  }
  return Status::Ok();
}

std::string RenderRedrivePolicy(const RedrivePolicy& policy) {
  return Format(R"({{"deadLetterTargetArn":"{}","maxReceiveCount":{}}})",
                QueueArnFor(policy.dead_letter_queue), policy.max_receive_count);
}

Result<Json> RenderQueueAttributes(const QueueSnapshot& snapshot,
                                   const std::vector<std::string>& names) {
  std::set<std::string_view> wanted;
  for (const std::string& name : names) {
    if (name == "All") {
      wanted.insert(kReadable.begin(), kReadable.end());
    } else if (std::find(kReadable.begin(), kReadable.end(), name) != kReadable.end()) {
      wanted.insert(name);
    } else {
      return SqsError::InvalidAttributeName(name);
    }
  }
  const QueueConfig& config = snapshot.config;
  Json out = Json::object();
  auto put = [&](std::string_view name, std::string value) {
    if (wanted.contains(name)) {
      out[std::string(name)] = std::move(value);
    }
  };
  put("ApproximateNumberOfMessages", std::to_string(snapshot.counts.visible));
  put("ApproximateNumberOfMessagesNotVisible", std::to_string(snapshot.counts.in_flight));
  put("ApproximateNumberOfMessagesDelayed", std::to_string(snapshot.counts.delayed));
  put("CreatedTimestamp", std::to_string(snapshot.created_millis / 1000));
  put("LastModifiedTimestamp", std::to_string(snapshot.modified_millis / 1000));
  put("DelaySeconds", std::to_string(config.delay.count()));
  put("MaximumMessageSize", std::to_string(config.maximum_message_bytes));
  put("MessageRetentionPeriod", std::to_string(config.retention.count()));
  put("QueueArn", QueueArnFor(snapshot.id));
  put("ReceiveMessageWaitTimeSeconds", std::to_string(config.receive_wait.count()));
  put("VisibilityTimeout", std::to_string(config.visibility_timeout.count()));
  put("SqsManagedSseEnabled", config.sqs_managed_sse_enabled ? "true" : "false");
  if (!config.policy.empty()) {
    put("Policy", config.policy);
  }
  if (config.redrive_policy.has_value()) {
    put("RedrivePolicy", RenderRedrivePolicy(*config.redrive_policy));
  }
  if (!config.redrive_allow_policy.empty()) {
    put("RedriveAllowPolicy", config.redrive_allow_policy);
  }
  if (!config.kms_master_key_id.empty()) {
    put("KmsMasterKeyId", config.kms_master_key_id);
    put("KmsDataKeyReusePeriodSeconds", std::to_string(config.kms_data_key_reuse_period.count()));
  }
  if (config.fifo) {
    put("FifoQueue", "true");
    put("ContentBasedDeduplication", config.content_based_deduplication ? "true" : "false");
    put("DeduplicationScope",
        config.deduplication_scope == DeduplicationScope::kQueue ? "queue" : "messageGroup");
    put("FifoThroughputLimit", config.fifo_throughput_limit == FifoThroughputLimit::kPerQueue
                                   ? "perQueue"
                                   : "perMessageGroupId");
  }
  return out;
}

}  // namespace stratus::sqs
