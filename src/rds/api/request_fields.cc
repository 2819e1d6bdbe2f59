#include "rds/api/request_fields.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include "aws/request_fields.h"
#include "base/format.h"
#include "rds/errors.h"

namespace stratus::rds::api {
namespace {

constexpr size_t kMaxIdentifierChars = 63;
constexpr int64_t kMinRecords = 20;
constexpr int64_t kMaxRecords = 100;
constexpr size_t kMinPasswordChars = 8;
constexpr size_t kMaxPasswordChars = 41;
constexpr int kDefaultPort = 3306;
constexpr int kMinPort = 1150;
constexpr int kMaxPort = 65535;

Status Missing(std::string_view member) {
  return RdsError::MissingParameter(member);
}

Status WrongType(std::string_view member, aws::FieldType expected) {
  return RdsError::InvalidParameterValue(
      Format("The parameter {} must be {}.", member, aws::DescribeFieldType(expected)));
}

constexpr aws::FieldErrors kErrors{.missing = &Missing, .wrong_type = &WrongType};

bool ValidIdentifier(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdentifierChars ||
      std::isalpha(static_cast<unsigned char>(id[0])) == 0 || id.back() == '-' ||
      id.find("--") != std::string_view::npos) {
    return false;
  }
  for (const char c : id) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-') {
      return false;
    }
  }
  return true;
}

// Returns `id` lowercased when it is a valid identifier, else names `member`
// in an InvalidParameterValue.
Result<std::string> CheckedIdentifier(std::string_view id, std::string_view member) {
  if (!ValidIdentifier(id)) {
    return RdsError::InvalidParameterValue(
        Format("The parameter {} is not a valid identifier. Identifiers must begin with a "
               "letter; must contain only ASCII letters, digits, and hyphens; and must not end "
               "with a hyphen or contain two consecutive hyphens.",
               member));
  }
  return Lowercase(id);
}

}  // namespace

Result<std::string> RequiredString(const Json& input, std::string_view member) {
  return aws::RequiredString(input, member, kErrors);
}

Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member) {
  return aws::OptionalString(input, member, kErrors);
}

Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member) {
  return aws::OptionalInteger(input, member, kErrors);
}

Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member) {
  return aws::OptionalBool(input, member, kErrors);
}

Result<std::vector<std::string>> StringList(const Json& input, std::string_view member) {
  return aws::StringList(input, member, kErrors);
}

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower;
}

std::string IdOf(std::string_view value) {
  const size_t colon = value.rfind(':');
  return Lowercase(colon == std::string_view::npos ? value : value.substr(colon + 1));
}

bool Contains(const std::vector<std::string>& values, const std::string& value, bool by_id) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& candidate) {
    return (by_id ? IdOf(candidate) : candidate) == value;
  });
}

std::string AttachedGroupName(const std::optional<std::string>& name) {
  if (!name.has_value()) {
    return {};
  }
  std::string lower = Lowercase(*name);
  return lower.starts_with("default.") ? std::string() : lower;
}

Result<std::string> Identifier(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, member));
  return CheckedIdentifier(id, member);
}

Result<std::string> SnapshotIdentifier(const Json& input, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(std::string id, RequiredString(input, member));
  const size_t colon = id.rfind(':');
  if (id.starts_with("arn:") && colon != std::string::npos) {
    id = id.substr(colon + 1);
  }
  return CheckedIdentifier(id, member);
}

Result<std::string> DatabaseNameOf(const Json& input, std::string_view member) {
  constexpr size_t kMaxDatabaseNameChars = 64;
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(input, member));
  if (!name.has_value()) {
    return std::string();
  }
  bool valid = !name->empty() && name->size() <= kMaxDatabaseNameChars &&
               std::isalpha(static_cast<unsigned char>((*name)[0])) != 0;
  for (const char c : *name) {
    valid = valid && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_');
  }
  if (!valid) {
    return RdsError::InvalidParameterValue(
        Format("The parameter {} is not a valid database name: it must begin with a letter and "
               "contain only letters, digits and underscores (at most 64).",
               member));
  }
  return *std::move(name);
}

Result<Tags> TagsOf(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(Json list, aws::OptionalArray(input, "Tags", kErrors));
  Tags tags;
  for (const Json& tag : list) {
    if (!tag.is_object()) {
      return WrongType("Tags", aws::FieldType::kObject);
    }
    STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(tag, "Key"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(tag, "Value"));
    tags[std::move(key)] = value.value_or("");
  }
  return tags;
}

Result<std::map<std::string, std::vector<std::string>>> FiltersOf(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(Json list, aws::OptionalArray(input, "Filters", kErrors));
  std::map<std::string, std::vector<std::string>> filters;
  for (const Json& filter : list) {
    if (!filter.is_object()) {
      return WrongType("Filters", aws::FieldType::kObject);
    }
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(filter, "Name"));
    STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values, StringList(filter, "Values"));
    std::vector<std::string>& into = filters[std::move(name)];
    into.insert(into.end(), values.begin(), values.end());
  }
  return filters;
}

Result<Page> PageOf(const Json& input) {
  Page page;
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> max_records,
                           OptionalInteger(input, "MaxRecords"));
  if (max_records.has_value()) {
    if (*max_records < kMinRecords || *max_records > kMaxRecords) {
      return RdsError::InvalidParameterValue(
          Format("Invalid value {} for MaxRecords. Must be between {} and {}", *max_records,
                 kMinRecords, kMaxRecords));
    }
    page.size = static_cast<size_t>(*max_records);
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> marker, OptionalString(input, "Marker"));
  if (marker.has_value() && !marker->empty()) {
    size_t offset = 0;
    const auto [end, error] =
        std::from_chars(marker->data(), marker->data() + marker->size(), offset);
    if (error != std::errc() || end != marker->data() + marker->size()) {
      return RdsError::InvalidParameterValue(Format("Invalid Marker: {}", *marker));
    }
    page.offset = offset;
  }
  return page;
}

// Checks a master user name and password as RDS does for MySQL engines.
Status CheckMasterUser(const std::optional<std::string>& user,
                       const std::optional<std::string>& password) {
  if (!user.has_value() || user->empty()) {
    return RdsError::InvalidParameterValue("The parameter MasterUsername must be provided.");
  }
  if (!password.has_value() || password->empty()) {
    return RdsError::InvalidParameterValue("The parameter MasterUserPassword must be provided.");
  }
  if (Lowercase(*user) == "rdsadmin") {
    return RdsError::InvalidParameterValue(
        "MasterUsername rdsadmin cannot be used as it is a reserved word used by the engine");
  }
  if (password->size() < kMinPasswordChars || password->size() > kMaxPasswordChars) {
    return RdsError::InvalidParameterValue(
        "The parameter MasterUserPassword is not a valid password because it is shorter than 8 "
        "characters or longer than 41 characters.");
  }
  for (const char c : *password) {
    if (c == '/' || c == '"' || c == '@' || c == ' ') {
      return RdsError::InvalidParameterValue(
          "The parameter MasterUserPassword is not a valid password. Only printable ASCII "
          "characters besides '/', '@', '\"', ' ' may be used.");
    }
  }
  return Status::Ok();
}

// Reads Port (default 3306) and checks its range.
Result<int> PortOf(const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> port, OptionalInteger(input, "Port"));
  if (!port.has_value()) {
    return kDefaultPort;
  }
  if (*port < kMinPort || *port > kMaxPort) {
    return RdsError::InvalidParameterValue(
        Format("Invalid port {}: the port must be between 1150 and 65535.", *port));
  }
  return static_cast<int>(*port);
}

Status ReadInstanceSettings(const Json& input, DbInstance& instance) {
  STRATUS_ASSIGN_OR_RETURN(instance.requested_port, PortOf(input));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> group,
                           OptionalString(input, "DBParameterGroupName"));
  instance.parameter_group = AttachedGroupName(group);
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> retention,
                           OptionalInteger(input, "BackupRetentionPeriod"));
  instance.backup_retention_days = static_cast<int>(retention.value_or(1));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> multi_az, OptionalBool(input, "MultiAZ"));
  instance.multi_az = multi_az.value_or(false);
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> is_public,
                           OptionalBool(input, "PubliclyAccessible"));
  instance.publicly_accessible = is_public.value_or(false);
  STRATUS_ASSIGN_OR_RETURN(instance.tags, TagsOf(input));
  return Status::Ok();
}

}  // namespace stratus::rds::api
