#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/check.h"
#include "base/json.h"
#include "states/asl/assign_block.h"
#include "states/asl/choice_rule.h"
#include "states/asl/intrinsic_expression.h"
#include "states/asl/json_path.h"
#include "states/asl/jsonata_template.h"
#include "states/asl/payload_template.h"
#include "states/asl/timestamp.h"

namespace stratus::states::asl {

// The typed model of a parsed, validated Amazon States Language definition.
//
// A StateMachine owns a root StateGraph (StartAt + States); Parallel branches
// and Map item processors own nested graphs. Every path, template, intrinsic
// call and Choice rule is compiled at parse time; every Next is resolved to a
// State pointer. The model is immutable after ParseDefinition() and shared
// (std::shared_ptr<const StateMachine>) by every execution of a definition.
//
// Which fields are set depends on the state's query language: JSONPath states
// use input_path/parameters/result_selector/result_path/output_path, JSONata
// states use arguments/output. Assign exists in both. Fields a state type does
// not allow are rejected by the parser, so they are simply unset here.

struct State;

/// The value of "QueryLanguage".
enum class QueryLanguage : uint8_t { kJsonPath, kJsonata };

/// The value of "Type".
enum class StateType : uint8_t { kTask, kPass, kChoice, kWait, kSucceed, kFail, kParallel, kMap };

/// Returns the ASL spelling: "Task", "Pass", ...
std::string_view StateTypeName(StateType type);

/// Retry "JitterStrategy".
enum class JitterStrategy : uint8_t { kNone, kFull };

/// One element of "Retry".
struct Retrier {
  std::vector<std::string> error_equals = {};
  double interval_seconds = 1.0;
  int64_t max_attempts = 3;
  double backoff_rate = 2.0;
  std::optional<int64_t> max_delay_seconds = std::nullopt;
  JitterStrategy jitter_strategy = JitterStrategy::kNone;
  std::string comment = {};
};

/// One element of "Catch".
struct Catcher {
  std::vector<std::string> error_equals = {};
  std::string next = {};
  const State* next_state = nullptr;
  /// JSONPath: where the error output {"Error","Cause"} goes in the input;
  /// nullopt is "ResultPath": null (keep the input unchanged).
  std::optional<JsonPath> result_path = JsonPath();
  /// JSONata: the state output when this catcher handles the error.
  std::optional<JsonataTemplate> output = std::nullopt;
  std::optional<AssignBlock> assign = std::nullopt;
  std::string comment = {};
};

/// A number given as a literal, a reference path (the *Path field) or, in
/// JSONata, an expression: TimeoutSeconds(Path), HeartbeatSeconds(Path),
/// MaxConcurrency(Path), ToleratedFailureCount/Percentage(Path),
/// MaxItemsPerBatch(Path)... At most one of the three is set.
struct DynamicNumber {
  std::optional<Json> value = std::nullopt;
  std::optional<JsonPath> path = std::nullopt;
  std::optional<JsonataTemplate> expression = std::nullopt;

  bool is_set() const { return value || path || expression; }
};

class StateGraph;

/// The fields every state type may have. Downcast with As<T>() after
/// checking `type`.
///
/// Thread safety: immutable once parsed; shared by every execution.
struct State {
  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  virtual ~State() = default;

  StateType type = StateType::kPass;
  std::string name = {};
  /// The position of the state in its graph's declaration order.
  size_t index = 0;
  /// The effective query language (the state's own or its graph's default).
  QueryLanguage query_language = QueryLanguage::kJsonPath;
  std::string comment = {};

  /// Transition: exactly one of `next` (with `next_state`) and `end` for
  /// Task/Pass/Wait/Parallel/Map; neither for Choice/Succeed/Fail.
  std::optional<std::string> next = std::nullopt;
  const State* next_state = nullptr;
  bool end = false;

  // JSONPath input/output processing. Paths default to "$"; nullopt is an
  // explicit null ("InputPath": null → {}, "ResultPath": null → discard the
  // result, "OutputPath": null → {}).
  std::optional<JsonPath> input_path = JsonPath();
  std::optional<PayloadTemplate> parameters = std::nullopt;
  std::optional<PayloadTemplate> result_selector = std::nullopt;
  std::optional<JsonPath> result_path = JsonPath();
  std::optional<JsonPath> output_path = JsonPath();

  // JSONata input/output processing.
  std::optional<JsonataTemplate> arguments = std::nullopt;
  std::optional<JsonataTemplate> output = std::nullopt;

  std::optional<AssignBlock> assign = std::nullopt;

  /// Task, Parallel and Map.
  std::vector<Retrier> retry = {};
  std::vector<Catcher> catchers = {};

  /// Returns this state as a T. REQUIRES: type == T::kType.
  template <typename T>
  const T& As() const {
    STRATUS_DCHECK(type == T::kType, "state {} is not a {}", name, StateTypeName(T::kType));
    return static_cast<const T&>(*this);
  }
};

struct TaskState final : State {
  static constexpr StateType kType = StateType::kTask;
  /// The resource ARN as written (a JSONata Resource is a literal too).
  std::string resource = {};
  DynamicNumber timeout_seconds = {};
  DynamicNumber heartbeat_seconds = {};
  /// "Credentials" (e.g. {"RoleArn": ...} or {"RoleArn.$": ...}).
  std::optional<PayloadTemplate> credentials = std::nullopt;
  std::optional<JsonataTemplate> credentials_jsonata = std::nullopt;
};

struct PassState final : State {
  static constexpr StateType kType = StateType::kPass;
  /// "Result" (JSONPath only): the state's result instead of its input.
  std::optional<Json> result = std::nullopt;
};

struct ChoiceState final : State {
  static constexpr StateType kType = StateType::kChoice;
  std::vector<ChoiceRule> choices = {};
  std::optional<std::string> default_next = std::nullopt;
  const State* default_state = nullptr;
};

struct WaitState final : State {
  static constexpr StateType kType = StateType::kWait;
  /// Exactly one of the four JSONPath forms is set; in JSONata `seconds`
  /// or `timestamp` may instead be an expression.
  std::optional<int64_t> seconds = std::nullopt;
  std::optional<Timestamp> timestamp = std::nullopt;
  std::optional<JsonPath> seconds_path = std::nullopt;
  std::optional<JsonPath> timestamp_path = std::nullopt;
  std::optional<JsonataTemplate> seconds_expression = std::nullopt;
  std::optional<JsonataTemplate> timestamp_expression = std::nullopt;
};

struct SucceedState final : State {
  static constexpr StateType kType = StateType::kSucceed;
};

/// A dynamic Fail field (ErrorPath, CausePath): a reference path or an
/// intrinsic call.
struct FailSource {
  std::optional<JsonPath> path = std::nullopt;
  std::optional<IntrinsicExpression> intrinsic = std::nullopt;
  std::string text = {};
};

struct FailState final : State {
  static constexpr StateType kType = StateType::kFail;
  std::optional<std::string> error = std::nullopt;
  std::optional<std::string> cause = std::nullopt;
  std::optional<FailSource> error_path = std::nullopt;
  std::optional<FailSource> cause_path = std::nullopt;
  /// JSONata: "Error"/"Cause" given as expressions.
  std::optional<JsonataTemplate> error_expression = std::nullopt;
  std::optional<JsonataTemplate> cause_expression = std::nullopt;
};

struct ParallelState final : State {
  static constexpr StateType kType = StateType::kParallel;
  std::vector<std::unique_ptr<StateGraph>> branches = {};
};

/// Map "ItemProcessor"."ProcessorConfig"."Mode".
enum class ProcessorMode : uint8_t { kInline, kDistributed };

/// Map "ItemProcessor"."ProcessorConfig"."ExecutionType" (DISTRIBUTED only).
enum class MapExecutionType : uint8_t { kNone, kStandard, kExpress };

/// Map "ItemBatcher".
struct ItemBatcher {
  DynamicNumber max_items_per_batch = {};
  DynamicNumber max_input_bytes_per_batch = {};
  /// "BatchInput": a payload template (JSONPath) or JSONata template.
  std::optional<PayloadTemplate> batch_input = std::nullopt;
  std::optional<JsonataTemplate> batch_input_jsonata = std::nullopt;
};

/// ItemReader "ReaderConfig"."InputType": how an S3 object holds the items.
enum class ItemInputType : uint8_t {
  kNone,      // Not given (s3:listObjectsV2 lists objects; it needs none).
  kCsv,       // One item per row, an object of strings keyed by the headers.
  kJson,      // A JSON array (or, with ItemsPointer, one inside the document).
  kJsonl,     // One JSON value per line.
  kManifest,  // An S3 Inventory manifest (manifest.json) naming CSV files.
  kParquet,   // Parquet files listed by a manifest.
};

/// "ReaderConfig"."CSVHeaderLocation".
enum class CsvHeaderLocation : uint8_t { kFirstRow, kGiven };

/// Map "ItemReader"."ReaderConfig".
struct ReaderConfig {
  ItemInputType input_type = ItemInputType::kNone;
  CsvHeaderLocation csv_header_location = CsvHeaderLocation::kFirstRow;
  /// "CSVHeaders" (CSVHeaderLocation GIVEN).
  std::vector<std::string> csv_headers = {};
  /// "CSVDelimiter": COMMA (default), PIPE, SEMICOLON, SPACE or TAB.
  char csv_delimiter = ',';
  /// "MaxItems" / "MaxItemsPath" (JSONata: an expression). Unset or 0: every
  /// item.
  DynamicNumber max_items = {};
  /// "ItemsPointer" (JSON): a JSON Pointer to the array inside the document.
  std::optional<std::string> items_pointer = std::nullopt;
  /// "ManifestType" (MANIFEST) and "Transformation" (listObjectsV2's
  /// LOAD_AND_FLATTEN), as written.
  std::string manifest_type = {};
  std::string transformation = {};
};

/// ResultWriter "WriterConfig"."Transformation": how each child execution's
/// result appears. AWS: NONE is the default when exporting to S3, COMPACT
/// when there is no ResultWriter.
enum class ResultTransformation : uint8_t { kNone, kCompact, kFlatten };

/// ResultWriter "WriterConfig"."OutputType".
enum class ResultOutputType : uint8_t { kJson, kJsonl };

/// Map "ResultWriter"."WriterConfig".
struct WriterConfig {
  ResultTransformation transformation = ResultTransformation::kNone;
  ResultOutputType output_type = ResultOutputType::kJson;
};

/// Map "ItemReader" / "ResultWriter": a resource with its parameters.
struct MapResource {
  /// "arn:aws:states:::s3:getObject", "...:s3:listObjectsV2" or
  /// "...:s3:putObject"; empty for a ResultWriter with only a WriterConfig.
  std::string resource = {};
  /// "Parameters" (JSONPath) or "Arguments" (JSONata).
  std::optional<PayloadTemplate> parameters = std::nullopt;
  std::optional<JsonataTemplate> arguments = std::nullopt;
  /// "ReaderConfig" / "WriterConfig" as written.
  Json config = Json::object();
  /// The ItemReader's ReaderConfig, typed.
  ReaderConfig reader = {};
  /// The ResultWriter's WriterConfig, typed; unset when not given.
  std::optional<WriterConfig> writer = std::nullopt;
  /// The whole object as written.
  Json source = Json::object();
};

struct MapState final : State {
  static constexpr StateType kType = StateType::kMap;
  /// "ItemProcessor" (or the legacy "Iterator"): the graph run per item.
  std::unique_ptr<StateGraph> processor = {};
  /// True when the definition used "Iterator" rather than "ItemProcessor".
  bool legacy_iterator = false;
  ProcessorMode mode = ProcessorMode::kInline;
  MapExecutionType execution_type = MapExecutionType::kNone;
  /// JSONPath: "ItemsPath" (default "$"), a path.
  JsonPath items_path = {};
  /// JSONata: "Items" (an array or an expression).
  std::optional<JsonataTemplate> items = std::nullopt;
  /// "ItemSelector" (or the legacy "Parameters" of a Map, which the parser
  /// stores here too: for a Map, State::parameters stays unset).
  std::optional<PayloadTemplate> item_selector = std::nullopt;
  std::optional<JsonataTemplate> item_selector_jsonata = std::nullopt;
  DynamicNumber max_concurrency = {};
  DynamicNumber tolerated_failure_count = {};
  DynamicNumber tolerated_failure_percentage = {};
  std::optional<ItemBatcher> item_batcher = std::nullopt;
  std::optional<MapResource> item_reader = std::nullopt;
  std::optional<MapResource> result_writer = std::nullopt;
  std::string label = {};
};

/// A set of states with a start: the state machine itself, a Parallel
/// branch or a Map item processor. Owns its states.
///
/// Thread safety: built by the parser, then immutable and safe to share.
class StateGraph {
 public:
  StateGraph() = default;
  StateGraph(const StateGraph&) = delete;
  StateGraph& operator=(const StateGraph&) = delete;

  std::string start_at = {};
  const State* start_state = nullptr;
  std::string comment = {};
  /// The default query language of the graph's states.
  QueryLanguage query_language = QueryLanguage::kJsonPath;
  /// The states in declaration order.
  std::vector<std::unique_ptr<State>> states = {};

  /// Returns the state called `name`, or null.
  const State* Find(std::string_view name) const;

  /// Adds a state and indexes it by name. Used by the parser.
  State* Add(std::unique_ptr<State> state);

 private:
  std::unordered_map<std::string_view, const State*> by_name_;
};

/// A whole definition, as ParseDefinition() returns it. Shared
/// (std::shared_ptr<const StateMachine>) by the service's catalog and every
/// running execution of the definition; states point into it.
///
/// Thread safety: immutable; safe to share across threads.
struct StateMachine {  // NOLINT(bugprone-exception-escape): only allocation throws.
  StateGraph graph = {};
  /// Top-level "QueryLanguage" (default JSONPath).
  QueryLanguage query_language = QueryLanguage::kJsonPath;
  std::string comment = {};
  std::string version = {};
  std::optional<int64_t> timeout_seconds = std::nullopt;
  /// The parsed definition as written.
  Json definition = {};
};

}  // namespace stratus::states::asl
