#pragma once

// Test helpers for the JSONata evaluator: evaluate an expression text against
// a JSON text with a fake clock and a seeded id generator, and compare the
// result with an expected JSON text ("undefined" for no value).

#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "base/json.h"
#include "base/random.h"
#include "states/jsonata/aws_functions.h"
#include "states/jsonata/jsonata.h"

namespace stratus::states {

/// One row of a table-driven test.
struct ExpressionCase {
  std::string_view expression = {};
  std::string_view expected = {};  // JSON text, or "undefined"
};

/// Evaluates expressions deterministically (FakeClock at 2026-01-01, seed 7).
///
/// Thread safety: none; one per test.
class ExpressionTester {
 public:
  explicit ExpressionTester(std::string_view input = "{}") : ids_(7) {
    Result<Json> parsed = ParseJson(input);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (parsed.ok()) {
      input_ = std::move(parsed).value();
    }
    bindings_.set_clock(&clock_);
    bindings_.set_id_generator(&ids_);
    AddAwsFunctions(bindings_, ids_);
  }

  JsonataBindings& bindings() { return bindings_; }

  FakeClock& clock() { return clock_; }

  /// Compiles and evaluates `expression`.
  Result<std::optional<Json>> Evaluate(std::string_view expression) {
    STRATUS_ASSIGN_OR_RETURN(JsonataExpression compiled, JsonataExpression::Compile(expression));
    return compiled.Evaluate(input_, bindings_);
  }

  /// Returns the result as compact JSON text, "undefined", or "error: <message>".
  std::string Text(std::string_view expression) {
    Result<std::optional<Json>> result = Evaluate(expression);
    if (!result.ok()) {
      return "error: " + result.status().message();
    }
    return result->has_value() ? DumpJson(**result) : "undefined";
  }

  /// Returns the JSONata error code of a failing expression ("" if it succeeds).
  std::string ErrorCode(std::string_view expression) {
    Result<std::optional<Json>> result = Evaluate(expression);
    return result.ok() ? std::string() : std::string(JsonataErrorCode(result.status()));
  }

  /// Checks every case; the expected text is parsed so formatting is free.
  void ExpectAll(std::initializer_list<ExpressionCase> cases) {
    for (const ExpressionCase& c : cases) {
      SCOPED_TRACE(std::string(c.expression));
      if (c.expected == "undefined") {
        EXPECT_EQ(Text(c.expression), "undefined");
        continue;
      }
      Result<Json> expected = ParseJson(c.expected);
      ASSERT_TRUE(expected.ok()) << "bad expected JSON: " << c.expected;
      EXPECT_EQ(Text(c.expression), DumpJson(*expected));
    }
  }

 private:
  Json input_;
  FakeClock clock_;
  IdGenerator ids_;
  JsonataBindings bindings_;
};

/// The sample document of the JSONata documentation ("Fred Smith").
inline constexpr std::string_view kAddressDocument = R"({
  "FirstName": "Fred", "Surname": "Smith", "Age": 28,
  "Address": {"Street": "Hursley Park", "City": "Winchester", "Postcode": "SO21 2JN"},
  "Phone": [
    {"type": "home", "number": "0203 544 1234"},
    {"type": "office", "number": "01962 001234"},
    {"type": "office", "number": "01962 001235"},
    {"type": "mobile", "number": "077 7700 1234"}],
  "Email": [
    {"type": "work", "address": ["fred.smith@my-work.com", "fsmith@my-work.com"]},
    {"type": "home", "address": ["freddy@my-social.com", "frederic.smith@very-serious.com"]}],
  "Other": {"Over 18 ?": true, "Misc": null,
            "Alternative.Address": {"Street": "Brick Lane", "City": "London", "Postcode": "E1 6RF"}}
})";

/// An order document in the style of the JSONata documentation.
inline constexpr std::string_view kOrderDocument = R"({
  "Account": {
    "Account Name": "Firefly",
    "Order": [
      {"OrderID": "order103", "Product": [
        {"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "0406654608",
         "Description": {"Colour": "Purple", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.75},
         "Price": 34.45, "Quantity": 2},
        {"Product Name": "Trilby hat", "ProductID": 858236, "SKU": "0406634348",
         "Description": {"Colour": "Orange", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.6},
         "Price": 21.67, "Quantity": 1}]},
      {"OrderID": "order104", "Product": [
        {"Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "040657863",
         "Description": {"Colour": "Purple", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.75},
         "Price": 34.45, "Quantity": 4},
        {"ProductID": 345664, "SKU": "0406654603", "Product Name": "Cloak",
         "Description": {"Colour": "Black", "Width": 30, "Height": 20, "Depth": 210, "Weight": 2},
         "Price": 107.99, "Quantity": 1}]}]
  }
})";

}  // namespace stratus::states
