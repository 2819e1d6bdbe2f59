#include <regex>

#include "cloudformation/providers/provider_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

class RdsProvidersTest : public ProviderTest {
 protected:
  // Returns name → value of the parameters a user set in the group.
  Json UserParameters(const char* operation, const char* member, const std::string& group) {
    const Json described = Call("rds", operation, {{member, group}, {"Source", "user"}});
    Json values = Json::object();
    for (const Json& parameter : described.value("Parameters", Json::array())) {
      values[parameter.value("ParameterName", "")] = parameter.value("ParameterValue", "");
    }
    return values;
  }

  std::string MakeRole(const std::string& name) {
    const Json trust = {
        {"Version", "2012-10-17"},
        {"Statement", Json::array({{{"Effect", "Allow"},
                                    {"Principal", {{"Service", "rds.amazonaws.com"}}},
                                    {"Action", "sts:AssumeRole"}}})}};
    return Call("iam", "CreateRole",
                {{"RoleName", name}, {"AssumeRolePolicyDocument", trust.dump()}})["Role"]
        .value("Arn", "");
  }
};

TEST_F(RdsProvidersTest, ParameterGroupsTakeTheirParametersAndUpdates) {
  ResourceProvider& clusters = Provider("AWS::RDS::DBClusterParameterGroup");
  ResourceRequest cluster_group =
      Request("AWS::RDS::DBClusterParameterGroup", "RDSDBClusterParameterGroup",
              {{"Description", "CloudFormation Sample Aurora Cluster Parameter Group"},
               {"Family", "aurora-mysql5.7"},
               {"Parameters", {{"time_zone", "US/Eastern"}}}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, clusters.Create(cluster_group));
  EXPECT_TRUE(std::regex_match(outcome.physical_id,
                               std::regex("teststack-rdsdbclusterparametergroup-[a-z0-9]{13}")))
      << outcome.physical_id;
  EXPECT_EQ(UserParameters("DescribeDBClusterParameters", "DBClusterParameterGroupName",
                           outcome.physical_id)["time_zone"],
            "US/Eastern");

  ResourceRequest update = cluster_group;
  update.physical_id = outcome.physical_id;
  update.previous_properties = cluster_group.properties;
  update.properties["Parameters"] = {{"max_allowed_packet", 2048}};
  EXPECT_EQ(clusters.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK(clusters.Update(update).status());
  const Json after = UserParameters("DescribeDBClusterParameters", "DBClusterParameterGroupName",
                                    outcome.physical_id);
  EXPECT_EQ(after["max_allowed_packet"], "2048");
  EXPECT_FALSE(after.contains("time_zone")) << after.dump();
  ResourceRequest refamily = update;
  refamily.previous_properties = update.properties;
  refamily.properties["Family"] = "aurora-mysql8.0";
  EXPECT_EQ(clusters.KindOfUpdate(refamily), UpdateKind::kReplacement);
  ASSERT_OK(clusters.Delete(update));
  EXPECT_OK(clusters.Delete(update));

  ResourceProvider& instances = Provider("AWS::RDS::DBParameterGroup");
  ResourceRequest instance_group =
      Request("AWS::RDS::DBParameterGroup", "Params",
              {{"DBParameterGroupName", "My-Params"},
               {"Description", "CloudFormation Sample Aurora Parameter Group"},
               {"Family", "aurora-mysql5.7"},
               {"Parameters", {{"sql_mode", "IGNORE_SPACE"}, {"max_allowed_packet", 1024}}}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome group, instances.Create(instance_group));
  EXPECT_EQ(group.physical_id, "my-params");
  const Json values = UserParameters("DescribeDBParameters", "DBParameterGroupName", "my-params");
  EXPECT_EQ(values["sql_mode"], "IGNORE_SPACE");
  EXPECT_EQ(values["max_allowed_packet"], "1024");
  instance_group.physical_id = group.physical_id;
  ASSERT_OK(instances.Delete(instance_group));
}

TEST_F(RdsProvidersTest, AuroraClusterWithARoleAndAnInstanceAsTheSeedTemplateDeploysThem) {
  const std::string role = MakeRole("rds-export");
  ResourceProvider& groups = Provider("AWS::RDS::DBClusterParameterGroup");
  ASSERT_OK_AND_ASSIGN(ResourceOutcome group,
                       groups.Create(Request("AWS::RDS::DBClusterParameterGroup", "Group",
                                             {{"Description", "group"},
                                              {"Family", "aurora-mysql5.7"},
                                              {"Parameters", {{"aws_default_s3_role", role}}}})));
  ResourceProvider& clusters = Provider("AWS::RDS::DBCluster");
  ResourceRequest cluster_request =
      Request("AWS::RDS::DBCluster", "RDSCluster",
              {{"DBClusterParameterGroupName", group.physical_id},
               {"Engine", "aurora-mysql"},
               {"MasterUsername", "root"},
               {"MasterUserPassword", "AmazingPassword"},
               {"AssociatedRoles", Json::array({{{"RoleArn", role}}})}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome cluster, clusters.Create(cluster_request));
  EXPECT_TRUE(
      std::regex_match(cluster.physical_id, std::regex("teststack-rdscluster-[a-z0-9]{13}")))
      << cluster.physical_id;
  const Json described = Call("rds", "DescribeDBClusters",
                              {{"DBClusterIdentifier", cluster.physical_id}})["DBClusters"][0];
  EXPECT_EQ(described["Status"], "available");
  ASSERT_EQ(described["AssociatedRoles"].size(), 1u) << described.dump();
  EXPECT_EQ(described["AssociatedRoles"][0]["RoleArn"], role);
  EXPECT_EQ(cluster.attributes["DBClusterArn"], described["DBClusterArn"]);
  EXPECT_EQ(cluster.attributes["DBClusterResourceId"], described["DbClusterResourceId"]);
  EXPECT_EQ(cluster.attributes["Endpoint.Address"], described["Endpoint"]);
  EXPECT_EQ(cluster.attributes["Endpoint.Port"], DumpJson(described["Port"]));
  EXPECT_EQ(cluster.attributes["ReadEndpoint.Address"], described["ReaderEndpoint"]);

  ResourceProvider& instances = Provider("AWS::RDS::DBInstance");
  ResourceRequest instance_request = Request("AWS::RDS::DBInstance", "RDSDBInstance1",
                                             {{"DBClusterIdentifier", cluster.physical_id},
                                              {"DBInstanceClass", "db.t2.small"},
                                              {"Engine", "aurora-mysql"},
                                              {"PubliclyAccessible", "true"},
                                              {"DBInstanceIdentifier", "MyMySQLDB"}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome instance, instances.Create(instance_request));
  EXPECT_EQ(instance.physical_id, "mymysqldb");
  const Json db =
      Call("rds", "DescribeDBInstances", {{"DBInstanceIdentifier", "mymysqldb"}})["DBInstances"][0];
  EXPECT_EQ(db["DBInstanceStatus"], "available");
  EXPECT_EQ(db["DBClusterIdentifier"], cluster.physical_id);
  EXPECT_EQ(instance.attributes["DBInstanceArn"], db["DBInstanceArn"]);
  EXPECT_EQ(instance.attributes["DbiResourceId"], db["DbiResourceId"]);
  EXPECT_EQ(instance.attributes["Endpoint.Address"], db["Endpoint"]["Address"]);
  EXPECT_EQ(instance.attributes["Endpoint.Port"], DumpJson(db["Endpoint"]["Port"]));

  ResourceRequest resize = instance_request;
  resize.physical_id = instance.physical_id;
  resize.previous_properties = instance_request.properties;
  resize.properties["DBInstanceClass"] = "db.r5.large";
  resize.properties["Tags"] = Json::array({{{"Key", "owner"}, {"Value", "etl"}}});
  EXPECT_EQ(instances.KindOfUpdate(resize), UpdateKind::kNoInterruption);
  ASSERT_OK(instances.Update(resize).status());
  const Json tags =
      Call("rds", "ListTagsForResource", {{"ResourceName", db["DBInstanceArn"]}})["TagList"];
  EXPECT_EQ(tags, Json::array({{{"Key", "owner"}, {"Value", "etl"}}}));
  EXPECT_EQ(Call("rds", "DescribeDBInstances",
                 {{"DBInstanceIdentifier", "mymysqldb"}})["DBInstances"][0]["DBInstanceClass"],
            "db.r5.large");
  resize.previous_properties = resize.properties;
  resize.properties["DBInstanceIdentifier"] = "other";
  EXPECT_EQ(instances.KindOfUpdate(resize), UpdateKind::kReplacement);

  ASSERT_OK(instances.Delete(resize));
  EXPECT_FALSE(TryCall("rds", "DescribeDBInstances", {{"DBInstanceIdentifier", "mymysqldb"}}).ok());
  EXPECT_OK(instances.Delete(resize));
  cluster_request.physical_id = cluster.physical_id;
  ASSERT_OK(clusters.Delete(cluster_request));
  EXPECT_FALSE(
      TryCall("rds", "DescribeDBClusters", {{"DBClusterIdentifier", cluster.physical_id}}).ok());
  EXPECT_OK(clusters.Delete(cluster_request));
}

TEST_F(RdsProvidersTest, AnUnsupportedEngineFailsClearlyAndLeavesNoCluster) {
  Result<ResourceOutcome> failed = Provider("AWS::RDS::DBCluster")
                                       .Create(Request("AWS::RDS::DBCluster", "C",
                                                       {{"DBClusterIdentifier", "Broken"},
                                                        {"Engine", "oracle-ee"},
                                                        {"MasterUsername", "root"},
                                                        {"MasterUserPassword", "secret123"}}));
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("CreateDBCluster"), std::string::npos)
      << failed.status().ToString();
  EXPECT_FALSE(TryCall("rds", "DescribeDBClusters", {{"DBClusterIdentifier", "broken"}}).ok());
}

}  // namespace
}  // namespace stratus::cloudformation
