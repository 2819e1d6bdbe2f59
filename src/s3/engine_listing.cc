// s3::Engine: listing objects and object versions. Both walk the keys in
// byte order from a cursor, folding keys that share a common prefix (up to
// the delimiter) into one entry, as S3 does.

#include <functional>
#include <utility>

#include "base/format.h"
#include "s3/engine_internal.h"
#include "s3/errors.h"

namespace stratus::s3 {
namespace {

// Where a walk resumes: after `key` (or at it, when inclusive), or at the
// versions of `key` older than `below_seq`.
struct Cursor {
  std::string key = {};
  bool inclusive = false;
  std::optional<int64_t> below_seq = std::nullopt;
  bool end = false;  // Nothing sorts after (a successor ran out of bytes).
};

struct WalkOptions {
  std::string_view prefix = {};
  std::string_view delimiter = {};
  int max_entries = 1000;
};

struct WalkResult {
  std::vector<ObjectVersion> entries = {};
  std::vector<std::string> common_prefixes = {};
  bool truncated = false;
  std::string last_key = {};         // The last key or common prefix taken.
  std::string last_version_id = {};  // Empty when the last entry is a common prefix.
};

using Fetch = std::function<Result<std::vector<ObjectVersion>>(const Cursor&, int limit)>;

// Returns the common prefix of `key` (past `prefix`, up to and including
// the delimiter), or "" when the key has none.
std::string CommonPrefixOf(std::string_view key, const WalkOptions& options) {
  if (options.delimiter.empty()) {
    return {};
  }
  const size_t at = key.find(options.delimiter, options.prefix.size());
  if (at == std::string_view::npos) {
    return {};
  }
  return std::string(key.substr(0, at + options.delimiter.size()));
}

// Returns the cursor that starts a walk after `marker`: past everything
// under it when the marker is itself a common prefix.
Cursor StartAfter(std::string_view marker, const WalkOptions& options) {
  Cursor cursor;
  if (marker < options.prefix) {
    cursor.key = std::string(options.prefix);
    cursor.inclusive = true;
    return cursor;
  }
  cursor.key = std::string(marker);
  if (!marker.empty() && CommonPrefixOf(marker, options) == marker) {
    cursor.key = internal::PrefixSuccessor(marker);
    cursor.inclusive = true;
    cursor.end = cursor.key.empty();
  }
  return cursor;
}

Result<WalkResult> Walk(Cursor cursor, const WalkOptions& options, const Fetch& fetch) {
  WalkResult result;
  int count = 0;
  if (options.max_entries <= 0) {
    return result;
  }
  while (!cursor.end) {
    const int limit = std::min(options.max_entries - count + 1, 1001);
    STRATUS_ASSIGN_OR_RETURN(std::vector<ObjectVersion> rows, fetch(cursor, limit));
    bool restarted = false;
    for (ObjectVersion& row : rows) {
      if (!row.key.starts_with(options.prefix)) {
        return result;  // Past the prefix: nothing more.
      }
      std::string common = CommonPrefixOf(row.key, options);
      if (count == options.max_entries) {
        result.truncated = true;
        return result;
      }
      ++count;
      if (!common.empty()) {
        result.common_prefixes.push_back(common);
        result.last_key = common;
        result.last_version_id.clear();
        cursor = Cursor{.key = internal::PrefixSuccessor(common), .inclusive = true};
        cursor.end = cursor.key.empty();
        restarted = true;
        break;
      }
      result.last_key = row.key;
      result.last_version_id = row.version_id;
      cursor = Cursor{.key = row.key, .inclusive = false, .below_seq = row.seq};
      result.entries.push_back(std::move(row));
    }
    if (!restarted && static_cast<int>(rows.size()) < limit) {
      return result;
    }
  }
  return result;
}

std::string KeyBound(const Cursor& cursor) {
  return cursor.inclusive ? ">=" : ">";
}

}  // namespace

Result<ListPage> Engine::ListObjects(std::string_view bucket, const ListQuery& query) const {
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, parts_->CachedBucket(bucket));
  const WalkOptions options{
      .prefix = query.prefix, .delimiter = query.delimiter, .max_entries = query.max_keys};
  std::optional<WalkResult> walked;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) {
    const Fetch fetch = [&](const Cursor& cursor, int limit) -> Result<std::vector<ObjectVersion>> {
      std::vector<ObjectVersion> rows;
      STRATUS_RETURN_IF_ERROR(transaction.Query(
          Format("SELECT {} FROM objects WHERE bucket_id = ?1 AND latest = 1 AND "
                 "delete_marker = 0 AND key {} ?2 ORDER BY key LIMIT ?3",
                 internal::kVersionColumns, KeyBound(cursor)),
          {info.id, cursor.key, int64_t{limit}}, [&](const storage::Row& row) -> Status {
            STRATUS_ASSIGN_OR_RETURN(ObjectVersion version, internal::ReadVersion(row));
            rows.push_back(std::move(version));
            return Status::Ok();
          }));
      return rows;
    };
    STRATUS_ASSIGN_OR_RETURN(walked, Walk(StartAfter(query.after, options), options, fetch));
    return Status::Ok();
  }));
  WalkResult& result = *walked;
  return ListPage{.objects = std::move(result.entries),
                  .common_prefixes = std::move(result.common_prefixes),
                  .truncated = result.truncated,
                  .last = std::move(result.last_key)};
}

Result<ListVersionsPage> Engine::ListObjectVersions(std::string_view bucket,
                                                    const ListVersionsQuery& query) const {
  STRATUS_ASSIGN_OR_RETURN(BucketInfo info, parts_->CachedBucket(bucket));
  const WalkOptions options{
      .prefix = query.prefix, .delimiter = query.delimiter, .max_entries = query.max_keys};
  std::optional<WalkResult> walked;
  STRATUS_RETURN_IF_ERROR(parts_->database->Read([&](storage::Transaction& transaction) -> Status {
    const Fetch fetch = [&](const Cursor& cursor, int limit) -> Result<std::vector<ObjectVersion>> {
      std::vector<ObjectVersion> rows;
      auto on_row = [&](const storage::Row& row) -> Status {
        STRATUS_ASSIGN_OR_RETURN(ObjectVersion version, internal::ReadVersion(row));
        rows.push_back(std::move(version));
        return Status::Ok();
      };
      if (cursor.below_seq.has_value()) {
        STRATUS_RETURN_IF_ERROR(transaction.Query(
            Format("SELECT {} FROM objects WHERE bucket_id = ?1 AND key = ?2 AND seq < ?3 "
                   "ORDER BY seq DESC LIMIT ?4",
                   internal::kVersionColumns),
            {info.id, cursor.key, *cursor.below_seq, int64_t{limit}}, on_row));
      }
      const int remaining = limit - static_cast<int>(rows.size());
      if (remaining > 0) {
        STRATUS_RETURN_IF_ERROR(
            transaction.Query(Format("SELECT {} FROM objects WHERE bucket_id = ?1 AND key {} ?2 "
                                     "ORDER BY key, seq DESC LIMIT ?3",
                                     internal::kVersionColumns, KeyBound(cursor)),
                              {info.id, cursor.key, int64_t{remaining}}, on_row));
      }
      return rows;
    };
    Cursor start = StartAfter(query.key_marker, options);
    if (!query.version_id_marker.empty() && !query.key_marker.empty() && !start.inclusive) {
      // AWS: resume within the marker key, after the marker version.
      STRATUS_ASSIGN_OR_RETURN(
          std::optional<ObjectVersion> marker,
          internal::QueryVersion(transaction, info.id, query.key_marker, query.version_id_marker));
      if (marker.has_value()) {
        start.below_seq = marker->seq;
      }
    }
    STRATUS_ASSIGN_OR_RETURN(walked, Walk(std::move(start), options, fetch));
    return Status::Ok();
  }));
  WalkResult& result = *walked;
  ListVersionsPage page{.versions = std::move(result.entries),
                        .common_prefixes = std::move(result.common_prefixes),
                        .truncated = result.truncated};
  if (page.truncated) {
    page.next_key_marker = std::move(result.last_key);
    page.next_version_id_marker = std::move(result.last_version_id);
  }
  return page;
}

}  // namespace stratus::s3
