#include "states/api/list_pages.h"

#include <utility>

#include "base/digest.h"
#include "states/api/errors.h"
#include "states/api/request_fields.h"

namespace stratus::states::api {
namespace {

constexpr size_t kDefaultPageSize = 100;
constexpr size_t kMaxTokenLength = 1024;
// A token is base64("sfn2:" + scope + ":" + position); scope is 16 hex digits.
constexpr std::string_view kTokenPrefix = "sfn2:";
constexpr size_t kScopeLength = 16;

}  // namespace

std::string PageScope(std::string_view list, std::initializer_list<std::string_view> arguments) {
  std::string text(list);
  for (std::string_view argument : arguments) {
    text += '\0';
    text += argument;
  }
  return Md5Hex(text).substr(0, kScopeLength);
}

std::string EncodePageToken(std::string_view position, std::string_view scope) {
  return Base64Encode(std::string(kTokenPrefix) + std::string(scope) + ":" + std::string(position));
}

// AWS: "Input inconsistent with page token" for a token reused with other
// filter arguments (moto's Step Functions tests assert it of ListExecutions
// with another statusFilter). Pinned by
// test/wire/test_stepfunctions_service.py::test_page_tokens_are_bound_to_their_filters.
Result<std::string> DecodePageToken(std::string_view token, std::string_view scope) {
  std::string decoded;
  if (!Base64Decode(token, &decoded) || !decoded.starts_with(kTokenPrefix) ||
      decoded.size() < kTokenPrefix.size() + kScopeLength + 1 ||
      decoded[kTokenPrefix.size() + kScopeLength] != ':') {
    return StatesApiError::InvalidToken("Invalid token");
  }
  if (std::string_view(decoded).substr(kTokenPrefix.size(), kScopeLength) != scope) {
    return StatesApiError::InvalidToken("Input inconsistent with page token");
  }
  return decoded.substr(kTokenPrefix.size() + kScopeLength + 1);
}

ListPage::ListPage(std::string member, std::string scope, size_t size, std::string after)
    : member_(std::move(member)), scope_(std::move(scope)), size_(size), after_(std::move(after)) {}

Result<ListPage> ListPage::Read(const Json& input,
                                std::string member,
                                std::initializer_list<std::string_view> filters) {
  STRATUS_ASSIGN_OR_RETURN(int64_t max_results, MaxResults(input));
  STRATUS_ASSIGN_OR_RETURN(std::string token, NextToken(input, kMaxTokenLength));
  std::string scope = PageScope(member, filters);
  std::string after;
  if (!token.empty()) {
    STRATUS_ASSIGN_OR_RETURN(after, DecodePageToken(token, scope));
  }
  const size_t size = max_results > 0 ? static_cast<size_t>(max_results) : kDefaultPageSize;
  return ListPage(std::move(member), std::move(scope), size, std::move(after));
}

bool ListPage::Add(Json item, std::string_view position) {
  if (cut_ || items_.size() == size_) {
    cut_ = true;
    return false;
  }
  items_.push_back(std::move(item));
  last_position_ = position;
  return true;
}

Json ListPage::Finish() && {
  Json output = {{member_, std::move(items_)}};
  if (cut_) {
    output["nextToken"] = EncodePageToken(last_position_, scope_);
  }
  return output;
}

}  // namespace stratus::states::api
