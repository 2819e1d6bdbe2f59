#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace stratus::logs {

/// Called once with the outcome of a write, after its group commit, on the
/// database's writer thread; must not block.
template <typename T>
using Done = std::function<void(Result<T>)>;

/// A log group as stored in logs.db.
struct LogGroup {
  std::string name = {};
  int64_t created_millis = 0;
  std::optional<int> retention_days = std::nullopt;  // Unset: events never expire.
  int64_t stored_bytes = 0;
  std::map<std::string, std::string> tags = {};
};

/// A log stream of a group.
struct LogStream {
  std::string name = {};
  int64_t created_millis = 0;
  std::optional<int64_t> first_event_millis = std::nullopt;
  std::optional<int64_t> last_event_millis = std::nullopt;
  std::optional<int64_t> last_ingestion_millis = std::nullopt;
  int64_t stored_bytes = 0;
};

/// One event to append: its own timestamp (milliseconds since the epoch) and text.
struct InputEvent {
  int64_t timestamp_millis = 0;
  std::string message = {};
};

/// One stored event. `id` orders events of equal timestamps (insertion order).
struct StoredEvent {
  int64_t id = 0;
  std::string stream = {};
  int64_t timestamp_millis = 0;
  int64_t ingestion_millis = 0;
  std::string message = {};
};

/// How a PutLogEvents batch was taken: the index ranges AWS rejects (events
/// too far in the future, older than 14 days, or past the group's retention).
struct PutEventsResult {
  std::optional<int> too_new_start_index = std::nullopt;
  std::optional<int> too_old_end_index = std::nullopt;
  std::optional<int> expired_end_index = std::nullopt;
};

/// A position between two events in (timestamp, id) order.
struct EventCursor {
  int64_t timestamp_millis = 0;
  int64_t id = 0;
};

/// Which events GetLogEvents reads.
struct GetEventsQuery {
  std::string group = {};
  std::string stream = {};
  std::optional<int64_t> start_millis = std::nullopt;  // Inclusive.
  std::optional<int64_t> end_millis = std::nullopt;    // Exclusive.
  /// Read forward (oldest first) from `after`, or backward from `before`.
  bool forward = true;
  std::optional<EventCursor> after = std::nullopt;
  std::optional<EventCursor> before = std::nullopt;
  int limit = 10000;
};

/// Which events FilterLogEvents reads.
struct FilterEventsQuery {
  std::string group = {};
  std::vector<std::string> streams = {};  // Empty: every stream.
  std::string stream_prefix = {};
  std::optional<int64_t> start_millis = std::nullopt;  // Inclusive.
  std::optional<int64_t> end_millis = std::nullopt;    // Inclusive, as AWS's endTime.
  std::optional<EventCursor> after = std::nullopt;
  /// Keeps an event when true; null keeps every event.
  std::function<bool(const std::string&)> matches = nullptr;
  int limit = 10000;
};

/// A page of events, oldest first, with the positions of its two ends.
struct EventPage {
  std::vector<StoredEvent> events = {};
  /// More events may follow (FilterLogEvents sets a nextToken then).
  bool more = false;
};

}  // namespace stratus::logs
