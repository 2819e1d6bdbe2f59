#include "console/object_preview.h"

#include <charconv>
#include <memory>
#include <utility>

#include "base/json.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_split_reader.h"
#include "lake/lake.h"
#include "lake/object_store.h"
#include "lake/object_uri.h"
#include "sql/types/value.h"
#include "sql/types/value_format.h"
#include "sql/vector/batch.h"

namespace stratus::console {
namespace {

namespace parquet = formats::parquet;

http::Response JsonResponse(int status, const Json& body) {
  http::Response response{.status = status, .headers = {}, .body = DumpJson(body)};
  response.headers.Set("Content-Type", "application/json");
  response.headers.Set("Cache-Control", "no-store");
  return response;
}

http::Response ErrorResponse(int status, std::string_view code, std::string message) {
  return JsonResponse(status, Json{{"code", code}, {"message", std::move(message)}});
}

// The row groups, from the first, that hold the first `rows` rows.
std::vector<size_t> RowGroupsFor(const parquet::FileMetaData& metadata, size_t rows) {
  std::vector<size_t> groups;
  int64_t covered = 0;
  for (size_t i = 0; i < metadata.row_groups.size() && covered < static_cast<int64_t>(rows); ++i) {
    groups.push_back(i);
    covered += metadata.row_groups[i].num_rows;
  }
  return groups;
}

// Parses the rows parameter: digits, at most kMaxPreviewRows.
Result<size_t> ParseRows(std::string_view text) {
  size_t rows = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), rows);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      rows > kMaxPreviewRows) {
    return Status::InvalidArgument("rows must be a whole number from 0 to " +
                                   std::to_string(kMaxPreviewRows));
  }
  return rows;
}

http::Response Preview(lake::Lake* lake, std::string_view query) {
  if (lake == nullptr) {
    return ErrorResponse(503, "ServiceUnavailable",
                         "this server has no lake to preview objects from");
  }
  std::string uri;
  size_t rows = kDefaultPreviewRows;
  for (const auto& [name, value] : http::ParseQueryString(query)) {
    if (name == "uri") {
      uri = value;
    } else if (name == "rows") {
      Result<size_t> parsed = ParseRows(value);
      if (!parsed.ok()) {
        return ErrorResponse(400, "InvalidArgument", parsed.status().message());
      }
      rows = *parsed;
    }
  }
  Result<lake::ObjectUri> parsed = lake::ParseObjectUri(uri);
  if (uri.empty() || !parsed.ok() || parsed->scheme != lake::UriScheme::kS3 ||
      parsed->key.empty()) {
    return ErrorResponse(400, "InvalidArgument", "uri must name an object: s3://bucket/key");
  }
  Result<std::unique_ptr<lake::ObjectReader>> object = lake->OpenReader(uri);
  if (!object.ok()) {
    const bool missing = object.status().code() == StatusCode::kNotFound;
    return ErrorResponse(missing ? 404 : 500, missing ? "NoSuchKey" : "InternalError",
                         missing ? "no such object: " + uri : object.status().message());
  }
  Result<ParquetPreview> preview = ReadParquetPreview(**object, rows);
  if (!preview.ok()) {
    const bool bad = preview.status().code() == StatusCode::kInvalidArgument;
    return ErrorResponse(bad ? 400 : 500, bad ? "InvalidArgument" : "InternalError",
                         preview.status().message());
  }
  http::Response response = JsonResponse(200, Json::object());
  response.body = ParquetPreviewJson(*preview);
  return response;
}

}  // namespace

Result<ParquetPreview> ReadParquetPreview(const lake::ObjectReader& source, size_t rows) {
  Result<parquet::FileMetaData> footer = parquet::ReadParquetFooter(source);
  if (!footer.ok()) {
    return Status::InvalidArgument("not a Parquet file, or one whose footer is damaged: " +
                                   footer.status().message());
  }
  auto metadata = std::make_shared<const parquet::FileMetaData>(std::move(*footer));
  STRATUS_ASSIGN_OR_RETURN(std::vector<parquet::ParquetColumn> columns,
                           parquet::InferColumns(*metadata));
  ParquetPreview preview;
  preview.total_rows = metadata->num_rows;
  for (const parquet::ParquetColumn& column : columns) {
    preview.columns.push_back({.name = column.name, .type = column.type.ToString()});
  }
  std::vector<size_t> groups = RowGroupsFor(*metadata, rows);
  preview.row_groups_read = groups.size();
  if (groups.empty()) {
    return preview;
  }
  Result<std::unique_ptr<parquet::ParquetSplitReader>> reader = parquet::ParquetSplitReader::Open(
      source, {.columns = std::move(columns), .row_groups = std::move(groups), .footer = metadata});
  if (!reader.ok()) {
    return Status::InvalidArgument("cannot read this Parquet file: " + reader.status().message());
  }
  while (preview.rows.size() < rows) {
    sql::Batch batch;
    Result<bool> more = (*reader)->Next(&batch);
    if (!more.ok()) {
      return Status::InvalidArgument("cannot read this Parquet file: " + more.status().message());
    }
    if (!*more) {
      break;
    }
    for (size_t row = 0; row < batch.num_rows() && preview.rows.size() < rows; ++row) {
      std::vector<std::optional<std::string>> values;
      values.reserve(batch.num_columns());
      for (size_t column = 0; column < batch.num_columns(); ++column) {
        sql::Value value = batch.column(column).GetValue(row);
        values.push_back(value.is_null() ? std::nullopt
                                         : std::optional<std::string>(sql::FormatValue(value)));
      }
      preview.rows.push_back(std::move(values));
    }
  }
  return preview;
}

std::string ParquetPreviewJson(const ParquetPreview& preview) {
  Json columns = Json::array();
  for (const PreviewColumn& column : preview.columns) {
    columns.push_back(Json{{"name", column.name}, {"type", column.type}});
  }
  Json rows = Json::array();
  for (const auto& row : preview.rows) {
    Json values = Json::array();
    for (const std::optional<std::string>& value : row) {
      values.push_back(value.has_value() ? Json(*value) : Json(nullptr));
    }
    rows.push_back(std::move(values));
  }
  return DumpJson(Json{{"columns", std::move(columns)},
                       {"rows", std::move(rows)},
                       {"total_rows", preview.total_rows}});
}

ConsoleRoute ObjectPreviewRoute(const ConsoleContext& context) {
  lake::Lake* lake = context.lake;
  const bool verified = context.signatures_verified;
  return ConsoleRoute{
      .method = "GET",
      .path_prefix = "/_stratus/preview",
      .handle = [lake, verified](http::Request request, http::Responder respond) {
        if (verified) {
          respond(ErrorResponse(403, "AccessDenied",
                                "the Parquet preview is off while the server verifies "
                                "signatures: it cannot check the caller's keys"));
          return;
        }
        respond(Preview(lake, request.query));
      }};
}

}  // namespace stratus::console
