#include <chrono>
#include <string>
#include <string_view>

#include "base/format.h"
#include "states/interpreter/execution_run_internal.h"

namespace stratus::states::interpreter {

namespace {

// Writes `value` as exactly `width` decimal digits ending before `end`.
void WriteDigits(char* end, int64_t value, int width) {
  for (int i = 0; i < width; ++i) {
    *--end = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

// Hand-rolled (no fmt, no gmtime_r): every state entered formats one.
std::string FormatContextTime(Clock::TimePoint time) {
  using std::chrono::days;
  using std::chrono::milliseconds;
  const auto millis = std::chrono::floor<milliseconds>(time.time_since_epoch());
  const auto day = std::chrono::floor<days>(millis);
  const std::chrono::year_month_day date{std::chrono::sys_days(day)};
  const int64_t in_day = (millis - day).count();
  const int year = static_cast<int>(date.year());
  if (year < 0 || year > 9999) {
    return Format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", year,
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  in_day / 3'600'000, in_day / 60'000 % 60, in_day / 1000 % 60, in_day % 1000);
  }
  std::string text = "0000-00-00T00:00:00.000Z";
  WriteDigits(text.data() + 4, year, 4);
  WriteDigits(text.data() + 7, static_cast<unsigned>(date.month()), 2);
  WriteDigits(text.data() + 10, static_cast<unsigned>(date.day()), 2);
  WriteDigits(text.data() + 13, in_day / 3'600'000, 2);
  WriteDigits(text.data() + 16, in_day / 60'000 % 60, 2);
  WriteDigits(text.data() + 19, in_day / 1000 % 60, 2);
  WriteDigits(text.data() + 23, in_day % 1000, 3);
  return text;
}

void BuildContextObject(ExecutionRun& run) {
  run.context_object = Json::object();
  SetExecutionContext(run, nullptr);
}

void SetExecutionContext(ExecutionRun& run, const Frame* owner) {
  Json execution = Json::object();
  Json machine = Json::object();
  if (owner == nullptr) {
    execution["Id"] = run.context.execution_arn;
    execution["Input"] = run.input;
    execution["Name"] = run.context.execution_name;
    execution["RoleArn"] = run.context.role_arn;
    execution["StartTime"] = FormatContextTime(run.context.start_time);
    if (run.context.type == ExecutionType::kStandard) {
      // AWS: EXPRESS executions cannot be redriven and have no RedriveCount.
      execution["RedriveCount"] = run.redrive_count;
    }
    machine["Id"] = run.context.state_machine_arn;
    machine["Name"] = run.context.state_machine_name;
    run.context_child.clear();
  } else {
    // A child execution of a Map Run: its own ARN, name, input and start,
    // and the Map Run's child state machine ("machine/label").
    const std::string& map_run_arn = owner->parent->map->map_run_arn;
    execution["Id"] = MapRunChildExecutionArn(map_run_arn, owner->child_name);
    execution["Input"] = owner->child_input;
    execution["Name"] = owner->child_name;
    execution["RoleArn"] = run.context.role_arn;
    execution["StartTime"] = FormatContextTime(owner->child_start_time);
    execution["RedriveCount"] = owner->child_redrive_count;
    std::string machine_arn = MapRunStateMachineArn(map_run_arn);
    const size_t name = machine_arn.find(":stateMachine:");
    machine["Name"] = name == std::string::npos
                          ? std::string()
                          : machine_arn.substr(name + std::string_view(":stateMachine:").size());
    machine["Id"] = std::move(machine_arn);
    run.context_child = owner->child_name;
  }
  run.context_object["Execution"] = std::move(execution);
  run.context_object["StateMachine"] = std::move(machine);
}

}  // namespace stratus::states::interpreter
