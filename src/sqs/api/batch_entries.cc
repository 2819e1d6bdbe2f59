#include "sqs/api/batch_entries.h"

#include <cctype>
#include <set>

#include "sqs/api/errors.h"
#include "sqs/api/request_fields.h"

namespace stratus::sqs {
namespace {

// AWS: a batch holds 1 to 10 entries; entry ids are 1-80 of [A-Za-z0-9_-].
constexpr size_t kMaxEntries = 10;
constexpr size_t kMaxIdLength = 80;

bool IsValidEntryId(const std::string& id) {
  if (id.empty() || id.size() > kMaxIdLength) {
    return false;
  }
  for (char c : id) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-' && c != '_') {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<Json> ParseBatchEntries(const Json& input, std::string_view entry_type) {
  if (!input.contains("Entries") || input["Entries"].is_null()) {
    return SqsError::MissingParameter("Entries");
  }
  STRATUS_ASSIGN_OR_RETURN(Json entries, ArrayMember(input, "Entries"));
  if (entries.empty()) {
    return SqsError::EmptyBatchRequest(entry_type);
  }
  if (entries.size() > kMaxEntries) {
    return SqsError::TooManyEntriesInBatchRequest(entries.size());
  }
  std::set<std::string> seen;
  for (const Json& entry : entries) {
    STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(entry, "Id"));
    if (!IsValidEntryId(id)) {
      return SqsError::InvalidBatchEntryId(id);
    }
    if (!seen.insert(id).second) {
      return SqsError::BatchEntryIdsNotDistinct(id);
    }
  }
  return entries;
}

Json BatchErrorEntry(const std::string& id, const Status& error) {
  const Status tagged = SqsError::FromEngine(error);
  return Json{{"Id", id},
              {"SenderFault", IsUserError(tagged.code())},
              {"Code", tagged.aws_type().empty() ? "InternalError" : tagged.aws_type()},
              {"Message", tagged.message()}};
}

}  // namespace stratus::sqs
