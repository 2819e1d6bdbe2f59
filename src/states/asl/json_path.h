#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "base/status.h"

namespace stratus::states::asl {

struct EvaluationContext;

/// A compiled JSONPath expression, as Step Functions implements it (Jayway
/// JsonPath semantics).
///
/// Two dialects exist in the States Language:
/// - a *reference path* (InputPath, OutputPath, ResultPath, *Path fields of
///   Choice/Wait/Fail/Map, choice `Variable`) selects a single node: only
///   `.name`, `['name']` and `[index]` steps;
/// - a *path* (`.$` keys of Parameters/ResultSelector/ItemSelector/Assign,
///   ItemsPath, intrinsic arguments) also allows `[*]`, `.*`, `..name`,
///   slices `[a:b:c]`, unions `[0,1]` / `['a','b']` and filters `[?(...)]`.
///
/// Every path starts at a root: `$` (the state's input or whatever the field
/// applies to), `$$` (the context object) or `$name` (a workflow variable).
/// A *definite* path (no wildcard, slice, filter, union or recursive descent)
/// evaluates to one value; an indefinite one to an array of every match.
///
/// Compiled once at definition time; cheap to copy (the steps are shared and
/// immutable).
///
/// Thread safety: immutable; safe to share across threads.
class JsonPath {
 public:
  /// The root a path starts from.
  enum class Root : uint8_t {
    kInput,     // $
    kContext,   // $$
    kVariable,  // $name
  };

  /// Returns the path "$".
  JsonPath();

  /// Compiles a path (the full dialect). InvalidArgument on a syntax error.
  static Result<JsonPath> Parse(std::string_view text);

  /// Compiles a reference path: a definite path without filters, wildcards,
  /// slices or unions. InvalidArgument otherwise.
  static Result<JsonPath> ParseReference(std::string_view text);

  /// The text as written in the definition.
  const std::string& text() const;

  Root root() const;

  /// The variable name for Root::kVariable ("x" for "$x.a"); empty otherwise.
  const std::string& variable_name() const;

  /// True when the path has no steps after its root ("$", "$$", "$x").
  bool is_root_only() const;

  /// True when the path selects at most one node (see the class comment).
  bool is_definite() const;

  /// True when the path is a valid reference path.
  bool is_reference() const;

  /// Returns Jayway's normalized spelling, e.g. "$['a'][0]", used in the
  /// "No results for path: $['a']" messages.
  std::string NormalizedText() const;

  /// Evaluates the path against `document` (the value its root names).
  /// Definite path: the value, or NotFound with Jayway's message ("No results
  /// for path: $['a']", "Missing property in path $['a']"). Indefinite
  /// path: an array of the matches in document order (possibly empty).
  Result<Json> Evaluate(const Json& document) const;

  /// Returns the node a definite path selects in `document`, or null when
  /// it is missing. REQUIRES: is_definite().
  const Json* Find(const Json& document) const;

  /// Sets the node this reference path selects in `*document` to `value`,
  /// creating missing intermediate objects. "$" replaces the document.
  /// FailedPrecondition when a step meets a value of the wrong kind (a
  /// field of a string, an index past the end) — the caller raises
  /// States.ResultPathMatchFailure. REQUIRES: is_reference().
  Status Assign(Json* document, Json value) const;

  /// Compares the source text.
  friend bool operator==(const JsonPath& a, const JsonPath& b) { return a.text() == b.text(); }

  struct Impl;

 private:
  explicit JsonPath(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

  std::shared_ptr<const Impl> impl_;
};

/// Evaluates `path` against the document its root names: `input` for `$`,
/// the context object for `$$`, the variable for `$name` (NotFound when the
/// variable is not assigned). Errors carry no state prefix; callers wrap them.
Result<Json> EvaluatePath(const JsonPath& path,
                          const Json& input,
                          const EvaluationContext& context);

/// Returns the node a definite `path` selects (after root resolution as in
/// EvaluatePath), or null when it is missing. REQUIRES: path.is_definite().
const Json* FindPath(const JsonPath& path, const Json& input, const EvaluationContext& context);

}  // namespace stratus::states::asl
