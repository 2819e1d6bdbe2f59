#include "athena/result_files.h"

#include <charconv>
#include <utility>

#include "lake/lake.h"
#include "sql/types/calendar.h"
#include "sql/types/java_number_format.h"
#include "sql/types/value.h"
#include "sql/types/value_format.h"
#include "sql/vector/batch.h"
#include "sql/vector/string_view.h"
#include "sql/vector/vector.h"

namespace stratus::athena {
namespace {

constexpr size_t kFlushBytes = 1 << 20;

std::string MetadataUri(std::string_view data_uri) {
  return std::string(data_uri) + ".metadata";
}

// Appends `text` double-quoted, its quotes doubled.
void AppendQuoted(std::string_view text, std::string& out) {
  out.push_back('"');
  if (text.find('"') == std::string_view::npos) {
    out += text;
  } else {
    for (char c : text) {
      if (c == '"') {
        out.push_back('"');
      }
      out.push_back(c);
    }
  }
  out.push_back('"');
}

// Appends row `row` of a flat vector as Athena renders it, without building
// a sql::Value for the common scalar types. Returns false for NULL.
bool AppendValueText(const sql::Vector& column, size_t row, std::string& out) {
  if (column.IsNull(row)) {
    return false;
  }
  auto append_integer = [&out](int64_t value) {
    char digits[24];
    const auto [end, error] = std::to_chars(digits, digits + sizeof(digits), value);
    out.append(digits, end);
  };
  switch (column.type().kind()) {
    case sql::TypeKind::kTinyint:
      append_integer(column.values<int8_t>()[row]);
      return true;
    case sql::TypeKind::kSmallint:
      append_integer(column.values<int16_t>()[row]);
      return true;
    case sql::TypeKind::kInteger:
      append_integer(column.values<int32_t>()[row]);
      return true;
    case sql::TypeKind::kBigint:
      append_integer(column.values<int64_t>()[row]);
      return true;
    case sql::TypeKind::kDouble:
      out += sql::FormatDoubleJava(column.values<double>()[row]);
      return true;
    case sql::TypeKind::kVarchar:
      out += column.values<sql::StringView>()[row].view();
      return true;
    case sql::TypeKind::kDate:
      out += sql::FormatDate(column.values<int32_t>()[row]);
      return true;
    default:
      out += sql::FormatValue(column.GetValue(row));
      return true;
  }
}

std::optional<std::string> RenderValue(const sql::Vector& column, size_t row) {
  std::string text;
  if (!AppendValueText(column, row, text)) {
    return std::nullopt;
  }
  return text;
}

// Returns the batch's columns as flat vectors (constant and dictionary
// encodings expanded), for AppendValueText.
std::vector<sql::Vector> FlatColumns(const sql::Batch& batch) {
  std::vector<sql::Vector> columns;
  columns.reserve(batch.num_columns());
  for (size_t c = 0; c < batch.num_columns(); ++c) {
    const sql::Vector& column = batch.column(c);
    columns.push_back(column.encoding() == sql::VectorEncoding::kFlat ? column : column.Flatten());
  }
  return columns;
}

void AppendTabRow(const std::vector<std::optional<std::string>>& row, std::string& out) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      out.push_back('\t');
    }
    out += row[i].value_or("");
  }
  out.push_back('\n');
}

void AppendCsvRow(const std::vector<std::optional<std::string>>& row, std::string& out) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      out.push_back(',');
    }
    AppendCsvField(row[i], out);
  }
  out.push_back('\n');
}

// Splits tab text into rows of at most `num_columns` fields.
std::vector<std::vector<std::optional<std::string>>> ParseTabText(std::string_view text,
                                                                  size_t num_columns) {
  std::vector<std::vector<std::optional<std::string>>> rows;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    std::vector<std::optional<std::string>> row;
    while (row.size() + 1 < num_columns) {
      const size_t tab = line.find('\t');
      if (tab == std::string_view::npos) {
        break;
      }
      row.emplace_back(std::string(line.substr(0, tab)));
      line = line.substr(tab + 1);
    }
    row.emplace_back(std::string(line));
    while (row.size() < num_columns) {
      row.emplace_back(std::nullopt);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

void AppendCsvField(const std::optional<std::string>& value, std::string& out) {
  if (value.has_value()) {
    AppendQuoted(*value, out);
  }
}

Result<std::vector<std::vector<std::optional<std::string>>>> ParseQuotedCsv(std::string_view text) {
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::vector<std::optional<std::string>> row;
  size_t i = 0;
  while (i < text.size()) {
    std::optional<std::string> field;
    if (text[i] == '"') {
      std::string value;
      ++i;
      while (true) {
        if (i >= text.size()) {
          return Status::Corruption("unterminated quoted field in a result file");
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            value.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        value.push_back(text[i++]);
      }
      field = std::move(value);
    } else {
      const size_t end = text.find_first_of(",\n", i);
      const size_t stop = end == std::string_view::npos ? text.size() : end;
      if (stop > i) {
        field = std::string(text.substr(i, stop - i));
      }
      i = stop;
    }
    row.push_back(std::move(field));
    if (i >= text.size() || text[i] == '\n') {
      rows.push_back(std::move(row));
      row.clear();
      ++i;
    } else if (text[i] == ',') {
      ++i;
      if (i == text.size()) {
        row.emplace_back(std::nullopt);
        rows.push_back(std::move(row));
        row.clear();
      }
    } else {
      return Status::Corruption("malformed field in a result file");
    }
  }
  return rows;
}

ResultFileWriter::ResultFileWriter(lake::Lake& lake, std::string data_uri)
    : lake_(lake), data_uri_(std::move(data_uri)) {}

ResultFileWriter::~ResultFileWriter() = default;

Status ResultFileWriter::Begin(const sql::ResultDescription& description) {
  description_ = description;
  metadata_.format =
      description.header_row ? ResultFileFormat::kQuotedCsv : ResultFileFormat::kTabText;
  metadata_.columns.clear();
  for (const sql::ResultColumn& column : description.columns) {
    metadata_.columns.push_back(ColumnInfoFor(column.name, column.type));
  }
  STRATUS_ASSIGN_OR_RETURN(writer_, lake_.CreateWriter(data_uri_));
  if (description.header_row && !description.columns.empty()) {
    std::vector<std::optional<std::string>> header;
    for (const sql::ResultColumn& column : description.columns) {
      header.emplace_back(column.name);
    }
    NoteRowStart();
    AppendCsvRow(header, buffer_);
    ++metadata_.num_rows;
  }
  return Status::Ok();
}

Status ResultFileWriter::Append(const sql::Batch& batch) {
  if (writer_ == nullptr) {
    return Status::Internal("result rows before the result's description");
  }
  const std::vector<sql::Vector> columns = FlatColumns(batch);
  std::vector<std::optional<std::string>> row(batch.num_columns());
  std::string text;
  for (size_t r = 0; r < batch.num_rows(); ++r) {
    NoteRowStart();
    if (metadata_.format == ResultFileFormat::kQuotedCsv) {
      // Quoted CSV straight into the buffer: the common case, kept lean.
      for (size_t c = 0; c < columns.size(); ++c) {
        if (c > 0) {
          buffer_.push_back(',');
        }
        text.clear();
        if (AppendValueText(columns[c], r, text)) {
          AppendQuoted(text, buffer_);
        }
      }
      buffer_.push_back('\n');
    } else {
      for (size_t c = 0; c < columns.size(); ++c) {
        row[c] = RenderValue(columns[c], r);
      }
      AppendTabRow(row, buffer_);
    }
    ++metadata_.num_rows;
  }
  if (buffer_.size() >= kFlushBytes) {
    return Flush();
  }
  return Status::Ok();
}

void ResultFileWriter::NoteRowStart() {
  if (metadata_.num_rows % kRowIndexStride == 0) {
    metadata_.row_offsets.push_back(num_bytes_ + static_cast<int64_t>(buffer_.size()));
  }
}

Status ResultFileWriter::Flush() {
  num_bytes_ += static_cast<int64_t>(buffer_.size());
  Status appended = writer_->Append(buffer_);
  buffer_.clear();
  return appended;
}

Status ResultFileWriter::Finish(std::optional<int64_t> update_count) {
  if (writer_ == nullptr) {
    STRATUS_RETURN_IF_ERROR(Begin(sql::ResultDescription{.header_row = false}));
  }
  metadata_.update_count = update_count;
  STRATUS_RETURN_IF_ERROR(Flush());
  STRATUS_RETURN_IF_ERROR(writer_->Commit().status());
  writer_.reset();
  return lake_.Write(MetadataUri(data_uri_), EncodeResultMetadata(metadata_)).status();
}

Result<ResultRows> ReadResultRows(lake::Lake& lake,
                                  std::string_view data_uri,
                                  int64_t offset,
                                  int64_t max_rows) {
  STRATUS_ASSIGN_OR_RETURN(std::string metadata_bytes, lake.Read(MetadataUri(data_uri)));
  ResultRows result;
  STRATUS_ASSIGN_OR_RETURN(result.metadata, DecodeResultMetadata(metadata_bytes));
  const ResultMetadata& metadata = result.metadata;
  if (offset >= metadata.num_rows || max_rows <= 0) {
    return result;
  }
  // Read from the indexed row at or before `offset` to the one after the page.
  const int64_t first_indexed = offset / kRowIndexStride;
  const auto end_indexed =
      static_cast<size_t>((offset + max_rows + kRowIndexStride - 1) / kRowIndexStride);
  int64_t first_row = 0;
  std::optional<lake::ByteRange> range;
  if (static_cast<size_t>(first_indexed) < metadata.row_offsets.size()) {
    first_row = first_indexed * kRowIndexStride;
    const auto first_byte = static_cast<uint64_t>(metadata.row_offsets[first_indexed]);
    if (end_indexed < metadata.row_offsets.size()) {
      range = lake::ByteRange{.first = first_byte,
                              .last = static_cast<uint64_t>(metadata.row_offsets[end_indexed]) - 1};
    } else if (first_byte > 0) {
      STRATUS_ASSIGN_OR_RETURN(lake::ObjectInfo info, lake.Head(data_uri));
      range = lake::ByteRange{.first = first_byte, .last = info.size - 1};
    }
  }
  STRATUS_ASSIGN_OR_RETURN(std::string data, lake.Read(data_uri, range));
  std::vector<std::vector<std::optional<std::string>>> rows;
  if (metadata.format == ResultFileFormat::kQuotedCsv) {
    STRATUS_ASSIGN_OR_RETURN(rows, ParseQuotedCsv(data));
  } else {
    rows = ParseTabText(data, std::max<size_t>(1, metadata.columns.size()));
  }
  // A row whose only value is '' reads back as no line at all in tab text.
  const int64_t rows_here =
      std::min(metadata.num_rows, static_cast<int64_t>(end_indexed) * kRowIndexStride) - first_row;
  while (std::ssize(rows) < rows_here) {
    rows.emplace_back(
        std::vector<std::optional<std::string>>(metadata.columns.size(), std::string()));
  }
  for (int64_t i = offset - first_row;
       i < std::ssize(rows) && i < rows_here && i < offset - first_row + max_rows; ++i) {
    result.rows.push_back(std::move(rows[i]));
  }
  return result;
}

}  // namespace stratus::athena
