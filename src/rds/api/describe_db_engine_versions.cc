#include <array>
#include <utility>

#include "rds/api/handlers.h"
#include "rds/api/rds_json.h"
#include "rds/api/request_fields.h"
#include "rds/rds_engine.h"

namespace stratus::rds::api {
namespace {

struct EngineVersion {
  std::string_view engine;
  std::string_view version;
  std::string_view description;
};

// The versions offered; every one is served by the same MariaDB server.
constexpr std::array<EngineVersion, 5> kVersions = {{
    {"mysql", "8.0.35", "MySQL Community Edition"},
    {"mysql", "5.7.44", "MySQL Community Edition"},
    {"mariadb", "10.11.6", "MariaDB Community Edition"},
    {"aurora-mysql", "8.0.mysql_aurora.3.05.2", "Aurora MySQL"},
    {"aurora-mysql", "5.7.mysql_aurora.2.11.2", "Aurora MySQL"},
}};

}  // namespace

Result<Json> DescribeDBEngineVersions(RdsEngine& /*engine*/,
                                      const aws::RequestContext& /*context*/,
                                      const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> engine_name, OptionalString(input, "Engine"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version,
                           OptionalString(input, "EngineVersion"));
  Json list = Json::array();
  for (const EngineVersion& entry : kVersions) {
    if ((engine_name.has_value() && *engine_name != entry.engine) ||
        (version.has_value() && *version != entry.version)) {
      continue;
    }
    list.push_back(
        Json{{"Engine", entry.engine},
             {"EngineVersion", entry.version},
             {"DBParameterGroupFamily", ParameterGroupFamily(entry.engine, entry.version)},
             {"DBEngineDescription", entry.description},
             {"DBEngineVersionDescription", entry.description},
             {"Status", "available"}});
  }
  return Json{{"DBEngineVersions", std::move(list)}};
}

}  // namespace stratus::rds::api
