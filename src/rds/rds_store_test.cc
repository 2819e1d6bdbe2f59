#include "rds/rds_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rds/schema.h"
#include "storage/database.h"
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

DbSnapshot SampleSnapshot() {
  return DbSnapshot{.id = "before",
                    .instance_id = "mymysqldb",
                    .instance_resource_id = "db-XYZ",
                    .type = "manual",
                    .status = "creating",
                    .source_snapshot = {},
                    .engine = "mysql",
                    .engine_version = "8.0.35",
                    .instance_class = "db.t3.micro",
                    .allocated_storage = 20,
                    .port = 3306,
                    .master_username = "root",
                    .master_password = "AmazingPassword",
                    .admin_password = "secret",
                    .database_name = "myschema",
                    .parameter_group = "tz",
                    .instance_created_millis = 2000,
                    .created_millis = 3000,
                    .tags = {{"team", "data"}}};
}

TEST(RdsStoreTest, SnapshotsSurviveReopeningAndPutReplacesThem) {
  storage::TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
    ASSERT_OK(store->PutSnapshot(SampleSnapshot()));
    DbSnapshot copy = SampleSnapshot();
    copy.id = "copy";
    copy.source_snapshot = "before";
    copy.tags.clear();
    ASSERT_OK(store->PutSnapshot(copy));
    DbSnapshot done = SampleSnapshot();
    done.status = "available";
    ASSERT_OK(store->PutSnapshot(done));
    store->Stop();
  }
  ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
  ASSERT_OK_AND_ASSIGN(RdsState state, store->Load());
  ASSERT_EQ(state.snapshots.size(), 2u);
  const DbSnapshot& before = state.snapshots[0];
  EXPECT_EQ(before.id, "before");
  EXPECT_EQ(before.status, "available");
  EXPECT_EQ(before.instance_resource_id, "db-XYZ");
  EXPECT_EQ(before.master_password, "AmazingPassword");
  EXPECT_EQ(before.admin_password, "secret");
  EXPECT_EQ(before.port, 3306);
  EXPECT_EQ(before.instance_created_millis, 2000);
  EXPECT_EQ(before.created_millis, 3000);
  EXPECT_THAT(before.tags, ::testing::ElementsAre(::testing::Pair("team", "data")));
  EXPECT_EQ(state.snapshots[1].id, "copy");
  EXPECT_EQ(state.snapshots[1].source_snapshot, "before");
  EXPECT_TRUE(state.snapshots[1].tags.empty());
}

TEST(RdsStoreTest, DeleteSnapshotRemovesItAndItsTags) {
  storage::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
  ASSERT_OK(store->PutSnapshot(SampleSnapshot()));
  ASSERT_OK(store->DeleteSnapshot("before"));
  ASSERT_OK_AND_ASSIGN(RdsState state, store->Load());
  EXPECT_TRUE(state.snapshots.empty());
  DbSnapshot again = SampleSnapshot();
  again.tags.clear();
  ASSERT_OK(store->PutSnapshot(again));
  ASSERT_OK_AND_ASSIGN(state, store->Load());
  ASSERT_EQ(state.snapshots.size(), 1u);
  EXPECT_TRUE(state.snapshots[0].tags.empty());
}

TEST(RdsStoreTest, PendingPasswordAndRestoreSourceSurviveReopening) {
  storage::TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
    DbInstance instance = SampleInstance();
    instance.password_pending = true;
    instance.restore_snapshot = "before";
    ASSERT_OK(store->PutInstance(instance));
    DbCluster cluster = SampleCluster();
    cluster.password_pending = true;
    ASSERT_OK(store->PutCluster(cluster));
    store->Stop();
  }
  ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
  ASSERT_OK_AND_ASSIGN(RdsState state, store->Load());
  ASSERT_EQ(state.instances.size(), 1u);
  EXPECT_TRUE(state.instances[0].password_pending);
  EXPECT_EQ(state.instances[0].restore_snapshot, "before");
  ASSERT_EQ(state.clusters.size(), 1u);
  EXPECT_TRUE(state.clusters[0].password_pending);
}

TEST(RdsStoreTest, OpensAVersion1DatabaseAndMigratesIt) {
  storage::TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto database,
                         storage::Database::Open(dir.File("rds.db"), storage::DatabaseOptions{}));
    ASSERT_OK(database->Migrate(RdsMigrations().first(1)));
    ASSERT_OK(database->Write([](storage::Transaction& transaction) -> Status {
      return transaction
          .Exec(
              "INSERT INTO instances VALUES ('old', 'db-OLD', '', 'mysql', '8.0.35', "
              "'db.t3.micro', 20, 'root', 'AmazingPassword', '', 'available', 3306, 3306, '', "
              "'secret', 1, 0, 0, 1000)",
              {})
          .status();
    }));
    database->Stop();
  }
  ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
  ASSERT_OK_AND_ASSIGN(RdsState state, store->Load());
  ASSERT_EQ(state.instances.size(), 1u);
  EXPECT_EQ(state.instances[0].id, "old");
  EXPECT_FALSE(state.instances[0].password_pending);
  EXPECT_TRUE(state.instances[0].restore_snapshot.empty());
  EXPECT_TRUE(state.snapshots.empty());
  ASSERT_OK(store->PutSnapshot(SampleSnapshot()));
}

}  // namespace
}  // namespace stratus::rds
