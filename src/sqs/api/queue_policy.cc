#include "sqs/api/queue_policy.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "aws/arn.h"
#include "base/format.h"
#include "base/json.h"
#include "sqs/api/errors.h"
#include "sqs/api/queue_url.h"

namespace stratus::sqs {
namespace {

// AWS: AddPermission grants at most 7 actions; labels are 1-80 of [A-Za-z0-9_-].
constexpr size_t kMaxActions = 7;
constexpr size_t kMaxLabelLength = 80;
constexpr std::array<std::string_view, 10> kActions = {"*",
                                                       "SendMessage",
                                                       "ReceiveMessage",
                                                       "DeleteMessage",
                                                       "ChangeMessageVisibility",
                                                       "GetQueueAttributes",
                                                       "GetQueueUrl",
                                                       "ListDeadLetterSourceQueues",
                                                       "PurgeQueue",
                                                       "ListQueueTags"};

Result<Json> ParsePolicy(const std::string& policy, const QueueId* queue) {
  if (policy.empty()) {
    Json fresh = {{"Version", "2012-10-17"}, {"Statement", Json::array()}};
    if (queue != nullptr) {
      fresh["Id"] = QueueArnFor(*queue) + "/SQSDefaultPolicy";
    }
    return fresh;
  }
  Result<Json> parsed = ParseJson(policy);
  if (!parsed.ok() || !parsed->is_object()) {
    return SqsError::InvalidParameterValue("The queue's Policy is not a valid JSON document.");
  }
  Json document = *parsed;
  if (!document.contains("Statement") || !document["Statement"].is_array()) {
    Json statement = document.value("Statement", Json());
    document["Statement"] = statement.is_object() ? Json::array({statement}) : Json::array();
  }
  return document;
}

bool HasLabel(const Json& document, const std::string& label) {
  for (const Json& statement : document["Statement"]) {
    if (statement.is_object() && statement.value("Sid", "") == label) {
      return true;
    }
  }
  return false;
}

Json OneOrMany(const std::vector<std::string>& values) {
  if (values.size() == 1) {
    return values.front();
  }
  return Json(values);  // NOLINT(modernize-return-braced-init-list): {} would make an array of one.
}

}  // namespace

Result<std::string> AddPolicyStatement(const std::string& policy,
                                       const QueueId& queue,
                                       const std::string& label,
                                       const std::vector<std::string>& account_ids,
                                       const std::vector<std::string>& actions) {
  bool label_ok = !label.empty() && label.size() <= kMaxLabelLength;
  for (char c : label) {
    label_ok =
        label_ok && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_');
  }
  if (!label_ok) {
    return SqsError::InvalidParameterValue(
        Format("Value {} for parameter Label is invalid. Reason: Can only include alphanumeric "
               "characters, hyphens, or underscores. 1 to 80 in length.",
               label));
  }
  if (account_ids.empty()) {
    return SqsError::MissingParameter("AWSAccountIds");
  }
  if (actions.empty()) {
    return SqsError::MissingParameter("Actions");
  }
  if (actions.size() > kMaxActions) {
    return SqsError::OverLimit(
        Format("{} Actions were found, maximum allowed is 7.", actions.size()));
  }
  std::vector<std::string> qualified_actions;
  for (const std::string& action : actions) {
    if (std::find(kActions.begin(), kActions.end(), action) == kActions.end()) {
      return SqsError::InvalidParameterValue(
          Format("Value SQS:{} for parameter ActionName is invalid. Reason: Only the queue "
                 "owner is allowed to invoke this action.",
                 action));
    }
    qualified_actions.push_back("SQS:" + action);
  }
  std::vector<std::string> principals;
  for (const std::string& account : account_ids) {
    principals.push_back(aws::MakeGlobalArn("iam", queue.region, account, "root"));
  }
  STRATUS_ASSIGN_OR_RETURN(Json document, ParsePolicy(policy, &queue));
  if (HasLabel(document, label)) {
    return SqsError::InvalidParameterValue(
        Format("Value {} for parameter Label is invalid. Reason: Already exists.", label));
  }
  document["Statement"].push_back(Json{{"Sid", label},
                                       {"Effect", "Allow"},
                                       {"Principal", {{"AWS", OneOrMany(principals)}}},
                                       {"Action", OneOrMany(qualified_actions)},
                                       {"Resource", QueueArnFor(queue)}});
  return DumpJson(document);
}

Result<std::string> RemovePolicyStatement(const std::string& policy, const std::string& label) {
  const Status missing = SqsError::InvalidParameterValue(
      Format("Value {} for parameter Label is invalid. Reason: can't find label on existing "
             "policy.",
             label));
  if (policy.empty()) {
    return missing;
  }
  STRATUS_ASSIGN_OR_RETURN(Json document, ParsePolicy(policy, nullptr));
  if (!HasLabel(document, label)) {
    return missing;
  }
  Json kept = Json::array();
  for (const Json& statement : document["Statement"]) {
    if (!statement.is_object() || statement.value("Sid", "") != label) {
      kept.push_back(statement);
    }
  }
  if (kept.empty()) {
    return std::string();
  }
  document["Statement"] = std::move(kept);
  return DumpJson(document);
}

}  // namespace stratus::sqs
