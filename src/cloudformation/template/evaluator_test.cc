#include "cloudformation/template/evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cloudformation/template/template.h"
#include "cloudformation/template/template_text.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

// A context with two parameters, fake resources (Ref "phys-<id>", GetAtt
// "<id>.<attr>") and one export.
EvaluationContext MakeContext() {
  EvaluationContext context;
  context.parameters = {{"Env", "staging"}, {"Subnets", Json::array({"s1", "s2"})}};
  context.pseudo =
      PseudoParameters("eu-west-1", "123456789012", "my-stack",
                       "arn:aws:cloudformation:eu-west-1:123456789012:stack/my-stack/u");
  context.conditions = {{"IsProd", false}, {"IsStaging", true}};
  context.ref_resource = [](const std::string& id) -> Result<Json> {
    return Json("phys-" + id);
  };
  context.get_att = [](const std::string& id, const std::string& attribute) -> Result<Json> {
    return Json(id + "." + attribute);
  };
  context.import_value = [](const std::string& name) -> Result<Json> {
    if (name == "shared-queue") {
      return Json("https://queue");
    }
    return Status::InvalidArgument("No export named " + name + " found.");
  };
  return context;
}

Json Eval(std::string_view yaml) {
  static const Json kMappings = Json::parse(R"({"M":{"staging":{"Size":"small"}}})");
  Result<Json> parsed = ParseTemplateText(std::string("v: ") + std::string(yaml));
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  EvaluationContext context = MakeContext();
  context.mappings = &kMappings;
  Result<Json> value = Evaluate((*parsed)["v"], context);
  EXPECT_TRUE(value.ok()) << value.status().ToString();
  return value.ok() ? *value : Json();
}

TEST(EvaluatorTest, RefResolvesParametersPseudoParametersAndResources) {
  EXPECT_EQ(Eval("!Ref Env"), "staging");
  EXPECT_EQ(Eval("!Ref Subnets"), Json::array({"s1", "s2"}));
  EXPECT_EQ(Eval("!Ref Queue"), "phys-Queue");
  EXPECT_EQ(Eval("!Ref AWS::Region"), "eu-west-1");
  EXPECT_EQ(Eval("!Ref AWS::AccountId"), "123456789012");
  EXPECT_EQ(Eval("!Ref AWS::StackName"), "my-stack");
  EXPECT_EQ(Eval("!Ref AWS::StackId"),
            "arn:aws:cloudformation:eu-west-1:123456789012:stack/my-stack/u");
  EXPECT_EQ(Eval("!Ref AWS::Partition"), "aws");
  EXPECT_EQ(Eval("!Ref AWS::URLSuffix"), "amazonaws.com");
  EXPECT_EQ(Eval("!Ref AWS::NotificationARNs"), Json::array());
}

TEST(EvaluatorTest, NoValueRemovesTheMemberOrElement) {
  EXPECT_EQ(Eval("{a: !Ref AWS::NoValue, b: 1}"), Json::parse(R"({"b":1})"));
  EXPECT_EQ(Eval("[1, !Ref AWS::NoValue, 2]"), Json::parse("[1,2]"));
  EXPECT_EQ(Eval("{a: !If [IsProd, x, !Ref AWS::NoValue]}"), Json::object());
}

TEST(EvaluatorTest, GetAttBothForms) {
  EXPECT_EQ(Eval("!GetAtt Role.Arn"), "Role.Arn");
  EXPECT_EQ(Eval("!GetAtt [Role, Arn]"), "Role.Arn");
  EXPECT_EQ(Eval("{'Fn::GetAtt': [Db, Endpoint.Address]}"), "Db.Endpoint.Address");
}

TEST(EvaluatorTest, SubBothForms) {
  EXPECT_EQ(Eval("!Sub 'states.${AWS::Region}.amazonaws.com'"), "states.eu-west-1.amazonaws.com");
  EXPECT_EQ(Eval("!Sub '${Env}/${Queue}/${Role.Arn}/${!Literal}'"),
            "staging/phys-Queue/Role.Arn/${Literal}");
  EXPECT_EQ(Eval("!Sub ['${a}-${Env}', {a: !GetAtt [Fn, Arn]}]"), "Fn.Arn-staging");
}

TEST(EvaluatorTest, ListFunctions) {
  EXPECT_EQ(Eval("!Join ['-', [!Ref Env, a, 1]]"), "staging-a-1");
  EXPECT_EQ(Eval("!Join [',', !Ref Subnets]"), "s1,s2");
  EXPECT_EQ(Eval("!Select [1, !Ref Subnets]"), "s2");
  EXPECT_EQ(Eval("!Select ['0', !Split ['/', 'a/b']]"), "a");
  EXPECT_EQ(Eval("!Split [',', 'a,,b']"), Json::array({"a", "", "b"}));
  EXPECT_EQ(Eval("!GetAZs ''"), Json::array({"eu-west-1a", "eu-west-1b", "eu-west-1c"}));
  EXPECT_EQ(Eval("!Cidr ['10.0.0.0/16', 3, 8]"),
            Json::array({"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}));
}

TEST(EvaluatorTest, ConditionFunctions) {
  EXPECT_EQ(Eval("!If [IsStaging, yes, no]"), "yes");
  EXPECT_EQ(Eval("!Equals [!Ref Env, staging]"), true);
  EXPECT_EQ(Eval("!Equals ['true', true]"), true);
  EXPECT_EQ(Eval("!Not [!Equals [a, a]]"), false);
  EXPECT_EQ(Eval("!And [!Condition IsStaging, !Equals [1, 1]]"), true);
  EXPECT_EQ(Eval("!Or [!Condition IsProd, !Equals [1, 2]]"), false);
}

TEST(EvaluatorTest, MappingsBase64AndImports) {
  EXPECT_EQ(Eval("!FindInMap [M, !Ref Env, Size]"), "small");
  EXPECT_EQ(Eval("!FindInMap [M, live, Size, {DefaultValue: tiny}]"), "tiny");
  EXPECT_EQ(Eval("!Base64 'hello'"), "aGVsbG8=");
  EXPECT_EQ(Eval("!ImportValue shared-queue"), "https://queue");
}

TEST(EvaluatorTest, ErrorsAreTemplateErrors) {
  EvaluationContext context = MakeContext();
  Json mappings = Json::object();
  context.mappings = &mappings;
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                Evaluate(Json::parse(R"({"Fn::FindInMap":["Nope","a","b"]})"), context));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                Evaluate(Json::parse(R"({"Fn::Select":[5,["a"]]})"), context));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                Evaluate(Json::parse(R"({"Fn::ImportValue":"other"})"), context));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                Evaluate(Json::parse(R"({"Fn::If":["Unknown","a","b"]})"), context));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                Evaluate(Json::parse(R"({"Fn::Join":"x"})"), context));
}

TEST(EvaluatorTest, ConditionsMayReferToEachOther) {
  ASSERT_OK_AND_ASSIGN(Template parsed, LoadTemplateText(R"(
Parameters:
  Env: {Type: String, Default: live}
Conditions:
  NotLive: !Not [!Condition IsLive]
  IsLive: !Equals [!Ref Env, live]
  Both: !And [!Condition IsLive, !Condition NotLive]
Resources:
  A: {Type: T, Condition: IsLive}
)"));
  EvaluationContext context;
  context.parameters = {{"Env", "live"}};
  ASSERT_OK(EvaluateConditions(parsed, context));
  EXPECT_TRUE(context.conditions.at("IsLive"));
  EXPECT_FALSE(context.conditions.at("NotLive"));
  EXPECT_FALSE(context.conditions.at("Both"));
}

TEST(EvaluatorTest, RulesAssertOnParameters) {
  ASSERT_OK_AND_ASSIGN(Template parsed, LoadTemplateText(R"(
Parameters:
  Env: {Type: String}
Rules:
  OnlyStaging:
    Assertions:
      - Assert: !Equals [!Ref Env, staging]
        AssertDescription: Env must be staging
Resources:
  A: {Type: T}
)"));
  EvaluationContext context;
  context.parameters = {{"Env", "staging"}};
  EXPECT_OK(CheckRules(parsed, context));
  context.parameters = {{"Env", "live"}};
  Status failed = CheckRules(parsed, context);
  EXPECT_EQ(failed.message(), "Env must be staging");
}

}  // namespace
}  // namespace stratus::cloudformation
