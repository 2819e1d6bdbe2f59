#pragma once

// TableIo: how the Iceberg library reaches a table's files. Paths inside
// metadata are absolute as written (s3://bucket/...); a table written
// elsewhere (a fixture, a copied table) needs its original location mapped
// onto where it now is: the optional LocationRewrite replaces a path prefix
// before every access. Relative paths (some writers store them) resolve
// against the rewrite's target.
//
// Ownership: borrows the Lake, which must outlive it.
// Thread safety: as the Lake (safe from any thread).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "lake/object_store.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::formats::iceberg {

/// Replaces the prefix `from` of a path with `to` ("s3://b/warehouse/t" →
/// "file:///fixtures/t"). Paths not under `from` that are relative are
/// joined onto `to`; other paths are left alone.
struct LocationRewrite {
  std::string from = {};
  std::string to = {};
};

class TableIo {
 public:
  explicit TableIo(lake::Lake& lake, std::optional<LocationRewrite> rewrite = std::nullopt)
      : lake_(lake), rewrite_(std::move(rewrite)) {}

  /// Returns the URI a metadata path resolves to.
  std::string Resolve(std::string_view path) const;

  Result<std::string> Read(std::string_view path);
  Result<std::unique_ptr<lake::ObjectReader>> OpenReader(std::string_view path);
  /// Writes a whole object; `if_absent` fails with FailedPrecondition if it exists.
  Status Write(std::string_view path, std::string_view bytes, bool if_absent = false);
  Status Delete(std::string_view path);
  /// Lists every object under `prefix` (all pages), as full URIs with sizes
  /// and modification times.
  Result<std::vector<lake::ObjectInfo>> ListAll(std::string_view prefix);

  lake::Lake& lake() { return lake_; }

 private:
  lake::Lake& lake_;
  std::optional<LocationRewrite> rewrite_;
};

}  // namespace stratus::formats::iceberg
