#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace stratus::cli {

/// Runs `stratus extract mysql://... (--table T | --query SQL) --to URI
/// [options]`: copies rows from a MySQL server into the lake as Hive CSV.
/// s3:// objects go to a running server's S3 API at --endpoint-url (default
/// http://localhost:4566); file:// ones straight to the file system.
/// Returns the exit code (0 done, 1 failed, 2 usage).
int RunExtractCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace stratus::cli
