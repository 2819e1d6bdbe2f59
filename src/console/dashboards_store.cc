#include "console/dashboards_store.h"

#include <array>
#include <utility>

#include "base/clock.h"
#include "base/format.h"
#include "console/dashboards.h"
#include "storage/database.h"
#include "storage/result_work.h"

namespace stratus::console {
namespace {

// Do not edit a released step: add a new one. Stored in PRAGMA user_version.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE dashboards(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  charts TEXT NOT NULL,
  num_charts INTEGER NOT NULL,
  created_millis INTEGER NOT NULL,
  updated_millis INTEGER NOT NULL);
)sql";

constexpr std::array<std::string_view, 1> kMigrations = {kV1};

// Builds the document of a row of (id, name, charts, created_millis, updated_millis).
Result<Json> DocumentOf(const storage::Row& row) {
  const std::string id = row.GetText(0);
  Result<Json> charts = ParseJson(row.GetText(2));
  if (!charts.ok() || !charts->is_array()) {
    return Status::Corruption(
        Format("console.db: the charts of dashboard {} are not a JSON array", id));
  }
  return Json{{"id", id},
              {"name", row.GetText(1)},
              {"charts", std::move(*charts)},
              {"created", row.GetInt(3)},
              {"updated", row.GetInt(4)}};
}

Result<std::optional<Json>> FindDashboard(storage::Transaction& transaction,
                                          const std::string& id) {
  std::optional<Json> found;
  STRATUS_RETURN_IF_ERROR(transaction.Query(
      "SELECT id, name, charts, created_millis, updated_millis FROM dashboards WHERE id = ?1", {id},
      [&](const storage::Row& row) -> Status {
        STRATUS_ASSIGN_OR_RETURN(Json document, DocumentOf(row));
        found = std::move(document);
        return Status::Ok();
      }));
  return found;
}

}  // namespace

DashboardStore::DashboardStore(std::unique_ptr<storage::Database> database, const Clock& clock)
    : database_(std::move(database)), clock_(clock) {}

DashboardStore::~DashboardStore() {
  Stop();
}

Result<std::unique_ptr<DashboardStore>> DashboardStore::Open(const std::string& path,
                                                             const Clock& clock) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> database,
                           storage::Database::Open(path));
  STRATUS_RETURN_IF_ERROR(database->Migrate(kMigrations));
  return std::unique_ptr<DashboardStore>(
      new DashboardStore(  // STRATUS_LINT_ALLOW(private constructor)
          std::move(database), clock));
}

Result<std::vector<DashboardSummary>> DashboardStore::List() const {
  return storage::ReadResult<std::vector<DashboardSummary>>(
      *database_, [](storage::Transaction& transaction) -> Result<std::vector<DashboardSummary>> {
        std::vector<DashboardSummary> summaries;
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            "SELECT id, name, updated_millis, num_charts FROM dashboards ORDER BY name, id", {},
            [&](const storage::Row& row) -> Status {
              summaries.push_back(DashboardSummary{.id = row.GetText(0),
                                                   .name = row.GetText(1),
                                                   .updated_millis = row.GetInt(2),
                                                   .num_charts = row.GetInt(3)});
              return Status::Ok();
            }));
        return summaries;
      });
}

Result<std::optional<Json>> DashboardStore::Get(std::string_view id) const {
  return storage::ReadResult<std::optional<Json>>(
      *database_, [id = std::string(id)](storage::Transaction& transaction) {
        return FindDashboard(transaction, id);
      });
}

void DashboardStore::Put(std::string id,
                         DashboardInput input,
                         std::function<void(Result<Json>)> done) {
  const int64_t now = clock_.NowMillis();
  storage::SubmitResult<Json>(
      *database_,
      [id = std::move(id), input = std::move(input),
       now](storage::Transaction& transaction) -> Result<Json> {
        const auto num_charts = static_cast<int64_t>(input.charts.size());
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO dashboards(id, name, charts, num_charts, created_millis, "
                      "updated_millis) VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT(id) DO UPDATE "
                      "SET name = excluded.name, charts = excluded.charts, num_charts = "
                      "excluded.num_charts, updated_millis = excluded.updated_millis",
                      {id, input.name, DumpJson(input.charts), num_charts, now})
                .status());
        STRATUS_ASSIGN_OR_RETURN(std::optional<Json> stored, FindDashboard(transaction, id));
        if (!stored.has_value()) {
          return Status::Internal(Format("dashboard {} vanished while it was written", id));
        }
        return std::move(*stored);
      },
      std::move(done));
}

void DashboardStore::Delete(std::string id, std::function<void(Result<bool>)> done) {
  storage::SubmitResult<bool>(
      *database_,
      [id = std::move(id)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(int64_t changed,
                                 transaction.Exec("DELETE FROM dashboards WHERE id = ?1", {id}));
        return changed > 0;
      },
      std::move(done));
}

void DashboardStore::Stop() {
  if (database_ != nullptr) {
    database_->Stop();
  }
}

}  // namespace stratus::console
