#include "states/api/state_machine_records.h"

namespace stratus::states::api {

std::string_view StateMachineTypeName(StateMachineType type) {
  return type == StateMachineType::kExpress ? "EXPRESS" : "STANDARD";
}

std::optional<StateMachineType> ParseStateMachineType(std::string_view text) {
  if (text == "STANDARD") {
    return StateMachineType::kStandard;
  }
  if (text == "EXPRESS") {
    return StateMachineType::kExpress;
  }
  return std::nullopt;
}

}  // namespace stratus::states::api
