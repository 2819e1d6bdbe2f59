#pragma once

// Typed work on a Database: run a function that returns Result<T> in the next
// group commit and hand its result to a callback once the commit is durable
// (or the commit's error), or run it on a read connection. The services'
// stores (athena, glue, lambda, logs) build their operations on these.
//
// Thread safety: as Database::Submit and Database::Read.

#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "base/result.h"
#include "storage/database.h"

namespace stratus::storage {

/// Runs `work` in the next group commit; `done` (may be empty) gets its
/// result after the commit, or the commit's error if the commit failed.
template <typename T>
void SubmitResult(Database& database,
                  std::function<Result<T>(Transaction&)> work,
                  std::function<void(Result<T>)> done) {
  auto outcome = std::make_shared<std::optional<Result<T>>>();
  database.Submit(
      [work = std::move(work), outcome](Transaction& transaction) -> Status {
        Result<T> result = work(transaction);
        Status status = result.ok() ? Status::Ok() : result.status();
        outcome->emplace(std::move(result));
        return status;
      },
      [outcome, done = std::move(done)](const Status& committed) {
        if (!done) {
          return;
        }
        if (!outcome->has_value() || (!committed.ok() && (*outcome)->ok())) {
          done(committed.ok() ? Status::Internal("the work did not run") : committed);
          return;
        }
        done(std::move(**outcome));
      });
}

/// Runs `work` on a read connection and returns its result.
template <typename T>
Result<T> ReadResult(Database& database, const std::function<Result<T>(Transaction&)>& work) {
  std::optional<Result<T>> result;
  STRATUS_RETURN_IF_ERROR(database.Read([&](Transaction& transaction) -> Status {
    result.emplace(work(transaction));
    return Status::Ok();
  }));
  return std::move(*result);
}

}  // namespace stratus::storage
