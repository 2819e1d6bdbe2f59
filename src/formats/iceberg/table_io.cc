#include "formats/iceberg/table_io.h"

#include "base/format.h"
#include "lake/lake.h"
#include "lake/list_all.h"

namespace stratus::formats::iceberg {
namespace {

bool HasScheme(std::string_view path) {
  return path.find("://") != std::string_view::npos || path.starts_with("file:");
}

std::string Join(std::string_view base, std::string_view rest) {
  if (base.ends_with('/') && rest.starts_with('/')) {
    rest.remove_prefix(1);
  } else if (!base.empty() && !base.ends_with('/') && !rest.empty() && !rest.starts_with('/')) {
    return std::string(base) + "/" + std::string(rest);
  }
  return std::string(base) + std::string(rest);
}

}  // namespace

std::string TableIo::Resolve(std::string_view path) const {
  if (!rewrite_.has_value() || rewrite_->from.empty()) {
    return std::string(path);
  }
  std::string_view from = rewrite_->from;
  while (from.size() > 1 && from.ends_with('/')) {
    from.remove_suffix(1);
  }
  if (path.starts_with(from) &&
      (path.size() == from.size() || path[from.size()] == '/' || from.ends_with('/'))) {
    return Join(rewrite_->to, path.substr(from.size()));
  }
  if (!HasScheme(path)) {
    return Join(rewrite_->to, path);
  }
  return std::string(path);
}

Result<std::string> TableIo::Read(std::string_view path) {
  return lake_.Read(Resolve(path));
}

Result<std::unique_ptr<lake::ObjectReader>> TableIo::OpenReader(std::string_view path) {
  return lake_.OpenReader(Resolve(path));
}

Status TableIo::Write(std::string_view path, std::string_view bytes, bool if_absent) {
  lake::WriteOptions options;
  options.condition.if_absent = if_absent;
  return lake_.Write(Resolve(path), bytes, options).status();
}

Status TableIo::Delete(std::string_view path) {
  return lake_.Delete(Resolve(path));
}

Result<std::vector<lake::ObjectInfo>> TableIo::ListAll(std::string_view prefix) {
  return lake::ListAll(lake_, Resolve(prefix));
}

}  // namespace stratus::formats::iceberg
