#include "states/asl/state_machine.h"

namespace stratus::states::asl {

std::string_view StateTypeName(StateType type) {
  switch (type) {
    case StateType::kTask:
      return "Task";
    case StateType::kPass:
      return "Pass";
    case StateType::kChoice:
      return "Choice";
    case StateType::kWait:
      return "Wait";
    case StateType::kSucceed:
      return "Succeed";
    case StateType::kFail:
      return "Fail";
    case StateType::kParallel:
      return "Parallel";
    case StateType::kMap:
      return "Map";
  }
  return "";
}

const State* StateGraph::Find(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

State* StateGraph::Add(std::unique_ptr<State> state) {
  State* raw = state.get();
  states.push_back(std::move(state));
  // The key views the state's own name, which lives as long as the state.
  by_name_.emplace(raw->name, raw);
  return raw;
}

}  // namespace stratus::states::asl
