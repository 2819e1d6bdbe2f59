#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::connectors::mysql {

/// Turns an Aurora S3 URI into a lake URI: `s3://bucket/key` stays,
/// `s3-REGION://bucket/key` drops its region (the lake is one S3). Other
/// schemes are InvalidArgument.
Result<std::string> LakeUriOf(std::string_view aurora_uri);

/// The n-th data file of an export: `<uri>.part_00000`, `.part_00001`, ...
std::string PartUri(std::string_view uri, size_t n);

/// The manifest of an export: `<uri>.manifest`.
std::string ManifestUri(std::string_view uri);

/// Aurora's export manifest: {"entries":[{"url":"<part uri>"},...]}.
std::string ManifestJson(const std::vector<std::string>& part_uris);

/// The URLs a manifest lists (Aurora's form; Redshift's "mandatory" flags are
/// accepted and ignored). InvalidArgument for a malformed manifest.
Result<std::vector<std::string>> ParseManifest(std::string_view json);

}  // namespace stratus::connectors::mysql
