#include "states/asl/json_path.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/asl/evaluation_context.h"
#include "states/asl/variables.h"
#include "testing/status_matchers.h"

namespace stratus::states::asl {
namespace {

Json Doc() {
  return Json::parse(R"({
    "store": {
      "book": [
        {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
        {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
        {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
         "isbn": "0-553-21311-3", "price": 8.99},
        {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord",
         "isbn": "0-395-19395-8", "price": 22.99}
      ],
      "bicycle": {"color": "red", "price": 19.95}
    },
    "a b": 1,
    "n": null
  })");
}

Json Eval(std::string_view path, const Json& doc) {
  auto compiled = JsonPath::Parse(path);
  EXPECT_OK(compiled);
  if (!compiled.ok()) {
    return nullptr;
  }
  auto value = compiled->Evaluate(doc);
  EXPECT_OK(value);
  return value.ok() ? *value : Json();
}

TEST(JsonPathTest, DefinitePathsReturnTheSingleNode) {
  const Json doc = Doc();
  EXPECT_EQ(Eval("$", doc), doc);
  EXPECT_EQ(Eval("$.store.bicycle.color", doc), "red");
  EXPECT_EQ(Eval("$['store']['bicycle']['price']", doc), 19.95);
  EXPECT_EQ(Eval("$.store.book[0].author", doc), "Nigel Rees");
  EXPECT_EQ(Eval("$.store.book[-1].title", doc), "The Lord");
  EXPECT_EQ(Eval("$['a b']", doc), 1);
  EXPECT_EQ(Eval("$.n", doc), nullptr);
}

TEST(JsonPathTest, IndefinitePathsReturnArraysOfMatches) {
  const Json doc = Doc();
  EXPECT_EQ(Eval("$.store.book[*].author", doc),
            Json::parse(R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])"));
  EXPECT_EQ(Eval("$.store.book[?(@.price < 10)].title", doc),
            Json::parse(R"(["Sayings","Moby Dick"])"));
  EXPECT_EQ(Eval("$.store.book[?(@.isbn)].title", doc), Json::parse(R"(["Moby Dick","The Lord"])"));
  EXPECT_EQ(Eval("$.store.book[?(@.category == 'fiction' && @.price > 20)].title", doc),
            Json::parse(R"(["The Lord"])"));
  EXPECT_EQ(Eval("$.store.book[1:3].title", doc), Json::parse(R"(["Sword","Moby Dick"])"));
  EXPECT_EQ(Eval("$.store.book[-2:].title", doc), Json::parse(R"(["Moby Dick","The Lord"])"));
  EXPECT_EQ(Eval("$.store.book[:1].title", doc), Json::parse(R"(["Sayings"])"));
  EXPECT_EQ(Eval("$.store.book[0,2].price", doc), Json::parse("[8.95,8.99]"));
  EXPECT_EQ(Eval("$..author", doc).size(), 4u);
  EXPECT_EQ(Eval("$.store..price", doc).size(), 5u);
  EXPECT_EQ(Eval("$.store.book[?(@.author =~ /.*Melville/)].title", doc),
            Json::parse(R"(["Moby Dick"])"));
  EXPECT_EQ(Eval("$.store.book[?(@.category in ['reference'])].title", doc),
            Json::parse(R"(["Sayings"])"));
  EXPECT_EQ(Eval("$.missing[*]", doc), Json::array());
}

TEST(JsonPathTest, QuotedNamesKeepBackslashesThatEscapeNothing) {
  const Json doc = {{R"(Test\""Name")", "Value"}, {"it's", 1}};
  EXPECT_EQ(Eval(R"($['Test\""Name"'])", doc), "Value");
  EXPECT_EQ(Eval(R"($['it\'s'])", doc), 1);
}

TEST(JsonPathTest, MultiplePropertiesAtTheLeafMergeIntoAnObject) {
  EXPECT_EQ(Eval("$.store.bicycle['color','price']", Doc()),
            Json::parse(R"({"color":"red","price":19.95})"));
}

TEST(JsonPathTest, LengthFunctionCountsElements) {
  EXPECT_EQ(Eval("$.store.book.length()", Doc()), 4);
}

TEST(JsonPathTest, MissingLeafReportsNoResultsForPath) {
  ASSERT_OK_AND_ASSIGN(JsonPath path, JsonPath::Parse("$.NoSuchInputPath"));
  auto value = path.Evaluate(Json::object());
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.status().message(), "No results for path: $['NoSuchInputPath']");
}

TEST(JsonPathTest, MissingIntermediatePropertyReportsMissingProperty) {
  // AWS: "Invalid path '$.no.such.result.path' : Missing property in path $['no']".
  ASSERT_OK_AND_ASSIGN(JsonPath path, JsonPath::Parse("$.no.such.result.path"));
  auto value = path.Evaluate(Json::object());
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.status().message(), "Missing property in path $['no']");
}

TEST(JsonPathTest, ReferencePathsRejectIndefiniteSteps) {
  EXPECT_OK(JsonPath::ParseReference("$.a.b[0]['c']"));
  EXPECT_OK(JsonPath::ParseReference("$$.Execution.Id"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, JsonPath::ParseReference("$.a[*]"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, JsonPath::ParseReference("$..a"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, JsonPath::ParseReference("$.a[?(@.b)]"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, JsonPath::ParseReference("$.a[1:2]"));
}

TEST(JsonPathTest, RejectsMalformedPaths) {
  for (const char* text : {"", "a.b", "$.", "$[", "$['a'", "$.a b", "$[?(@.a >)]"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(StatusCode::kInvalidArgument, JsonPath::Parse(text));
  }
}

TEST(JsonPathTest, RootsSelectInputContextAndVariables) {
  ASSERT_OK_AND_ASSIGN(JsonPath context_path, JsonPath::Parse("$$.Execution.Name"));
  ASSERT_OK_AND_ASSIGN(JsonPath variable_path, JsonPath::Parse("$myVar.x[1]"));
  EXPECT_EQ(context_path.root(), JsonPath::Root::kContext);
  EXPECT_EQ(variable_path.root(), JsonPath::Root::kVariable);
  EXPECT_EQ(variable_path.variable_name(), "myVar");

  const Json context_object = {{"Execution", {{"Name", "run-1"}}}};
  VariableScope variables;
  variables.Assign({{"myVar", {{"x", {10, 20}}}}});
  EvaluationContext context{.context_object = &context_object, .variables = &variables};
  ASSERT_OK_AND_ASSIGN(Json name, EvaluatePath(context_path, Json::object(), context));
  EXPECT_EQ(name, "run-1");
  ASSERT_OK_AND_ASSIGN(Json x, EvaluatePath(variable_path, Json::object(), context));
  EXPECT_EQ(x, 20);
  ASSERT_OK_AND_ASSIGN(JsonPath undefined, JsonPath::Parse("$nope"));
  EXPECT_STATUS(StatusCode::kNotFound, EvaluatePath(undefined, Json::object(), context));
}

TEST(JsonPathTest, AssignCreatesIntermediateObjects) {
  Json doc = {{"a", 1}};
  ASSERT_OK_AND_ASSIGN(JsonPath path, JsonPath::ParseReference("$.b.c.d"));
  ASSERT_OK(path.Assign(&doc, "x"));
  EXPECT_EQ(doc, Json::parse(R"({"a":1,"b":{"c":{"d":"x"}}})"));
  ASSERT_OK_AND_ASSIGN(JsonPath root, JsonPath::ParseReference("$"));
  ASSERT_OK(root.Assign(&doc, 5));
  EXPECT_EQ(doc, 5);
}

TEST(JsonPathTest, AssignFailsThroughANonObject) {
  Json doc = {{"a", "text"}};
  ASSERT_OK_AND_ASSIGN(JsonPath path, JsonPath::ParseReference("$.a.b"));
  EXPECT_STATUS(StatusCode::kFailedPrecondition, path.Assign(&doc, 1));
  ASSERT_OK_AND_ASSIGN(JsonPath index, JsonPath::ParseReference("$.list[3]"));
  Json list = {{"list", {1, 2}}};
  EXPECT_STATUS(StatusCode::kFailedPrecondition, index.Assign(&list, 1));
}

}  // namespace
}  // namespace stratus::states::asl
