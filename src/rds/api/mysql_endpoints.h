#pragma once

#include <string>

#include "rds/endpoint_front.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::rds::api {

/// Returns the endpoint factory the server uses: a MySQL front
/// (connectors::mysql::MySqlFront) on 127.0.0.1 per endpoint, running
/// Aurora's S3 statements against `lake` (may be null: no S3 statements).
FrontFactory MySqlEndpoints(lake::Lake* lake, std::string region);

}  // namespace stratus::rds::api
