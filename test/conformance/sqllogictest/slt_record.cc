#include "slt_record.h"

#include <algorithm>
#include <sstream>

namespace stratus::sqllogictest {
namespace {

std::vector<std::string> Words(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  std::string word;
  while (in >> word) {
    words.push_back(word);
  }
  return words;
}

// The lines of `text` without '\r'.
std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

bool Blank(const std::string& line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

std::vector<Record> ParseRecords(std::string_view text, const std::vector<std::string>& engines) {
  const std::vector<std::string> lines = Lines(text);
  auto runs_here = [&](const std::string& name) {
    return std::find(engines.begin(), engines.end(), name) != engines.end();
  };
  std::vector<Record> records;
  size_t i = 0;
  while (i < lines.size()) {
    if (Blank(lines[i]) || lines[i].starts_with("#")) {
      ++i;
      continue;
    }
    Record record;
    record.line = static_cast<int>(i + 1);
    // Guards.
    while (i < lines.size()) {
      const std::vector<std::string> words = Words(lines[i]);
      if (words.size() >= 2 && words[0] == "skipif") {
        record.guarded_out = record.guarded_out || runs_here(words[1]);
      } else if (words.size() >= 2 && words[0] == "onlyif") {
        record.guarded_out = record.guarded_out || !runs_here(words[1]);
      } else {
        break;
      }
      ++i;
    }
    if (i >= lines.size()) {
      break;
    }
    const std::vector<std::string> head = Words(lines[i]);
    ++i;
    if (head.empty()) {
      continue;
    }
    if (head[0] == "hash-threshold") {
      record.kind = RecordKind::kHashThreshold;
      record.hash_threshold = head.size() > 1 ? std::stoul(head[1]) : 0;
      records.push_back(std::move(record));
      continue;
    }
    if (head[0] == "halt") {
      record.kind = RecordKind::kHalt;
      records.push_back(std::move(record));
      continue;
    }
    if (head[0] != "statement" && head[0] != "query") {
      // Unknown directive: skip to the next blank line.
      while (i < lines.size() && !Blank(lines[i])) {
        ++i;
      }
      continue;
    }
    std::string sql;
    while (i < lines.size() && !Blank(lines[i]) && lines[i] != "----") {
      sql += sql.empty() ? lines[i] : "\n" + lines[i];
      ++i;
    }
    record.sql = std::move(sql);
    std::vector<std::string> result_lines;
    if (i < lines.size() && lines[i] == "----") {
      ++i;
      while (i < lines.size() && !Blank(lines[i])) {
        result_lines.push_back(lines[i]);
        ++i;
      }
    }
    if (head[0] == "statement") {
      record.kind = RecordKind::kStatement;
      record.expect_error = head.size() > 1 && head[1] == "error";
      for (const std::string& line : result_lines) {
        record.expected_error += record.expected_error.empty() ? line : "\n" + line;
      }
    } else {
      record.kind = RecordKind::kQuery;
      record.types = head.size() > 1 ? head[1] : "";
      const std::string sort = head.size() > 2 ? head[2] : "nosort";
      record.sort = sort == "rowsort"     ? SortMode::kRowSort
                    : sort == "valuesort" ? SortMode::kValueSort
                                          : SortMode::kNoSort;
      record.label = head.size() > 3 ? head[3] : "";
      if (result_lines.size() == 1 &&
          result_lines[0].find(" values hashing to ") != std::string::npos) {
        const std::vector<std::string> words = Words(result_lines[0]);
        record.expected_count = std::stoul(words[0]);
        record.expected_hash = words.back();
      } else {
        for (const std::string& line : result_lines) {
          size_t start = 0;
          while (true) {
            const size_t tab = line.find('\t', start);
            record.expected.push_back(line.substr(start, tab - start));
            if (tab == std::string::npos) {
              break;
            }
            start = tab + 1;
          }
        }
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace stratus::sqllogictest
