#pragma once

// Operators, sources and sinks: the pieces of a pipeline.
//
// A physical plan is cut into pipelines at breakers (a join's build side,
// aggregation, sort, window, set operations, DISTINCT). A pipeline is one
// Source, a chain of Operators and one Sink. It runs on several drivers
// (driver.h), each with its own instances of every piece; the instances of
// one pipeline share state only through objects made for it (a morsel queue
// behind the sources, a breaker's combined state behind the sinks).
//
// An operator is push-based and single-threaded: the driver Push()es one
// batch, then calls Next() until it answers kNeedInput (or kDone), then
// pushes the next batch; at the end of the input it calls Finish() and
// drains Next() until kDone. Operators never call each other.
//
// Errors: expected failures (a bad cast, division by zero, the memory budget)
// come back as a Status and end the whole run; broken invariants trip
// STRATUS_DCHECK.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "sql/types/logical_type.h"
#include "sql/vector/batch.h"

namespace stratus::sql::exec {

/// What the driver should do after Operator::Next().
enum class Flow : uint8_t {
  kOutput,     // *out holds a non-empty batch; call Next() again.
  kNeedInput,  // Push() the next batch, or Finish().
  kDone,       // The operator will produce nothing more (its input may stop).
};

/// A physical operator in a pipeline (see the essay above).
///
/// Thread safety: none; only the owning Driver's thread calls an operator.
class Operator {
 public:
  Operator(const Operator&) = delete;
  Operator& operator=(const Operator&) = delete;
  virtual ~Operator() = default;

  /// The types of every batch this operator emits; fixed at plan time.
  const std::vector<LogicalType>& output_types() const { return output_types_; }

  /// Accepts one input batch. REQUIRES: the last Next() returned kNeedInput.
  virtual Status Push(Batch input) = 0;

  /// Tells the operator that its input is exhausted.
  virtual Status Finish() = 0;

  /// Emits the next output batch into *out when the result is kOutput.
  virtual Result<Flow> Next(Batch* out) = 0;

  /// Returns one line for EXPLAIN, e.g. "Filter(price > 10)".
  virtual std::string Describe() const = 0;

 protected:
  explicit Operator(std::vector<LogicalType> output_types)
      : output_types_(std::move(output_types)) {}

 private:
  std::vector<LogicalType> output_types_;
};

/// Produces a pipeline's batches for one driver, pulling morsels from a
/// queue it shares with the pipeline's other drivers.
///
/// Thread safety: one driver's thread calls it; shared queues are the
/// implementation's to guard.
class Source {
 public:
  virtual ~Source() = default;
  /// Fills *out with the next non-empty batch; false when there is no more.
  virtual Result<bool> Next(Batch* out) = 0;
};

/// Consumes a pipeline's batches for one driver; Finish() hands the driver's
/// local state to the breaker that combines them.
///
/// Thread safety: one driver's thread calls it.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual Status Consume(Batch input) = 0;
  virtual Status Finish() = 0;
};

}  // namespace stratus::sql::exec
