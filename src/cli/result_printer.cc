#include "cli/result_printer.h"

#include <algorithm>
#include <cstdint>

#include "base/format.h"
#include "base/json.h"

namespace stratus::cli {
namespace {

// Returns true for code points terminals draw two columns wide (East Asian
// wide and full-width forms).
bool IsWide(uint32_t code_point) {
  return (code_point >= 0x1100 && code_point <= 0x115F) ||
         (code_point >= 0x2E80 && code_point <= 0xA4CF) ||
         (code_point >= 0xAC00 && code_point <= 0xD7A3) ||
         (code_point >= 0xF900 && code_point <= 0xFAFF) ||
         (code_point >= 0xFE30 && code_point <= 0xFE4F) ||
         (code_point >= 0xFF00 && code_point <= 0xFF60) ||
         (code_point >= 0xFFE0 && code_point <= 0xFFE6) ||
         (code_point >= 0x20000 && code_point <= 0x3FFFD);
}

// Returns the columns `text` (UTF-8) takes on a terminal.
size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = 1;
    uint32_t code_point = lead;
    if (lead >= 0xF0) {
      length = 4;
      code_point = lead & 0x07U;
    } else if (lead >= 0xE0) {
      length = 3;
      code_point = lead & 0x0FU;
    } else if (lead >= 0xC0) {
      length = 2;
      code_point = lead & 0x1FU;
    }
    for (size_t k = 1; k < length && i + k < text.size(); ++k) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    width += IsWide(code_point) ? 2 : 1;
    i += length;
  }
  return width;
}

void Pad(std::ostream& out, std::string_view text, size_t width) {
  out << text;
  for (size_t i = DisplayWidth(text); i < width; ++i) {
    out << ' ';
  }
}

void CsvField(std::ostream& out, const std::optional<std::string>& value) {
  if (!value.has_value()) {
    return;
  }
  if (value->find_first_of(",\"\n\r") == std::string::npos) {
    out << *value;
    return;
  }
  out << '"';
  for (char c : *value) {
    if (c == '"') {
      out << '"';
    }
    out << c;
  }
  out << '"';
}

}  // namespace

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") {
    return OutputFormat::kTable;
  }
  if (name == "csv") {
    return OutputFormat::kCsv;
  }
  if (name == "json") {
    return OutputFormat::kJson;
  }
  return Status::InvalidArgument(Format("--format must be table, csv or json, not '{}'", name));
}

void PrintTable(const QueryOutput& output, std::ostream& out) {
  if (output.columns.empty()) {
    return;
  }
  std::vector<size_t> widths;
  for (const std::string& column : output.columns) {
    widths.push_back(DisplayWidth(column));
  }
  for (const auto& row : output.rows) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i].value_or("")));
    }
  }
  for (size_t i = 0; i < output.columns.size(); ++i) {
    out << (i == 0 ? " " : " | ");
    // psql centres titles; left-aligned ones read as well and stay simple.
    Pad(out, output.columns[i], widths[i]);
  }
  out << "\n";
  for (size_t i = 0; i < widths.size(); ++i) {
    out << (i == 0 ? "-" : "-+-") << std::string(widths[i], '-');
  }
  out << "-\n";
  for (const auto& row : output.rows) {
    for (size_t i = 0; i < widths.size(); ++i) {
      out << (i == 0 ? " " : " | ");
      std::string_view value;
      if (i < row.size() && row[i].has_value()) {
        value = *row[i];
      }
      // Like psql, the last column is not padded.
      Pad(out, value, i + 1 == widths.size() ? 0 : widths[i]);
    }
    out << "\n";
  }
  out << "(" << output.rows.size() << (output.rows.size() == 1 ? " row)\n" : " rows)\n");
}

void PrintCsv(const QueryOutput& output, std::ostream& out) {
  if (output.columns.empty()) {
    return;
  }
  for (size_t i = 0; i < output.columns.size(); ++i) {
    if (i > 0) {
      out << ',';
    }
    CsvField(out, output.columns[i]);
  }
  out << "\n";
  for (const auto& row : output.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) {
        out << ',';
      }
      CsvField(out, row[i]);
    }
    out << "\n";
  }
}

void PrintJson(const QueryOutput& output, std::ostream& out) {
  Json rows = Json::array();
  for (const auto& row : output.rows) {
    Json object = Json::object();
    for (size_t i = 0; i < row.size() && i < output.columns.size(); ++i) {
      object[output.columns[i]] = row[i].has_value() ? Json(*row[i]) : Json(nullptr);
    }
    rows.push_back(std::move(object));
  }
  out << rows.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

void Print(const QueryOutput& output, OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::kTable:
      PrintTable(output, out);
      return;
    case OutputFormat::kCsv:
      PrintCsv(output, out);
      return;
    case OutputFormat::kJson:
      PrintJson(output, out);
      return;
  }
}

}  // namespace stratus::cli
