#include "states/api/execution_record.h"

#include <charconv>

namespace stratus::states::api {

Json ExecutionOptions::ToJson() const {
  Json json = Json::object();
  if (time_scale.has_value()) {
    json["time_scale"] = *time_scale;
  }
  if (!test_case.empty()) {
    json["test_case"] = test_case;
  }
  if (!host.empty()) {
    json["host"] = host;
  }
  return json;
}

ExecutionOptions ExecutionOptions::FromJson(const Json& json) {
  ExecutionOptions options;
  if (json.is_object()) {
    if (auto it = json.find("time_scale"); it != json.end() && it->is_number()) {
      options.time_scale = it->get<double>();
    }
    options.test_case = json.value("test_case", std::string());
    options.host = json.value("host", std::string());
  }
  return options;
}

Json HostState::ToJson() const {
  Json json = Json::object();
  if (clock_skew_millis != 0) {
    json["skew"] = clock_skew_millis;
  }
  if (!submitted.empty()) {
    Json tasks = Json::object();
    for (const auto& [task_id, output] : submitted) {
      tasks[std::to_string(task_id)] = output;
    }
    json["submitted"] = std::move(tasks);
  }
  return json;
}

HostState HostState::FromJson(const Json& json) {
  HostState state;
  if (!json.is_object()) {
    return state;
  }
  state.clock_skew_millis = json.value("skew", int64_t{0});
  if (auto it = json.find("submitted"); it != json.end() && it->is_object()) {
    for (const auto& [key, output] : it->items()) {
      int64_t task_id = 0;
      const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), task_id);
      if (error == std::errc() && end == key.data() + key.size()) {
        state.submitted[task_id] = output;
      }
    }
  }
  return state;
}

}  // namespace stratus::states::api
