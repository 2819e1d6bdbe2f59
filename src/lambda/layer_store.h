#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "lambda/function_config.h"

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::lambda {

/// Layer versions in lambda.db (docs/formats/lambda.md, version 5): the
/// `layer_versions` rows, the per-layer counter that numbers them (a number
/// is never reused, even after every version of the layer was deleted) and
/// each version's resource-based policy (stored, not enforced). A layer
/// version's content is a package in the CodeStore, like a function's code.
/// Errors are plain Status codes (NotFound, AlreadyExists,
/// FailedPrecondition for a stale policy revision); the API layer names them.
///
/// Durability: every write is one storage::Database work whose `done` runs
/// after the group commit.
///
/// Thread safety: every method is safe from any thread. Done callbacks run on
/// the database's writer thread and must not block. The database outlives
/// the store.
class LayerStore {
 public:
  explicit LayerStore(storage::Database& database) : database_(database) {}

  /// Stores `layer` as the layer's next version; `done` gets it numbered.
  void Publish(LayerVersion layer, Done<LayerVersion> done);
  /// Returns one version; NotFound when absent.
  Result<LayerVersion> Get(std::string_view name, int64_t version) const;
  /// Returns the layer's versions, newest first (empty for an unknown layer).
  Result<std::vector<LayerVersion>> ListVersions(std::string_view name) const;
  /// Returns every layer version, by layer name and then newest first.
  Result<std::vector<LayerVersion>> ListAll() const;
  /// Deletes a version and its policy; `done` gets false when there was none.
  void Delete(std::string name, int64_t version, Done<bool> done);

  /// Adds a statement (JSON text) to a version's policy and sets its policy
  /// revision to `new_revision`; `done` gets it. NotFound without the
  /// version, AlreadyExists when the statement id is taken,
  /// FailedPrecondition when `expected_revision` is set and is not current.
  void AddPermission(std::string name,
                     int64_t version,
                     std::string statement_id,
                     std::string statement,
                     std::string expected_revision,
                     std::string new_revision,
                     Done<std::string> done);
  /// Removes a statement; NotFound when the version or statement is absent.
  void RemovePermission(std::string name,
                        int64_t version,
                        std::string statement_id,
                        std::string expected_revision,
                        std::string new_revision,
                        Done<std::string> done);
  /// Returns a version's statements (JSON text), by statement id.
  Result<std::vector<std::string>> ListPermissions(std::string_view name, int64_t version) const;

 private:
  storage::Database& database_;
};

}  // namespace stratus::lambda
