#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "logs/logs_types.h"

namespace stratus {
class Clock;
}  // namespace stratus

namespace stratus::storage {
class Database;
}  // namespace stratus::storage

namespace stratus::logs {

/// CloudWatch Logs' engine over logs.db (docs/formats/logs.md): log groups,
/// their streams and tags, and the events themselves, one row each. It knows
/// no JSON and no AWS wire names; errors are LogsError's.
///
/// Model. A group holds streams; a stream holds events ordered by
/// (timestamp, id), where the id is the insertion order, so events of equal
/// timestamps keep the order they were put in. Readers page with an
/// EventCursor, a position between two events, which the API layer turns
/// into AWS's opaque forward/backward tokens.
///
/// Durability: every write is one storage::Database work and its `done` runs
/// after the group commit, so the API acknowledges only what is durable.
/// Append() is the cheap path for in-process writers (the Lambda runtime):
/// it creates the group and stream when missing, takes no callback, and
/// shares group commits with every other write, so a chatty function costs
/// one work per batch of lines, never an fsync per line.
///
/// Retention: events older than a group's retention are hidden from readers
/// at once and deleted by PurgeExpired() (run when the service starts).
///
/// Thread safety: every method is safe from any thread. Done callbacks run
/// on the database's writer thread and must not block.
class LogStore {
 public:
  LogStore(const LogStore&) = delete;
  LogStore& operator=(const LogStore&) = delete;
  ~LogStore();

  /// Opens (creating and migrating) the database at `path`.
  static Result<std::unique_ptr<LogStore>> Open(const std::string& path,
                                                bool fsync,
                                                const Clock& clock);

  /// Finishes queued writes and closes. Idempotent.
  void Stop();

  const Clock& clock() const { return clock_; }

  // Groups ---------------------------------------------------------------------

  void CreateGroup(LogGroup group, Done<bool> done);
  /// Deletes the group with its streams, events and tags.
  void DeleteGroup(std::string name, Done<bool> done);
  Result<LogGroup> GetGroup(std::string_view name) const;
  /// Returns up to `limit` groups whose names start with `prefix` and sort
  /// after `after`, by name; `*more` tells whether others follow.
  Result<std::vector<LogGroup>> ListGroups(std::string_view prefix,
                                           std::string_view after,
                                           int limit,
                                           bool* more) const;
  /// Sets (or with nullopt, removes) the group's retention.
  void SetRetention(std::string group, std::optional<int> days, Done<bool> done);
  /// Adds or replaces tags of the group.
  void TagGroup(std::string group, std::map<std::string, std::string> tags, Done<bool> done);
  void UntagGroup(std::string group, std::vector<std::string> keys, Done<bool> done);

  // Streams --------------------------------------------------------------------

  void CreateStream(std::string group, std::string stream, Done<bool> done);
  void DeleteStream(std::string group, std::string stream, Done<bool> done);
  /// Returns the group's streams whose names start with `prefix`, ordered by
  /// name or by last event time, skipping `offset`, at most `limit`.
  Result<std::vector<LogStream>> ListStreams(std::string_view group,
                                             std::string_view prefix,
                                             bool by_last_event,
                                             bool descending,
                                             int64_t offset,
                                             int limit,
                                             bool* more) const;

  // Events ---------------------------------------------------------------------

  /// Stores a PutLogEvents batch. REQUIRES: events in chronological order
  /// (the API layer checks it). Events AWS would reject by age are skipped
  /// and reported.
  void PutEvents(std::string group,
                 std::string stream,
                 std::vector<InputEvent> events,
                 Done<PutEventsResult> done);

  /// Appends events for an in-process writer, creating the group and the
  /// stream when missing. Fire and forget: a failure is logged.
  void Append(std::string group, std::string stream, std::vector<InputEvent> events);

  /// Reads one stream (GetLogEvents), oldest first.
  Result<EventPage> GetEvents(const GetEventsQuery& query) const;

  /// Reads a group's events across streams (FilterLogEvents), oldest first,
  /// keeping those `query.matches` accepts.
  Result<EventPage> FilterEvents(const FilterEventsQuery& query) const;

  /// Deletes the events older than their group's retention; returns how many.
  Result<int64_t> PurgeExpired();

  /// Waits until every write submitted so far is committed (for tests).
  Status Flush();

 private:
  LogStore(std::unique_ptr<storage::Database> database, const Clock& clock);

  std::unique_ptr<storage::Database> database_;
  const Clock& clock_;
  bool stopped_ = false;
};

}  // namespace stratus::logs
