#pragma once

#include <vector>

#include "base/json.h"
#include "states/interpreter/history_event.h"

namespace stratus::conformance::asl {

/// Replaces, recursively, every string value that holds a JSON object text
/// ("{...}") by the parsed object, as the snapshot recorder did.
void ParseEmbeddedJson(Json& value);

/// Returns our history as the recorder stored GetExecutionHistory's
/// "events": timestamps replaced by "timestamp", JSON object texts parsed.
Json NormalizeHistory(const std::vector<states::interpreter::HistoryEvent>& events);

/// Applies LocalStack's SfnNoneRecursiveParallelTransformer to `events` as
/// the recorder did for Parallel cases (ids inside a Parallel's span become
/// [0], previousEventId 0; the span is re-sorted; its quirks included: the
/// slice assignment on *Exited drops the ParallelStateSucceeded event and
/// the enumeration then skips the next event).
void ApplyParallelTransform(Json& events);

/// Sorts each run of consecutive events whose id is an array ([0]) by its
/// canonical text, so that both sides order a Parallel's span the same way.
void SortParallelRuns(Json& events);

/// True when some event's id is an array (the recorder used the transform).
bool UsesParallelTransform(const Json& events);

}  // namespace stratus::conformance::asl
