#pragma once

#include <memory>

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::states::asl {
class JsonataEvaluator;
}  // namespace stratus::states::asl

namespace stratus::states::interpreter {

/// Returns the asl::JsonataEvaluator backed by states/jsonata: expressions
/// are compiled once and cached by their text; $states, the workflow
/// variables the expression names and AWS's functions ($partition, $range,
/// $hash, $random, $uuid, $parse) are bound for each evaluation.
///
/// It lives here rather than in asl/ because asl/ must not depend on the
/// JSONata implementation; hosts create one and pass it in
/// InterpreterOptions::jsonata (and asl::ParseOptions::jsonata).
/// `clock` backs $now() and $millis() (they fail without one).
/// REQUIRES: `ids` and `clock` outlive the evaluator.
///
/// Thread safety: the evaluator is safe to call concurrently.
std::unique_ptr<asl::JsonataEvaluator> MakeJsonataEvaluator(IdGenerator& ids,
                                                            const Clock* clock = nullptr);

}  // namespace stratus::states::interpreter
