#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "rds/rds_types.h"

// Readers of RDS operation inputs (model-shaped JSON from the query codec).
// A mistyped or invalid member is InvalidParameterValue.
namespace stratus::rds::api {

Result<std::string> RequiredString(const Json& input, std::string_view member);
Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member);
Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member);
Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member);
Result<std::vector<std::string>> StringList(const Json& input, std::string_view member);

/// Reads an instance or cluster identifier (required), checks AWS's rules
/// (a letter first; letters, digits and hyphens; no trailing or double
/// hyphen; at most 63 characters) and lowercases it as AWS stores it.
Result<std::string> Identifier(const Json& input, std::string_view member);

/// Reads a snapshot identifier (required; an ARN names its last part) with
/// the rules of Identifier().
Result<std::string> SnapshotIdentifier(const Json& input, std::string_view member);

/// Checks a master user name and password as RDS does for MySQL engines
/// (both given, not the reserved rdsadmin, a password of 8-41 printable
/// characters besides / @ " and space).
Status CheckMasterUser(const std::optional<std::string>& user,
                       const std::optional<std::string>& password);

/// Reads Port (default 3306, as on AWS) and checks its range.
Result<int> PortOf(const Json& input);

/// Reads an initial database name (DBName, DatabaseName): empty when absent,
/// else a letter then up to 63 letters, digits or underscores.
Result<std::string> DatabaseNameOf(const Json& input, std::string_view member);

/// Returns the parameter group a request names, lowercased; "" for none or
/// for an engine's built-in default group ("default.mysql8.0"), whose
/// parameters are the server's own defaults.
std::string AttachedGroupName(const std::optional<std::string>& name);

/// Returns `text` in lowercase.
std::string Lowercase(std::string_view text);

/// Returns the last ':'-separated part of an ARN, or `value` itself, lowercased.
std::string IdOf(std::string_view value);

/// Returns whether a Filters value in `values` is `value`, or, when `by_id`,
/// names it by IdOf() (an identifier or an ARN ending with it).
bool Contains(const std::vector<std::string>& values, const std::string& value, bool by_id);

/// Reads the settings CreateDBInstance and RestoreDBInstanceFromDBSnapshot
/// share into `instance`: Port, DBParameterGroupName, BackupRetentionPeriod
/// (default 1), MultiAZ, PubliclyAccessible and Tags.
Status ReadInstanceSettings(const Json& input, DbInstance& instance);

/// Reads Tags ([{Key, Value}]).
Result<Tags> TagsOf(const Json& input);

/// Reads Filters ([{Name, Values}]) as name → values.
Result<std::map<std::string, std::vector<std::string>>> FiltersOf(const Json& input);

/// A page of a Describe call: Marker (an offset we issued) and MaxRecords (20-100).
struct Page {
  size_t offset = 0;
  size_t size = 100;
};

Result<Page> PageOf(const Json& input);

/// Slices `items` to `page` and sets output["Marker"] when more follow.
template <typename T>
std::vector<T> Slice(std::vector<T> items, const Page& page, Json& output) {
  std::vector<T> slice;
  for (size_t i = page.offset; i < items.size() && slice.size() < page.size; ++i) {
    slice.push_back(std::move(items[i]));
  }
  if (page.offset + slice.size() < items.size()) {
    output["Marker"] = std::to_string(page.offset + slice.size());
  }
  return slice;
}

}  // namespace stratus::rds::api
