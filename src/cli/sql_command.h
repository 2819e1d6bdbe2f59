#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace stratus::cli {

/// Runs `stratus sql [options]`: a client of a running server's Athena API.
/// With -c it runs the statements given and exits (1 when one failed);
/// without, it reads statements interactively (GNU readline, history in
/// ~/.stratus_sql_history). Returns the exit code.
int RunSqlCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace stratus::cli
