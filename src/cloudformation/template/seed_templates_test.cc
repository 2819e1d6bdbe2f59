#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cloudformation/template/evaluator.h"
#include "cloudformation/template/parameters.h"
#include "cloudformation/template/template.h"
#include "testing/status_matchers.h"

// The batch ETL pipeline's two templates (examples/batch-etl)
// parse and resolve with fake physical ids.
namespace stratus::cloudformation {
namespace {

using ::testing::HasSubstr;

std::string ReadExample(const std::string& name) {
  std::ifstream in(std::string(STRATUS_CFN_EXAMPLES) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Resolves every resource's properties in creation order.
Result<std::map<std::string, Json>> ResolveAll(const Template& parsed,
                                               std::map<std::string, std::string> given) {
  EvaluationContext context;
  STRATUS_ASSIGN_OR_RETURN(context.parameters, ResolveParameters(parsed, given));
  context.pseudo = PseudoParameters("us-east-1", "000000000000", "BatchETLpipeline", "id");
  context.mappings = &parsed.mappings;
  context.ref_resource = [](const std::string& id) -> Result<Json> {
    return Json("phys-" + id);
  };
  context.get_att = [](const std::string& id, const std::string& attribute) -> Result<Json> {
    return Json("arn:" + id + ":" + attribute);
  };
  STRATUS_RETURN_IF_ERROR(EvaluateConditions(parsed, context));
  std::map<std::string, Json> out;
  for (const std::string& id : parsed.creation_order) {
    STRATUS_ASSIGN_OR_RETURN(out[id], Evaluate(parsed.resources.at(id).properties, context));
  }
  return out;
}

TEST(SeedTemplatesTest, BatchEtlStackParsesAndResolves) {
  ASSERT_OK_AND_ASSIGN(Template parsed, LoadTemplateText(ReadExample("stack.yaml")));
  EXPECT_EQ(parsed.resources.size(), 7u);
  EXPECT_EQ(parsed.resources.at("MySqlConnectorLambda").deletion_policy, "Delete");
  ASSERT_OK_AND_ASSIGN(auto resolved, ResolveAll(parsed, {{"Environment", "live"}}));
  EXPECT_EQ(resolved.at("MySqlConnectorLambda")["FunctionName"], "mysql-connector-live");
  EXPECT_EQ(resolved.at("MySqlConnectorLambda")["Handler"], "mysql_connector/app.lambda_handler");
  EXPECT_EQ(resolved.at("MySqlConnectorLambda")["Role"], "arn:LambdaRole:Arn");
  EXPECT_EQ(resolved.at("MySqlConnectorLambda")["Environment"]["Variables"]["DEBUG"], true);
  EXPECT_EQ(resolved.at("MyStateMachine")["StateMachineName"],
            "ETL-StateMachine-mysql-connector-live");
  std::string definition = resolved.at("MyStateMachine")["DefinitionString"].get<std::string>();
  EXPECT_THAT(definition, HasSubstr("\"Resource\": \"arn:MyLambdaFunction:Arn\""));
  EXPECT_THAT(definition, HasSubstr("CREATE DATABASE if not exists mydatabase"));
  ASSERT_OK_AND_ASSIGN(Json asl, ParseJson(definition));
  EXPECT_EQ(asl["StartAt"], "HelloWorld");
  EXPECT_EQ(resolved.at("StatesExecutionRole")["AssumeRolePolicyDocument"]["Statement"][0]
                                              ["Principal"]["Service"][0],
            "states.us-east-1.amazonaws.com");
  EXPECT_EQ(resolved.at("LambdaPolicy")["Roles"][0], "phys-LambdaRole");
  // Explicit and implicit dependencies order the deploy.
  auto position = [&](const std::string& id) {
    return std::find(parsed.creation_order.begin(), parsed.creation_order.end(), id) -
           parsed.creation_order.begin();
  };
  EXPECT_LT(position("LambdaPolicy"), position("MySqlConnectorLambda"));
  EXPECT_LT(position("MySqlConnectorLambda"), position("MyStateMachine"));
  EXPECT_EQ(ResolveAll(parsed, {{"Environment", "prod"}}).status().message(),
            "Parameter 'Environment' must be one of AllowedValues");
}

TEST(SeedTemplatesTest, MysqlClusterTemplateParsesAndResolves) {
  ASSERT_OK_AND_ASSIGN(Template parsed, LoadTemplateText(ReadExample("cfn_mysql.yaml")));
  EXPECT_EQ(parsed.resources.size(), 5u);
  EXPECT_TRUE(FindParameter(parsed, "DBPassword")->no_echo);
  ASSERT_OK_AND_ASSIGN(auto resolved, ResolveAll(parsed, {}));
  EXPECT_EQ(resolved.at("RDSCluster")["MasterUsername"], "root");
  EXPECT_EQ(resolved.at("RDSCluster")["AssociatedRoles"][0]["RoleArn"],
            "arn:MySQLRDSExecutionRole:Arn");
  EXPECT_EQ(resolved.at("RDSDBInstance1")["DBClusterIdentifier"], "phys-RDSCluster");
  EXPECT_EQ(resolved.at("RDSDBParameterGroup")["Parameters"]["max_allowed_packet"], 1024);
  EXPECT_EQ(ResolveAll(parsed, {{"DBUser", "1x"}}).status().message(),
            "Parameter 'DBUser' failed to satisfy constraint: must begin with a letter and "
            "contain only alphanumeric characters.");
}

}  // namespace
}  // namespace stratus::cloudformation
