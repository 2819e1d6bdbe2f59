#include "states/api/run_definition_from_file.h"

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <ostream>

#include "aws/operation_table.h"
#include "base/clock.h"
#include "base/file_contents.h"
#include "base/format.h"
#include "base/log.h"
#include "base/random.h"
#include "states/api/execution_engine.h"
#include "states/api/history_printer.h"
#include "states/api/states_service.h"

namespace stratus::states::api {
namespace {

struct RunOptions {
  std::string path = {};
  std::string input = "{}";
  double time_scale = 1.0;
  StateMachineType type = StateMachineType::kStandard;
  std::string mock_config = {};
  std::string test_case = {};
  std::string name = {};
  bool quiet = false;
};

// "etl.asl.json" → "etl": the name a mock configuration addresses by default.
std::string NameFromPath(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  for (std::string_view suffix : {".json", ".asl"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      name.resize(name.size() - suffix.size());
    }
  }
  return name;
}

Result<RunOptions> ParseArguments(std::span<const std::string> args) {
  RunOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    const bool has_value = i + 1 < args.size();
    if (word == "--quiet") {
      options.quiet = true;
    } else if (!word.starts_with("--")) {
      if (!options.path.empty()) {
        return Status::InvalidArgument(Format("unexpected argument '{}'", word));
      }
      options.path = word;
    } else if (!has_value) {
      return Status::InvalidArgument(Format("option {} needs a value", word));
    } else if (word == "--input") {
      options.input = args[++i];
    } else if (word == "--input-file") {
      STRATUS_ASSIGN_OR_RETURN(options.input, ReadFileContents(args[++i], "input"));
    } else if (word == "--time-scale") {
      char* end = nullptr;
      options.time_scale = std::strtod(args[++i].c_str(), &end);
      if (options.time_scale <= 0) {
        return Status::InvalidArgument("--time-scale must be a positive number");
      }
    } else if (word == "--type") {
      std::optional<StateMachineType> type = ParseStateMachineType(args[++i]);
      if (!type.has_value()) {
        return Status::InvalidArgument("--type must be STANDARD or EXPRESS");
      }
      options.type = *type;
    } else if (word == "--mock-config") {
      options.mock_config = args[++i];
    } else if (word == "--test-case") {
      options.test_case = args[++i];
    } else if (word == "--name") {
      options.name = args[++i];
    } else {
      return Status::InvalidArgument(Format("unknown option '{}'", word));
    }
  }
  if (options.path.empty()) {
    return Status::InvalidArgument(
        "usage: sfn run FILE [--input JSON] [--time-scale X] "
        "[--type STANDARD|EXPRESS] [--name MACHINE] [--mock-config FILE --test-case NAME]");
  }
  if (options.name.empty()) {
    options.name = NameFromPath(options.path);
  }
  if (Result<Json> input = ParseJson(options.input); !input.ok()) {
    return Status::InvalidArgument(Format("--input is not JSON: {}", input.status().message()));
  }
  return options;
}

// A scratch data dir, removed when the run ends.
class ScratchDir {
 public:
  explicit ScratchDir(IdGenerator& ids)
      : path_(std::filesystem::temp_directory_path() / ("stratus-sfn-run-" + ids.Hex(6))) {
    std::filesystem::create_directories(path_);
  }

  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

void PrintResult(const ExecutionResult& result, std::ostream& out) {
  out << "\n"
      << interpreter::ExecutionStatusName(result.status) << " in "
      << (result.stop_millis - result.start_millis) << " ms\n";
  if (result.output.has_value()) {
    out << "output: " << *result.output << "\n";
  }
  if (result.error.has_value()) {
    out << "error: " << *result.error << "\n";
  }
  if (result.cause.has_value()) {
    out << "cause: " << *result.cause << "\n";
  }
}

int Run(const RunOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::string> definition = ReadFileContents(options.path, "definition");
  if (!definition.ok()) {
    err << "sfn run: " << definition.status().message() << "\n";
    return 2;
  }
  SystemClock clock;
  IdGenerator ids;
  ScratchDir scratch(ids);
  Result<std::unique_ptr<StatesService>> service =
      OpenStatesService(StatesServiceOptions{.data_dir = scratch.path(),
                                             .time_scale = options.time_scale,
                                             .mock_config_path = options.mock_config,
                                             .fsync = false,
                                             .standalone = true},
                        clock, ids);
  if (!service.ok()) {
    err << "sfn run: " << service.status().message() << "\n";
    return 2;
  }
  aws::OperationTable table;
  RegisterStatesOperations(table, **service);
  (*service)->BindOperations(table);
  (*service)->Start();
  Result<std::shared_ptr<const asl::StateMachine>> machine =
      (*service)->ParseDefinition(*definition, options.type);
  if (!machine.ok()) {
    err << "sfn run: " << machine.status().message() << "\n";
    return 2;
  }
  const std::string& name = options.name;
  auto revision = std::make_shared<Revision>();
  revision->id = ids.Uuid();
  revision->definition = *definition;
  revision->type = options.type;
  revision->machine = std::move(machine).value();
  HistoryPrinter printer(out);
  StartRequest request;
  request.revision = revision;
  request.input = options.input;
  request.options.test_case = options.test_case;
  request.context.execution_name = ids.Uuid();
  request.context.state_machine_name = name;
  request.context.state_machine_arn =
      Format("arn:aws:states:us-east-1:000000000000:stateMachine:{}", name);
  request.context.execution_arn = Format("arn:aws:states:us-east-1:000000000000:express:{}:{}:{}",
                                         name, request.context.execution_name, ids.Uuid());
  request.context.role_arn = "arn:aws:iam::000000000000:role/stratus-sfn-run";
  request.context.record_history = true;
  if (!options.quiet) {
    request.observer = [&printer](const std::vector<interpreter::HistoryEvent>& events) {
      printer.Print(events);
    };
  }
  std::mutex mu;
  std::condition_variable ended;
  std::optional<ExecutionResult> result;
  (*service)->engine().StartExpress(std::move(request), [&](const ExecutionResult& finished) {
    std::lock_guard lock(mu);
    result = finished;
    ended.notify_all();
  });
  {
    std::unique_lock lock(mu);
    ended.wait(lock, [&] { return result.has_value(); });
  }
  PrintResult(*result, out);
  (*service)->Stop();
  return result->status == ExecutionStatus::kSucceeded ? 0 : 1;
}

}  // namespace

int RunDefinitionFromFile(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  // The trace is the output; service start-up logs would only interleave with it.
  SetLogLevel(LogLevel::kWarn);
  Result<RunOptions> options = ParseArguments(args);
  if (!options.ok()) {
    err << "sfn run: " << options.status().message() << "\n";
    return 2;
  }
  return Run(*options, out, err);
}

}  // namespace stratus::states::api
