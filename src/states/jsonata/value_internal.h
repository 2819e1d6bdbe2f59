#pragma once

// Runtime values of the JSONata evaluator.
//
// A Value is one of: undefined (no value), a JSON value, a sequence (an
// ordered collection of Values with JSONata's sequence flags), or a function.
// JSON values are held through std::shared_ptr<const Json>: values that come
// from the input document or the bindings are *borrowed* (an aliasing pointer
// with no owner, so copying is free), values that evaluation creates are
// owned, and a child of an owned value aliases its owner. Navigation
// (`a.b.c`) therefore never copies the input.
//
// Arrays have two forms: a JSON array (from the input, or a literal) and a
// Sequence whose `is_sequence` flag is false (built by an array constructor or
// a function). Code that handles arrays uses IsArray/ArraySize/ArrayAt, which
// cover both.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"

namespace stratus::states::jsonata {

class Function;
struct Sequence;

class Value {
 public:
  /// Undefined.
  Value() = default;

  /// Borrows `json`. REQUIRES: `json` outlives the evaluation.
  static Value Borrow(const Json& json);
  /// Owns a new JSON value.
  static Value Own(Json json);
  /// A child of the JSON value `parent` (which must hold JSON), sharing its owner.
  static Value Child(const Value& parent, const Json& child);
  /// A JSON number; integral values become Json integers.
  static Value Number(double number);
  static Value Boolean(bool value);
  static Value Null();
  static Value String(std::string text);
  static Value FromSequence(std::shared_ptr<Sequence> sequence);
  static Value FromFunction(std::shared_ptr<const Function> function);

  bool undefined() const { return kind_ == Kind::kUndefined; }

  bool is_json() const { return kind_ == Kind::kJson; }

  bool is_sequence() const { return kind_ == Kind::kSequence; }

  bool is_function() const { return kind_ == Kind::kFunction; }

  const Json& json() const { return *static_cast<const Json*>(ptr_.get()); }

  /// Sequences are created mutable by the evaluator (see FromSequence).
  Sequence& sequence() const {
    return *const_cast<Sequence*>(static_cast<const Sequence*>(ptr_.get()));  // NOLINT
  }

  std::shared_ptr<Sequence> sequence_ptr() const {
    return std::const_pointer_cast<Sequence>(std::static_pointer_cast<const Sequence>(ptr_));
  }

  const Function& function() const { return *static_cast<const Function*>(ptr_.get()); }

  /// True if both hold the same object (the same function, say).
  bool SameObject(const Value& other) const { return ptr_.get() == other.ptr_.get(); }

  /// True if both are kept alive by the same owner (false for borrowed values).
  bool SameOwner(const Value& other) const {
    return !ptr_.owner_before(other.ptr_) && !other.ptr_.owner_before(ptr_) && ptr_.use_count() > 0;
  }

  /// The number of Values sharing this one's owner (0 when borrowed).
  long use_count() const { return ptr_.use_count(); }

  /// True for a JSON array or any sequence.
  bool IsArray() const;
  /// True for a sequence flagged as a JSONata sequence (not an array value).
  bool IsSequenceFlagged() const;

  bool IsNumber() const { return is_json() && json().is_number(); }

  bool IsString() const { return is_json() && json().is_string(); }

  bool IsBoolean() const { return is_json() && json().is_boolean(); }

  bool IsNull() const { return is_json() && json().is_null(); }

  bool IsObject() const { return is_json() && json().is_object(); }

  double AsNumber() const { return json().get<double>(); }

  const std::string& AsString() const { return json().get_ref<const std::string&>(); }

  bool AsBoolean() const { return json().get<bool>(); }

  /// Number of elements. REQUIRES: IsArray().
  size_t ArraySize() const;
  /// Element `index`. REQUIRES: IsArray() and index < ArraySize().
  Value ArrayAt(size_t index) const;

 private:
  enum class Kind : uint8_t { kUndefined, kJson, kSequence, kFunction };

  Value(Kind kind, std::shared_ptr<const void> ptr) : kind_(kind), ptr_(std::move(ptr)) {}

  // One type-erased pointer rather than a std::variant: GCC 12 reports
  // false maybe-uninitialized warnings when moving variants of shared_ptrs.
  Kind kind_ = Kind::kUndefined;
  std::shared_ptr<const void> ptr_;
};

/// Variable bindings carried by one tuple of a tuple stream (focus `@`,
/// index `#` and parent `%` bindings).
using TupleBindings = std::vector<std::pair<std::string, Value>>;

/// An ordered collection of values with JSONata's flags.
struct Sequence {
  std::vector<Value> items = {};
  bool is_sequence = true;      // false: an array value; never flattened or unwrapped
  bool keep_singleton = false;  // a one-item sequence stays an array
  bool cons = false;            // built by an array constructor
  bool outer_wrapper = false;   // wraps an input document that is an array
  bool tuple_stream = false;    // items are tuple focuses; `tuples` holds their bindings
  std::vector<std::shared_ptr<const TupleBindings>> tuples = {};
};

/// Returns a new, empty sequence (is_sequence set).
std::shared_ptr<Sequence> NewSequence();

/// Returns a new array value (is_sequence clear) holding `items`.
Value MakeArray(std::vector<Value> items);

/// Applies JSONata's end-of-expression rule: an empty sequence is undefined,
/// a one-item sequence is its item unless keep_singleton is set.
Value NormalizeSequence(Value value);

/// Appends `value` to `out`, flattening one level if it is an array.
void AppendFlattened(std::vector<Value>& out, const Value& value);

/// JSONata's $append semantics: undefined arguments vanish, non-arrays become
/// one-item arrays, and the result is a sequence.
Value AppendValues(const Value& first, const Value& second);

/// Deep equality as JSONata's `=` (numbers by value, objects by key set).
bool DeepEqual(const Value& a, const Value& b);

/// Converts to JSON for output. Functions fail; `nested_function_as_empty`
/// turns functions inside containers into "" instead (JSONata's $string).
/// Returns false if a function was found and not allowed.
bool ToJson(const Value& value, Json& out, bool nested_function_as_empty);

/// JSONata's effective boolean value ($boolean): nullopt for undefined; an
/// array is true if any member is; empty strings, 0, null, empty objects and
/// functions are false.
std::optional<bool> BooleanOf(const Value& value);

/// Returns a Json number for `number`: an integer if integral and in int64
/// range, else a double.
Json NumberToJson(double number);

/// Rewrites integral floating-point numbers in `json` (recursively) as
/// integers, so that values from outside the evaluator print as JSONata's do.
void NormalizeNumbers(Json& json);

/// The JSONata type name: "null", "number", "string", "boolean", "array",
/// "object", "function"; "undefined" for no value.
std::string_view TypeName(const Value& value);

}  // namespace stratus::states::jsonata
