#include <chrono>
#include <ctime>

#include "base/format.h"
#include "states/interpreter/execution_run_internal.h"

namespace stratus::states::interpreter {

std::string FormatContextTime(Clock::TimePoint time) {
  const int64_t millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  const int64_t seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000;
  const int64_t fraction = millis - seconds * 1000;
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return Format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, fraction);
}

void BuildContextObject(ExecutionRun& run) {
  Json execution = Json::object();
  execution["Id"] = run.context.execution_arn;
  execution["Input"] = run.input;
  execution["Name"] = run.context.execution_name;
  execution["RoleArn"] = run.context.role_arn;
  execution["StartTime"] = FormatContextTime(run.context.start_time);
  if (run.context.type == ExecutionType::kStandard) {
    // AWS: EXPRESS executions cannot be redriven and have no RedriveCount.
    execution["RedriveCount"] = run.redrive_count;
  }
  Json machine = Json::object();
  machine["Id"] = run.context.state_machine_arn;
  machine["Name"] = run.context.state_machine_name;
  run.context_object = Json::object();
  run.context_object["Execution"] = std::move(execution);
  run.context_object["StateMachine"] = std::move(machine);
}

}  // namespace stratus::states::interpreter
