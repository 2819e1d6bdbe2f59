#pragma once

// JSONata for Step Functions: a compiled expression and the bindings it is
// evaluated against.
//
// The model. JSONata (https://docs.jsonata.org, 2.x semantics) is a query and
// transformation language over JSON. An expression is compiled once into an
// immutable syntax tree (JsonataExpression::Compile) and then evaluated any
// number of times, from any number of threads, against an input document and
// a set of bindings: variables ($name) and extra native functions. Step
// Functions binds `$states` ({input, result, errorOutput, context}), the
// execution's variables, and the AWS functions ($partition, $range, $hash,
// $random, $uuid, $parse; see aws_functions.h).
//
// Values. JSONata distinguishes "undefined" (no value: a missing field, an
// empty sequence) from null; Evaluate() returns std::nullopt for undefined.
// Numbers are IEEE doubles in the language; results that are integral and fit
// an int64 come back as Json integers (3, not 3.0).
//
// Errors. Every failure is an InvalidArgument Status (never an exception)
// whose message is the JSONata error code and jsonata-js's message text, e.g.
//   T2001: The left side of the "+" operator must evaluate to a number
//   S0203: Expected ")" before end of expression
//   T1006: Attempted to invoke a non-function
// so that the ASL layer can build States.QueryEvaluationError from it.
// JsonataErrorCode() extracts the code. An expression whose value is a
// function has no JSON form: Evaluate() then fails with
// kJsonataUnsupportedResultCode. Runaway expressions are stopped: deep
// recursion with D1011 (a depth and stack-size guard), endless loops with
// D1100 once JsonataBindings::max_steps() is used up.
//
// Differences from jsonata-js. Objects are stratus::Json, whose keys are
// kept sorted, so functions that list keys ($keys, $each, $spread, `*`)
// return them in sorted rather than insertion order. Custom matcher functions
// (non-regex functions passed to $match/$split/$replace) are not supported.
// $now()/$millis() read the bindings' Clock; $random/$shuffle/$uuid draw from
// its IdGenerator.
//
// Thread safety: a JsonataExpression is immutable after Compile() and may be
// evaluated concurrently. A JsonataBindings object is read-only during
// Evaluate(); concurrent evaluations may share one if nobody mutates it.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "base/status.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::states {

/// The error code Evaluate() reports when the expression's value is a function
/// (AWS: "returned an unsupported result type").
inline constexpr std::string_view kJsonataUnsupportedResultCode = "U2001";

/// Returns the JSONata error code that starts `status`'s message ("T2001"), or
/// an empty view when the message carries none.
std::string_view JsonataErrorCode(const Status& status);

/// Returns the message of `status` without its leading "CODE: ".
std::string_view JsonataErrorMessage(const Status& status);

/// The body of a native function. `args` holds the evaluated arguments after
/// signature checking (std::nullopt is undefined). Return std::nullopt for
/// undefined. Errors should use JsonataError-style messages ("D3001: ...").
using JsonataNativeBody =
    std::function<Result<std::optional<Json>>(std::span<const std::optional<Json>> args)>;

/// A native function callable from expressions as $name(...).
struct JsonataNativeFunction {
  /// A JSONata signature, e.g. "<n-n?:a<n>>"; it validates and coerces the
  /// arguments (T0410/T0412 errors) and supplies the context for "-". Empty:
  /// any arguments are passed through unchecked.
  std::string signature = {};
  /// The implementation.
  JsonataNativeBody body = {};
  /// True if an array result is a JSONata sequence: a one-element array is
  /// unwrapped to its element and an empty one is undefined ($range does this).
  bool returns_sequence = false;
};

/// The environment an expression is evaluated in: variables, extra native
/// functions, and the clock and id generator behind $now, $millis, $random,
/// $shuffle and $uuid.
///
/// Thread safety: not synchronised; Evaluate() only reads it.
class JsonataBindings {
 public:
  /// The default step limit: far above what Step Functions payloads (256 KiB)
  /// need, low enough to stop an endless loop within seconds.
  static constexpr uint64_t kDefaultMaxSteps = 10'000'000;

  JsonataBindings() = default;

  /// Layers these bindings over `parent`: names not bound here are looked up
  /// there, and an unset clock or id generator is the parent's. Lets a host
  /// set the functions, clock and limits once and bind only the variables of
  /// each evaluation. REQUIRES: `parent` outlives these bindings.
  explicit JsonataBindings(const JsonataBindings* parent);

  JsonataBindings(const JsonataBindings&) = delete;
  JsonataBindings& operator=(const JsonataBindings&) = delete;
  JsonataBindings(JsonataBindings&&) = default;
  JsonataBindings& operator=(JsonataBindings&&) = default;
  ~JsonataBindings();

  /// Binds $name (given without the '$') to a copy of `value`.
  void SetVariable(std::string name, Json value);

  /// Binds $name to `value` without copying it.
  /// REQUIRES: `value` outlives every Evaluate() that uses these bindings.
  void BindVariable(std::string name, const Json& value);

  /// Binds $name to an object whose members are borrowed, e.g. $states with
  /// {input, result, errorOutput, context}: `$states.input.x` reads
  /// `*members["input"]` without building or copying the object. (Using
  /// `$states` as a whole copies the members once per evaluation.)
  /// REQUIRES: every member outlives every Evaluate() that uses these bindings.
  void BindObject(std::string name, std::vector<std::pair<std::string, const Json*>> members);

  /// Returns the members of an object bound with BindObject() (here or in a
  /// parent), or nullptr.
  const std::vector<std::pair<std::string, const Json*>>* FindObject(std::string_view name) const;

  /// Adds or replaces the native function $name. Built-in functions of the
  /// same name are shadowed.
  void SetFunction(std::string name, JsonataNativeFunction function);

  /// Sets the clock behind $now() and $millis(). Without one they fail.
  /// REQUIRES: `clock` outlives every Evaluate() that uses these bindings.
  void set_clock(const Clock* clock) { clock_ = clock; }

  /// Sets the randomness behind $random() and $shuffle(); without one they
  /// fail. REQUIRES: `ids` outlives every Evaluate() that uses these bindings.
  void set_id_generator(IdGenerator* ids) { ids_ = ids; }

  /// Limits the work of one evaluation (nodes evaluated plus tail calls);
  /// beyond it evaluation fails with D1100. Guards against expressions that
  /// never finish, such as `($f := function(){$f()}; $f())`.
  void set_max_steps(uint64_t max_steps) { max_steps_ = max_steps; }

  uint64_t max_steps() const { return max_steps_; }

  /// Returns the variable $name (here or in a parent), or nullptr.
  const Json* FindVariable(std::string_view name) const;

  /// Returns the native function $name (here or in a parent), or nullptr.
  const JsonataNativeFunction* FindFunction(std::string_view name) const;

  const Clock* clock() const;
  IdGenerator* id_generator() const;

 private:
  // Owned values; borrowed ones point elsewhere. Both are looked up by name.
  std::map<std::string, std::unique_ptr<Json>, std::less<>> owned_;
  std::map<std::string, const Json*, std::less<>> variables_;
  std::map<std::string, std::vector<std::pair<std::string, const Json*>>, std::less<>> objects_;
  std::map<std::string, JsonataNativeFunction, std::less<>> functions_;
  const Clock* clock_ = nullptr;
  IdGenerator* ids_ = nullptr;
  uint64_t max_steps_ = kDefaultMaxSteps;
  const JsonataBindings* parent_ = nullptr;
};

namespace jsonata {
struct Program;
}  // namespace jsonata

/// A compiled JSONata expression.
///
/// Thread safety: immutable; Evaluate() may run concurrently on one object.
/// Copies share the compiled tree.
class JsonataExpression {
 public:
  /// Parses `text` (without the "{% %}" delimiters). Syntax errors are
  /// InvalidArgument with an S0xxx code, e.g. "S0202: Expected \")\", got end".
  static Result<JsonataExpression> Compile(std::string_view text);

  /// Evaluates against `input` (the context `$` and `$$`) and `bindings`.
  /// Returns std::nullopt when the result is undefined. Failures are
  /// InvalidArgument with a JSONata code (see the file comment).
  Result<std::optional<Json>> Evaluate(const Json& input, const JsonataBindings& bindings) const;

  /// The source text given to Compile().
  const std::string& text() const { return *text_; }

 private:
  JsonataExpression(std::shared_ptr<const std::string> text,
                    std::shared_ptr<const jsonata::Program> program);

  std::shared_ptr<const std::string> text_;
  std::shared_ptr<const jsonata::Program> program_;
};

}  // namespace stratus::states
