// stratus_sqllogictest: runs sqllogictest files through the SQL engine
// (sql::Engine over a MemoryCatalog and a file:// lake in a temporary
// directory, one fresh engine per file) and prints, per file and in total,
// "N passed, N failed, N skipped".
//
//   stratus_sqllogictest PATH... [--skip-list FILE] [--verbose] [--min-pass-rate PCT]
//
// PATH is a .test file or a directory searched recursively. A PATH that does
// not exist is reported as "skipped: PATH not found" (the shared corpus is
// optional). Records are run as the engine "postgresql" (and "stratus"):
// `skipif postgresql` records and `onlyif <other>` records do not run. The
// skip list names records (FILE:LINE) or whole files (FILE), each with a
// reason. The exit code is 1 when the pass rate — passed / (passed + failed
// + skip-listed) — is below --min-pass-rate (default 100). Statements may
// name __TEST_DIR__ (the file's scratch directory) and __SOURCE_DIR__ (the
// repository, for checked-in fixtures such as Parquet files).

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "io/posix_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "slt_record.h"
#include "slt_runner.h"
#include "sql/catalog/memory_catalog.h"
#include "sql/engine/engine.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"

namespace stratus::sqllogictest {
namespace {

namespace fs = std::filesystem;

struct Tally {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int skip_listed = 0;
};

struct Options {
  std::vector<std::string> paths = {};
  std::string skip_list = {};
  bool verbose = false;
  double min_pass_rate = 100.0;
};

// Keeps every value of a result, row by row.
class ValueSink final : public sql::ResultSink {
 public:
  Status Begin(const sql::ResultDescription& description) override {
    num_columns_ = description.columns.size();
    return Status::Ok();
  }

  Status Append(const sql::Batch& batch) override {
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      for (size_t column = 0; column < batch.num_columns(); ++column) {
        values_.push_back(batch.column(column).GetValue(row));
      }
    }
    return Status::Ok();
  }

  size_t num_columns() const { return num_columns_; }

  const std::vector<sql::Value>& values() const { return values_; }

 private:
  size_t num_columns_ = 0;
  std::vector<sql::Value> values_;
};

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Replaces whole words `from` (any case) with `to` outside quotes.
std::string ReplaceWord(const std::string& text, std::string_view from, std::string_view to) {
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (quote != 0) {
      quote = c == quote ? 0 : quote;
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
      ++i;
      continue;
    }
    const bool starts_word = i == 0 || !IsWordChar(text[i - 1]);
    if (starts_word && text.size() - i >= from.size() &&
        std::equal(from.begin(), from.end(), text.begin() + static_cast<std::ptrdiff_t>(i),
                   [](char a, char b) { return std::toupper(a) == std::toupper(b); }) &&
        (i + from.size() == text.size() || !IsWordChar(text[i + from.size()]))) {
      out += to;
      i += from.size();
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

// The corpus is SQLite's: its CREATE TABLEs name types Trino spells
// otherwise and declare keys Trino has no syntax for, and its CREATE INDEXes
// have no Trino counterpart (README: accept them as no-ops). Only DDL is
// rewritten; queries run as written.
std::string SqliteToTrino(std::string_view text) {
  std::string sql(text);
  const size_t start = sql.find_first_not_of(" \t\r\n");
  std::string head = sql.substr(start == std::string::npos ? 0 : start, 24);
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (head.starts_with("CREATE INDEX") || head.starts_with("CREATE UNIQUE INDEX")) {
    return "SELECT 1 WHERE false";
  }
  if (!head.starts_with("CREATE TABLE")) {
    return sql;
  }
  sql = ReplaceWord(sql, "PRIMARY KEY", "");
  sql = ReplaceWord(sql, "UNIQUE", "");
  sql = ReplaceWord(sql, "FLOAT", "DOUBLE");
  sql = ReplaceWord(sql, "REAL", "DOUBLE");
  sql = ReplaceWord(sql, "TEXT", "VARCHAR");
  return sql;
}

// One engine over a fresh catalog and lake directory.
class Sandbox {
 public:
  Sandbox() {
    std::string pattern = (fs::temp_directory_path() / "stratus_slt_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("mkdtemp");
      std::exit(2);
    }
    directory_ = pattern;
  }

  ~Sandbox() {
    if (engine_ != nullptr) {
      engine_->Stop();
    }
    engine_.reset();
    std::error_code error;
    fs::remove_all(directory_, error);
  }

  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  Status Open() {
    STRATUS_ASSIGN_OR_RETURN(engine_,
                             sql::Engine::Open(sql::EngineOptions{
                                 .catalog = &catalog_,
                                 .lake = &lake_,
                                 .clock = &clock_,
                                 .threads = 2,
                                 .spill_directory = directory_ + "/spill",
                                 .default_table_location = "file://" + directory_ + "/tables/"}));
    return Status::Ok();
  }

  Result<sql::QueryStatistics> Execute(std::string_view text, sql::ResultSink& sink) {
    // Every statement gets its own id: INSERTs name their files after it.
    session_.query_id = "slt-" + std::to_string(++num_statements_);
    return engine_->Execute(SqliteToTrino(Substitute(text)), session_, sink);
  }

 private:
  // Replaces __TEST_DIR__ (this file's scratch directory) and __SOURCE_DIR__
  // (the repository, for checked-in fixtures) in a statement.
  std::string Substitute(std::string_view text) const {
    std::string out(text);
    for (const auto& [name, value] :
         {std::pair<std::string, std::string>{"__TEST_DIR__", directory_},
          std::pair<std::string, std::string>{"__SOURCE_DIR__", STRATUS_SOURCE_DIR}}) {
      for (size_t at = out.find(name); at != std::string::npos;
           at = out.find(name, at + value.size())) {
        out.replace(at, name.size(), value);
      }
    }
    return out;
  }

  std::string directory_;
  SystemClock clock_;
  io::PosixFileSystem files_;
  lake::FileStore file_store_{files_, lake::FileStoreOptions{.sync = false}};
  lake::Lake lake_{file_store_, file_store_};
  sql::catalog::MemoryCatalog catalog_;
  sql::Session session_;
  int64_t num_statements_ = 0;
  std::unique_ptr<sql::Engine> engine_;
};

// Splits a statement record holding several `;`-separated statements.
std::vector<std::string> SplitStatements(const std::string& sql) {
  std::vector<std::string> parts;
  std::string current;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == ';') {
      if (current.find_first_not_of(" \t\r\n") != std::string::npos) {
        parts.push_back(current);
      }
      current.clear();
      continue;
    }
    current.push_back(c);
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) {
    parts.push_back(current);
  }
  return parts;
}

bool ErrorMatches(const std::string& expected, const std::string& message) {
  if (expected.empty()) {
    return true;
  }
  constexpr std::string_view kRegex = "<REGEX>:";
  if (expected.starts_with(kRegex)) {
    try {
      return std::regex_search(message, std::regex(expected.substr(kRegex.size())));
    } catch (const std::regex_error&) {
      return false;
    }
  }
  return message.find(expected) != std::string::npos;
}

RecordResult RunStatement(Sandbox& sandbox, const Record& record) {
  for (const std::string& statement : SplitStatements(record.sql)) {
    ValueSink sink;
    Result<sql::QueryStatistics> result = sandbox.Execute(statement, sink);
    if (!result.ok()) {
      const std::string message = result.status().ToString();
      if (record.expect_error) {
        return ErrorMatches(record.expected_error, message)
                   ? RecordResult{}
                   : RecordResult{Outcome::kFailed, "error '" + message + "' does not match '" +
                                                        record.expected_error + "'"};
      }
      return RecordResult{Outcome::kFailed, message};
    }
  }
  if (record.expect_error) {
    return RecordResult{Outcome::kFailed, "statement succeeded; an error was expected"};
  }
  return RecordResult{};
}

RecordResult RunQuery(Sandbox& sandbox, const Record& record, size_t hash_threshold) {
  ValueSink sink;
  Result<sql::QueryStatistics> result = sandbox.Execute(record.sql, sink);
  if (!result.ok()) {
    return RecordResult{Outcome::kFailed, result.status().ToString()};
  }
  const size_t num_columns = sink.num_columns();
  std::vector<std::string> values;
  values.reserve(sink.values().size());
  for (size_t i = 0; i < sink.values().size(); ++i) {
    const char letter = num_columns == 0 || record.types.empty()
                            ? 'T'
                            : record.types[std::min(i % num_columns, record.types.size() - 1)];
    values.push_back(FormatForType(sink.values()[i], letter));
  }
  std::string difference = CompareValues(record, num_columns, std::move(values), hash_threshold);
  if (!difference.empty()) {
    return RecordResult{Outcome::kFailed, std::move(difference)};
  }
  return RecordResult{};
}

// FILE or FILE:LINE → reason.
std::map<std::string, std::string> LoadSkipList(const std::string& path) {
  std::map<std::string, std::string> skips;
  if (path.empty()) {
    return skips;
  }
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::istringstream words(line);
    std::string key;
    words >> key;
    std::string reason;
    std::getline(words, reason);
    reason.erase(0, reason.find_first_not_of(" \t"));
    if (reason.empty()) {
      std::fprintf(stderr, "skip list entry without a reason: %s\n", line.c_str());
      std::exit(2);
    }
    skips[key] = reason;
  }
  return skips;
}

// Returns the skip-list reason for a record of `file` at `line`, or "".
std::string SkipReason(const std::map<std::string, std::string>& skips,
                       const std::string& file,
                       int line) {
  for (const auto& [key, reason] : skips) {
    const size_t colon = key.rfind(':');
    const bool has_line = colon != std::string::npos &&
                          key.find_first_not_of("0123456789", colon + 1) == std::string::npos;
    const std::string key_file = has_line ? key.substr(0, colon) : key;
    if (!file.ends_with(key_file)) {
      continue;
    }
    if (!has_line || std::stoi(key.substr(colon + 1)) == line) {
      return reason;
    }
  }
  return "";
}

Tally RunFile(const fs::path& file,
              const std::map<std::string, std::string>& skips,
              const Options& options) {
  Tally tally;
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::vector<Record> records = ParseRecords(text.str(), {"postgresql", "stratus"});
  const std::string name = file.generic_string();
  const std::string whole_file_reason = SkipReason(skips, name, -1);
  Sandbox sandbox;
  if (Status opened = sandbox.Open(); !opened.ok()) {
    std::printf("%s: cannot open the engine: %s\n", name.c_str(), opened.ToString().c_str());
    tally.failed = 1;
    return tally;
  }
  size_t hash_threshold = 0;
  for (const Record& record : records) {
    if (record.kind == RecordKind::kHalt && !record.guarded_out) {
      break;
    }
    if (record.kind == RecordKind::kHashThreshold) {
      hash_threshold = record.hash_threshold;
      continue;
    }
    if (record.guarded_out) {
      ++tally.skipped;
      continue;
    }
    const std::string reason =
        whole_file_reason.empty() ? SkipReason(skips, name, record.line) : whole_file_reason;
    if (!reason.empty()) {
      ++tally.skipped;
      ++tally.skip_listed;
      continue;
    }
    const RecordResult result = record.kind == RecordKind::kQuery
                                    ? RunQuery(sandbox, record, hash_threshold)
                                    : RunStatement(sandbox, record);
    if (result.outcome == Outcome::kPassed) {
      ++tally.passed;
    } else {
      ++tally.failed;
      if (options.verbose) {
        std::printf("FAIL %s:%d\n  %s\n  %s\n", name.c_str(), record.line, record.sql.c_str(),
                    result.detail.c_str());
      }
    }
  }
  return tally;
}

std::vector<fs::path> TestFiles(const fs::path& path) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(path)) {
    files.push_back(path);
    return files;
  }
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (entry.is_regular_file() && entry.path().extension() == ".test") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

int Main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--verbose") {
      options.verbose = true;
    } else if (argument == "--skip-list" && i + 1 < argc) {
      options.skip_list = argv[++i];
    } else if (argument == "--min-pass-rate" && i + 1 < argc) {
      options.min_pass_rate = std::strtod(argv[++i], nullptr);
    } else if (argument.starts_with("--")) {
      std::fprintf(stderr,
                   "usage: stratus_sqllogictest PATH... [--skip-list FILE] [--verbose] "
                   "[--min-pass-rate PCT]\n");
      return 2;
    } else {
      options.paths.push_back(argument);
    }
  }
  const std::map<std::string, std::string> skips = LoadSkipList(options.skip_list);
  Tally total;
  for (const std::string& path : options.paths) {
    if (!fs::exists(path)) {
      std::printf("skipped: %s not found\n", path.c_str());
      continue;
    }
    for (const fs::path& file : TestFiles(path)) {
      const Tally tally = RunFile(file, skips, options);
      std::printf("%s: %d passed, %d failed, %d skipped\n", file.generic_string().c_str(),
                  tally.passed, tally.failed, tally.skipped);
      std::fflush(stdout);
      total.passed += tally.passed;
      total.failed += tally.failed;
      total.skipped += tally.skipped;
      total.skip_listed += tally.skip_listed;
    }
  }
  const int counted = total.passed + total.failed + total.skip_listed;
  const double rate = counted == 0 ? 100.0 : 100.0 * total.passed / counted;
  std::printf("total: %d passed, %d failed, %d skipped (%.1f%% passed)\n", total.passed,
              total.failed, total.skipped, rate);
  return rate + 1e-9 >= options.min_pass_rate ? 0 : 1;
}

}  // namespace
}  // namespace stratus::sqllogictest

int main(int argc, char** argv) {
  return stratus::sqllogictest::Main(argc, argv);
}
