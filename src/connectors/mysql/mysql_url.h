#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::connectors::mysql {

/// A parsed `mysql://user:password@host:port/database` URL. User and
/// password are percent-decoded; the port defaults to 3306.
struct MySqlUrl {
  std::string user = {};
  std::string password = {};
  std::string host = {};
  uint16_t port = 3306;
  std::string database = {};
};

/// Parses a MySQL URL. InvalidArgument, naming what is wrong, otherwise.
Result<MySqlUrl> ParseMySqlUrl(std::string_view url);

}  // namespace stratus::connectors::mysql
