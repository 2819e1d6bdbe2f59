#include "states/asl/intrinsic_expression.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/random.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/intrinsic_registry.h"
#include "states/asl/intrinsics.h"
#include "testing/status_matchers.h"

namespace stratus::states::asl {
namespace {

// Expected values below are the outputs AWS recorded for the same calls
// (LocalStack's snapshot tests against real Step Functions).

class IntrinsicExpressionTest : public ::testing::Test {
 protected:
  Result<Json> Call(std::string_view text, const Json& input = Json::object()) {
    auto expression = IntrinsicExpression::Parse(text, BuiltinIntrinsics());
    if (!expression.ok()) {
      return expression.status();
    }
    EvaluationContext context{.state_name = "State_0",
                              .entered_event_id = 2,
                              .context_object = &context_object_,
                              .ids = &ids_};
    return expression->Evaluate(input, context);
  }

  Json Eval(std::string_view text, const Json& input = Json::object()) {
    Result<Json> result = Call(text, input);
    EXPECT_OK(result);
    return result.ok() ? *result : Json("<error>");
  }

  Json context_object_ = {{"StateMachine", {{"Name", "my-machine-name"}}}};
  IdGenerator ids_{7};
};

TEST_F(IntrinsicExpressionTest, FormatRendersValuesAsAwsDoes) {
  constexpr const char* kCall = "States.Format('Formatting argument {}.', $.in)";
  EXPECT_EQ(Eval(kCall, {{"in", ""}}), "Formatting argument .");
  EXPECT_EQ(Eval(kCall, {{"in", "HelloWorld"}}), "Formatting argument HelloWorld.");
  EXPECT_EQ(Eval(kCall, {{"in", nullptr}}), "Formatting argument null.");
  EXPECT_EQ(Eval(kCall, {{"in", 1}}), "Formatting argument 1.");
  EXPECT_EQ(Eval(kCall, {{"in", 1.1}}), "Formatting argument 1.1.");
  EXPECT_EQ(Eval(kCall, {{"in", "{\"Arg1\": 1, \"Arg2\": []}"}}),
            "Formatting argument {\"Arg1\": 1, \"Arg2\": []}.");
  EXPECT_EQ(Eval("States.Format('fst={} and snd={}.', $.a, $.b)",
                 Json::parse(R"({"a":{"Arg1":1,"Arg2":[]},"b":[1,"x",null]})")),
            "fst={Arg1=1, Arg2=[]} and snd=[1, x, null].");
}

TEST_F(IntrinsicExpressionTest, FormatHonoursEscapedBracesAndQuotes) {
  EXPECT_EQ(Eval(R"(States.Format('\{literal\} {} it\'s \\', 'x'))"), "{literal} x it's \\");
}

TEST_F(IntrinsicExpressionTest, FormatRejectsMismatchedPlaceholders) {
  Result<Json> result = Call("States.Format('{} {}', 'a')");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(IsStatesError(result.status(), kErrorIntrinsicFailure));
  EXPECT_THAT(result.status().message(),
              ::testing::StartsWith("An error occurred while executing the state 'State_0' "
                                    "(entered at the event id #2). Invalid arguments in "
                                    "States.Format"));
}

TEST_F(IntrinsicExpressionTest, StringSplitSplitsOnEveryDelimiterCharacterAndDropsEmptyPieces) {
  constexpr const char* kCall = "States.StringSplit($.s, $.d)";
  EXPECT_EQ(Eval(kCall, {{"s", " "}, {"d", ","}}), Json::parse(R"([" "])"));
  EXPECT_EQ(Eval(kCall, {{"s", ", , ,"}, {"d", ","}}), Json::parse(R"([" ", " "])"));
  EXPECT_EQ(Eval(kCall, {{"s", ",,,,"}, {"d", ","}}), Json::array());
  EXPECT_EQ(Eval(kCall, {{"s", "This.is+a,test=string"}, {"d", ".+,="}}),
            Json::parse(R"(["This","is","a","test","string"])"));
  EXPECT_EQ(Eval(kCall, {{"s", "split on T and \nnew line"}, {"d", "T\n"}}),
            Json::parse(R"(["split on ", " and ", "new line"])"));
  EXPECT_EQ(Eval("States.StringSplit('Hello\nWorld', '\n')"), Json::parse(R"(["Hello","World"])"));
}

TEST_F(IntrinsicExpressionTest, StringToJsonParsesAndTreatsBlankAsNull) {
  constexpr const char* kCall = "States.StringToJson($.s)";
  EXPECT_EQ(Eval(kCall, {{"s", ""}}), nullptr);
  EXPECT_EQ(Eval(kCall, {{"s", " "}}), nullptr);
  EXPECT_EQ(Eval(kCall, {{"s", "-0"}}), 0);
  EXPECT_EQ(Eval(kCall, {{"s", "1.1"}}), 1.1);
  EXPECT_EQ(Eval(kCall, {{"s", "\"HelloWorld\""}}), "HelloWorld");
  EXPECT_EQ(Eval(kCall, {{"s", "{\"Arg1\": 1, \"Arg2\": []}"}}),
            Json::parse(R"({"Arg1":1,"Arg2":[]})"));
}

TEST_F(IntrinsicExpressionTest, JsonToStringWritesCompactJson) {
  constexpr const char* kCall = "States.JsonToString($.v)";
  EXPECT_EQ(Eval(kCall, {{"v", nullptr}}), "null");
  EXPECT_EQ(Eval(kCall, {{"v", 1.1}}), "1.1");
  EXPECT_EQ(Eval(kCall, {{"v", "HelloWorld"}}), "\"HelloWorld\"");
  EXPECT_EQ(Eval(kCall, {{"v", Json::parse(R"([1, 2, "HelloWorld"])")}}), "[1,2,\"HelloWorld\"]");
  EXPECT_EQ(Eval(kCall, {{"v", Json::parse(R"({"Arg1": 1, "Arg2": []})")}}),
            "{\"Arg1\":1,\"Arg2\":[]}");
}

TEST_F(IntrinsicExpressionTest, JsonMergeIsShallowAndRejectsDeepMerge) {
  const Json input = Json::parse(R"({"fst": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3},
                                     "snd": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}})");
  EXPECT_EQ(Eval("States.JsonMerge($.fst, $.snd, false)", input),
            Json::parse(R"({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4})"));
  EXPECT_TRUE(IsStatesError(Call("States.JsonMerge($.fst, $.snd, true)", input).status(),
                            kErrorIntrinsicFailure));
  EXPECT_EQ(Eval("States.JsonMerge(States.StringToJson('{\"k\": \"false\"}'), $.o, false)",
                 {{"o", {{"x", "y"}}}}),
            Json::parse(R"({"k":"false","x":"y"})"));
}

TEST_F(IntrinsicExpressionTest, ArrayFunctions) {
  EXPECT_EQ(Eval("States.Array()"), Json::array());
  EXPECT_EQ(Eval("States.Array($.a, $.b)", {{"a", nullptr}, {"b", 1.1}}),
            Json::parse("[null, 1.1]"));
  EXPECT_EQ(Eval("States.ArrayPartition($.a, 2)", {{"a", {0, 1, 2}}}), Json::parse("[[0,1],[2]]"));
  EXPECT_EQ(Eval("States.ArrayPartition($.a, 5)", {{"a", Json::array()}}), Json::array());
  EXPECT_EQ(Eval("States.ArrayContains($.a, $.v)",
                 Json::parse(R"({"a": [[1, 2, 3], 2], "v": [1, 2, 3]})")),
            true);
  EXPECT_EQ(
      Eval("States.ArrayContains($.a, $.v)", Json::parse(R"({"a": [[1, 2, 3], 2], "v": null})")),
      false);
  EXPECT_EQ(Eval("States.ArrayRange(0, 10, 3)"), Json::parse("[0,3,6,9]"));
  EXPECT_EQ(Eval("States.ArrayRange(1, 9, 9)"), Json::parse("[1]"));
  EXPECT_EQ(Eval("States.ArrayGetItem($.a, 5)", {{"a", {1, 2, 3, 4, 5, 6, 7, 8, 9}}}), 6);
  EXPECT_EQ(Eval("States.ArrayLength($.a)", {{"a", {1, 2, 3}}}), 3);
  EXPECT_EQ(Eval("States.ArrayUnique($.a)",
                 Json::parse(R"({"a":[null,null,1,1,1.1,"x","x",[],[],{"a":1},{"a":1}]})")),
            Json::parse(R"([null,1,1.1,"x",[],{"a":1}])"));
}

TEST_F(IntrinsicExpressionTest, ArrayFunctionsFailOnBadArguments) {
  EXPECT_TRUE(IsStatesError(Call("States.ArrayGetItem($.a, 3)", {{"a", {1}}}).status(),
                            kErrorIntrinsicFailure));
  EXPECT_TRUE(IsStatesError(Call("States.ArrayPartition($.a, 0)", {{"a", {1}}}).status(),
                            kErrorIntrinsicFailure));
  EXPECT_TRUE(
      IsStatesError(Call("States.ArrayRange(0, 2000, 1)").status(), kErrorIntrinsicFailure));
  EXPECT_TRUE(IsStatesError(Call("States.ArrayLength('x')").status(), kErrorIntrinsicFailure));
}

TEST_F(IntrinsicExpressionTest, EncodingAndHashing) {
  EXPECT_EQ(Eval("States.Base64Encode('Data to encode')"), "RGF0YSB0byBlbmNvZGU=");
  EXPECT_EQ(Eval("States.Base64Encode('')"), "");
  EXPECT_EQ(Eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"), "Data to encode");
  constexpr const char* kHash = "States.Hash('input data', $.algorithm)";
  EXPECT_EQ(Eval(kHash, {{"algorithm", "MD5"}}), "812f45842bc6d66ee14572ce20db8e86");
  EXPECT_EQ(Eval(kHash, {{"algorithm", "SHA-1"}}), "aaff4a450a104cd177d28d18d74485e8cae074b7");
  EXPECT_EQ(Eval(kHash, {{"algorithm", "SHA-256"}}),
            "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3");
  EXPECT_EQ(Eval(kHash, {{"algorithm", "SHA-384"}}),
            "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9"
            "e9374a15562");
  EXPECT_EQ(
      Eval(kHash, {{"algorithm", "SHA-512"}}),
      "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc5"
      "0283731a533d30d425402d4f91316d871303aac4");
  EXPECT_TRUE(
      IsStatesError(Call(kHash, {{"algorithm", "SHA-3"}}).status(), kErrorIntrinsicFailure));
}

TEST_F(IntrinsicExpressionTest, MathAddRoundsEachArgumentHalfUp) {
  struct Case {
    double a;
    double b;
    int expected;
  };

  // AWS rounds like Java's Math.round before adding.
  constexpr Case kCases[] = {{-9, 3, -6},       {1.49, 1.5, 3},   {1.5, 1.51, 4}, {-1.49, -1.5, -2},
                             {-1.5, -1.51, -3}, {1.49, -1.49, 0}, {0.5, 0, 1},    {2.5, 0, 3},
                             {-0.5, 0.5, 1},    {-0.5, 0, 0},     {-2.5, 0, -2},  {-3.5, 0, -3}};
  for (const Case& c : kCases) {
    SCOPED_TRACE(::testing::Message() << c.a << " + " << c.b);
    EXPECT_EQ(Eval("States.MathAdd($.a, $.b)", {{"a", c.a}, {"b", c.b}}), c.expected);
  }
}

TEST_F(IntrinsicExpressionTest, MathRandomStaysInRangeAndIsRepeatableWithASeed) {
  for (int i = 0; i < 50; ++i) {
    Json value = Eval("States.MathRandom(1, 10)");
    ASSERT_TRUE(value.is_number_integer());
    EXPECT_GE(value.get<int>(), 1);
    EXPECT_LE(value.get<int>(), 10);
  }
  EXPECT_EQ(Eval("States.MathRandom(0, 999, 3)"), Eval("States.MathRandom(0, 999, 3)"));
  Json fractional = Eval("States.MathRandom(12.5, 44.51)");
  EXPECT_GE(fractional.get<int>(), 12);
  EXPECT_LE(fractional.get<int>(), 44);
}

TEST_F(IntrinsicExpressionTest, UuidComesFromTheInjectedGenerator) {
  IdGenerator same_seed(7);
  EXPECT_EQ(Eval("States.UUID()"), same_seed.Uuid());
}

TEST_F(IntrinsicExpressionTest, NestedCallsAndContextPaths) {
  EXPECT_EQ(Eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)"), "my");
  EXPECT_EQ(Eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), "
                 "States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, "
                 "'-')), -1))"),
            "name");
}

TEST_F(IntrinsicExpressionTest, PathArgumentsMayBeFiltersAndVariables) {
  EXPECT_EQ(Eval("States.ArrayLength($.items[?(@.n > 1)])",
                 Json::parse(R"({"items":[{"n":1},{"n":2},{"n":3}]})")),
            2);
}

TEST_F(IntrinsicExpressionTest, RejectsMalformedCalls) {
  for (const char* text : {"States.Nope()", "States.Format(", "States.Format('x'", "States.UUID(1)",
                           "States.ArrayLength()", "States.Array('unterminated)",
                           "States.Array(1 2)", "States.Array(foo)"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(StatusCode::kInvalidArgument,
                  IntrinsicExpression::Parse(text, BuiltinIntrinsics()));
  }
}

TEST_F(IntrinsicExpressionTest, RegistryListsEveryDocumentedFunction) {
  std::vector<std::string> names;
  for (const IntrinsicFunction* function : BuiltinIntrinsics().List()) {
    names.push_back(function->name);
    EXPECT_FALSE(function->description.empty()) << function->name;
  }
  EXPECT_THAT(names, ::testing::ElementsAre(
                         "States.Array", "States.ArrayContains", "States.ArrayGetItem",
                         "States.ArrayLength", "States.ArrayPartition", "States.ArrayRange",
                         "States.ArrayUnique", "States.Base64Decode", "States.Base64Encode",
                         "States.Format", "States.Hash", "States.JsonMerge", "States.JsonToString",
                         "States.MathAdd", "States.MathRandom", "States.StringSplit",
                         "States.StringToJson", "States.UUID"));
}

}  // namespace
}  // namespace stratus::states::asl
