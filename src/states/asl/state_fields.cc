#include "states/asl/state_fields.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "base/format.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/intrinsic_expression.h"
#include "states/asl/io_processing.h"
#include "states/asl/json_type_name.h"

namespace stratus::states::asl {
namespace {

// AWS: a Wait may not end more than 2^31-1 seconds after it starts.
constexpr int64_t kMaxWaitSeconds = std::numeric_limits<int32_t>::max();

const Json& InputOf(const StateValues& values) {
  static const Json empty_object = Json::object();
  return values.input != nullptr ? *values.input : empty_object;
}

// Reads an integer from a number or a numeric string ("5"); nullopt otherwise.
std::optional<int64_t> AsInteger(const Json& value) {
  if (value.is_number_integer()) {
    return value.get<int64_t>();
  }
  if (value.is_number_float()) {
    const auto number = value.get<double>();
    if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) < 9e18) {
      return static_cast<int64_t>(number);
    }
    return std::nullopt;
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    int64_t parsed = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec == std::errc() && ptr == text.data() + text.size() && !text.empty()) {
      return parsed;
    }
  }
  return std::nullopt;
}

std::optional<double> AsFloat(const Json& value) {
  if (value.is_number()) {
    return value.get<double>();
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    char* end = nullptr;
    const double parsed = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size()) {
      return parsed;
    }
  }
  return std::nullopt;
}

Timestamp AddSeconds(Timestamp time, int64_t seconds) {
  time.seconds += seconds;
  return time;
}

Status CheckDelay(const Timestamp& deadline,
                  const Timestamp& now,
                  const EvaluationContext& context) {
  if (deadline.seconds - now.seconds > kMaxWaitSeconds) {
    return RuntimeError(context, "Wait state delay is too long.");
  }
  return Status::Ok();
}

Result<Json> ReadPath(const JsonPath& path,
                      const StateValues& values,
                      const EvaluationContext& context) {
  Result<Json> value = EvaluatePath(path, InputOf(values), context);
  if (!value.ok()) {
    return RuntimeError(context,
                        Format("Invalid path '{}' : {}", path.text(), value.status().message()));
  }
  return value;
}

Result<Timestamp> WaitUntilSeconds(const WaitState& state,
                                   const StateValues& values,
                                   Timestamp now,
                                   const EvaluationContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Json value, ReadPath(*state.seconds_path, values, context));
  const std::string shown = Format("{} == {}", state.seconds_path->text(), JsonForCause(value));
  const std::optional<int64_t> seconds = value.is_number() ? AsInteger(value) : std::nullopt;
  if (!seconds) {
    return RuntimeError(
        context, Format("The SecondsPath parameter cannot be parsed as a long value: {}", shown));
  }
  if (*seconds < 0) {
    return RuntimeError(context,
                        Format("The SecondsPath parameter references a negative value: {}", shown));
  }
  return AddSeconds(now, *seconds);
}

}  // namespace

Result<Timestamp> ResolveWaitDeadline(const WaitState& state,
                                      const StateValues& values,
                                      Timestamp now,
                                      const EvaluationContext& context) {
  Timestamp deadline = now;
  if (state.seconds) {
    deadline = AddSeconds(now, *state.seconds);
  } else if (state.timestamp) {
    deadline = *state.timestamp;
  } else if (state.seconds_path) {
    STRATUS_ASSIGN_OR_RETURN(deadline, WaitUntilSeconds(state, values, now, context));
  } else if (state.timestamp_path) {
    STRATUS_ASSIGN_OR_RETURN(Json value, ReadPath(*state.timestamp_path, values, context));
    std::optional<Timestamp> parsed =
        value.is_string() ? ParseTimestamp(value.get_ref<const std::string&>()) : std::nullopt;
    if (!parsed) {
      return RuntimeError(context,
                          Format("The TimestampPath parameter does not reference a valid ISO-8601 "
                                 "extended offset date-time format string: {} == {}",
                                 state.timestamp_path->text(), JsonForCause(value)));
    }
    deadline = *parsed;
  } else if (state.seconds_expression) {
    STRATUS_ASSIGN_OR_RETURN(Json value,
                             state.seconds_expression->Evaluate(values, context, "Seconds"));
    const std::optional<int64_t> seconds = value.is_number() ? AsInteger(value) : std::nullopt;
    if (!seconds || *seconds < 0) {
      return QueryEvaluationError(
          context, Format("The Seconds field must be a non-negative integer, but was: {}",
                          JsonForCause(value)));
    }
    deadline = AddSeconds(now, *seconds);
  } else if (state.timestamp_expression) {
    STRATUS_ASSIGN_OR_RETURN(Json value,
                             state.timestamp_expression->Evaluate(values, context, "Timestamp"));
    std::optional<Timestamp> parsed =
        value.is_string() ? ParseTimestamp(value.get_ref<const std::string&>()) : std::nullopt;
    if (!parsed) {
      return QueryEvaluationError(context,
                                  Format("The Timestamp field cannot be parsed as an ISO-8601 "
                                         "extended offset date-time format string: {}",
                                         JsonForCause(value)));
    }
    deadline = *parsed;
  }
  STRATUS_RETURN_IF_ERROR(CheckDelay(deadline, now, context));
  return deadline;
}

Result<Json> ResolveMapItems(const MapState& state,
                             const StateValues& values,
                             const EvaluationContext& context) {
  const Json& input = InputOf(values);
  if (state.query_language == QueryLanguage::kJsonata) {
    if (!state.items) {
      if (!input.is_array()) {
        return QueryEvaluationError(
            context, Format("Map state input must be an array but was: {}", DumpJson(input)));
      }
      return input;
    }
    STRATUS_ASSIGN_OR_RETURN(Json items, state.items->Evaluate(values, context, "Items"));
    if (!items.is_array()) {
      const std::string expression = state.items->expression().empty()
                                         ? DumpJson(state.items->source())
                                         : state.items->expression();
      return QueryEvaluationError(
          context, Format("The JSONata expression '{}' specified for the field 'Items' returned "
                          "an unexpected result type. Expected 'array', but was '{}' for value: {}",
                          expression, JsonTypeName(items), DumpJson(items)));
    }
    return items;
  }
  Json items;
  if (state.items_path.is_root_only() && state.items_path.root() == JsonPath::Root::kInput) {
    items = input;
  } else {
    STRATUS_ASSIGN_OR_RETURN(items, ReadPath(state.items_path, values, context));
  }
  if (!items.is_array()) {
    return RuntimeError(context,
                        Format("Map state input must be an array but was: {}", DumpJson(items)));
  }
  return items;
}

namespace {

// Resolves a Map DynamicNumber and checks that it parses; `kind` is
// "integer" or "float" as in AWS's causes.
Result<std::optional<Json>> ResolveMapNumber(const DynamicNumber& number,
                                             std::string_view field,
                                             std::string_view kind,
                                             const StateValues& values,
                                             const EvaluationContext& context) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<Json> value,
                           ResolveDynamicNumber(number, field, values, context));
  if (!value) {
    return value;
  }
  const bool valid =
      kind == "integer" ? AsInteger(*value).has_value() : AsFloat(*value).has_value();
  if (!valid) {
    if (number.path) {
      return RuntimeError(context,
                          Format("The {}Path field refers to value \"{}\" which is not a valid "
                                 "{}: {}",
                                 field, JsonForCause(*value), kind, number.path->text()));
    }
    return QueryEvaluationError(
        context, Format("The {} field refers to value \"{}\" which is not a valid {}", field,
                        JsonForCause(*value), kind));
  }
  return value;
}

Result<std::optional<int64_t>> ResolvePositiveSeconds(const DynamicNumber& number,
                                                      std::string_view field,
                                                      const StateValues& values,
                                                      const EvaluationContext& context) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<Json> value,
                           ResolveMapNumber(number, field, "integer", values, context));
  if (!value) {
    return std::optional<int64_t>();
  }
  const int64_t seconds = *AsInteger(*value);
  if (seconds <= 0) {
    return RuntimeError(context, Format("{} must be greater than 0.", field));
  }
  return std::optional<int64_t>(seconds);
}

}  // namespace

Result<int64_t> ResolveMaxConcurrency(const MapState& state,
                                      const StateValues& values,
                                      const EvaluationContext& context) {
  STRATUS_ASSIGN_OR_RETURN(
      std::optional<Json> value,
      ResolveMapNumber(state.max_concurrency, "MaxConcurrency", "integer", values, context));
  if (!value) {
    return int64_t{0};
  }
  const int64_t max_concurrency = *AsInteger(*value);
  if (max_concurrency < 0) {
    return RuntimeError(context, "MaxConcurrency cannot be negative.");
  }
  return max_concurrency;
}

Result<std::optional<int64_t>> ResolveReaderMaxItems(const MapState& state,
                                                     const StateValues& values,
                                                     const EvaluationContext& context) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<Json> value,
                           ResolveMapNumber(state.item_reader->reader.max_items, "MaxItems",
                                            "integer", values, context));
  if (!value) {
    return std::optional<int64_t>();
  }
  return std::optional<int64_t>(*AsInteger(*value));
}

Result<std::optional<int64_t>> ResolveToleratedFailureCount(const MapState& state,
                                                            const StateValues& values,
                                                            const EvaluationContext& context) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<Json> value,
                           ResolveMapNumber(state.tolerated_failure_count, "ToleratedFailureCount",
                                            "integer", values, context));
  if (!value) {
    return std::optional<int64_t>();
  }
  const int64_t count = *AsInteger(*value);
  if (count < 0) {
    return RuntimeError(context, "ToleratedFailureCount cannot be negative.");
  }
  return std::optional<int64_t>(count);
}

Result<std::optional<double>> ResolveToleratedFailurePercentage(const MapState& state,
                                                                const StateValues& values,
                                                                const EvaluationContext& context) {
  STRATUS_ASSIGN_OR_RETURN(
      std::optional<Json> value,
      ResolveMapNumber(state.tolerated_failure_percentage, "ToleratedFailurePercentage", "float",
                       values, context));
  if (!value) {
    return std::optional<double>();
  }
  const double percentage = *AsFloat(*value);
  if (percentage < 0 || percentage > 100) {
    return RuntimeError(context, "ToleratedFailurePercentage must be between 0 and 100.");
  }
  return std::optional<double>(percentage);
}

Result<std::optional<int64_t>> ResolveTimeoutSeconds(const TaskState& state,
                                                     const StateValues& values,
                                                     const EvaluationContext& context) {
  return ResolvePositiveSeconds(state.timeout_seconds, "TimeoutSeconds", values, context);
}

Result<std::optional<int64_t>> ResolveHeartbeatSeconds(const TaskState& state,
                                                       const StateValues& values,
                                                       const EvaluationContext& context) {
  return ResolvePositiveSeconds(state.heartbeat_seconds, "HeartbeatSeconds", values, context);
}

namespace {

Result<std::string> ResolveFailSource(const FailSource& source,
                                      std::string_view field,
                                      const StateValues& values,
                                      const EvaluationContext& context) {
  const Json& input = InputOf(values);
  Result<Json> value = source.intrinsic ? source.intrinsic->Evaluate(input, context)
                                        : EvaluatePath(*source.path, input, context);
  if (!value.ok()) {
    if (!value.status().aws_type().empty()) {
      return value.status();
    }
    return RuntimeError(context, Format("The JSONPath '{}' specified for the field '{}' could not "
                                        "be found in the input '{}'",
                                        source.text, field, DumpJson(input)));
  }
  return JsonForCause(*value);
}

Result<std::string> ResolveFailExpression(const JsonataTemplate& expression,
                                          std::string_view field,
                                          const StateValues& values,
                                          const EvaluationContext& context) {
  STRATUS_ASSIGN_OR_RETURN(Json value, expression.Evaluate(values, context, field));
  return JsonForCause(value);
}

}  // namespace

Result<FailOutcome> ResolveFail(const FailState& state,
                                const StateValues& values,
                                const EvaluationContext& context) {
  FailOutcome outcome;
  if (state.error) {
    outcome.error = *state.error;
  } else if (state.error_path) {
    STRATUS_ASSIGN_OR_RETURN(outcome.error,
                             ResolveFailSource(*state.error_path, "ErrorPath", values, context));
  } else if (state.error_expression) {
    STRATUS_ASSIGN_OR_RETURN(
        outcome.error, ResolveFailExpression(*state.error_expression, "Error", values, context));
  }
  if (state.cause) {
    outcome.cause = *state.cause;
  } else if (state.cause_path) {
    STRATUS_ASSIGN_OR_RETURN(outcome.cause,
                             ResolveFailSource(*state.cause_path, "CausePath", values, context));
  } else if (state.cause_expression) {
    STRATUS_ASSIGN_OR_RETURN(
        outcome.cause, ResolveFailExpression(*state.cause_expression, "Cause", values, context));
  }
  return outcome;
}

}  // namespace stratus::states::asl
