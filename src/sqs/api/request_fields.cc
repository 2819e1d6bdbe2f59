#include "sqs/api/request_fields.h"

#include <charconv>

#include "base/format.h"
#include "sqs/api/errors.h"
#include "sqs/api/queue_url.h"

namespace stratus::sqs {
namespace {

const Json* Member(const Json& input, std::string_view member) {
  if (!input.is_object()) {
    return nullptr;
  }
  auto it = input.find(member);
  if (it == input.end() || it->is_null()) {
    return nullptr;
  }
  return &*it;
}

Status NotA(std::string_view member, std::string_view what) {
  return SqsError::InvalidParameterValue(
      Format("Value for parameter {} is invalid. Reason: must be {}.", member, what));
}

}  // namespace

Result<std::string> RequiredString(const Json& input, std::string_view member) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return SqsError::MissingParameter(member);
  }
  if (!value->is_string()) {
    return NotA(member, "a string");
  }
  return value->get<std::string>();
}

Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return std::optional<std::string>();
  }
  if (!value->is_string()) {
    return NotA(member, "a string");
  }
  return std::optional<std::string>(value->get<std::string>());
}

Result<std::optional<int64_t>> OptionalInt(const Json& input, std::string_view member) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return std::optional<int64_t>();
  }
  if (value->is_number_integer()) {
    return std::optional<int64_t>(value->get<int64_t>());
  }
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    int64_t parsed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error == std::errc() && end == text.data() + text.size() && !text.empty()) {
      return std::optional<int64_t>(parsed);
    }
  }
  return SqsError::InvalidParameterValue(
      Format("Value {} for parameter {} is invalid. Reason: must be an integer.",
             value->is_string() ? value->get<std::string>() : DumpJson(*value), member));
}

Result<std::vector<std::string>> StringList(const Json& input, std::string_view member) {
  std::vector<std::string> strings;
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return strings;
  }
  if (!value->is_array()) {
    return NotA(member, "a list of strings");
  }
  for (const Json& item : *value) {
    if (!item.is_string()) {
      return NotA(member, "a list of strings");
    }
    strings.push_back(item.get<std::string>());
  }
  return strings;
}

Result<Json> ObjectMember(const Json& input, std::string_view member) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return Json::object();
  }
  if (!value->is_object()) {
    return NotA(member, "a map");
  }
  return *value;
}

Result<Json> ArrayMember(const Json& input, std::string_view member) {
  const Json* value = Member(input, member);
  if (value == nullptr) {
    return Json::array();
  }
  if (!value->is_array()) {
    return NotA(member, "a list");
  }
  return *value;
}

Result<QueueId> QueueFromInput(const aws::RequestContext& context, const Json& input) {
  // AWS: a query call may address the queue by its URL's path instead of a
  // QueueUrl parameter (POST /{account}/{name} Action=SendMessage...), as older
  // SDKs do. Pinned by test/wire/test_sqs_errors.py::test_query_call_posted_to_the_queue_url_path.
  if (!input.contains("QueueUrl") && context.path.size() > 1 &&
      context.path.find('/', 1) != std::string::npos) {
    return QueueIdFromUrl(context, context.path);
  }
  STRATUS_ASSIGN_OR_RETURN(std::string url, RequiredString(input, "QueueUrl"));
  return QueueIdFromUrl(context, url);
}

Status CheckRange(
    std::string_view name, int64_t value, int64_t min, int64_t max, std::string_view reason) {
  if (value < min || value > max) {
    return SqsError::InvalidParameterValue(
        Format("Value {} for parameter {} is invalid. Reason: {}", value, name, reason));
  }
  return Status::Ok();
}

}  // namespace stratus::sqs
