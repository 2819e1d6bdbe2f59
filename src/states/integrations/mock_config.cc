#include "states/integrations/mock_config.h"

#include <charconv>

#include "base/file_contents.h"
#include "base/format.h"

namespace stratus::states::integrations {
namespace {

bool ParseIndex(std::string_view text, int64_t* out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size() && *out >= 0;
}

Result<MockedResponse> ParseResponse(std::string_view name, const Json& body) {
  MockedResponse response;
  if (!body.is_object()) {
    return Status::InvalidArgument(Format("mocked response {} must be an object", name));
  }
  if (auto it = body.find("Return"); it != body.end()) {
    response.returned = *it;
  } else if (auto thrown = body.find("Throw"); thrown != body.end() && thrown->is_object()) {
    response.error = thrown->value("Error", "");
    response.cause = thrown->value("Cause", "");
  } else {
    return Status::InvalidArgument(
        Format("mocked response {} needs \"Return\" or \"Throw\"", name));
  }
  return response;
}

}  // namespace

Result<MockConfig> MockConfig::Parse(const Json& document) {
  MockConfig config;
  if (!document.is_object()) {
    return Status::InvalidArgument("a mock configuration must be a JSON object");
  }
  // Each temporary is named: a range-for over `temporary.items()` would dangle.
  const Json machines = document.value("StateMachines", Json::object());
  for (const auto& [machine, body] : machines.items()) {
    const Json test_cases = body.is_object() ? body.value("TestCases", Json::object()) : Json();
    for (const auto& [test_case, states] : test_cases.items()) {
      for (const auto& [state, response] : states.items()) {
        if (!response.is_string()) {
          return Status::InvalidArgument(Format(
              "test case {}.{}: state {} must name a mocked response", machine, test_case, state));
        }
        config.machines_[machine][test_case][state] = response.get<std::string>();
      }
    }
  }
  const Json responses = document.value("MockedResponses", Json::object());
  for (const auto& [name, entries] : responses.items()) {
    std::vector<Range>& ranges = config.responses_[name];
    for (const auto& [key, body] : entries.items()) {
      Range range;
      const size_t dash = key.find('-');
      const std::string_view first = std::string_view(key).substr(0, dash);
      const std::string_view last =
          dash == std::string::npos ? first : std::string_view(key).substr(dash + 1);
      if (!ParseIndex(first, &range.first) || !ParseIndex(last, &range.last) ||
          range.last < range.first) {
        return Status::InvalidArgument(
            Format("mocked response {}: invalid invocation key '{}'", name, key));
      }
      STRATUS_ASSIGN_OR_RETURN(range.response, ParseResponse(name, body));
      ranges.push_back(std::move(range));
    }
  }
  return config;
}

Result<MockConfig> MockConfig::Load(const std::string& path) {
  STRATUS_ASSIGN_OR_RETURN(std::string text, ReadFileContents(path, "mock configuration"));
  STRATUS_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  return Parse(document);
}

bool MockConfig::HasTestCase(std::string_view machine_name, std::string_view test_case) const {
  auto machine = machines_.find(machine_name);
  return machine != machines_.end() && machine->second.find(test_case) != machine->second.end();
}

std::optional<MockedResponse> MockConfig::Find(std::string_view machine_name,
                                               std::string_view test_case,
                                               std::string_view state_name,
                                               int64_t invocation) const {
  auto machine = machines_.find(machine_name);
  if (machine == machines_.end()) {
    return std::nullopt;
  }
  auto states = machine->second.find(test_case);
  if (states == machine->second.end()) {
    return std::nullopt;
  }
  auto response_name = states->second.find(state_name);
  if (response_name == states->second.end()) {
    return std::nullopt;
  }
  auto ranges = responses_.find(response_name->second);
  if (ranges == responses_.end() || ranges->second.empty()) {
    return std::nullopt;
  }
  const Range* highest = &ranges->second.front();
  for (const Range& range : ranges->second) {
    if (invocation >= range.first && invocation <= range.last) {
      return range.response;
    }
    if (range.last > highest->last) {
      highest = &range;
    }
  }
  return highest->response;
}

MockingTaskRunner::MockingTaskRunner(std::shared_ptr<const MockConfig> config, TaskRunner& next)
    : config_(std::move(config)), next_(next) {}

void MockingTaskRunner::Run(const TaskOrigin& origin,
                            const interpreter::RunTask& task,
                            std::shared_ptr<TaskCallbacks> callbacks) {
  // A mock answers Task states; a Map's ItemReader and ResultWriter read
  // and write S3 as they would without one.
  if (config_ == nullptr || origin.test_case.empty() ||
      task.kind != interpreter::TaskKind::kState) {
    next_.Run(origin, task, std::move(callbacks));
    return;
  }
  int64_t invocation = 0;
  {
    std::lock_guard lock(mu_);
    invocation = invocations_[origin.execution_arn + "\n" + task.state_name]++;
  }
  std::optional<MockedResponse> mocked =
      config_->Find(origin.state_machine_name, origin.test_case, task.state_name, invocation);
  if (!mocked.has_value()) {
    next_.Run(origin, task, std::move(callbacks));
    return;
  }
  if (!mocked->returned.has_value()) {
    callbacks->failed(mocked->error, mocked->cause);
    return;
  }
  if (task.pattern != interpreter::IntegrationPattern::kRequestResponse) {
    callbacks->submitted(Json::object());
  }
  callbacks->succeeded(*mocked->returned);
}

void MockingTaskRunner::Resume(const TaskOrigin& origin,
                               const interpreter::RunTask& task,
                               const Json& submitted_output,
                               std::shared_ptr<TaskCallbacks> callbacks) {
  next_.Resume(origin, task, submitted_output, std::move(callbacks));
}

}  // namespace stratus::states::integrations
