#include "lambda/layer_store.h"

#include <functional>
#include <optional>
#include <utility>

#include "base/format.h"
#include "lambda/policy_statement_status.h"
#include "storage/database.h"
#include "storage/result_work.h"

namespace stratus::lambda {
namespace {

constexpr std::string_view kColumns =
    "layer, version, description, license_info, compatible_runtimes, "
    "compatible_architectures, code_id, code_sha256, code_size, created_millis, policy_revision";

// Joins names that hold no spaces (runtimes, architectures) with single spaces.
std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    out += out.empty() ? word : " " + word;
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  while (!text.empty()) {
    const size_t space = text.find(' ');
    if (space != 0) {
      words.emplace_back(text.substr(0, space));
    }
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  }
  return words;
}

LayerVersion FromRow(const storage::Row& row) {
  return LayerVersion{
      .name = row.GetText(0),
      .version = row.GetInt(1),
      .description = row.GetText(2),
      .license_info = row.GetText(3),
      .compatible_runtimes = SplitWords(row.GetText(4)),
      .compatible_architectures = SplitWords(row.GetText(5)),
      .code = {.id = row.GetText(6), .sha256 = row.GetText(7), .size = row.GetInt(8)},
      .created_millis = row.GetInt(9),
      .policy_revision_id = row.GetText(10)};
}

Result<std::optional<LayerVersion>> Find(storage::Transaction& transaction,
                                         const std::string& name,
                                         int64_t version) {
  std::optional<LayerVersion> found;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      Format("SELECT {} FROM layer_versions WHERE layer = ?1 AND version = ?2", kColumns),
      {name, version}, [&](const storage::Row& row) -> Status {
        found = FromRow(row);
        return Status::Ok();
      }));
  return found;
}

Status NotFound(std::string_view name, int64_t version) {
  return Status::NotFound(Format("{}:{}", name, version));
}

// Checks a version exists and its policy revision is `expected` (when given).
Status CheckRevision(storage::Transaction& transaction,
                     const std::string& name,
                     int64_t version,
                     const std::string& expected) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<LayerVersion> found, Find(transaction, name, version));
  if (!found.has_value()) {
    return NotFound(name, version);
  }
  if (!expected.empty() && expected != found->policy_revision_id) {
    // AWS: "The Revision Id provided does not match the latest Revision Id. Call the
    // GetLayerPolicy API to retrieve the latest Revision Id".
    return Status::FailedPrecondition(
        "The Revision Id provided does not match the latest Revision Id. Call the "
        "GetLayerPolicy API to retrieve the latest Revision Id");
  }
  return Status::Ok();
}

Status SetRevision(storage::Transaction& transaction,
                   const std::string& name,
                   int64_t version,
                   const std::string& revision) {
  return transaction
      .Exec("UPDATE layer_versions SET policy_revision = ?3 WHERE layer = ?1 AND version = ?2",
            {name, version, revision})
      .status();
}

// A change to the policy of one layer version, run inside ChangePolicy's
// transaction with the layer's name and version.
using PolicyChange =
    std::function<Status(storage::Transaction&, const std::string& layer, int64_t number)>;

// Runs `change` in one transaction when layer version NAME:VERSION exists and
// its policy revision is `expected` (when given), then sets the revision to
// `revision` and answers it.
void ChangePolicy(storage::Database& database,
                  std::string name,
                  int64_t version,
                  std::string expected,
                  std::string revision,
                  PolicyChange change,
                  Done<std::string> done) {
  storage::SubmitResult<std::string>(
      database,
      [name = std::move(name), version, expected = std::move(expected),
       revision = std::move(revision),
       change = std::move(change)](storage::Transaction& transaction) -> Result<std::string> {
        STRATUS_RETURN_IF_ERROR(CheckRevision(transaction, name, version, expected));
        STRATUS_RETURN_IF_ERROR(change(transaction, name, version));
        STRATUS_RETURN_IF_ERROR(SetRevision(transaction, name, version, revision));
        return revision;
      },
      std::move(done));
}

}  // namespace

void LayerStore::Publish(LayerVersion layer, Done<LayerVersion> done) {
  storage::SubmitResult<LayerVersion>(
      database_,
      [layer =
           std::move(layer)](storage::Transaction& transaction) mutable -> Result<LayerVersion> {
        int64_t last = 0;
        STRATUS_RETURN_IF_ERROR(
            transaction.Query("SELECT last_version FROM layer_version_counters WHERE layer = ?1",
                              {layer.name}, [&](const storage::Row& row) -> Status {
                                last = row.GetInt(0);
                                return Status::Ok();
                              }));
        layer.version = last + 1;
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("INSERT OR REPLACE INTO layer_version_counters(layer, "
                                          "last_version) VALUES (?1, ?2)",
                                          {layer.name, layer.version})
                                    .status());
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec(Format("INSERT INTO layer_versions({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                             "?8, ?9, ?10, ?11)",
                             kColumns),
                      {layer.name, layer.version, layer.description, layer.license_info,
                       JoinWords(layer.compatible_runtimes),
                       JoinWords(layer.compatible_architectures), layer.code.id, layer.code.sha256,
                       layer.code.size, layer.created_millis, layer.policy_revision_id})
                .status());
        return std::move(layer);
      },
      std::move(done));
}

Result<LayerVersion> LayerStore::Get(std::string_view name, int64_t version) const {
  std::optional<LayerVersion> found;
  STRATUS_RETURN_IF_ERROR(database_.Read([&](storage::Transaction& transaction) -> Status {
    STRATUS_ASSIGN_OR_RETURN(found, Find(transaction, std::string(name), version));
    return Status::Ok();
  }));
  if (!found.has_value()) {
    return NotFound(name, version);
  }
  return *std::move(found);
}

Result<std::vector<LayerVersion>> LayerStore::ListVersions(std::string_view name) const {
  std::vector<LayerVersion> versions;
  STRATUS_RETURN_IF_ERROR(database_.Read([&](storage::Transaction& transaction) -> Status {
    return transaction.Query(
        Format("SELECT {} FROM layer_versions WHERE layer = ?1 ORDER BY version DESC", kColumns),
        {std::string(name)}, [&](const storage::Row& row) -> Status {
          versions.push_back(FromRow(row));
          return Status::Ok();
        });
  }));
  return versions;
}

Result<std::vector<LayerVersion>> LayerStore::ListAll() const {
  std::vector<LayerVersion> versions;
  STRATUS_RETURN_IF_ERROR(database_.Read([&](storage::Transaction& transaction) -> Status {
    return transaction.Query(
        Format("SELECT {} FROM layer_versions ORDER BY layer, version DESC", kColumns), {},
        [&](const storage::Row& row) -> Status {
          versions.push_back(FromRow(row));
          return Status::Ok();
        });
  }));
  return versions;
}

void LayerStore::Delete(std::string name, int64_t version, Done<bool> done) {
  storage::SubmitResult<bool>(
      database_,
      [name = std::move(name), version](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted,
            transaction.Exec("DELETE FROM layer_versions WHERE layer = ?1 AND version = ?2",
                             {name, version}));
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("DELETE FROM layer_version_permissions WHERE layer = ?1 AND version = ?2",
                      {name, version})
                .status());
        return deleted > 0;
      },
      std::move(done));
}

void LayerStore::AddPermission(std::string name,
                               int64_t version,
                               std::string statement_id,
                               std::string statement,
                               std::string expected_revision,
                               std::string new_revision,
                               Done<std::string> done) {
  ChangePolicy(
      database_, std::move(name), version, std::move(expected_revision), std::move(new_revision),
      [statement_id = std::move(statement_id), statement = std::move(statement)](
          storage::Transaction& transaction, const std::string& layer, int64_t number) -> Status {
        bool taken = false;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT 1 FROM layer_version_permissions WHERE layer = ?1 AND version = ?2 AND "
            "statement_id = ?3",
            {layer, number, statement_id}, [&](const storage::Row&) -> Status {
              taken = true;
              return Status::Ok();
            }));
        if (taken) {
          return StatementIdTaken(statement_id);
        }
        return transaction
            .Exec(
                "INSERT INTO layer_version_permissions(layer, version, statement_id, statement) "
                "VALUES (?1, ?2, ?3, ?4)",
                {layer, number, statement_id, statement})
            .status();
      },
      std::move(done));
}

void LayerStore::RemovePermission(std::string name,
                                  int64_t version,
                                  std::string statement_id,
                                  std::string expected_revision,
                                  std::string new_revision,
                                  Done<std::string> done) {
  ChangePolicy(
      database_, std::move(name), version, std::move(expected_revision), std::move(new_revision),
      [statement_id = std::move(statement_id)](storage::Transaction& transaction,
                                               const std::string& layer, int64_t number) -> Status {
        STRATUS_ASSIGN_OR_RETURN(
            int64_t deleted, transaction.Exec("DELETE FROM layer_version_permissions WHERE "
                                              "layer = ?1 AND version = ?2 AND statement_id = ?3",
                                              {layer, number, statement_id}));
        if (deleted == 0) {
          return StatementNotFound(statement_id);
        }
        return Status::Ok();
      },
      std::move(done));
}

Result<std::vector<std::string>> LayerStore::ListPermissions(std::string_view name,
                                                             int64_t version) const {
  std::vector<std::string> statements;
  STRATUS_RETURN_IF_ERROR(database_.Read([&](storage::Transaction& transaction) -> Status {
    return transaction.Query(
        "SELECT statement FROM layer_version_permissions WHERE layer = ?1 AND version = ?2 "
        "ORDER BY statement_id",
        {std::string(name), version}, [&](const storage::Row& row) -> Status {
          statements.push_back(row.GetText(0));
          return Status::Ok();
        });
  }));
  return statements;
}

}  // namespace stratus::lambda
