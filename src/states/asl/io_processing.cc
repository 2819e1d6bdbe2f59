#include "states/asl/io_processing.h"

#include "base/format.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"

namespace stratus::states::asl {
namespace {

// InputPath and OutputPath: "$" passes through, null gives {}.
Result<Json> SelectPath(const std::optional<JsonPath>& path,
                        Json value,
                        const EvaluationContext& context) {
  if (!path) {
    return Json::object();
  }
  if (path->is_root_only() && path->root() == JsonPath::Root::kInput) {
    return value;
  }
  Result<Json> selected = EvaluatePath(*path, value, context);
  if (!selected.ok()) {
    // AWS: "Invalid path '$.x' : No results for path: $['x']".
    return RuntimeError(
        context, Format("Invalid path '{}' : {}", path->text(), selected.status().message()));
  }
  return selected;
}

}  // namespace

Result<Json> ApplyInputPath(const State& state, Json raw_input, const EvaluationContext& context) {
  return SelectPath(state.input_path, std::move(raw_input), context);
}

Result<Json> ApplyParameters(const State& state,
                             Json effective_input,
                             const EvaluationContext& context) {
  if (!state.parameters) {
    return effective_input;
  }
  return state.parameters->Evaluate(effective_input, context);
}

Result<Json> ApplyResultSelector(const State& state,
                                 Json raw_result,
                                 const EvaluationContext& context) {
  if (!state.result_selector) {
    return raw_result;
  }
  return state.result_selector->Evaluate(raw_result, context);
}

Result<Json> ApplyResultPath(const State& state,
                             Json raw_input,
                             Json result,
                             const EvaluationContext& context) {
  return ApplyResultPath(state.result_path, std::move(raw_input), std::move(result), context);
}

Result<Json> ApplyResultPath(const std::optional<JsonPath>& result_path,
                             Json raw_input,
                             Json result,
                             const EvaluationContext& /*context*/) {
  if (!result_path) {
    return raw_input;
  }
  if (result_path->is_root_only()) {
    return result;
  }
  Status status = result_path->Assign(&raw_input, std::move(result));
  if (!status.ok()) {
    return StatesError(kErrorResultPathMatchFailure, status.message());
  }
  return raw_input;
}

Result<Json> ApplyOutputPath(const State& state, Json output, const EvaluationContext& context) {
  return SelectPath(state.output_path, std::move(output), context);
}

Result<Json> PassResult(const PassState& state,
                        Json effective_input,
                        const EvaluationContext& /*context*/) {
  if (state.result) {
    return *state.result;
  }
  return effective_input;
}

Result<Json> ApplyItemSelector(const MapState& state,
                               const Json& effective_input,
                               Json item,
                               const EvaluationContext& context) {
  if (state.item_selector) {
    return state.item_selector->Evaluate(effective_input, context);
  }
  if (state.item_selector_jsonata) {
    const StateValues values{.input = &effective_input};
    return state.item_selector_jsonata->Evaluate(values, context, "ItemSelector");
  }
  return item;
}

Result<Json> EvaluateArguments(const State& state,
                               const StateValues& values,
                               const EvaluationContext& context) {
  if (!state.arguments) {
    return values.input != nullptr ? *values.input : Json::object();
  }
  return state.arguments->Evaluate(values, context, "Arguments");
}

Result<Json> EvaluateOutput(const std::optional<JsonataTemplate>& output,
                            const StateValues& values,
                            const EvaluationContext& context) {
  if (!output) {
    if (values.result != nullptr) {
      return *values.result;
    }
    return values.input != nullptr ? *values.input : Json::object();
  }
  return output->Evaluate(values, context, "Output");
}

Result<Json> ProcessAssign(const std::optional<AssignBlock>& assign,
                           const StateValues& values,
                           const EvaluationContext& context) {
  if (!assign) {
    return Json::object();
  }
  return assign->Evaluate(values, context);
}

Result<std::optional<Json>> ResolveDynamicNumber(const DynamicNumber& number,
                                                 std::string_view field,
                                                 const StateValues& values,
                                                 const EvaluationContext& context) {
  if (number.value) {
    return std::optional<Json>(*number.value);
  }
  if (number.path) {
    static const Json empty_object = Json::object();
    const Json& input = values.input != nullptr ? *values.input : empty_object;
    Result<Json> value = EvaluatePath(*number.path, input, context);
    if (!value.ok()) {
      return RuntimeError(
          context, Format("Invalid path '{}' : {}", number.path->text(), value.status().message()));
    }
    return std::optional<Json>(std::move(value).value());
  }
  if (number.expression) {
    STRATUS_ASSIGN_OR_RETURN(Json value, number.expression->Evaluate(values, context, field));
    return std::optional<Json>(std::move(value));
  }
  return std::optional<Json>();
}

Json ErrorOutput(std::string_view error, std::string_view cause) {
  return Json{{"Error", error}, {"Cause", cause}};
}

}  // namespace stratus::states::asl
