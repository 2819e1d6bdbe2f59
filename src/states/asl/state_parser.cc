// DefinitionParser: one state's common fields, transitions, Retry/Catch and
// the Task, Pass, Wait and Fail specifics.

#include <algorithm>

#include "base/format.h"
#include "states/asl/definition_parser_internal.h"
#include "states/asl/errors.h"
#include "states/asl/integration_catalog.h"

namespace stratus::states::asl {
namespace {

// AWS: the upper bound of the integer fields of Task, Wait and Retry.
// AWS: TimeoutSeconds, HeartbeatSeconds, Wait Seconds, Retry IntervalSeconds
// and MaxAttempts are at most 99999999 (recorded for Wait Seconds: "Maximum
// value is 99999999"); MaxDelaySeconds at most 31622401.
constexpr double kMaxSeconds = 99999999;
constexpr int64_t kMaxIntegerSeconds = 99999999;
constexpr int64_t kMaxAttempts = 99999999;
constexpr int64_t kMaxDelaySeconds = 31622401;

struct FieldSets {
  std::vector<std::string_view> common = {};
  std::vector<std::string_view> json_path = {};
  std::vector<std::string_view> jsonata = {};
};

bool HasTransition(StateType type) {
  return type == StateType::kTask || type == StateType::kPass || type == StateType::kWait ||
         type == StateType::kParallel || type == StateType::kMap;
}

bool HasErrorHandling(StateType type) {
  return type == StateType::kTask || type == StateType::kParallel || type == StateType::kMap;
}

FieldSets FieldsFor(StateType type) {
  FieldSets fields;
  fields.common = {"Type", "Comment", "QueryLanguage"};
  if (type != StateType::kSucceed && type != StateType::kFail) {
    fields.common.emplace_back("Assign");
  }
  if (type != StateType::kFail) {
    fields.json_path = {"InputPath", "OutputPath"};
    fields.jsonata = {"Output"};
  }
  if (HasTransition(type)) {
    fields.common.insert(fields.common.end(), {"Next", "End"});
  }
  if (HasErrorHandling(type)) {
    fields.common.insert(fields.common.end(), {"Retry", "Catch"});
    fields.json_path.insert(fields.json_path.end(), {"ResultSelector", "ResultPath"});
  }
  if (type == StateType::kTask || type == StateType::kPass || type == StateType::kParallel ||
      type == StateType::kMap) {
    fields.json_path.emplace_back("Parameters");
  }
  if (type == StateType::kPass) {
    fields.json_path.insert(fields.json_path.end(), {"Result", "ResultPath"});
  }
  if (type == StateType::kTask || type == StateType::kParallel) {
    fields.jsonata.emplace_back("Arguments");
  }
  switch (type) {
    case StateType::kTask:
      fields.common.insert(fields.common.end(),
                           {"Resource", "TimeoutSeconds", "HeartbeatSeconds", "Credentials"});
      fields.json_path.insert(fields.json_path.end(),
                              {"TimeoutSecondsPath", "HeartbeatSecondsPath"});
      break;
    case StateType::kChoice:
      fields.common.insert(fields.common.end(), {"Choices", "Default"});
      break;
    case StateType::kWait:
      fields.common.insert(fields.common.end(), {"Seconds", "Timestamp"});
      fields.json_path.insert(fields.json_path.end(), {"SecondsPath", "TimestampPath"});
      break;
    case StateType::kFail:
      fields.common.insert(fields.common.end(), {"Error", "Cause"});
      fields.json_path.insert(fields.json_path.end(), {"ErrorPath", "CausePath"});
      break;
    case StateType::kParallel:
      fields.common.emplace_back("Branches");
      break;
    case StateType::kMap:
      fields.common.insert(fields.common.end(),
                           {"ItemProcessor", "Iterator", "ItemReader", "ItemBatcher",
                            "ResultWriter", "Label", "MaxConcurrency", "ToleratedFailureCount",
                            "ToleratedFailurePercentage", "ItemSelector"});
      fields.json_path.insert(fields.json_path.end(),
                              {"ItemsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath",
                               "ToleratedFailurePercentagePath"});
      fields.jsonata.emplace_back("Items");
      break;
    default:
      break;
  }
  return fields;
}

std::optional<StateType> ParseStateType(std::string_view name) {
  static constexpr std::pair<std::string_view, StateType> kTypes[] = {
      {"Task", StateType::kTask},         {"Pass", StateType::kPass},
      {"Choice", StateType::kChoice},     {"Wait", StateType::kWait},
      {"Succeed", StateType::kSucceed},   {"Fail", StateType::kFail},
      {"Parallel", StateType::kParallel}, {"Map", StateType::kMap},
  };
  for (const auto& [text, type] : kTypes) {
    if (text == name) {
      return type;
    }
  }
  return std::nullopt;
}

std::unique_ptr<State> MakeState(StateType type) {
  switch (type) {
    case StateType::kTask:
      return std::make_unique<TaskState>();
    case StateType::kPass:
      return std::make_unique<PassState>();
    case StateType::kChoice:
      return std::make_unique<ChoiceState>();
    case StateType::kWait:
      return std::make_unique<WaitState>();
    case StateType::kSucceed:
      return std::make_unique<SucceedState>();
    case StateType::kFail:
      return std::make_unique<FailState>();
    case StateType::kParallel:
      return std::make_unique<ParallelState>();
    case StateType::kMap:
      return std::make_unique<MapState>();
  }
  return nullptr;
}

bool Contains(const std::vector<std::string_view>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::unique_ptr<State> DefinitionParser::ParseState(const std::string& name,
                                                    const Json& value,
                                                    const std::string& location,
                                                    QueryLanguage graph_language) {
  if (!value.is_object()) {
    SchemaError("A state must be an object", location);
    return nullptr;
  }
  auto type_text = GetString(value, "Type", location);
  if (!value.contains("Type")) {
    CheckRequired(value, {"Type"}, location);
    return nullptr;
  }
  std::optional<StateType> type = type_text ? ParseStateType(*type_text) : std::nullopt;
  if (!type) {
    if (type_text) {
      // AWS (recorded, LocalStack test_test_state_machine_scenarios): "The field
      // 'Type' should have one of these values: [...] at /States/X/Type".
      SchemaError(
          "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, "
          "Choice, Parallel, Map]",
          Child(location, "Type"));
    }
    return nullptr;
  }
  QueryLanguage language = graph_language;
  bool downgraded = false;
  if (auto text = GetString(value, "QueryLanguage", location)) {
    if (*text == "JSONata") {
      language = QueryLanguage::kJsonata;
    } else if (*text == "JSONPath") {
      language = QueryLanguage::kJsonPath;
      if (machine_language_ == QueryLanguage::kJsonata) {
        // AWS (recorded, LocalStack test_sfn_api_validation): at the state, and
        // (measured, floci-io/floci#2968) instead of the field-set check.
        SchemaError(
            "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state "
            "machine",
            location);
        downgraded = true;
      }
    } else {
      SchemaError(std::string(kQueryLanguageValues), Child(location, "QueryLanguage"));
    }
  }
  // Unknown fields, and fields of the other query language.
  const FieldSets fields = FieldsFor(*type);
  const auto& own = language == QueryLanguage::kJsonPath ? fields.json_path : fields.jsonata;
  const auto& other = language == QueryLanguage::kJsonPath ? fields.jsonata : fields.json_path;
  for (const auto& [key, member] : value.items()) {
    if (Contains(fields.common, key) || Contains(own, key)) {
      continue;
    }
    if (Contains(other, key)) {
      if (!downgraded) {
        SchemaError(OtherLanguageFieldMessage(key, language), location);
      }
    } else {
      SchemaError(UnsupportedFieldMessage(key), location);
    }
  }

  std::unique_ptr<State> state = MakeState(*type);
  state->type = *type;
  state->name = name;
  state->query_language = language;
  ParseCommon(value, location, state.get());
  if (HasTransition(*type)) {
    ParseTransition(value, location, state.get());
  }
  if (HasErrorHandling(*type)) {
    ParseRetry(value, location, state.get());
    ParseCatch(value, location, state.get());
  }
  switch (*type) {
    case StateType::kTask:
      ParseTask(value, location, static_cast<TaskState*>(state.get()));
      break;
    case StateType::kPass:
      ParsePass(value, location, static_cast<PassState*>(state.get()));
      break;
    case StateType::kChoice:
      ParseChoice(value, location, language, static_cast<ChoiceState*>(state.get()));
      break;
    case StateType::kWait:
      ParseWait(value, location, static_cast<WaitState*>(state.get()));
      break;
    case StateType::kFail:
      ParseFail(value, location, static_cast<FailState*>(state.get()));
      break;
    case StateType::kParallel:
      ParseParallel(value, location, language, static_cast<ParallelState*>(state.get()));
      break;
    case StateType::kMap:
      ParseMap(value, location, language, static_cast<MapState*>(state.get()));
      break;
    case StateType::kSucceed:
      break;
  }
  return state;
}

void DefinitionParser::ParseCommon(const Json& value, const std::string& location, State* state) {
  state->comment = GetString(value, "Comment", location).value_or("");
  state->assign = GetAssign(value, state->query_language, location);
  if (state->query_language == QueryLanguage::kJsonata) {
    state->output = GetJsonataTemplate(value, "Output", location);
    if (state->type == StateType::kTask || state->type == StateType::kParallel) {
      state->arguments = GetJsonataTemplate(value, "Arguments", location);
    }
    return;
  }
  state->input_path = GetPath(value, "InputPath", location, /*reference=*/false);
  state->output_path = GetPath(value, "OutputPath", location, /*reference=*/false);
  state->result_path = GetPath(value, "ResultPath", location, /*reference=*/true);
  if (state->result_path && state->result_path->root() != JsonPath::Root::kInput) {
    SchemaError("The value for the field 'ResultPath' must be a valid ReferencePath",
                Child(location, "ResultPath"));
  }
  if (state->type != StateType::kMap) {
    state->parameters = GetPayloadTemplate(value, "Parameters", location);
  }
  state->result_selector = GetPayloadTemplate(value, "ResultSelector", location);
}

void DefinitionParser::ParseTransition(const Json& value,
                                       const std::string& location,
                                       State* state) {
  state->next = GetString(value, "Next", location);
  auto end = value.find("End");
  if (end != value.end()) {
    if (!end->is_boolean()) {
      SchemaError("The value for the field 'End' must be a BOOLEAN", Child(location, "End"));
    } else {
      state->end = end->get<bool>();
    }
  }
  if (state->next && state->end) {
    SchemaError("Only one of these fields may be specified: [Next, End]", location);
  } else if (!state->next && !state->end && !value.contains("Next")) {
    SchemaError("Exactly one of these fields is required: [Next, End]", location);
  }
}

void DefinitionParser::CheckErrorEquals(const Json& value,
                                        const std::string& location,
                                        bool* has_all) {
  *has_all = false;
  auto it = value.find("ErrorEquals");
  if (it == value.end()) {
    return;
  }
  const std::string field_location = Child(location, "ErrorEquals");
  if (!it->is_array() || it->empty() ||
      !std::all_of(it->begin(), it->end(), [](const Json& e) { return e.is_string(); })) {
    SchemaError("The value for the field 'ErrorEquals' must be a non-empty array of strings",
                field_location);
    return;
  }
  for (const Json& name : *it) {
    if (name.get_ref<const std::string&>() == kErrorAll) {
      *has_all = true;
    }
  }
  if (*has_all && it->size() > 1) {
    SchemaError("The error name \"States.ALL\" must appear alone in ErrorEquals", field_location);
  }
}

void DefinitionParser::ParseRetry(const Json& value, const std::string& location, State* state) {
  auto it = value.find("Retry");
  if (it == value.end()) {
    return;
  }
  const std::string retry_location = Child(location, "Retry");
  if (!it->is_array()) {
    SchemaError("The value for the field 'Retry' must be an ARRAY", retry_location);
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& entry = (*it)[i];
    const std::string entry_location = Child(retry_location, std::to_string(i));
    if (!entry.is_object()) {
      SchemaError("A Retrier must be an object", entry_location);
      continue;
    }
    CheckUnknownFields(entry,
                       {"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                        "MaxDelaySeconds", "JitterStrategy", "Comment"},
                       entry_location);
    CheckRequired(entry, {"ErrorEquals"}, entry_location);
    bool has_all = false;
    CheckErrorEquals(entry, entry_location, &has_all);
    if (has_all && i + 1 != it->size()) {
      SchemaError("A Retrier with \"States.ALL\" must be the last Retrier", entry_location);
    }
    Retrier retrier;
    if (entry.contains("ErrorEquals") && entry["ErrorEquals"].is_array()) {
      for (const Json& name : entry["ErrorEquals"]) {
        if (name.is_string()) {
          retrier.error_equals.push_back(name.get<std::string>());
        }
      }
    }
    retrier.interval_seconds = static_cast<double>(
        GetInteger(entry, "IntervalSeconds", entry_location, 1, kMaxIntegerSeconds).value_or(1));
    retrier.max_attempts =
        GetInteger(entry, "MaxAttempts", entry_location, 0, kMaxAttempts).value_or(3);
    retrier.backoff_rate = GetNumber(entry, "BackoffRate", entry_location, 1.0).value_or(2.0);
    retrier.max_delay_seconds =
        GetInteger(entry, "MaxDelaySeconds", entry_location, 1, kMaxDelaySeconds);
    if (auto jitter = GetString(entry, "JitterStrategy", entry_location)) {
      if (*jitter == "FULL") {
        retrier.jitter_strategy = JitterStrategy::kFull;
      } else if (*jitter != "NONE") {
        SchemaError("The value for the field 'JitterStrategy' must be FULL or NONE",
                    Child(entry_location, "JitterStrategy"));
      }
    }
    retrier.comment = GetString(entry, "Comment", entry_location).value_or("");
    state->retry.push_back(std::move(retrier));
  }
}

void DefinitionParser::ParseCatch(const Json& value, const std::string& location, State* state) {
  auto it = value.find("Catch");
  if (it == value.end()) {
    return;
  }
  const std::string catch_location = Child(location, "Catch");
  if (!it->is_array()) {
    SchemaError("The value for the field 'Catch' must be an ARRAY", catch_location);
    return;
  }
  const bool jsonata = state->query_language == QueryLanguage::kJsonata;
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& entry = (*it)[i];
    const std::string entry_location = Child(catch_location, std::to_string(i));
    if (!entry.is_object()) {
      SchemaError("A Catcher must be an object", entry_location);
      continue;
    }
    if (jsonata) {
      CheckUnknownFields(entry, {"ErrorEquals", "Next", "Output", "Assign", "Comment"},
                         entry_location);
    } else {
      CheckUnknownFields(entry, {"ErrorEquals", "Next", "ResultPath", "Assign", "Comment"},
                         entry_location);
    }
    CheckRequired(entry, {"ErrorEquals", "Next"}, entry_location);
    bool has_all = false;
    CheckErrorEquals(entry, entry_location, &has_all);
    if (has_all && i + 1 != it->size()) {
      SchemaError("A Catcher with \"States.ALL\" must be the last Catcher", entry_location);
    }
    Catcher catcher;
    if (entry.contains("ErrorEquals") && entry["ErrorEquals"].is_array()) {
      for (const Json& name : entry["ErrorEquals"]) {
        if (name.is_string()) {
          catcher.error_equals.push_back(name.get<std::string>());
        }
      }
    }
    catcher.next = GetString(entry, "Next", entry_location).value_or("");
    if (jsonata) {
      catcher.output = GetJsonataTemplate(entry, "Output", entry_location);
    } else {
      catcher.result_path = GetPath(entry, "ResultPath", entry_location, /*reference=*/true);
    }
    catcher.assign = GetAssign(entry, state->query_language, entry_location);
    catcher.comment = GetString(entry, "Comment", entry_location).value_or("");
    state->catchers.push_back(std::move(catcher));
  }
}

std::optional<std::string> DefinitionParser::ExpressResourceError(
    const std::string& resource) const {
  if (options_.kind != StateMachineKind::kExpress) {
    return std::nullopt;
  }
  if (resource.find(".sync") != std::string::npos) {
    return std::string("Express state machine does not support '.sync' service integration");
  }
  if (resource.find(".waitForTaskToken") != std::string::npos) {
    // AWS: this message has a trailing space before " at ".
    return std::string(
        "Express state machine does not support '.waitForTaskToken' service integration ");
  }
  if (resource.find(":activity:") != std::string::npos) {
    return std::string("Express state machine does not support Activity ARN");
  }
  return std::nullopt;
}

void DefinitionParser::ParseTask(const Json& value, const std::string& location, TaskState* state) {
  CheckRequired(value, {"Resource"}, location);
  std::optional<std::string> resource = GetString(value, "Resource", location);
  state->resource = resource.value_or("");
  // A missing or non-string Resource is already reported.
  std::optional<std::string> invalid;
  if (resource.has_value()) {
    invalid = ExpressResourceError(*resource);
    if (!invalid.has_value()) {
      // AWS (recorded): "SCHEMA_VALIDATION_FAILED: The resource provided
      // arn:aws:states:::dynamodb:query is not recognized. ... at /States/Query/Resource".
      invalid = CheckTaskResource(*resource);
    }
  }
  if (invalid.has_value()) {
    SchemaError(std::move(*invalid), Child(location, "Resource"));
  }
  state->timeout_seconds = GetDynamicNumber(value, "TimeoutSeconds", state->query_language,
                                            location, /*integer=*/true, 1, kMaxSeconds);
  state->heartbeat_seconds = GetDynamicNumber(value, "HeartbeatSeconds", state->query_language,
                                              location, /*integer=*/true, 1, kMaxSeconds);
  if (state->timeout_seconds.value && state->heartbeat_seconds.value &&
      state->heartbeat_seconds.value->get<double>() >=
          state->timeout_seconds.value->get<double>()) {
    SchemaError("HeartbeatSeconds must be smaller than TimeoutSeconds",
                Child(location, "HeartbeatSeconds"));
  }
  if (value.contains("Credentials")) {
    if (!value["Credentials"].is_object()) {
      SchemaError("The value for the field 'Credentials' must be an OBJECT",
                  Child(location, "Credentials"));
    } else if (state->query_language == QueryLanguage::kJsonata) {
      state->credentials_jsonata = GetJsonataTemplate(value, "Credentials", location);
    } else {
      state->credentials = GetPayloadTemplate(value, "Credentials", location);
    }
  }
}

void DefinitionParser::ParsePass(const Json& value,
                                 const std::string& /*location*/,
                                 PassState* state) {
  auto it = value.find("Result");
  if (it != value.end() && state->query_language == QueryLanguage::kJsonPath) {
    state->result = *it;
  }
}

void DefinitionParser::ParseWait(const Json& value, const std::string& location, WaitState* state) {
  const bool jsonata = state->query_language == QueryLanguage::kJsonata;
  int num_forms = 0;
  for (std::string_view field : {"Seconds", "Timestamp", "SecondsPath", "TimestampPath"}) {
    num_forms += value.contains(field) ? 1 : 0;
  }
  if (num_forms == 0) {
    SchemaError(jsonata ? "Exactly one of these fields is required: [Seconds, Timestamp]"
                        : "Exactly one of these fields is required: [Seconds, Timestamp, "
                          "SecondsPath, TimestampPath]",
                location);
  } else if (num_forms > 1) {
    SchemaError(
        "Only one of these fields may be specified: [Seconds, Timestamp, SecondsPath, "
        "TimestampPath]",
        location);
  }
  if (auto seconds = value.find("Seconds"); seconds != value.end()) {
    if (jsonata && seconds->is_string() &&
        JsonataTemplate::IsExpression(seconds->get_ref<const std::string&>())) {
      state->seconds_expression = CompileJsonata(*seconds, "Seconds", location);
    } else {
      state->seconds = GetInteger(value, "Seconds", location, 0, kMaxIntegerSeconds);
    }
  }
  if (auto timestamp = value.find("Timestamp"); timestamp != value.end()) {
    if (jsonata && timestamp->is_string() &&
        JsonataTemplate::IsExpression(timestamp->get_ref<const std::string&>())) {
      state->timestamp_expression = CompileJsonata(*timestamp, "Timestamp", location);
    } else if (!timestamp->is_string() ||
               !(state->timestamp = ParseTimestamp(timestamp->get<std::string>()))) {
      SchemaError("String does not match RFC3339 timestamp", Child(location, "Timestamp"));
    }
  }
  if (!jsonata && value.contains("SecondsPath")) {
    state->seconds_path = GetPath(value, "SecondsPath", location, /*reference=*/true);
  }
  if (!jsonata && value.contains("TimestampPath")) {
    state->timestamp_path = GetPath(value, "TimestampPath", location, /*reference=*/true);
  }
}

std::optional<FailSource> DefinitionParser::GetFailSource(const Json& object,
                                                          std::string_view field,
                                                          const std::string& location) {
  auto it = object.find(field);
  if (it == object.end()) {
    return std::nullopt;
  }
  const std::string field_location = Child(location, field);
  const std::string message = Format(
      "The value for the field '{}' must be a valid ReferencePath or a valid intrinsic function "
      "call",
      field);
  if (!it->is_string()) {
    SchemaError(message, field_location);
    return std::nullopt;
  }
  FailSource source;
  source.text = it->get<std::string>();
  if (IntrinsicExpression::LooksLikeCall(source.text)) {
    auto intrinsic = IntrinsicExpression::Parse(source.text, *intrinsics_);
    if (!intrinsic.ok()) {
      SchemaError(message, field_location);
      return std::nullopt;
    }
    source.intrinsic = std::move(intrinsic).value();
    return source;
  }
  auto path = JsonPath::ParseReference(source.text);
  if (!path.ok()) {
    SchemaError(message, field_location);
    return std::nullopt;
  }
  source.path = std::move(path).value();
  return source;
}

void DefinitionParser::ParseFail(const Json& value, const std::string& location, FailState* state) {
  const bool jsonata = state->query_language == QueryLanguage::kJsonata;
  for (std::string_view field : {"Error", "Cause"}) {
    auto it = value.find(field);
    if (it == value.end()) {
      continue;
    }
    const bool is_error = field == "Error";
    if (jsonata && it->is_string() &&
        JsonataTemplate::IsExpression(it->get_ref<const std::string&>())) {
      (is_error ? state->error_expression : state->cause_expression) =
          CompileJsonata(*it, field, location);
    } else {
      (is_error ? state->error : state->cause) = GetString(value, field, location);
    }
  }
  if (jsonata) {
    return;
  }
  state->error_path = GetFailSource(value, "ErrorPath", location);
  state->cause_path = GetFailSource(value, "CausePath", location);
  if (value.contains("Error") && value.contains("ErrorPath")) {
    SchemaError("Only one of these fields may be specified: [Error, ErrorPath]", location);
  }
  if (value.contains("Cause") && value.contains("CausePath")) {
    SchemaError("Only one of these fields may be specified: [Cause, CausePath]", location);
  }
}

}  // namespace stratus::states::asl
