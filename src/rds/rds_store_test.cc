#include "rds/rds_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::rds {
namespace {

DbCluster SampleCluster() {
  return DbCluster{.id = "etl",
                   .resource_id = "cluster-ABC",
                   .engine = "aurora-mysql",
                   .engine_version = "8.0.mysql_aurora.3.05.2",
                   .master_username = "root",
                   .master_password = "AmazingPassword",
                   .database_name = "myschema",
                   .status = "available",
                   .requested_port = 3306,
                   .endpoint_port = 13306,
                   .parameter_group = "etl-params",
                   .admin_password = "secret",
                   .created_millis = 1000,
                   .tags = {{"team", "data"}},
                   .roles = {ClusterRole{.role_arn = "arn:aws:iam::000000000000:role/s3",
                                         .feature_name = "s3Export"}}};
}

DbInstance SampleInstance() {
  return DbInstance{.id = "mymysqldb",
                    .resource_id = "db-XYZ",
                    .engine = "mysql",
                    .engine_version = "8.0.35",
                    .instance_class = "db.t3.micro",
                    .allocated_storage = 20,
                    .master_username = "root",
                    .master_password = "AmazingPassword",
                    .status = "creating",
                    .requested_port = 3306,
                    .endpoint_port = 3306,
                    .parameter_group = "tz",
                    .admin_password = "secret",
                    .backup_retention_days = 7,
                    .multi_az = true,
                    .publicly_accessible = true,
                    .created_millis = 2000,
                    .tags = {{"env", "test"}}};
}

TEST(RdsStoreTest, RecordsSurviveReopening) {
  storage::TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
    ASSERT_OK(store->PutCluster(SampleCluster()));
    ASSERT_OK(store->PutInstance(SampleInstance()));
    ASSERT_OK(store->PutParameterGroup(
        ParameterGroup{.name = "tz",
                       .family = "mysql8.0",
                       .description = "time zone",
                       .cluster = false,
                       .parameters = {{"time_zone", Parameter{.value = "US/Eastern"}}},
                       .tags = {{"k", "v"}}}));
    store->Stop();
  }
  ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
  ASSERT_OK_AND_ASSIGN(RdsState state, store->Load());
  ASSERT_EQ(state.clusters.size(), 1u);
  const DbCluster& cluster = state.clusters[0];
  EXPECT_EQ(cluster.id, "etl");
  EXPECT_EQ(cluster.endpoint_port, 13306);
  EXPECT_EQ(cluster.master_password, "AmazingPassword");
  EXPECT_THAT(cluster.tags, ::testing::ElementsAre(::testing::Pair("team", "data")));
  ASSERT_EQ(cluster.roles.size(), 1u);
  EXPECT_EQ(cluster.roles[0].feature_name, "s3Export");
  ASSERT_EQ(state.instances.size(), 1u);
  const DbInstance& instance = state.instances[0];
  EXPECT_EQ(instance.id, "mymysqldb");
  EXPECT_EQ(instance.status, "creating");
  EXPECT_EQ(instance.allocated_storage, 20);
  EXPECT_TRUE(instance.multi_az);
  EXPECT_EQ(instance.backup_retention_days, 7);
  EXPECT_THAT(instance.tags, ::testing::ElementsAre(::testing::Pair("env", "test")));
  ASSERT_EQ(state.parameter_groups.size(), 1u);
  EXPECT_EQ(state.parameter_groups[0].parameters.at("time_zone").value, "US/Eastern");
  EXPECT_EQ(state.parameter_groups[0].parameters.at("time_zone").apply_method, "immediate");
}

TEST(RdsStoreTest, PutReplacesTagsRolesAndParameters) {
  storage::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
  DbCluster cluster = SampleCluster();
  ASSERT_OK(store->PutCluster(cluster));
  cluster.tags = {{"other", "x"}};
  cluster.roles.clear();
  cluster.status = "stopped";
  ASSERT_OK(store->PutCluster(cluster));
  ASSERT_OK_AND_ASSIGN(RdsState state, store->Load());
  ASSERT_EQ(state.clusters.size(), 1u);
  EXPECT_EQ(state.clusters[0].status, "stopped");
  EXPECT_THAT(state.clusters[0].tags, ::testing::ElementsAre(::testing::Pair("other", "x")));
  EXPECT_TRUE(state.clusters[0].roles.empty());
}

TEST(RdsStoreTest, DeleteRemovesTheRecordAndItsTags) {
  storage::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
  ASSERT_OK(store->PutInstance(SampleInstance()));
  ASSERT_OK(store->PutCluster(SampleCluster()));
  ASSERT_OK(store->PutParameterGroup(ParameterGroup{.name = "tz", .cluster = true}));
  ASSERT_OK(store->DeleteInstance("mymysqldb"));
  ASSERT_OK(store->DeleteCluster("etl"));
  ASSERT_OK(store->DeleteParameterGroup("tz", /*cluster=*/true));
  ASSERT_OK_AND_ASSIGN(RdsState state, store->Load());
  EXPECT_TRUE(state.instances.empty());
  EXPECT_TRUE(state.clusters.empty());
  EXPECT_TRUE(state.parameter_groups.empty());
  // A new record of the same name starts without the old tags.
  DbInstance again = SampleInstance();
  again.tags.clear();
  ASSERT_OK(store->PutInstance(again));
  ASSERT_OK_AND_ASSIGN(state, store->Load());
  ASSERT_EQ(state.instances.size(), 1u);
  EXPECT_TRUE(state.instances[0].tags.empty());
}

TEST(RdsStoreTest, EventsAreListedByTimeRangeOldestFirst) {
  storage::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
  for (int64_t time : {300, 100, 200}) {
    ASSERT_OK(store
                  ->AddEvent(RdsEvent{.source_id = "db1",
                                      .source_type = "db-instance",
                                      .message = "m" + std::to_string(time),
                                      .category = "availability",
                                      .time_millis = time})
                  .status());
  }
  ASSERT_OK_AND_ASSIGN(std::vector<RdsEvent> events, store->ListEvents(150, 300));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].message, "m200");
  EXPECT_EQ(events[1].message, "m300");
  EXPECT_GT(events[0].id, 0);
}

}  // namespace
}  // namespace stratus::rds
