#pragma once

// Helpers shared by the files that implement IamStore (iam_store*.cc).

#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "iam/iam_types.h"
#include "storage/database.h"
#include "storage/result_work.h"

namespace stratus::iam::internal {

/// Returns the uniqueness key of an IAM name: the name in ASCII lowercase.
std::string NameKey(std::string_view name);

/// Returns the owner_kind column's value for `kind`.
std::string KindName(PrincipalKind kind);

/// Runs `work` in the next group commit; `done` gets its result after it.
template <typename T>
void SubmitWork(storage::Database& database,
                std::function<Result<T>(storage::Transaction&)> work,
                Done<T> done) {
  storage::SubmitResult<T>(database, std::move(work), std::move(done));
}

/// Runs `work` on a read connection.
template <typename T>
Result<T> ReadWork(storage::Database& database,
                   const std::function<Result<T>(storage::Transaction&)>& work) {
  return storage::ReadResult<T>(database, work);
}

/// Returns the tags of one entity.
Result<Tags> LoadTags(storage::Transaction& transaction,
                      std::string_view kind,
                      const std::string& owner_key);

/// Adds or replaces tags of one entity; fails with LimitExceeded past 50.
Status PutTags(storage::Transaction& transaction,
               std::string_view kind,
               const std::string& owner_key,
               const Tags& tags);

/// Deletes every tag, inline policy and attachment of one entity.
Status DeleteOwned(storage::Transaction& transaction,
                   std::string_view kind,
                   const std::string& owner_key);

/// Returns NoSuchEntity unless the role or user `owner` exists.
Status RequireOwner(storage::Transaction& transaction, PrincipalKind kind, std::string_view owner);

/// Returns how many rows `sql` (a SELECT count(*)) counts.
Result<int64_t> Count(storage::Transaction& transaction,
                      std::string_view sql,
                      std::initializer_list<storage::Value> params);

/// Builds a page from rows read with one row more than the page holds:
/// drops the extra row and sets the marker to the last kept row's key.
template <typename T>
Page<T> MakePage(std::vector<std::pair<std::string, T>> rows, int max_items) {
  Page<T> page;
  const bool more = static_cast<int>(rows.size()) > max_items;
  if (more) {
    rows.resize(static_cast<size_t>(max_items));
    page.marker = rows.back().first;
  }
  page.items.reserve(rows.size());
  for (auto& [key, item] : rows) {
    page.items.push_back(std::move(item));
  }
  return page;
}

}  // namespace stratus::iam::internal
