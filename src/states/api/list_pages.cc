#include "states/api/list_pages.h"

#include <utility>

#include "states/api/request_fields.h"

namespace stratus::states::api {
namespace {

constexpr size_t kDefaultPageSize = 100;
constexpr size_t kMaxTokenLength = 1024;

}  // namespace

ListPage::ListPage(std::string member, size_t size, std::string after)
    : member_(std::move(member)), size_(size), after_(std::move(after)) {}

Result<ListPage> ListPage::Read(const Json& input, std::string member) {
  STRATUS_ASSIGN_OR_RETURN(int64_t max_results, MaxResults(input));
  STRATUS_ASSIGN_OR_RETURN(std::string token, NextToken(input, kMaxTokenLength));
  std::string after;
  if (!token.empty()) {
    STRATUS_ASSIGN_OR_RETURN(after, DecodePageToken(token));
  }
  const size_t size = max_results > 0 ? static_cast<size_t>(max_results) : kDefaultPageSize;
  return ListPage(std::move(member), size, std::move(after));
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
    output["nextToken"] = EncodePageToken(last_position_);
  }
  return output;
}

}  // namespace stratus::states::api
