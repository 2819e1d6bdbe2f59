// `stratus sql`: options, the statement loop (-c or interactive), running a
// statement through the Athena API with progress and Ctrl-C cancelling it.

#include "cli/sql_command.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string_view>

#include <poll.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <unistd.h>

#include "base/format.h"
#include "cli/athena_client.h"
#include "cli/result_printer.h"
#include "cli/statement_splitter.h"

namespace stratus::cli {
namespace {

constexpr std::string_view kSqlUsage = R"(Usage: stratus sql [options]

  -c SQL                  run SQL (one or more statements ended by ';') and exit
  --format FORMAT         table (default), csv or json
  --endpoint-url URL      the server (default http://localhost:4566)
  --work-group NAME       Athena work group (default primary)
  --database NAME         database unqualified names resolve in (default default)
  --output-location URI   where results go (default s3://stratus-sql-results/, created if missing)

Interactive commands: \dt (tables), \d TABLE (describe), \l (databases), \q (quit).
Statements end with ';'. Ctrl-C cancels the running statement.
)";

constexpr std::string_view kDefaultBucket = "stratus-sql-results";
constexpr auto kProgressAfter = std::chrono::milliseconds(1000);
constexpr int kMaxPollMillis = 200;
constexpr int kResultsPage = 1000;

// Set by SIGINT while a statement runs. A signal handler can only reach a
// global. NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
std::atomic<bool> g_interrupted{false};

void OnInterrupt(int /*signal*/) {
  g_interrupted.store(true);
}

struct SqlOptions {
  std::string endpoint = "http://localhost:4566";
  std::string work_group = "primary";
  std::string database = "default";
  std::string output_location = {};
  std::vector<std::string> commands = {};
  OutputFormat format = OutputFormat::kTable;
  bool show_timing = false;
};

Result<SqlOptions> ParseOptions(const std::vector<std::string>& args) {
  SqlOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& name = args[i];
    if (name == "-h" || name == "--help") {
      return Status::InvalidArgument("");
    }
    if (i + 1 >= args.size()) {
      return Status::InvalidArgument(Format("{} needs a value", name));
    }
    const std::string& value = args[++i];
    if (name == "-c") {
      options.commands.push_back(value);
    } else if (name == "--format") {
      STRATUS_ASSIGN_OR_RETURN(options.format, ParseOutputFormat(value));
    } else if (name == "--endpoint-url") {
      options.endpoint = value;
    } else if (name == "--work-group") {
      options.work_group = value;
    } else if (name == "--database") {
      options.database = value;
    } else if (name == "--output-location") {
      options.output_location = value;
    } else {
      return Status::InvalidArgument(Format("unknown option '{}'", name));
    }
  }
  return options;
}

// Runs statements through one client, remembering the output location.
class SqlSession {
 public:
  SqlSession(SqlOptions options, std::ostream& out, std::ostream& err)
      : options_(std::move(options)), client_(options_.endpoint), out_(out), err_(err) {}

  const SqlOptions& options() const { return options_; }

  // Runs one statement and prints its result; false when it failed.
  bool Run(const std::string& sql) {
    const auto started = std::chrono::steady_clock::now();
    Result<QueryOutput> output = Execute(sql);
    const auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
    if (!output.ok()) {
      err_ << "ERROR: " << output.status().message() << "\n";
      return false;
    }
    Print(*output, options_.format, out_);
    if (options_.show_timing) {
      out_ << Format("Time: {:.3f} ms\n", elapsed.count());
    }
    out_.flush();
    return true;
  }

 private:
  Result<std::string> OutputLocation() {
    if (!options_.output_location.empty()) {
      return options_.output_location;
    }
    STRATUS_RETURN_IF_ERROR(client_.EnsureBucket(kDefaultBucket));
    options_.output_location = Format("s3://{}/", kDefaultBucket);
    return options_.output_location;
  }

  Result<QueryOutput> Execute(const std::string& sql) {
    STRATUS_ASSIGN_OR_RETURN(std::string location, OutputLocation());
    STRATUS_ASSIGN_OR_RETURN(
        Json started,
        client_.Call("StartQueryExecution",
                     Json{{"QueryString", sql},
                          {"WorkGroup", options_.work_group},
                          {"QueryExecutionContext", Json{{"Database", options_.database}}},
                          {"ResultConfiguration", Json{{"OutputLocation", location}}}}));
    const std::string id = started.value("QueryExecutionId", "");
    STRATUS_ASSIGN_OR_RETURN(Json execution, Wait(id));
    const Json status = execution.value("Status", Json::object());
    const std::string state = status.value("State", "");
    if (state == "CANCELLED") {
      return Status::Cancelled("the statement was cancelled");
    }
    if (state != "SUCCEEDED") {
      return Status::InvalidArgument(status.value("StateChangeReason", state));
    }
    TrackDatabase(sql, execution);
    STRATUS_ASSIGN_OR_RETURN(QueryOutput output, Fetch(id, execution));
    if (execution.value("SubstatementType", "") == "DESCRIBE_TABLE") {
      return SplitDescribe(output);
    }
    return output;
  }

  // DESCRIBE answers Hive's lines ("name<pad>\ttype<pad>\tcomment") in one
  // column; a terminal reads them better as three.
  static QueryOutput SplitDescribe(const QueryOutput& output) {
    if (output.columns.size() != 1) {
      return output;
    }
    auto trim = [](std::string_view text) {
      while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
      }
      while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
      }
      return std::string(text);
    };
    QueryOutput split{.columns = {"col_name", "data_type", "comment"}};
    for (const auto& row : output.rows) {
      const std::string line = row.empty() ? "" : row[0].value_or("");
      std::vector<std::optional<std::string>> fields;
      size_t start = 0;
      for (int field = 0; field < 3; ++field) {
        const size_t tab = field < 2 ? line.find('\t', start) : std::string::npos;
        const size_t end = tab == std::string::npos ? line.size() : tab;
        fields.emplace_back(start <= line.size() ? trim(std::string_view(line).substr(
                                                       start, end - std::min(start, end)))
                                                 : std::string());
        start = tab == std::string::npos ? line.size() + 1 : tab + 1;
      }
      if (fields[0]->empty() && fields[1]->empty()) {
        continue;
      }
      split.rows.push_back(std::move(fields));
    }
    return split;
  }

  // Polls until the execution ends; Ctrl-C stops it.
  Result<Json> Wait(const std::string& id) {
    const auto started = std::chrono::steady_clock::now();
    const bool show_progress = isatty(STDERR_FILENO) != 0;
    bool progress_shown = false;
    bool stop_sent = false;
    int wait_millis = 5;
    while (true) {
      if (g_interrupted.load() && !stop_sent) {
        stop_sent = true;
        STRATUS_RETURN_IF_ERROR(
            client_.Call("StopQueryExecution", Json{{"QueryExecutionId", id}}).status());
      }
      STRATUS_ASSIGN_OR_RETURN(Json got,
                               client_.Call("GetQueryExecution", Json{{"QueryExecutionId", id}}));
      Json execution = got.value("QueryExecution", Json::object());
      const std::string state = execution.value("Status", Json::object()).value("State", "");
      const auto elapsed = std::chrono::steady_clock::now() - started;
      if (state != "QUEUED" && state != "RUNNING") {
        if (progress_shown) {
          err_ << "\r\033[K";
        }
        return execution;
      }
      if (show_progress && elapsed >= kProgressAfter) {
        progress_shown = true;
        err_ << Format("\r\033[K{} {:.1f} s{}{}", state,
                       std::chrono::duration<double>(elapsed).count(), Scanned(id),
                       stop_sent ? "  (cancelling)" : "  (Ctrl-C cancels)");
        err_.flush();
      }
      poll(nullptr, 0, wait_millis);
      wait_millis = std::min(wait_millis * 2, kMaxPollMillis);
    }
  }

  // Returns ", 12.3 MB / 45,678 rows scanned" for a running query, or "".
  std::string Scanned(const std::string& id) {
    Result<Json> statistics =
        client_.Call("GetQueryRuntimeStatistics", Json{{"QueryExecutionId", id}});
    if (!statistics.ok()) {
      return "";
    }
    const Json rows =
        statistics->value("QueryRuntimeStatistics", Json::object()).value("Rows", Json::object());
    const double megabytes = rows.value("InputBytes", 0.0) / (1024.0 * 1024.0);
    return Format(", {:.1f} MB / {} rows scanned", megabytes, rows.value("InputRows", 0));
  }

  Result<QueryOutput> Fetch(const std::string& id, const Json& execution) {
    QueryOutput output;
    std::string token;
    bool first_page = true;
    while (true) {
      Json input{{"QueryExecutionId", id}, {"MaxResults", kResultsPage}};
      if (!token.empty()) {
        input["NextToken"] = token;
      }
      STRATUS_ASSIGN_OR_RETURN(Json page, client_.Call("GetQueryResults", input));
      const Json result_set = page.value("ResultSet", Json::object());
      if (first_page) {
        for (const Json& column :
             result_set.value("ResultSetMetadata", Json::object()).value("ColumnInfo", Json())) {
          output.columns.push_back(column.value("Name", ""));
        }
      }
      for (const Json& row : result_set.value("Rows", Json::array())) {
        std::vector<std::optional<std::string>> values;
        for (const Json& datum : row.value("Data", Json::array())) {
          values.push_back(
              datum.contains("VarCharValue")
                  ? std::optional<std::string>(datum["VarCharValue"].get<std::string>())
                  : std::nullopt);
        }
        output.rows.push_back(std::move(values));
      }
      if (first_page && HasHeaderRow(execution, output)) {
        output.rows.erase(output.rows.begin());
      }
      first_page = false;
      token = page.value("NextToken", "");
      if (token.empty()) {
        return output;
      }
    }
  }

  // AWS: SELECT results (DML) start with a row of column names.
  static bool HasHeaderRow(const Json& execution, const QueryOutput& output) {
    if (output.rows.empty()) {
      return false;
    }
    if (execution.value("StatementType", "") == "DML") {
      return true;
    }
    std::vector<std::optional<std::string>> names(output.columns.begin(), output.columns.end());
    return execution.value("SubstatementType", "").find("EXPLAIN") != std::string::npos &&
           output.rows.front() == names;
  }

  // Follows `USE db` so later statements resolve there.
  void TrackDatabase(const std::string& sql, const Json& /*execution*/) {
    std::string_view text = sql;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
      text.remove_prefix(1);
    }
    if (text.size() > 4 && (text.substr(0, 4) == "USE " || text.substr(0, 4) == "use ")) {
      std::string name(text.substr(4));
      while (!name.empty() && (std::isspace(static_cast<unsigned char>(name.back())) != 0)) {
        name.pop_back();
      }
      options_.database = name;
    }
  }

  SqlOptions options_;
  AthenaClient client_;
  std::ostream& out_;
  std::ostream& err_;
};

// Turns a backslash command into SQL; nullopt for \q; "" for unknown ones.
std::optional<std::string> BackslashCommand(std::string_view line, std::ostream& err) {
  if (line == "\\q") {
    return std::nullopt;
  }
  if (line == "\\dt") {
    return "SHOW TABLES";
  }
  if (line == "\\l") {
    return "SHOW DATABASES";
  }
  if (line.starts_with("\\d ")) {
    return Format("DESCRIBE {}", line.substr(3));
  }
  err << "unknown command " << line << " (\\dt, \\d TABLE, \\l, \\q)\n";
  return std::string();
}

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return Format("{}/.stratus_sql_history", home == nullptr ? "." : home);
}

int Interactive(SqlSession& session, std::ostream& err) {
  const std::string history = HistoryPath();
  using_history();
  read_history(history.c_str());
  std::string buffer;
  while (true) {
    g_interrupted.store(false);
    char* line = readline(buffer.empty() ? "stratus> " : "      -> ");
    if (line == nullptr) {
      break;
    }
    std::string text(line);
    free(line);  // NOLINT(cppcoreguidelines-no-malloc): readline's allocation.
    if (buffer.empty() && text.starts_with("\\")) {
      add_history(text.c_str());
      std::optional<std::string> sql = BackslashCommand(text, err);
      if (!sql.has_value()) {
        break;
      }
      if (!sql->empty()) {
        session.Run(*sql);
      }
      continue;
    }
    buffer += buffer.empty() ? text : "\n" + text;
    std::string rest;
    std::vector<std::string> statements = SplitStatements(buffer, &rest);
    if (statements.empty()) {
      if (rest.empty()) {
        buffer.clear();
      }
      continue;
    }
    add_history(buffer.c_str());
    for (const std::string& statement : statements) {
      g_interrupted.store(false);
      session.Run(statement);
    }
    buffer = rest;
  }
  write_history(history.c_str());
  return 0;
}

}  // namespace

int RunSqlCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Result<SqlOptions> options = ParseOptions(args);
  if (!options.ok()) {
    if (!options.status().message().empty()) {
      err << "stratus sql: " << options.status().message() << "\n\n";
    }
    err << kSqlUsage;
    return 2;
  }
  struct sigaction action = {};
  action.sa_handler = &OnInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  const bool interactive = options->commands.empty();
  options->show_timing = interactive;
  SqlSession session(*std::move(options), out, err);
  if (interactive) {
    return Interactive(session, err);
  }
  bool ok = true;
  for (const std::string& command : session.options().commands) {
    std::string rest;
    std::vector<std::string> statements = SplitStatements(command, &rest);
    if (!rest.empty()) {
      statements.push_back(rest);
    }
    for (const std::string& statement : statements) {
      if (!session.Run(statement)) {
        ok = false;
        break;
      }
    }
  }
  return ok ? 0 : 1;
}

}  // namespace stratus::cli
