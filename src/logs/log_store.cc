#include "logs/log_store.h"

#include <algorithm>
#include <limits>
#include <set>
#include <utility>

#include "base/clock.h"
#include "logs/errors.h"
#include "logs/log.h"
#include "logs/schema.h"
#include "storage/database.h"
#include "storage/result_work.h"

namespace stratus::logs {
namespace {

constexpr int64_t kMillisPerDay = int64_t{24} * 3600 * 1000;
// AWS: PutLogEvents rejects events more than 2 hours in the future or older
// than 14 days.
constexpr int64_t kMaxFutureMillis = int64_t{2} * 3600 * 1000;
constexpr int64_t kMaxAgeMillis = 14 * kMillisPerDay;
constexpr int64_t kMinTime = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxTime = std::numeric_limits<int64_t>::max();

// Ends a row scan early; not an error.
Status StopScan() {
  return Status::Cancelled("scan stopped");
}

bool IsStopScan(const Status& status) {
  return status.code() == StatusCode::kCancelled && status.message() == "scan stopped";
}

// Runs `work` in the next group commit; `done` gets its result after the commit.
template <typename T>
void SubmitWork(storage::Database& database,
                std::function<Result<T>(storage::Transaction&)> work,
                Done<T> done) {
  storage::SubmitResult<T>(database, std::move(work), std::move(done));
}

// Runs `work` on a read connection.
template <typename T>
Result<T> ReadWork(storage::Database& database,
                   const std::function<Result<T>(storage::Transaction&)>& work) {
  return storage::ReadResult<T>(database, work);
}

struct GroupRow {
  int64_t id = 0;
  std::optional<int> retention_days = std::nullopt;
};

Result<std::optional<GroupRow>> FindGroup(storage::Transaction& transaction,
                                          const std::string& name) {
  std::optional<GroupRow> found;
  STRATUS_RETURN_IF_ERROR(
      transaction.Query("SELECT id, retention_days FROM log_groups WHERE name = ?1", {name},
                        [&](const storage::Row& row) -> Status {
                          found = GroupRow{.id = row.GetInt(0)};
                          if (!row.IsNull(1)) {
                            found->retention_days = static_cast<int>(row.GetInt(1));
                          }
                          return Status::Ok();
                        }));
  return found;
}

Result<GroupRow> RequireGroup(storage::Transaction& transaction, const std::string& name) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<GroupRow> found, FindGroup(transaction, name));
  if (!found.has_value()) {
    return LogsError::GroupNotFound();
  }
  return *found;
}

Result<std::optional<int64_t>> FindStream(storage::Transaction& transaction,
                                          int64_t group_id,
                                          const std::string& name) {
  std::optional<int64_t> found;
  STRATUS_RETURN_IF_ERROR(
      transaction.Query("SELECT id FROM log_streams WHERE group_id = ?1 AND name = ?2",
                        {group_id, name}, [&](const storage::Row& row) -> Status {
                          found = row.GetInt(0);
                          return Status::Ok();
                        }));
  return found;
}

// Returns the oldest timestamp readers may see in a group with `retention_days`.
int64_t RetentionFloor(std::optional<int> retention_days, int64_t now_millis) {
  return retention_days.has_value() ? now_millis - *retention_days * kMillisPerDay : kMinTime;
}

// Inserts events into a stream and updates the stream's and group's figures.
Status InsertEvents(storage::Transaction& transaction,
                    int64_t group_id,
                    int64_t stream_id,
                    const std::vector<InputEvent>& events,
                    int64_t now_millis) {
  if (events.empty()) {
    return Status::Ok();
  }
  int64_t bytes = 0;
  int64_t first = kMaxTime;
  int64_t last = kMinTime;
  for (const InputEvent& event : events) {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT INTO log_events(group_id, stream_id, timestamp_millis, "
                  "ingestion_millis, message) VALUES (?1, ?2, ?3, ?4, ?5)",
                  {group_id, stream_id, event.timestamp_millis, now_millis, event.message})
            .status());
    bytes += static_cast<int64_t>(event.message.size());
    first = std::min(first, event.timestamp_millis);
    last = std::max(last, event.timestamp_millis);
  }
  STRATUS_RETURN_IF_ERROR(
      transaction
          .Exec("UPDATE log_streams SET first_event_millis = min(coalesce(first_event_millis, ?2), "
                "?2), last_event_millis = max(coalesce(last_event_millis, ?3), ?3), "
                "last_ingestion_millis = ?4, stored_bytes = stored_bytes + ?5 WHERE id = ?1",
                {stream_id, first, last, now_millis, bytes})
          .status());
  return transaction
      .Exec("UPDATE log_groups SET stored_bytes = stored_bytes + ?2 WHERE id = ?1",
            {group_id, bytes})
      .status();
}

StoredEvent EventOf(const storage::Row& row, std::string stream) {
  return StoredEvent{.id = row.GetInt(0),
                     .stream = std::move(stream),
                     .timestamp_millis = row.GetInt(1),
                     .ingestion_millis = row.GetInt(2),
                     .message = row.GetText(3)};
}

Result<std::map<std::string, std::string>> GroupTags(storage::Transaction& transaction,
                                                     int64_t group_id) {
  std::map<std::string, std::string> tags;
  STRATUS_RETURN_IF_ERROR(
      transaction.Query("SELECT key, value FROM log_group_tags WHERE group_id = ?1", {group_id},
                        [&](const storage::Row& row) -> Status {
                          tags.emplace(row.GetText(0), row.GetText(1));
                          return Status::Ok();
                        }));
  return tags;
}

LogGroup GroupOf(const storage::Row& row) {
  LogGroup group{
      .name = row.GetText(1), .created_millis = row.GetInt(2), .stored_bytes = row.GetInt(4)};
  if (!row.IsNull(3)) {
    group.retention_days = static_cast<int>(row.GetInt(3));
  }
  return group;
}

Status PutTags(storage::Transaction& transaction,
               int64_t group_id,
               const std::map<std::string, std::string>& tags) {
  for (const auto& [key, value] : tags) {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT OR REPLACE INTO log_group_tags(group_id, key, value) VALUES (?1, ?2, ?3)",
                  {group_id, key, value})
            .status());
  }
  return Status::Ok();
}

std::optional<int64_t> OptionalInt(const storage::Row& row, int column) {
  return row.IsNull(column) ? std::nullopt : std::optional<int64_t>(row.GetInt(column));
}

}  // namespace

LogStore::LogStore(std::unique_ptr<storage::Database> database, const Clock& clock)
    : database_(std::move(database)), clock_(clock) {}

LogStore::~LogStore() {
  Stop();
}

Result<std::unique_ptr<LogStore>> LogStore::Open(const std::string& path,
                                                 bool fsync,
                                                 const Clock& clock) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> database,
                           storage::Database::Open(path, storage::DatabaseOptions{.fsync = fsync}));
  STRATUS_RETURN_IF_ERROR(database->Migrate(LogsMigrations()));
  return std::unique_ptr<LogStore>(
      new LogStore(std::move(database), clock));  // STRATUS_LINT_ALLOW(private constructor)
}

void LogStore::Stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  database_->Stop();
}

void LogStore::CreateGroup(LogGroup group, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [group = std::move(group)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(std::optional<GroupRow> found, FindGroup(transaction, group.name));
        if (found.has_value()) {
          return LogsError::GroupExists();
        }
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT INTO log_groups(name, created_millis) VALUES (?1, ?2)",
                      {group.name, group.created_millis})
                .status());
        STRATUS_RETURN_IF_ERROR(PutTags(transaction, transaction.LastInsertRowId(), group.tags));
        return true;
      },
      std::move(done));
}

void LogStore::DeleteGroup(std::string name, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [name = std::move(name)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow group, RequireGroup(transaction, name));
        for (std::string_view sql : {"DELETE FROM log_events WHERE group_id = ?1",
                                     "DELETE FROM log_streams WHERE group_id = ?1",
                                     "DELETE FROM log_group_tags WHERE group_id = ?1",
                                     "DELETE FROM log_groups WHERE id = ?1"}) {
          STRATUS_RETURN_IF_ERROR(transaction.Exec(sql, {group.id}).status());
        }
        return true;
      },
      std::move(done));
}

Result<LogGroup> LogStore::GetGroup(std::string_view name) const {
  return ReadWork<LogGroup>(*database_, [&](storage::Transaction& transaction) -> Result<LogGroup> {
    std::optional<LogGroup> found;
    int64_t id = 0;
    STRATUS_RETURN_IF_ERROR(transaction.Query(
        "SELECT id, name, created_millis, retention_days, stored_bytes FROM log_groups "
        "WHERE name = ?1",
        {std::string(name)}, [&](const storage::Row& row) -> Status {
          found = GroupOf(row);
          id = row.GetInt(0);
          return Status::Ok();
        }));
    if (!found.has_value()) {
      return LogsError::GroupNotFound();
    }
    STRATUS_ASSIGN_OR_RETURN(found->tags, GroupTags(transaction, id));
    return *std::move(found);
  });
}

Result<std::vector<LogGroup>> LogStore::ListGroups(std::string_view prefix,
                                                   std::string_view after,
                                                   int limit,
                                                   bool* more) const {
  *more = false;
  return ReadWork<std::vector<LogGroup>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::vector<LogGroup>> {
        std::vector<LogGroup> groups;
        Status scanned = transaction.Query(
            "SELECT id, name, created_millis, retention_days, stored_bytes FROM log_groups "
            "WHERE name > ?1 AND substr(name, 1, length(?2)) = ?2 ORDER BY name",
            {std::string(after), std::string(prefix)}, [&](const storage::Row& row) -> Status {
              if (std::ssize(groups) == limit) {
                *more = true;
                return StopScan();
              }
              groups.push_back(GroupOf(row));
              return Status::Ok();
            });
        if (!scanned.ok() && !IsStopScan(scanned)) {
          return scanned;
        }
        return groups;
      });
}

void LogStore::SetRetention(std::string group, std::optional<int> days, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [group = std::move(group), days](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow row, RequireGroup(transaction, group));
        storage::Value value = days.has_value() ? storage::Value(int64_t{*days}) : storage::Value();
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("UPDATE log_groups SET retention_days = ?2 WHERE id = ?1", {row.id, value})
                .status());
        return true;
      },
      std::move(done));
}

void LogStore::TagGroup(std::string group,
                        std::map<std::string, std::string> tags,
                        Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [group = std::move(group),
       tags = std::move(tags)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow row, RequireGroup(transaction, group));
        STRATUS_RETURN_IF_ERROR(PutTags(transaction, row.id, tags));
        return true;
      },
      std::move(done));
}

void LogStore::UntagGroup(std::string group, std::vector<std::string> keys, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [group = std::move(group),
       keys = std::move(keys)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow row, RequireGroup(transaction, group));
        for (const std::string& key : keys) {
          STRATUS_RETURN_IF_ERROR(
              transaction
                  .Exec("DELETE FROM log_group_tags WHERE group_id = ?1 AND key = ?2",
                        {row.id, key})
                  .status());
        }
        return true;
      },
      std::move(done));
}

void LogStore::CreateStream(std::string group, std::string stream, Done<bool> done) {
  const int64_t now = clock_.NowMillis();
  SubmitWork<bool>(
      *database_,
      [group = std::move(group), stream = std::move(stream),
       now](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow row, RequireGroup(transaction, group));
        STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> found,
                                 FindStream(transaction, row.id, stream));
        if (found.has_value()) {
          return LogsError::StreamExists();
        }
        STRATUS_RETURN_IF_ERROR(transaction
                                    .Exec("INSERT INTO log_streams(group_id, name, created_millis) "
                                          "VALUES (?1, ?2, ?3)",
                                          {row.id, stream, now})
                                    .status());
        return true;
      },
      std::move(done));
}

void LogStore::DeleteStream(std::string group, std::string stream, Done<bool> done) {
  SubmitWork<bool>(
      *database_,
      [group = std::move(group),
       stream = std::move(stream)](storage::Transaction& transaction) -> Result<bool> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow row, RequireGroup(transaction, group));
        STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> id,
                                 FindStream(transaction, row.id, stream));
        if (!id.has_value()) {
          return LogsError::StreamNotFound();
        }
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM log_events WHERE stream_id = ?1", {*id}).status());
        STRATUS_RETURN_IF_ERROR(
            transaction.Exec("DELETE FROM log_streams WHERE id = ?1", {*id}).status());
        return true;
      },
      std::move(done));
}

Result<std::vector<LogStream>> LogStore::ListStreams(std::string_view group,
                                                     std::string_view prefix,
                                                     bool by_last_event,
                                                     bool descending,
                                                     int64_t offset,
                                                     int limit,
                                                     bool* more) const {
  *more = false;
  std::string sql =
      "SELECT name, created_millis, first_event_millis, last_event_millis, "
      "last_ingestion_millis, stored_bytes FROM log_streams WHERE group_id = ?1 AND "
      "substr(name, 1, length(?2)) = ?2 ORDER BY ";
  sql += by_last_event ? "coalesce(last_event_millis, created_millis)" : "name";
  sql += descending ? " DESC, name DESC" : ", name";
  sql += " LIMIT -1 OFFSET ?3";
  return ReadWork<std::vector<LogStream>>(
      *database_, [&](storage::Transaction& transaction) -> Result<std::vector<LogStream>> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow row, RequireGroup(transaction, std::string(group)));
        std::vector<LogStream> streams;
        Status scanned = transaction.Query(
            sql, {row.id, std::string(prefix), offset}, [&](const storage::Row& found) -> Status {
              if (std::ssize(streams) == limit) {
                *more = true;
                return StopScan();
              }
              streams.push_back(LogStream{.name = found.GetText(0),
                                          .created_millis = found.GetInt(1),
                                          .first_event_millis = OptionalInt(found, 2),
                                          .last_event_millis = OptionalInt(found, 3),
                                          .last_ingestion_millis = OptionalInt(found, 4),
                                          .stored_bytes = found.GetInt(5)});
              return Status::Ok();
            });
        if (!scanned.ok() && !IsStopScan(scanned)) {
          return scanned;
        }
        return streams;
      });
}

void LogStore::PutEvents(std::string group,
                         std::string stream,
                         std::vector<InputEvent> events,
                         Done<PutEventsResult> done) {
  const int64_t now = clock_.NowMillis();
  SubmitWork<PutEventsResult>(
      *database_,
      [group = std::move(group), stream = std::move(stream), events = std::move(events),
       now](storage::Transaction& transaction) -> Result<PutEventsResult> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow row, RequireGroup(transaction, group));
        STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> stream_id,
                                 FindStream(transaction, row.id, stream));
        if (!stream_id.has_value()) {
          return LogsError::StreamNotFound();
        }
        PutEventsResult result;
        std::vector<InputEvent> accepted;
        const int64_t floor = RetentionFloor(row.retention_days, now);
        for (size_t i = 0; i < events.size(); ++i) {
          const int index = static_cast<int>(i);
          const int64_t timestamp = events[i].timestamp_millis;
          if (timestamp > now + kMaxFutureMillis) {
            if (!result.too_new_start_index.has_value()) {
              result.too_new_start_index = index;
            }
          } else if (timestamp < now - kMaxAgeMillis) {
            result.too_old_end_index = index;
          } else if (timestamp < floor) {
            result.expired_end_index = index;
          } else {
            accepted.push_back(events[i]);
          }
        }
        STRATUS_RETURN_IF_ERROR(InsertEvents(transaction, row.id, *stream_id, accepted, now));
        return result;
      },
      std::move(done));
}

void LogStore::Append(std::string group, std::string stream, std::vector<InputEvent> events) {
  const int64_t now = clock_.NowMillis();
  database_->Submit(
      [group = std::move(group), stream = std::move(stream), events = std::move(events),
       now](storage::Transaction& transaction) -> Status {
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT OR IGNORE INTO log_groups(name, created_millis) VALUES (?1, ?2)",
                      {group, now})
                .status());
        STRATUS_ASSIGN_OR_RETURN(GroupRow row, RequireGroup(transaction, group));
        STRATUS_RETURN_IF_ERROR(
            transaction
                .Exec("INSERT OR IGNORE INTO log_streams(group_id, name, created_millis) "
                      "VALUES (?1, ?2, ?3)",
                      {row.id, stream, now})
                .status());
        STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> stream_id,
                                 FindStream(transaction, row.id, stream));
        return InsertEvents(transaction, row.id, stream_id.value_or(0), events, now);
      },
      [](const Status& status) {
        if (!status.ok()) {
          kLogsLog.Warn("in-process append failed: {}", status.ToString());
        }
      });
}

Result<EventPage> LogStore::GetEvents(const GetEventsQuery& query) const {
  const int64_t now = clock_.NowMillis();
  return ReadWork<EventPage>(
      *database_, [&](storage::Transaction& transaction) -> Result<EventPage> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow group, RequireGroup(transaction, query.group));
        STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> stream_id,
                                 FindStream(transaction, group.id, query.stream));
        if (!stream_id.has_value()) {
          return LogsError::StreamNotFound();
        }
        const int64_t start = std::max(query.start_millis.value_or(kMinTime),
                                       RetentionFloor(group.retention_days, now));
        const int64_t end = query.end_millis.value_or(kMaxTime);
        EventPage page;
        auto on_row = [&](const storage::Row& row) -> Status {
          if (std::ssize(page.events) == query.limit) {
            page.more = true;
            return StopScan();
          }
          page.events.push_back(EventOf(row, query.stream));
          return Status::Ok();
        };
        Status scanned;
        if (query.forward) {
          const EventCursor after = query.after.value_or(EventCursor{.timestamp_millis = kMinTime});
          scanned = transaction.Query(
              "SELECT id, timestamp_millis, ingestion_millis, message FROM log_events "
              "WHERE stream_id = ?1 AND timestamp_millis >= ?2 AND timestamp_millis < ?3 AND "
              "(timestamp_millis, id) > (?4, ?5) ORDER BY timestamp_millis, id",
              {*stream_id, start, end, after.timestamp_millis, after.id}, on_row);
        } else {
          const EventCursor before = query.before.value_or(
              EventCursor{.timestamp_millis = kMaxTime, .id = std::numeric_limits<int64_t>::max()});
          scanned = transaction.Query(
              "SELECT id, timestamp_millis, ingestion_millis, message FROM log_events "
              "WHERE stream_id = ?1 AND timestamp_millis >= ?2 AND timestamp_millis < ?3 AND "
              "(timestamp_millis, id) < (?4, ?5) ORDER BY timestamp_millis DESC, id DESC",
              {*stream_id, start, end, before.timestamp_millis, before.id}, on_row);
          std::reverse(page.events.begin(), page.events.end());
        }
        if (!scanned.ok() && !IsStopScan(scanned)) {
          return scanned;
        }
        return page;
      });
}

Result<EventPage> LogStore::FilterEvents(const FilterEventsQuery& query) const {
  const int64_t now = clock_.NowMillis();
  const std::set<std::string, std::less<>> streams(query.streams.begin(), query.streams.end());
  return ReadWork<EventPage>(
      *database_, [&](storage::Transaction& transaction) -> Result<EventPage> {
        STRATUS_ASSIGN_OR_RETURN(GroupRow group, RequireGroup(transaction, query.group));
        const int64_t start = std::max(query.start_millis.value_or(kMinTime),
                                       RetentionFloor(group.retention_days, now));
        const int64_t end = query.end_millis.value_or(kMaxTime);
        const EventCursor after = query.after.value_or(EventCursor{.timestamp_millis = kMinTime});
        EventPage page;
        Status scanned = transaction.Query(
            "SELECT e.id, e.timestamp_millis, e.ingestion_millis, e.message, s.name "
            "FROM log_events e JOIN log_streams s ON s.id = e.stream_id "
            "WHERE e.group_id = ?1 AND e.timestamp_millis >= ?2 AND e.timestamp_millis <= ?3 AND "
            "(e.timestamp_millis, e.id) > (?4, ?5) AND substr(s.name, 1, length(?6)) = ?6 "
            "ORDER BY e.timestamp_millis, e.id",
            {group.id, start, end, after.timestamp_millis, after.id, query.stream_prefix},
            [&](const storage::Row& row) -> Status {
              std::string stream = row.GetText(4);
              if (!streams.empty() && !streams.contains(stream)) {
                return Status::Ok();
              }
              std::string message = row.GetText(3);
              if (query.matches && !query.matches(message)) {
                return Status::Ok();
              }
              if (std::ssize(page.events) == query.limit) {
                page.more = true;
                return StopScan();
              }
              page.events.push_back(StoredEvent{.id = row.GetInt(0),
                                                .stream = std::move(stream),
                                                .timestamp_millis = row.GetInt(1),
                                                .ingestion_millis = row.GetInt(2),
                                                .message = std::move(message)});
              return Status::Ok();
            });
        if (!scanned.ok() && !IsStopScan(scanned)) {
          return scanned;
        }
        return page;
      });
}

Result<int64_t> LogStore::PurgeExpired() {
  const int64_t now = clock_.NowMillis();
  auto purged = std::make_shared<int64_t>(0);
  STRATUS_RETURN_IF_ERROR(database_->Write([now, purged](storage::Transaction& transaction) {
    STRATUS_ASSIGN_OR_RETURN(
        *purged,
        transaction.Exec("DELETE FROM log_events WHERE id IN (SELECT e.id FROM log_events e JOIN "
                         "log_groups g ON g.id = e.group_id WHERE g.retention_days IS NOT NULL "
                         "AND e.timestamp_millis < ?1 - g.retention_days * ?2)",
                         {now, kMillisPerDay}));
    return Status::Ok();
  }));
  return *purged;
}

Status LogStore::Flush() {
  return database_->Write([](storage::Transaction&) { return Status::Ok(); });
}

}  // namespace stratus::logs
