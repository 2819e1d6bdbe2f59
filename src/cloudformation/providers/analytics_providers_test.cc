#include "cloudformation/providers/provider_test_fixture.h"
#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

using AnalyticsProvidersTest = ProviderTest;

TEST_F(AnalyticsProvidersTest, WorkGroupCreatesUpdatesAndDeletes) {
  ResourceProvider& provider = Provider("AWS::Athena::WorkGroup");
  ResourceRequest request =
      Request("AWS::Athena::WorkGroup", "Group",
              {{"Name", "etl"},
               {"Description", "first"},
               {"WorkGroupConfiguration",
                {{"ResultConfiguration", {{"OutputLocation", "s3://results/athena/"}}},
                 {"EnforceWorkGroupConfiguration", true}}}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  EXPECT_EQ(outcome.physical_id, "etl");
  Json group = Call("athena", "GetWorkGroup", {{"WorkGroup", "etl"}})["WorkGroup"];
  EXPECT_EQ(group["Description"], "first");
  EXPECT_EQ(group["Configuration"]["ResultConfiguration"]["OutputLocation"],
            "s3://results/athena/");

  ResourceRequest update = request;
  update.physical_id = "etl";
  update.previous_properties = request.properties;
  update.properties = {{"Name", "etl"},
                       {"Description", "second"},
                       {"State", "DISABLED"},
                       {"WorkGroupConfiguration",
                        {{"ResultConfiguration", {{"OutputLocation", "s3://results/other/"}}}}}};
  EXPECT_EQ(provider.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK(provider.Update(update).status());
  group = Call("athena", "GetWorkGroup", {{"WorkGroup", "etl"}})["WorkGroup"];
  EXPECT_EQ(group["Description"], "second");
  EXPECT_EQ(group["State"], "DISABLED");
  EXPECT_EQ(group["Configuration"]["ResultConfiguration"]["OutputLocation"], "s3://results/other/");

  ResourceRequest renamed = update;
  renamed.previous_properties = update.properties;
  renamed.properties["Name"] = "etl2";
  EXPECT_EQ(provider.KindOfUpdate(renamed), UpdateKind::kReplacement);

  ASSERT_OK(provider.Delete(update));
  EXPECT_FALSE(TryCall("athena", "GetWorkGroup", {{"WorkGroup", "etl"}}).ok());
  EXPECT_OK(provider.Delete(update));
}

TEST_F(AnalyticsProvidersTest, NamedQueryRefIsItsId) {
  ResourceProvider& provider = Provider("AWS::Athena::NamedQuery");
  ResourceRequest request =
      Request("AWS::Athena::NamedQuery", "Query",
              {{"Database", "sales"}, {"QueryString", "SELECT 1"}, {"Description", "one"}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  EXPECT_EQ(outcome.attributes["NamedQueryId"], outcome.physical_id);
  const Json query =
      Call("athena", "GetNamedQuery", {{"NamedQueryId", outcome.physical_id}})["NamedQuery"];
  EXPECT_EQ(query["QueryString"], "SELECT 1");
  EXPECT_TRUE(query["Name"].get<std::string>().starts_with("teststack-Query-"));
  EXPECT_EQ(provider.KindOfUpdate(request), UpdateKind::kReplacement);
  request.physical_id = outcome.physical_id;
  ASSERT_OK(provider.Delete(request));
  EXPECT_FALSE(TryCall("athena", "GetNamedQuery", {{"NamedQueryId", outcome.physical_id}}).ok());
  EXPECT_OK(provider.Delete(request));
}

TEST_F(AnalyticsProvidersTest, RecoveryFindsANamedQueryByItsGeneratedName) {
  ResourceProvider& provider = Provider("AWS::Athena::NamedQuery");
  ResourceRequest other = Request("AWS::Athena::NamedQuery", "Other",
                                  {{"Database", "sales"}, {"QueryString", "SELECT 2"}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome kept, provider.Create(other));
  ResourceRequest request = Request("AWS::Athena::NamedQuery", "Lost",
                                    {{"Database", "sales"}, {"QueryString", "SELECT 1"}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome outcome, provider.Create(request));
  // Its NamedQueryId was never recorded: recovery has only the request.
  ASSERT_OK(provider.DeleteGenerated(request));
  EXPECT_FALSE(TryCall("athena", "GetNamedQuery", {{"NamedQueryId", outcome.physical_id}}).ok());
  EXPECT_OK(TryCall("athena", "GetNamedQuery", {{"NamedQueryId", kept.physical_id}}).status());
  EXPECT_OK(provider.DeleteGenerated(request));
}

TEST_F(AnalyticsProvidersTest, GlueDatabaseAndTable) {
  ResourceProvider& databases = Provider("AWS::Glue::Database");
  ResourceRequest database =
      Request("AWS::Glue::Database", "Db",
              {{"CatalogId", "000000000000"},
               {"DatabaseInput", {{"Name", "lake"}, {"Description", "the lake"}}}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome db, databases.Create(database));
  EXPECT_EQ(db.physical_id, "lake");
  EXPECT_EQ(Call("glue", "GetDatabase", {{"Name", "lake"}})["Database"]["Description"], "the lake");

  ResourceProvider& tables = Provider("AWS::Glue::Table");
  ResourceRequest table =
      Request("AWS::Glue::Table", "Users",
              {{"CatalogId", "000000000000"},
               {"DatabaseName", "lake"},
               {"TableInput",
                {{"Name", "users"},
                 {"TableType", "EXTERNAL_TABLE"},
                 {"Parameters", {{"classification", "csv"}}},
                 {"StorageDescriptor",
                  {{"Columns", Json::array({{{"Name", "id"}, {"Type", "int"}},
                                            {{"Name", "name"}, {"Type", "string"}}})},
                   {"Location", "s3://lake/users/"},
                   {"InputFormat", "org.apache.hadoop.mapred.TextInputFormat"},
                   {"OutputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"},
                   {"SerdeInfo",
                    {{"SerializationLibrary", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"},
                     {"Parameters", {{"field.delim", ","}}}}}}}}}});
  ASSERT_OK_AND_ASSIGN(ResourceOutcome users, tables.Create(table));
  EXPECT_EQ(users.physical_id, "users");
  Json got = Call("glue", "GetTable", {{"DatabaseName", "lake"}, {"Name", "users"}})["Table"];
  EXPECT_EQ(got["StorageDescriptor"]["Columns"].size(), 2u);

  ResourceRequest update = table;
  update.physical_id = "users";
  update.previous_properties = table.properties;
  update.properties["TableInput"]["StorageDescriptor"]["Columns"].push_back(
      {{"Name", "email"}, {"Type", "string"}});
  EXPECT_EQ(tables.KindOfUpdate(update), UpdateKind::kNoInterruption);
  ASSERT_OK(tables.Update(update).status());
  got = Call("glue", "GetTable", {{"DatabaseName", "lake"}, {"Name", "users"}})["Table"];
  EXPECT_EQ(got["StorageDescriptor"]["Columns"].size(), 3u);

  ResourceRequest moved = update;
  moved.previous_properties = update.properties;
  moved.properties["DatabaseName"] = "other";
  EXPECT_EQ(tables.KindOfUpdate(moved), UpdateKind::kReplacement);

  ASSERT_OK(tables.Delete(update));
  EXPECT_FALSE(TryCall("glue", "GetTable", {{"DatabaseName", "lake"}, {"Name", "users"}}).ok());
  EXPECT_OK(tables.Delete(update));
  database.physical_id = "lake";
  ASSERT_OK(databases.Delete(database));
  EXPECT_FALSE(TryCall("glue", "GetDatabase", {{"Name", "lake"}}).ok());
  EXPECT_OK(databases.Delete(database));
}

}  // namespace
}  // namespace stratus::cloudformation
