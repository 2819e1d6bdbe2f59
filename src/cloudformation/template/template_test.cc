#include "cloudformation/template/template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cloudformation/template/template_text.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(TemplateTest, YamlShortFormsBecomeLongForms) {
  ASSERT_OK_AND_ASSIGN(Json body, ParseTemplateText(R"(
AWSTemplateFormatVersion: 2010-09-09
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      A: !Ref X
      B: !GetAtt R.Arn
      C: !GetAtt [R, Arn]
      D: !Sub "${AWS::Region}-x"
      E: !Sub [ "${v}", { v: !Ref X } ]
      F: !Join ['-', [a, !Ref X]]
      G: !Select [0, !GetAZs '']
      H: !Split [',', 'a,b']
      I: !If [Cond, 1, 2]
      J: !Base64 text
      K: !FindInMap [M, k1, k2]
      L: !ImportValue export
      M: !Cidr ['10.0.0.0/16', 2, 8]
      N: !Not [!Condition Cond]
      O: !Equals [a, b]
      P: !And [!Condition Cond, !Or [!Condition Cond, !Condition Cond]]
)"));
  EXPECT_EQ(body["AWSTemplateFormatVersion"], "2010-09-09");
  const Json& properties = body["Resources"]["Q"]["Properties"];
  EXPECT_EQ(properties["A"], Json::parse(R"({"Ref":"X"})"));
  EXPECT_EQ(properties["B"], Json::parse(R"({"Fn::GetAtt":["R","Arn"]})"));
  EXPECT_EQ(properties["C"], properties["B"]);
  EXPECT_EQ(properties["D"], Json::parse(R"({"Fn::Sub":"${AWS::Region}-x"})"));
  EXPECT_EQ(properties["E"], Json::parse(R"({"Fn::Sub":["${v}",{"v":{"Ref":"X"}}]})"));
  EXPECT_EQ(properties["F"], Json::parse(R"({"Fn::Join":["-",["a",{"Ref":"X"}]]})"));
  EXPECT_EQ(properties["G"], Json::parse(R"({"Fn::Select":[0,{"Fn::GetAZs":""}]})"));
  EXPECT_EQ(properties["H"], Json::parse(R"({"Fn::Split":[",","a,b"]})"));
  EXPECT_EQ(properties["I"], Json::parse(R"({"Fn::If":["Cond",1,2]})"));
  EXPECT_EQ(properties["J"], Json::parse(R"({"Fn::Base64":"text"})"));
  EXPECT_EQ(properties["K"], Json::parse(R"({"Fn::FindInMap":["M","k1","k2"]})"));
  EXPECT_EQ(properties["L"], Json::parse(R"({"Fn::ImportValue":"export"})"));
  EXPECT_EQ(properties["M"], Json::parse(R"({"Fn::Cidr":["10.0.0.0/16",2,8]})"));
  EXPECT_EQ(properties["N"], Json::parse(R"({"Fn::Not":[{"Condition":"Cond"}]})"));
  EXPECT_EQ(properties["O"], Json::parse(R"({"Fn::Equals":["a","b"]})"));
}

TEST(TemplateTest, PlainScalarsReadAsCloudFormationReadsThem) {
  ASSERT_OK_AND_ASSIGN(Json body, ParseTemplateText(R"(
Resources:
  Q:
    Type: T
    Properties: {a: 128, b: true, c: '25', d: 1.5, e: 0123, f: ~, g: "true", h: 2010-09-09}
)"));
  const Json& p = body["Resources"]["Q"]["Properties"];
  EXPECT_EQ(p["a"], 128);
  EXPECT_EQ(p["b"], true);
  EXPECT_EQ(p["c"], "25");
  EXPECT_EQ(p["d"], 1.5);
  EXPECT_EQ(p["e"], "0123");
  EXPECT_TRUE(p["f"].is_null());
  EXPECT_EQ(p["g"], "true");
  EXPECT_EQ(p["h"], "2010-09-09");
}

TEST(TemplateTest, JsonTemplatesParse) {
  ASSERT_OK_AND_ASSIGN(Template parsed,
                       LoadTemplateText(R"({"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}})"));
  EXPECT_EQ(parsed.resources.at("Q").type, "AWS::SQS::Queue");
}

TEST(TemplateTest, BadTextIsATemplateFormatError) {
  Result<Json> bad = ParseTemplateText("Resources: [unclosed");
  EXPECT_STATUS(StatusCode::kInvalidArgument, bad);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("Template format error"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseTemplateText("{not json"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseTemplateText(""));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseTemplateText("just a string"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseTemplateText("a: !Bogus x"));
}

TEST(TemplateTest, DeepNestingIsRejectedNotACrash) {
  std::string json = R"({"Resources": {"A": {"Type": "T", "Properties": {"X": )" +
                     std::string(100000, '[') + std::string(100000, ']') + "}}}}";
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseTemplateText(json));
  std::string yaml =
      "Resources:\n  A:\n    Type: T\n    Properties:\n      X: " + std::string(100000, '[') +
      std::string(100000, ']') + "\n";
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseTemplateText(yaml));
}

TEST(TemplateTest, ResourcesAreRequired) {
  Result<Template> parsed = LoadTemplateText("Description: nothing\n");
  EXPECT_STATUS(StatusCode::kInvalidArgument, parsed);
  EXPECT_EQ(parsed.status().message(),
            "Template format error: At least one Resources member must be defined.");
}

TEST(TemplateTest, UnresolvedDependenciesAreNamed) {
  Result<Template> parsed = LoadTemplateText(R"(
Resources:
  A: {Type: T, Properties: {X: !Ref Missing, Y: !GetAtt Other.Arn}}
)");
  EXPECT_EQ(parsed.status().message(),
            "Template format error: Unresolved resource dependencies [Missing, Other] in the "
            "Resources block of the template");
}

TEST(TemplateTest, CyclesAreRejected) {
  Result<Template> parsed = LoadTemplateText(R"(
Resources:
  A: {Type: T, Properties: {X: !Ref B}}
  B: {Type: T, Properties: {X: !Sub "${A.Arn}"}}
  C: {Type: T, DependsOn: A}
)");
  EXPECT_EQ(parsed.status().message(), "Circular dependency between resources: [A, B]");
}

TEST(TemplateTest, OrderPutsDependenciesFirst) {
  ASSERT_OK_AND_ASSIGN(Template parsed, LoadTemplateText(R"(
Resources:
  C: {Type: T, DependsOn: [B]}
  B: {Type: T, Properties: {X: !GetAtt A.Arn}}
  A: {Type: T}
)"));
  EXPECT_THAT(parsed.creation_order, ElementsAre("A", "B", "C"));
  EXPECT_THAT(parsed.dependencies.at("C"), ElementsAre("B"));
}

TEST(TemplateTest, TransformIsRejectedClearly) {
  Result<Template> parsed = LoadTemplateText(R"(
Transform: AWS::Serverless-2016-10-31
Resources:
  A: {Type: T}
)");
  EXPECT_EQ(parsed.status().message(), "Transform AWS::Serverless-2016-10-31 is not supported yet");
}

TEST(TemplateTest, PoliciesAndParametersAreRead) {
  ASSERT_OK_AND_ASSIGN(Template parsed, LoadTemplateText(R"(
Parameters:
  P: {Type: String, NoEcho: 'true', MinLength: '1', Default: x}
Resources:
  A: {Type: T, DeletionPolicy: Retain, UpdateReplacePolicy: Snapshot}
Outputs:
  O: {Value: !Ref A, Export: {Name: !Sub "${AWS::StackName}-a"}}
)"));
  EXPECT_EQ(parsed.resources.at("A").deletion_policy, "Retain");
  EXPECT_EQ(parsed.resources.at("A").update_replace_policy, "Snapshot");
  ASSERT_EQ(parsed.parameters.size(), 1u);
  EXPECT_TRUE(parsed.parameters[0].no_echo);
  EXPECT_EQ(parsed.parameters[0].min_length, 1);
  ASSERT_EQ(parsed.outputs.size(), 1u);
  EXPECT_FALSE(parsed.outputs[0].export_name.is_null());
}

}  // namespace
}  // namespace stratus::cloudformation
