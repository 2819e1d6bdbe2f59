#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::api {

/// One page of a List* answer (ListActivities, ListStateMachines,
/// ListStateMachineVersions, ListStateMachineAliases): reads "maxResults" and
/// "nextToken" of the request, takes the listed items in order and ends the
/// page with a "nextToken" when more items are left.
///
/// A position names an item in list order; the token of a page that is cut
/// short carries the position of its last item, and the next page resumes
/// after it (after() returns it decoded).
///
/// Thread safety: none; one request's local.
class ListPage {
 public:
  /// AWS: a page holds at most maxResults items (100 when absent or 0); a
  /// nextToken longer than 1024 characters is a ValidationException, one this
  /// service did not issue is InvalidToken. `member` names the items' array.
  static Result<ListPage> Read(const Json& input, std::string member);

  /// The position of the last item of the previous page; "" on the first.
  const std::string& after() const { return after_; }

  /// How many items the page holds at most.
  size_t size() const { return size_; }

  /// Adds `item`, at `position`, when the page has room and returns true;
  /// else ends the page with a nextToken after the last item added and
  /// returns false (the caller stops).
  bool Add(Json item, std::string_view position);

  /// Returns {member: [items], "nextToken": … when the page was cut short}.
  Json Finish() &&;

 private:
  ListPage(std::string member, size_t size, std::string after);

  std::string member_;
  size_t size_ = 0;
  std::string after_;
  Json items_ = Json::array();
  std::string last_position_;
  bool cut_ = false;
};

}  // namespace stratus::states::api
