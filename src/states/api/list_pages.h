#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::api {

/// Returns what a page token of the list `list` is bound to: the list and
/// the request's `arguments` that choose and order its items (a machine ARN,
/// a status filter, a reverse order...), never maxResults.
std::string PageScope(std::string_view list, std::initializer_list<std::string_view> arguments);

/// Encodes a pagination position as an opaque token bound to `scope`.
std::string EncodePageToken(std::string_view position, std::string_view scope);

/// Returns the position of `token`. AWS: a token this service did not issue
/// is InvalidToken "Invalid Token: 'Invalid token'"; one issued for another
/// list or other arguments is InvalidToken "Invalid Token: 'Input
/// inconsistent with page token'".
Result<std::string> DecodePageToken(std::string_view token, std::string_view scope);

/// One page of a List* answer (ListActivities, ListStateMachines,
/// ListStateMachineVersions, ListStateMachineAliases, ListMapRuns): reads
/// "maxResults" and "nextToken" of the request, takes the listed items in
/// order and ends the page with a "nextToken" when more items are left.
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
  /// service did not issue is InvalidToken, and one issued with other
  /// `filters` (the request's arguments that choose the items, see
  /// PageScope) is InvalidToken too. `member` names the items' array.
  static Result<ListPage> Read(const Json& input,
                               std::string member,
                               std::initializer_list<std::string_view> filters = {});

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
  ListPage(std::string member, std::string scope, size_t size, std::string after);

  std::string member_;
  std::string scope_;
  size_t size_ = 0;
  std::string after_;
  Json items_ = Json::array();
  std::string last_position_;
  bool cut_ = false;
};

}  // namespace stratus::states::api
