#include "base/digest.h"
#include "sqs/api/errors.h"
#include "sqs/api/handlers.h"
#include "sqs/api/queue_url.h"
#include "sqs/api/request_fields.h"
#include "sqs/queue_service.h"

namespace stratus::sqs::api {
namespace {

// AWS: ListQueues returns at most 1000 URLs; MaxResults is 1 to 1000.
constexpr int64_t kMaxResults = 1000;

Result<Json> Run(const QueueService& service,
                 const aws::RequestContext& context,
                 const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> prefix,
                           OptionalString(input, "QueueNamePrefix"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_results, OptionalInt(input, "MaxResults"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> token, OptionalString(input, "NextToken"));
  if (max_results.has_value()) {
    STRATUS_RETURN_IF_ERROR(CheckRange("MaxResults", *max_results, 1, kMaxResults,
                                       "MaxResults must be an integer between 1 and 1000."));
  }
  std::string after;
  if (token.has_value() && !Base64Decode(*token, &after)) {
    return SqsError::InvalidParameterValue("Invalid NextToken value.");
  }
  const std::vector<QueueId> ids =
      service.ListQueues(context.account_id, context.region, prefix.value_or(""));
  const auto limit = static_cast<size_t>(max_results.value_or(kMaxResults));
  Json urls = Json::array();
  std::string last;
  bool more = false;
  for (const QueueId& id : ids) {
    if (!after.empty() && id.name <= after) {
      continue;
    }
    if (urls.size() == limit) {
      more = true;
      break;
    }
    urls.push_back(QueueUrlFor(context, id));
    last = id.name;
  }
  Json out = Json::object();
  if (!urls.empty()) {
    out["QueueUrls"] = std::move(urls);
  }
  if (more && max_results.has_value()) {
    out["NextToken"] = Base64Encode(last);
  }
  return out;
}

}  // namespace

Result<Json> ListQueues(QueueService& service,
                        const aws::RequestContext& context,
                        const Json& input) {
  return Run(service, context, input);
}

}  // namespace stratus::sqs::api
