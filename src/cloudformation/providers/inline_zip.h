#pragma once

#include <string>
#include <string_view>

namespace stratus::cloudformation {

/// Returns the bytes of a zip archive holding one file, `name` with
/// `contents`, stored uncompressed, world-readable (mode 0644, made on
/// Unix): the deployment package CloudFormation builds from a Lambda
/// function's inline Code.ZipFile. REQUIRES: contents below 4 GiB.
std::string ZipSingleFile(std::string_view name, std::string_view contents);

}  // namespace stratus::cloudformation
