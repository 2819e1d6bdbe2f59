#pragma once

#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/json.h"
#include "states/asl/definition_parser.h"
#include "states/asl/diagnostics.h"
#include "states/asl/state_machine.h"

namespace stratus::states::asl {

class IntrinsicRegistry;

/// Builds the model from a parsed definition while collecting every
/// diagnostic (it never stops at the first problem, as AWS reports them all).
/// Private to definition_parser*.cc, state_parser.cc, choice_parser.cc and
/// map_parser.cc.
///
/// Thread safety: none; one parser per definition.
class DefinitionParser {
 public:
  DefinitionParser(const ParseOptions& options, std::vector<Diagnostic>* diagnostics);

  /// Parses {"StartAt", "States", "Comment", ...} at `location` ("" for the
  /// root). `extra_fields` are allowed besides StartAt/States/Comment.
  std::unique_ptr<StateGraph> ParseGraph(const Json& value,
                                         const std::string& location,
                                         QueryLanguage language,
                                         std::initializer_list<std::string_view> extra_fields);

  /// Resolves Next/Default/Catch targets, then checks reachability, in
  /// `graph` and every nested graph, and the terminal state of the top level.
  void LinkGraph(StateGraph& graph, const std::string& location);

  // Diagnostics.
  void Error(std::string_view code, std::string message, std::string location);
  void SchemaError(std::string message, std::string location);

  // Field helpers. Each reports a diagnostic and returns nullopt on a bad value.
  /// Reports every member of `object` not in `allowed`.
  void CheckUnknownFields(const Json& object,
                          const std::vector<std::string_view>& allowed,
                          const std::string& location);
  /// Reports fields of the other query language (in `other`) found in `object`.
  void CheckLanguageFields(const Json& object,
                           std::initializer_list<std::string_view> other,
                           QueryLanguage language,
                           const std::string& location);
  void CheckRequired(const Json& object,
                     std::initializer_list<std::string_view> fields,
                     const std::string& location);
  std::optional<std::string> GetString(const Json& object,
                                       std::string_view field,
                                       const std::string& location);
  /// Also reports a value above `max_value` ("Maximum value is N").
  std::optional<int64_t> GetInteger(const Json& object,
                                    std::string_view field,
                                    const std::string& location,
                                    int64_t min_value,
                                    int64_t max_value = std::numeric_limits<int64_t>::max());
  std::optional<double> GetNumber(const Json& object,
                                  std::string_view field,
                                  const std::string& location,
                                  double min_value);
  /// A path field (InputPath, OutputPath, ResultPath, ItemsPath): "$" when
  /// absent (or invalid, after reporting it); nullopt for an explicit null.
  std::optional<JsonPath> GetPath(const Json& object,
                                  std::string_view field,
                                  const std::string& location,
                                  bool reference);
  std::optional<PayloadTemplate> GetPayloadTemplate(const Json& object,
                                                    std::string_view field,
                                                    const std::string& location);
  std::optional<JsonataTemplate> GetJsonataTemplate(const Json& object,
                                                    std::string_view field,
                                                    const std::string& location);
  std::optional<JsonataTemplate> CompileJsonata(const Json& value,
                                                std::string_view field,
                                                const std::string& location);
  std::optional<AssignBlock> GetAssign(const Json& object,
                                       QueryLanguage language,
                                       const std::string& location);
  /// A DynamicNumber from `field` (literal or JSONata) and `field`Path.
  DynamicNumber GetDynamicNumber(const Json& object,
                                 std::string_view field,
                                 QueryLanguage language,
                                 const std::string& location,
                                 bool integer,
                                 double min_value,
                                 double max_value);

  // State parsers (state_parser.cc, choice_parser.cc, map_parser.cc).
  std::unique_ptr<State> ParseState(const std::string& name,
                                    const Json& value,
                                    const std::string& location,
                                    QueryLanguage graph_language);
  void ParseChoice(const Json& value,
                   const std::string& location,
                   QueryLanguage language,
                   ChoiceState* state);
  void ParseParallel(const Json& value,
                     const std::string& location,
                     QueryLanguage language,
                     ParallelState* state);
  void ParseMap(const Json& value,
                const std::string& location,
                QueryLanguage language,
                MapState* state);

  const IntrinsicRegistry& intrinsics() const { return *intrinsics_; }

  /// The definition's top-level QueryLanguage; a JSONata machine may not
  /// contain JSONPath states.
  void set_machine_language(QueryLanguage language) { machine_language_ = language; }

  const ParseOptions& options() const { return options_; }

 private:
  void ParseCommon(const Json& value, const std::string& location, State* state);
  void ParseTransition(const Json& value, const std::string& location, State* state);
  void ParseRetry(const Json& value, const std::string& location, State* state);
  void ParseCatch(const Json& value, const std::string& location, State* state);
  void CheckErrorEquals(const Json& value, const std::string& location, bool* has_all);
  void ParseTask(const Json& value, const std::string& location, TaskState* state);
  /// The SCHEMA_VALIDATION_FAILED message for a resource an EXPRESS machine
  /// cannot use (.sync, .waitForTaskToken, activities), if any.
  std::optional<std::string> ExpressResourceError(const std::string& resource) const;
  void ParsePass(const Json& value, const std::string& location, PassState* state);
  void ParseWait(const Json& value, const std::string& location, WaitState* state);
  void ParseFail(const Json& value, const std::string& location, FailState* state);
  std::optional<FailSource> GetFailSource(const Json& object,
                                          std::string_view field,
                                          const std::string& location);
  std::optional<ChoiceRule> ParseChoiceRule(const Json& value,
                                            const std::string& location,
                                            QueryLanguage language,
                                            bool top_level);
  void ParseComparison(const Json& value,
                       const std::string& location,
                       const std::string& field,
                       ChoiceRule* rule);
  std::optional<MapResource> ParseMapResource(const Json& value,
                                              std::string_view field,
                                              const std::string& location,
                                              QueryLanguage language,
                                              std::initializer_list<std::string_view> extra);
  /// Checks and types an ItemReader's Resource and ReaderConfig.
  void ParseItemReader(const std::string& location, QueryLanguage language, MapResource& reader);
  /// Checks and types a ResultWriter's Resource and WriterConfig.
  void ParseResultWriter(const std::string& location, MapResource& writer);
  void CheckTransitionTarget(const StateGraph& graph,
                             const std::string& target,
                             const std::string& location,
                             const State** resolved);
  /// Reports a top-level graph without any terminal state (MISSING_END_STATE);
  /// returns false if it did, as AWS then skips the unreachable-state walk.
  bool CheckEndState(const StateGraph& graph, const std::string& location);
  void CheckReachability(const StateGraph& graph, const std::string& location);
  void CheckUntargetedStates(const StateGraph& graph, const std::string& location);
  bool IsUnparsedState(const StateGraph& graph, const std::string& name) const;

  const ParseOptions& options_;
  const IntrinsicRegistry* intrinsics_;
  std::vector<Diagnostic>* diagnostics_;
  /// Every state name seen so far, across nested graphs (names are unique
  /// in a whole definition).
  std::unordered_set<std::string> state_names_;
  /// Graphs whose "States" is missing or not an object (already reported).
  std::unordered_set<const StateGraph*> graphs_without_states_;
  /// Per graph, the names of the states ParseState() rejected (already
  /// reported): transitions to them are not missing targets.
  std::unordered_map<const StateGraph*, std::unordered_set<std::string>> unparsed_states_;
  QueryLanguage machine_language_ = QueryLanguage::kJsonPath;
};

/// Returns the location of member `field` of the object at `location`.
std::string Child(const std::string& location, std::string_view field);

/// Returns the ASL spelling of the query language.
std::string_view QueryLanguageName(QueryLanguage language);

/// AWS's message for a QueryLanguage that is neither JSONPath nor JSONata
/// (measured, floci-io/floci#2968), at the QueryLanguage field.
inline constexpr std::string_view kQueryLanguageValues =
    "Value should be one of the following: [JSONPath, JSONata]";

/// Returns a JSONata error message without its code: "S0207: Unexpected end
/// of expression" -> "Unexpected end of expression".
std::string WithoutJsonataErrorCode(std::string_view message);

/// Returns AWS's message for a field the object does not allow.
std::string UnsupportedFieldMessage(std::string_view field);

/// Returns AWS's message for a field of the other query language on a state
/// whose query language is `language`.
std::string OtherLanguageFieldMessage(std::string_view field, QueryLanguage language);

}  // namespace stratus::states::asl
