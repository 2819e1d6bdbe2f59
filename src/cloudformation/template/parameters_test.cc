#include "cloudformation/template/parameters.h"

#include <gtest/gtest.h>

#include "cloudformation/template/template.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

Template Load(std::string_view text) {
  Result<Template> parsed = LoadTemplateText(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : Template{};
}

std::string Error(const Template& parsed, std::map<std::string, std::string> given) {
  Result<std::map<std::string, Json>> values = ResolveParameters(parsed, given);
  return values.ok() ? "ok" : std::string(values.status().message());
}

TEST(ParametersTest, DefaultsGivenValuesAndPreviousValues) {
  Template parsed = Load(R"(
Parameters:
  A: {Type: String, Default: a}
  B: {Type: String}
  L: {Type: CommaDelimitedList, Default: 'x, y'}
  N: {Type: List<Number>, Default: '1,2'}
  V: {Type: 'AWS::EC2::VPC::Id', Default: vpc-1}
Resources:
  R: {Type: T}
)");
  ASSERT_OK_AND_ASSIGN(auto values, ResolveParameters(parsed, {{"B", "b"}}));
  EXPECT_EQ(values.at("A"), "a");
  EXPECT_EQ(values.at("B"), "b");
  EXPECT_EQ(values.at("L"), Json::array({"x", "y"}));
  EXPECT_EQ(values.at("N"), Json::array({"1", "2"}));
  EXPECT_EQ(values.at("V"), "vpc-1");
  ASSERT_OK_AND_ASSIGN(auto previous, ResolveParameters(parsed, {}, {{"B", "old"}}, {"B"}));
  EXPECT_EQ(previous.at("B"), "old");
}

TEST(ParametersTest, ErrorsAreWordedAsAws) {
  Template parsed = Load(R"(
Parameters:
  B: {Type: String}
  C: {Type: String}
  Env: {Type: String, Default: staging, AllowedValues: [staging, live]}
  User: {Type: String, Default: root, AllowedPattern: '[a-zA-Z][a-zA-Z0-9]*', MaxLength: '16'}
  Pass:
    Type: String
    Default: abcdefgh
    MinLength: '8'
    ConstraintDescription: must contain at least 8 characters.
  Count: {Type: Number, Default: 5, MinValue: 1, MaxValue: 10}
Resources:
  R: {Type: T}
)");
  EXPECT_EQ(Error(parsed, {}), "Parameters: [B, C] must have values");
  std::map<std::string, std::string> base = {{"B", "b"}, {"C", "c"}};
  EXPECT_EQ(Error(parsed, base), "ok");
  auto with = [&](std::string name, std::string value) {
    auto given = base;
    given[name] = value;
    return Error(parsed, given);
  };
  EXPECT_EQ(with("Nope", "x"), "Parameters: [Nope] do not exist in the template");
  EXPECT_EQ(with("Env", "prod"), "Parameter 'Env' must be one of AllowedValues");
  EXPECT_EQ(with("User", "1abc"), "Parameter 'User' must match pattern [a-zA-Z][a-zA-Z0-9]*");
  EXPECT_EQ(with("User", "abcdefghijklmnopq"),
            "Parameter 'User' must contain at most 16 characters");
  EXPECT_EQ(with("Pass", "short"),
            "Parameter 'Pass' failed to satisfy constraint: must contain at least 8 characters.");
  EXPECT_EQ(with("Count", "x"), "Parameter 'Count' must be a number");
  EXPECT_EQ(with("Count", "0"), "Parameter 'Count' must be a number not less than 1");
  EXPECT_EQ(with("Count", "11"), "Parameter 'Count' must be a number not greater than 10");
}

}  // namespace
}  // namespace stratus::cloudformation
