#include "states/asl/definition_parser.h"

#include <algorithm>
#include <deque>

#include "base/format.h"
#include "states/asl/definition_parser_internal.h"
#include "states/asl/intrinsics.h"

namespace stratus::states::asl {

std::string Child(const std::string& location, std::string_view field) {
  std::string out = location;
  out.push_back('/');
  out.append(field);
  return out;
}

std::string_view QueryLanguageName(QueryLanguage language) {
  return language == QueryLanguage::kJsonata ? "JSONata" : "JSONPath";
}

std::string UnsupportedFieldMessage(std::string_view field) {
  // AWS (measured, floci-io/floci#2735; also AWS Step Functions Local's text,
  // quoted in localstack#7723): "Field 'ItemProcessor' is not supported at /States/X".
  return Format("Field '{}' is not supported", field);
}

std::string OtherLanguageFieldMessage(std::string_view field, QueryLanguage language) {
  // AWS (measured, floci-io/floci#2968), at the state.
  const QueryLanguage other =
      language == QueryLanguage::kJsonata ? QueryLanguage::kJsonPath : QueryLanguage::kJsonata;
  return Format(
      "The QueryLanguage is set to '{}', but field '{}' is only supported for the '{}' "
      "QueryLanguage",
      QueryLanguageName(language), field, QueryLanguageName(other));
}

DefinitionParser::DefinitionParser(const ParseOptions& options,
                                   std::vector<Diagnostic>* diagnostics)
    : options_(options),
      intrinsics_(options.intrinsics != nullptr ? options.intrinsics : &BuiltinIntrinsics()),
      diagnostics_(diagnostics) {}

void DefinitionParser::Error(std::string_view code, std::string message, std::string location) {
  diagnostics_->push_back(Diagnostic{
      .severity = DiagnosticSeverity::kError,
      .code = std::string(code),
      .message = std::move(message),
      .location = location.empty() ? std::string("/") : std::move(location),
  });
}

void DefinitionParser::SchemaError(std::string message, std::string location) {
  Error(kSchemaValidationFailed, std::move(message), std::move(location));
}

std::unique_ptr<StateGraph> DefinitionParser::ParseGraph(
    const Json& value,
    const std::string& location,
    QueryLanguage language,
    std::initializer_list<std::string_view> extra_fields) {
  auto graph = std::make_unique<StateGraph>();
  graph->query_language = language;
  if (!value.is_object()) {
    SchemaError("Expected an object with the fields StartAt and States", location);
    return graph;
  }
  std::vector<std::string_view> allowed = {"StartAt", "States", "Comment"};
  allowed.insert(allowed.end(), extra_fields.begin(), extra_fields.end());
  CheckUnknownFields(value, allowed, location);
  // AWS (recorded, LocalStack test_sfn_api_validation): "These fields are
  // required: [States, StartAt] at /" for {}.
  CheckRequired(value, {"States", "StartAt"}, location);
  std::optional<std::string> start_at = GetString(value, "StartAt", location);
  if (start_at.has_value() && start_at->empty()) {
    // No state can be named "" (names are 1-80 characters): the StartAt
    // target is missing. LinkGraph checks every other StartAt.
    Error(kMissingTransitionTarget, "Missing 'Next' target: ", Child(location, "StartAt"));
  }
  graph->start_at = start_at.value_or("");
  graph->comment = GetString(value, "Comment", location).value_or("");
  auto states = value.find("States");
  if (states == value.end()) {
    // AWS reports the missing field alone, not the StartAt it cannot resolve.
    graphs_without_states_.insert(graph.get());
    return graph;
  }
  const std::string states_location = Child(location, "States");
  if (!states->is_object()) {
    SchemaError("The value for the field 'States' must be an object", states_location);
    graphs_without_states_.insert(graph.get());
    return graph;
  }
  for (const auto& [name, state_value] : states->items()) {
    const std::string state_location = Child(states_location, name);
    if (!state_names_.insert(name).second) {
      // Names are unique per object, so a duplicate lives in another graph:
      // keep parsing it so that its own graph stays consistent.
      Error(kDuplicateStateName, Format("Duplicate State name: {}", name), state_location);
    }
    if (name.empty() || name.size() > 80) {
      SchemaError("State names must be between 1 and 80 characters long", state_location);
    }
    std::unique_ptr<State> state = ParseState(name, state_value, state_location, language);
    if (state != nullptr) {
      state->index = graph->states.size();
      graph->Add(std::move(state));
    } else {
      unparsed_states_[graph.get()].insert(name);
    }
  }
  return graph;
}

void DefinitionParser::CheckTransitionTarget(const StateGraph& graph,
                                             const std::string& target,
                                             const std::string& location,
                                             const State** resolved) {
  *resolved = graph.Find(target);
  if (*resolved == nullptr && !IsUnparsedState(graph, target)) {
    // AWS words every missing target "Missing 'Next' target", whichever
    // field names it (StartAt, Next, Choices[].Next, Default, Catch[].Next):
    // "MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /StartAt".
    Error(kMissingTransitionTarget, Format("Missing 'Next' target: {}", target), location);
  }
}

void DefinitionParser::LinkGraph(StateGraph& graph, const std::string& location) {
  const std::string states_location = Child(location, "States");
  if (!graph.start_at.empty() && !graphs_without_states_.contains(&graph)) {
    // Also when States is empty: a graph without a start state must never
    // reach the interpreter.
    CheckTransitionTarget(graph, graph.start_at, Child(location, "StartAt"), &graph.start_state);
  }
  for (const std::unique_ptr<State>& state : graph.states) {
    const std::string state_location = Child(states_location, state->name);
    if (state->next) {
      CheckTransitionTarget(graph, *state->next, Child(state_location, "Next"), &state->next_state);
    }
    for (size_t i = 0; i < state->catchers.size(); ++i) {
      Catcher& catcher = state->catchers[i];
      if (catcher.next.empty()) {
        continue;  // Reported as a missing required field.
      }
      CheckTransitionTarget(graph, catcher.next,
                            Child(Child(Child(state_location, "Catch"), std::to_string(i)), "Next"),
                            &catcher.next_state);
    }
    if (state->type == StateType::kChoice) {
      auto& choice = static_cast<ChoiceState&>(*state);
      for (size_t i = 0; i < choice.choices.size(); ++i) {
        ChoiceRule& rule = choice.choices[i];
        if (!rule.next.empty()) {
          CheckTransitionTarget(
              graph, rule.next,
              Child(Child(Child(state_location, "Choices"), std::to_string(i)), "Next"),
              &rule.next_state);
        }
      }
      if (choice.default_next) {
        CheckTransitionTarget(graph, *choice.default_next, Child(state_location, "Default"),
                              &choice.default_state);
      }
    } else if (state->type == StateType::kParallel) {
      auto& parallel = static_cast<ParallelState&>(*state);
      for (size_t i = 0; i < parallel.branches.size(); ++i) {
        LinkGraph(*parallel.branches[i],
                  Child(Child(state_location, "Branches"), std::to_string(i)));
      }
    } else if (state->type == StateType::kMap) {
      auto& map = static_cast<MapState&>(*state);
      if (map.processor != nullptr) {
        LinkGraph(*map.processor,
                  Child(state_location, map.legacy_iterator ? "Iterator" : "ItemProcessor"));
      }
    }
  }
  CheckReachability(graph, location);
}

void DefinitionParser::CheckUntargetedStates(const StateGraph& graph, const std::string& location) {
  // Without a start state no walk is possible. AWS then reports the states
  // no transition names: for StartAt "Not sure" over {"Pass One" -> "Success"}
  // it answers "Missing 'Next' target: Not sure at /StartAt, State \"Pass
  // One\" is not reachable. at /States/Pass One" (Success is targeted).
  std::vector<bool> targeted(graph.states.size(), false);
  auto mark = [&](const State* target) {
    if (target != nullptr) {
      targeted[target->index] = true;
    }
  };
  for (const std::unique_ptr<State>& state : graph.states) {
    mark(state->next_state);
    for (const Catcher& catcher : state->catchers) {
      mark(catcher.next_state);
    }
    if (state->type == StateType::kChoice) {
      const auto& choice = state->As<ChoiceState>();
      for (const ChoiceRule& rule : choice.choices) {
        mark(rule.next_state);
      }
      mark(choice.default_state);
    }
  }
  for (const std::unique_ptr<State>& state : graph.states) {
    if (!targeted[state->index]) {
      Error(kMissingTransitionTarget, Format("State \"{}\" is not reachable.", state->name),
            Child(Child(location, "States"), state->name));
    }
  }
}

bool DefinitionParser::CheckEndState(const StateGraph& graph, const std::string& location) {
  // AWS (measured by floci-io/floci#2735 and #2786 with
  // ValidateStateMachineDefinition): a top-level States without any terminal
  // state is one "MISSING_END_STATE: Workflow has no terminal state" with no
  // location ("... at null" in CreateStateMachine's InvalidDefinition), and it
  // replaces the unreachable-state walk; a terminal state anywhere, reachable
  // or not, satisfies it. A Parallel branch or Map ItemProcessor without one
  // is accepted. Pinned by test/wire/test_stepfunctions_validation.py.
  if (!location.empty() || graph.states.empty()) {
    return true;
  }
  const bool has_terminal = std::any_of(
      graph.states.begin(), graph.states.end(), [](const std::unique_ptr<State>& state) {
        return state->end || state->type == StateType::kSucceed || state->type == StateType::kFail;
      });
  if (!has_terminal) {
    diagnostics_->push_back(Diagnostic{.severity = DiagnosticSeverity::kError,
                                       .code = std::string(kMissingEndState),
                                       .message = "Workflow has no terminal state",
                                       .location = std::nullopt});
  }
  return has_terminal;
}

bool DefinitionParser::IsUnparsedState(const StateGraph& graph, const std::string& name) const {
  auto it = unparsed_states_.find(&graph);
  return it != unparsed_states_.end() && it->second.contains(name);
}

void DefinitionParser::CheckReachability(const StateGraph& graph, const std::string& location) {
  // A state that could not be parsed (no or an unknown Type) has unknown
  // transitions: AWS reports its Type alone (recorded, LocalStack
  // test_test_state_machine_scenarios: one diagnostic for StartAt naming a
  // state of Type "TypeThatDoesNotExist" with "End": true), so the graph
  // walks are skipped rather than reporting states it may reach.
  if (graphs_without_states_.contains(&graph) || unparsed_states_.contains(&graph) ||
      !CheckEndState(graph, location)) {
    return;
  }
  if (graph.start_state == nullptr) {
    // A StartAt that names no state (AWS reports nothing more when StartAt
    // is absent: "These fields are required: [StartAt]" alone).
    if (!graph.start_at.empty()) {
      CheckUntargetedStates(graph, location);
    }
    return;
  }
  std::vector<bool> reached(graph.states.size(), false);
  std::deque<const State*> pending = {graph.start_state};
  reached[graph.start_state->index] = true;
  auto visit = [&](const State* target) {
    if (target != nullptr && !reached[target->index]) {
      reached[target->index] = true;
      pending.push_back(target);
    }
  };
  while (!pending.empty()) {
    const State* state = pending.front();
    pending.pop_front();
    visit(state->next_state);
    for (const Catcher& catcher : state->catchers) {
      visit(catcher.next_state);
    }
    if (state->type == StateType::kChoice) {
      const auto& choice = state->As<ChoiceState>();
      for (const ChoiceRule& rule : choice.choices) {
        visit(rule.next_state);
      }
      visit(choice.default_state);
    }
  }
  for (const std::unique_ptr<State>& state : graph.states) {
    if (!reached[state->index]) {
      // AWS reports unreachable states under MISSING_TRANSITION_TARGET.
      Error(kMissingTransitionTarget, Format("State \"{}\" is not reachable.", state->name),
            Child(Child(location, "States"), state->name));
    }
  }
}

DefinitionAnalysis AnalyzeDefinition(std::string_view json, const ParseOptions& options) {
  DefinitionAnalysis analysis;
  Json definition = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (definition.is_discarded()) {
    analysis.diagnostics.push_back(Diagnostic{
        .severity = DiagnosticSeverity::kError,
        .code = std::string(kInvalidJsonDescription),
        .message = "The definition is not valid JSON",
        .location = std::string(),
    });
    return analysis;
  }
  DefinitionParser parser(options, &analysis.diagnostics);
  auto machine = std::make_shared<StateMachine>();
  QueryLanguage language = QueryLanguage::kJsonPath;
  if (definition.is_object()) {
    if (auto value = parser.GetString(definition, "QueryLanguage", "")) {
      if (*value == "JSONata") {
        language = QueryLanguage::kJsonata;
      } else if (*value != "JSONPath") {
        parser.SchemaError(std::string(kQueryLanguageValues), "/QueryLanguage");
      }
    }
    machine->comment = parser.GetString(definition, "Comment", "").value_or("");
    machine->version = parser.GetString(definition, "Version", "").value_or("");
    // AWS caps TimeoutSeconds at 99999999 wherever it appears.
    machine->timeout_seconds = parser.GetInteger(definition, "TimeoutSeconds", "", 1, 99999999);
  }
  machine->query_language = language;
  parser.set_machine_language(language);
  std::unique_ptr<StateGraph> graph =
      parser.ParseGraph(definition, "", language, {"Version", "TimeoutSeconds", "QueryLanguage"});
  parser.LinkGraph(*graph, "");
  // StateGraph is not movable (it indexes its states); move the pieces.
  machine->graph.start_at = std::move(graph->start_at);
  machine->graph.start_state = graph->start_state;
  machine->graph.comment = std::move(graph->comment);
  machine->graph.query_language = graph->query_language;
  for (std::unique_ptr<State>& state : graph->states) {
    machine->graph.Add(std::move(state));
  }
  machine->definition = std::move(definition);
  const bool has_error =
      std::any_of(analysis.diagnostics.begin(), analysis.diagnostics.end(),
                  [](const Diagnostic& d) { return d.severity == DiagnosticSeverity::kError; });
  if (!has_error) {
    analysis.machine = std::move(machine);
  }
  return analysis;
}

Result<std::shared_ptr<const StateMachine>> ParseDefinition(std::string_view json,
                                                            const ParseOptions& options) {
  DefinitionAnalysis analysis = AnalyzeDefinition(json, options);
  if (!analysis.ok()) {
    return Status::InvalidArgument(InvalidDefinitionMessage(analysis.diagnostics));
  }
  return std::move(analysis.machine);
}

}  // namespace stratus::states::asl
