#include "connectors/mysql/extract.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include <mysql.h>

#include "base/format.h"
#include "connectors/mysql/extract_state.h"
#include "connectors/mysql/hive_text_encoder.h"
#include "connectors/mysql/parquet_extract_writer.h"
#include "lake/lake.h"
#include "lake/list_all.h"

namespace stratus::connectors::mysql {
namespace {

constexpr size_t kFlushBytes = size_t{4} << 20;

struct MysqlCloser {
  void operator()(MYSQL* mysql) const { mysql_close(mysql); }
};

using Connection = std::unique_ptr<MYSQL, MysqlCloser>;

// Turns a Connector/C error into a Status with a message for the user.
Status ServerError(MYSQL* mysql, std::string_view doing) {
  const unsigned code = mysql_errno(mysql);
  const std::string message = Format("{}: {} (MySQL error {})", doing, mysql_error(mysql), code);
  switch (code) {
    case 1146:  // ER_NO_SUCH_TABLE
    case 1049:  // ER_BAD_DB_ERROR
    case 1054:  // ER_BAD_FIELD_ERROR
      return Status::NotFound(message);
    case 1044:  // ER_DBACCESS_DENIED_ERROR
    case 1045:  // ER_ACCESS_DENIED_ERROR
    case 1142:  // ER_TABLEACCESS_DENIED_ERROR
      return Status::PermissionDenied(message);
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2005:  // CR_UNKNOWN_HOST
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
      return Status::IoError(message);
    default:
      return code >= 2000 ? Status::IoError(message) : Status::InvalidArgument(message);
  }
}

Result<Connection> Connect(const MySqlUrl& url) {
  Connection mysql(mysql_init(nullptr));
  if (mysql == nullptr) {
    return Status::ResourceExhausted("mysql_init failed");
  }
  mysql_optionsv(mysql.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const unsigned int timeout_seconds = 10;
  mysql_optionsv(mysql.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout_seconds);
  if (mysql_real_connect(mysql.get(), url.host.c_str(), url.user.c_str(), url.password.c_str(),
                         url.database.empty() ? nullptr : url.database.c_str(), url.port, nullptr,
                         0) == nullptr) {
    return ServerError(mysql.get(), Format("cannot connect to {}:{}", url.host, url.port));
  }
  return mysql;
}

// Quotes an identifier (`schema`.`table` for "schema.table").
std::string QuoteName(std::string_view name) {
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t dot = name.find('.', start);
    std::string_view part = name.substr(start, dot - start);
    out += '`';
    for (char c : part) {
      out += c;
      if (c == '`') {
        out += '`';
      }
    }
    out += '`';
    if (dot == std::string_view::npos) {
      return out;
    }
    out += '.';
    start = dot + 1;
  }
}

std::string QuoteValue(MYSQL* mysql, std::string_view value) {
  std::string escaped(value.size() * 2 + 1, '\0');
  const unsigned long length =
      mysql_real_escape_string(mysql, escaped.data(), value.data(), value.size());
  escaped.resize(length);
  return "'" + escaped + "'";
}

// Runs a query returning at most one row; its first column (nullopt for
// NULL or no row).
Result<std::optional<std::string>> QueryValue(MYSQL* mysql, const std::string& sql) {
  if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) {
    return ServerError(mysql, "query failed");
  }
  MYSQL_RES* result = mysql_store_result(mysql);
  if (result == nullptr) {
    return ServerError(mysql, "query failed");
  }
  std::optional<std::string> value;
  if (MYSQL_ROW row = mysql_fetch_row(result); row != nullptr && row[0] != nullptr) {
    value = std::string(row[0], mysql_fetch_lengths(result)[0]);
  }
  mysql_free_result(result);
  return value;
}

// The table's single-column integer primary key, if it has one.
Result<std::optional<std::string>> IntegerPrimaryKey(MYSQL* mysql, const std::string& table) {
  const size_t dot = table.find('.');
  const std::string schema =
      dot == std::string::npos ? "DATABASE()" : QuoteValue(mysql, table.substr(0, dot));
  const std::string name =
      QuoteValue(mysql, dot == std::string::npos ? table : table.substr(dot + 1));
  STRATUS_ASSIGN_OR_RETURN(
      std::optional<std::string> column,
      QueryValue(mysql, Format("SELECT IF(COUNT(*) = 1 AND MAX(DATA_TYPE) IN ('tinyint', "
                               "'smallint', 'mediumint', 'int', 'bigint'), MAX(COLUMN_NAME), NULL) "
                               "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {} AND "
                               "TABLE_NAME = {} AND COLUMN_KEY = 'PRI'",
                               schema, name)));
  return column;
}

// Rows and bytes across workers, reported at most every 200 ms.
class ProgressMeter {
 public:
  explicit ProgressMeter(const std::function<void(uint64_t, uint64_t)>& report) : report_(report) {}

  void Add(uint64_t num_rows, uint64_t num_bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    num_rows_ += num_rows;
    num_bytes_ += num_bytes;
    const auto now = std::chrono::steady_clock::now();
    if (report_ && now - last_ >= std::chrono::milliseconds(200)) {
      last_ = now;
      report_(num_rows_, num_bytes_);
    }
  }

  void Final() {
    std::lock_guard<std::mutex> lock(mu_);
    if (report_) {
      report_(num_rows_, num_bytes_);
    }
  }

  uint64_t num_rows() {
    std::lock_guard<std::mutex> lock(mu_);
    return num_rows_;
  }

  uint64_t num_bytes() {
    std::lock_guard<std::mutex> lock(mu_);
    return num_bytes_;
  }

 private:
  const std::function<void(uint64_t, uint64_t)>& report_;
  std::mutex mu_;
  uint64_t num_rows_ = 0;                         // Guarded by mu_.
  uint64_t num_bytes_ = 0;                        // Guarded by mu_.
  std::chrono::steady_clock::time_point last_{};  // Guarded by mu_.
};

// One unbuffered query streamed into uncommitted objects: one CSV object,
// or Parquet files.
struct Part {
  std::string sql = {};
  /// The objects' names without the ending: `<to>part-NNNNN`.
  std::string stem = {};
  std::vector<std::unique_ptr<lake::ObjectWriter>> writers = {};
  std::vector<std::string> uris = {};
  Status status = Status::Ok();
};

using ResultHandle = std::unique_ptr<MYSQL_RES, void (*)(MYSQL_RES*)>;

Status StreamParquet(const ExtractOptions& options,
                     lake::Lake& lake,
                     ProgressMeter& progress,
                     MYSQL* mysql,
                     MYSQL_RES* result,
                     Part& part) {
  const unsigned int num_fields = mysql_num_fields(result);
  const MYSQL_FIELD* fields = mysql_fetch_fields(result);
  std::vector<MySqlColumnInfo> columns;
  for (unsigned int i = 0; i < num_fields; ++i) {
    columns.push_back(MySqlColumnInfo{.name = std::string(fields[i].name, fields[i].name_length),
                                      .field_type = fields[i].type,
                                      .flags = fields[i].flags,
                                      .charset = fields[i].charsetnr,
                                      .length = fields[i].length,
                                      .decimals = fields[i].decimals});
  }
  ParquetExtractWriter writer(lake, std::move(columns), options.parquet,
                              [&](size_t n) { return Format("{}-{:05d}.parquet", part.stem, n); });
  uint64_t num_rows = 0;
  uint64_t rows_reported = 0;
  uint64_t bytes_reported = 0;
  while (MYSQL_ROW row = mysql_fetch_row(result)) {
    STRATUS_RETURN_IF_ERROR(writer.AddRow(row, mysql_fetch_lengths(result)));
    if (++num_rows % 65536 == 0) {
      progress.Add(num_rows - rows_reported, writer.bytes_written() - bytes_reported);
      rows_reported = num_rows;
      bytes_reported = writer.bytes_written();
    }
  }
  if (mysql_errno(mysql) != 0) {
    return ServerError(
        mysql, Format("the connection failed after {} rows; nothing was written", num_rows));
  }
  STRATUS_RETURN_IF_ERROR(writer.Finish());
  progress.Add(num_rows - rows_reported, writer.bytes_written() - bytes_reported);
  part.writers = std::move(writer.sinks());
  part.uris = writer.uris();
  return Status::Ok();
}

Status StreamCsv(const ExtractOptions& options,
                 lake::Lake& lake,
                 ProgressMeter& progress,
                 MYSQL* mysql,
                 MYSQL_RES* result,
                 Part& part) {
  part.uris.push_back(part.stem + ".csv");
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectWriter> csv,
                           lake.CreateWriter(part.uris.back()));
  lake::ObjectWriter& writer = *csv;
  part.writers.push_back(std::move(csv));
  const unsigned int num_fields = mysql_num_fields(result);
  const HiveTextEncoder encoder(',', options.null_as);
  std::string buffer;
  uint64_t rows_in_buffer = 0;
  uint64_t num_rows = 0;
  while (MYSQL_ROW row = mysql_fetch_row(result)) {
    const unsigned long* lengths = mysql_fetch_lengths(result);
    for (unsigned int i = 0; i < num_fields; ++i) {
      if (i > 0) {
        encoder.AppendDelimiter(&buffer);
      }
      encoder.AppendField(std::string_view(row[i] == nullptr ? "" : row[i], lengths[i]),
                          row[i] == nullptr, &buffer);
    }
    encoder.EndLine(&buffer);
    ++rows_in_buffer;
    ++num_rows;
    if (buffer.size() >= kFlushBytes) {
      STRATUS_RETURN_IF_ERROR(writer.Append(buffer));
      progress.Add(rows_in_buffer, buffer.size());
      buffer.clear();
      rows_in_buffer = 0;
    }
  }
  if (mysql_errno(mysql) != 0) {
    return ServerError(
        mysql, Format("the connection failed after {} rows; nothing was written", num_rows));
  }
  if (!buffer.empty()) {
    STRATUS_RETURN_IF_ERROR(writer.Append(buffer));
  }
  progress.Add(rows_in_buffer, buffer.size());
  return Status::Ok();
}

Status StreamPart(const ExtractOptions& options,
                  lake::Lake& lake,
                  ProgressMeter& progress,
                  Part& part) {
  STRATUS_ASSIGN_OR_RETURN(Connection mysql, Connect(options.source));
  if (options.format == ExtractFormat::kParquet) {
    // TIMESTAMP columns as UTC instants (Parquet timestamps are UTC).
    const std::string utc = "SET time_zone = '+00:00'";
    if (mysql_real_query(mysql.get(), utc.data(), utc.size()) != 0) {
      return ServerError(mysql.get(), "setting the session's time zone failed");
    }
  }
  if (mysql_real_query(mysql.get(), part.sql.data(), part.sql.size()) != 0) {
    return ServerError(mysql.get(), "the query failed");
  }
  MYSQL_RES* result = mysql_use_result(mysql.get());
  if (result == nullptr) {
    return mysql_errno(mysql.get()) != 0
               ? ServerError(mysql.get(), "the query failed")
               : Status::InvalidArgument("the query returns no rows (is it a SELECT?)");
  }
  ResultHandle owned(result, &mysql_free_result);
  Status streamed = options.format == ExtractFormat::kParquet
                        ? StreamParquet(options, lake, progress, mysql.get(), result, part)
                        : StreamCsv(options, lake, progress, mysql.get(), result, part);
  if (!streamed.ok()) {
    // Freeing an unbuffered result reads the rest of its rows: cut the
    // connection instead.
    mariadb_cancel(mysql.get());
  }
  return streamed;
}

Status ValidateOptions(const ExtractOptions& options) {
  if (options.table.empty() == options.query.empty()) {
    return Status::InvalidArgument("give exactly one of --table and --query");
  }
  if (options.to.rfind("s3://", 0) != 0 && options.to.rfind("file://", 0) != 0) {
    return Status::InvalidArgument(
        Format("--to must be an s3:// or file:// prefix, not '{}'", options.to));
  }
  if (options.table.empty() && (!options.incremental_column.empty() || options.parallel > 1)) {
    return Status::InvalidArgument("--incremental-column and --parallel need --table");
  }
  if (options.parallel < 1 || options.parallel > 64) {
    return Status::InvalidArgument("--parallel must be 1-64");
  }
  if (options.format == ExtractFormat::kParquet && options.parquet.file_bytes == 0) {
    return Status::InvalidArgument("the Parquet file size must be positive");
  }
  if (options.null_as != "\\N" && !options.null_as.empty()) {
    return Status::InvalidArgument("--null-as must be '\\N' or ''");
  }
  return Status::Ok();
}

// The SELECTs, one per part: the table split by primary key ranges when
// asked and possible.
Result<std::vector<std::string>> PartQueries(const ExtractOptions& options,
                                             MYSQL* mysql,
                                             const std::string& predicate,
                                             std::string* note) {
  if (!options.query.empty()) {
    return std::vector<std::string>{options.query};
  }
  const std::string base = Format("SELECT * FROM {}", QuoteName(options.table));
  const std::string where = predicate.empty() ? "" : " WHERE " + predicate;
  if (options.parallel == 1) {
    return std::vector<std::string>{base + where};
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> key, IntegerPrimaryKey(mysql, options.table));
  if (!key.has_value()) {
    *note = "--parallel ignored: the table has no single-column integer primary key";
    return std::vector<std::string>{base + where};
  }
  const std::string column = QuoteName(*key);
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> low,
                           QueryValue(mysql, Format("SELECT MIN({}) FROM {}{}", column,
                                                    QuoteName(options.table), where)));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> high,
                           QueryValue(mysql, Format("SELECT MAX({}) FROM {}{}", column,
                                                    QuoteName(options.table), where)));
  if (!low.has_value() || !high.has_value()) {
    return std::vector<std::string>{base + where};
  }
  // Boundaries as integers (the key is an integer column); offsets from
  // the first key in unsigned arithmetic, so that no range overflows.
  int64_t first = 0;
  int64_t last = 0;
  if (std::from_chars(low->data(), low->data() + low->size(), first).ec != std::errc() ||
      std::from_chars(high->data(), high->data() + high->size(), last).ec != std::errc()) {
    *note = "--parallel ignored: the primary key does not fit a signed 64-bit integer";
    return std::vector<std::string>{base + where};
  }
  const uint64_t span = static_cast<uint64_t>(last) - static_cast<uint64_t>(first);
  const uint64_t step = span / static_cast<uint64_t>(options.parallel) + 1;
  std::vector<std::string> queries;
  for (uint64_t i = 0; i < static_cast<uint64_t>(options.parallel); ++i) {
    const uint64_t from = step * i;
    if (from > span) {
      break;
    }
    const uint64_t to = std::min(from + (step - 1), span);
    const std::string range = Format("{} BETWEEN {} AND {}", column,
                                     static_cast<int64_t>(static_cast<uint64_t>(first) + from),
                                     static_cast<int64_t>(static_cast<uint64_t>(first) + to));
    std::string query = base;
    query += " WHERE ";
    query += predicate.empty() ? range : Format("({}) AND {}", predicate, range);
    queries.push_back(std::move(query));
  }
  return queries;
}

// Deletes `part-*.csv` objects under the prefix that a full extract did not
// just write.
void RemoveStaleParts(lake::Lake& lake, const std::string& to, const std::set<std::string>& kept) {
  Result<std::vector<lake::ObjectInfo>> listed = lake::ListAll(lake, to);
  if (!listed.ok()) {
    return;
  }
  for (const lake::ObjectInfo& object : *listed) {
    if (!object.key.starts_with(to)) {
      continue;
    }
    const std::string name = object.key.substr(to.size());
    if (name.rfind("part-", 0) == 0 && name.find('/') == std::string::npos &&
        kept.count(object.key) == 0) {
      (void)lake.Delete(object.key);
    }
  }
}

}  // namespace

Result<ExtractSummary> RunExtract(const ExtractOptions& options_in, lake::Lake& lake) {
  STRATUS_RETURN_IF_ERROR(ValidateOptions(options_in));
  ExtractOptions options = options_in;
  if (options.to.back() != '/') {
    options.to += '/';
  }
  ExtractSummary summary;
  STRATUS_ASSIGN_OR_RETURN(Connection mysql, Connect(options.source));
  const bool incremental = !options.incremental_column.empty();
  ExtractState state;
  std::string predicate;
  if (incremental) {
    STRATUS_ASSIGN_OR_RETURN(state, ReadExtractState(lake, options.to));
    if (state.runs > 0 && state.column != options.incremental_column) {
      return Status::InvalidArgument(Format("{} tracks column '{}', not '{}'",
                                            ExtractStateUri(options.to), state.column,
                                            options.incremental_column));
    }
    const std::string column = QuoteName(options.incremental_column);
    const std::string after =
        state.watermark.has_value()
            ? Format("{} > {}", column, QuoteValue(mysql.get(), *state.watermark))
            : "";
    // The new watermark is fixed first, so that rows arriving during the
    // extract wait for the next run instead of being skipped.
    STRATUS_ASSIGN_OR_RETURN(
        std::optional<std::string> high,
        QueryValue(mysql.get(), Format("SELECT MAX({}) FROM {}{}", column, QuoteName(options.table),
                                       after.empty() ? "" : " WHERE " + after)));
    if (!high.has_value()) {
      summary.watermark = state.watermark;
      return summary;  // Nothing new.
    }
    predicate = Format("{}{} <= {}", after.empty() ? "" : after + " AND ", column,
                       QuoteValue(mysql.get(), *high));
    state.source = options.table;
    state.column = options.incremental_column;
    state.watermark = *high;
    state.runs += 1;
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> queries,
                           PartQueries(options, mysql.get(), predicate, &summary.note));
  mysql.reset();

  std::vector<Part> parts(queries.size());
  for (size_t i = 0; i < queries.size(); ++i) {
    parts[i].sql = queries[i];
    parts[i].stem = incremental ? Format("{}run-{:06d}-part-{:05d}", options.to, state.runs, i)
                                : Format("{}part-{:05d}", options.to, i);
  }
  ProgressMeter progress(options.on_progress);
  std::vector<std::thread> workers;
  for (size_t i = 1; i < parts.size(); ++i) {
    workers.emplace_back(
        [&, i] { parts[i].status = StreamPart(options, lake, progress, parts[i]); });
  }
  parts[0].status = StreamPart(options, lake, progress, parts[0]);
  for (std::thread& worker : workers) {
    worker.join();
  }
  progress.Final();
  for (const Part& part : parts) {
    if (!part.status.ok()) {
      return part.status;  // Every writer is abandoned: nothing is visible.
    }
  }
  std::set<std::string> written;
  for (Part& part : parts) {
    for (size_t i = 0; i < part.writers.size(); ++i) {
      Status committed = part.writers[i]->Commit().status();
      if (!committed.ok()) {
        for (const std::string& uri : written) {
          (void)lake.Delete(uri);
        }
        return committed;
      }
      written.insert(part.uris[i]);
      summary.objects.push_back(part.uris[i]);
    }
  }
  if (incremental) {
    STRATUS_RETURN_IF_ERROR(WriteExtractState(lake, options.to, state));
    summary.watermark = state.watermark;
  } else {
    RemoveStaleParts(lake, options.to, written);
  }
  summary.num_rows = progress.num_rows();
  summary.num_bytes = progress.num_bytes();
  return summary;
}

}  // namespace stratus::connectors::mysql
