#include "rds/rds_engine.h"

#include <memory>
#include <string>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "base/random.h"
#include "rds/rds_store.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::rds {
namespace {

// An endpoint that listens nowhere; ports below 2000 count as taken.
class FakeFront final : public EndpointFront {
 public:
  explicit FakeFront(uint16_t port) : port_(port) {}

  uint16_t port() const override { return port_; }

  void Stop() override {}

 private:
  uint16_t port_;
};

// The control plane without MariaDB: the programs do not exist, so every
// server fails to initialise and its record ends "failed". What is tested
// here is validation, the records and their durability; test/wire/test_rds.py
// drives real servers.
class RdsEngineTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    if (engine != nullptr) {
      engine->Stop();
      engine.reset();
    }
    ASSERT_OK_AND_ASSIGN(auto store, RdsStore::Open(dir.File("rds.db"), /*fsync=*/false));
    MariaDbPrograms missing{.server = "/nonexistent/mariadbd",
                            .install_db = "/nonexistent/mariadb-install-db",
                            .client = "/nonexistent/mariadb",
                            .tzinfo_to_sql = "/nonexistent/mariadb-tzinfo-to-sql",
                            .zoneinfo = "/nonexistent"};
    ASSERT_OK_AND_ASSIGN(
        engine, RdsEngine::Open(RdsEngineOptions{.root_dir = dir.File("rds"),
                                                 .clock = &clock,
                                                 .ids = &ids,
                                                 .fronts = [](const FrontRequest& request)
                                                     -> Result<std::unique_ptr<EndpointFront>> {
                                                   if (request.port < 2000) {
                                                     return Status::AlreadyExists("taken");
                                                   }
                                                   return std::unique_ptr<EndpointFront>(
                                                       std::make_unique<FakeFront>(request.port));
                                                 },
                                                 .programs = missing},
                                std::move(store)));
    ASSERT_OK(engine->Start());
  }

  void TearDown() override { engine->Stop(); }

  static DbInstance Instance(std::string id) {
    return DbInstance{.id = std::move(id),
                      .engine = "mysql",
                      .engine_version = "8.0.35",
                      .instance_class = "db.t3.micro",
                      .master_username = "root",
                      .master_password = "AmazingPassword"};
  }

  storage::TempDir dir;
  FakeClock clock{FromUnixMillis(1'700'000'000'000)};
  IdGenerator ids{42};
  std::unique_ptr<RdsEngine> engine;
};

TEST_F(RdsEngineTest, CreateAnswersCreatingAndRecordsAFailedServer) {
  ASSERT_OK_AND_ASSIGN(DbInstance created, engine->CreateInstance(Instance("db1")));
  EXPECT_EQ(created.status, "creating");
  EXPECT_THAT(created.resource_id, ::testing::StartsWith("db-"));
  EXPECT_EQ(created.resource_id.size(), 29u);
  engine->WaitIdle();
  ASSERT_OK_AND_ASSIGN(DbInstance failed, engine->GetInstance("db1"));
  EXPECT_EQ(failed.status, "failed");
  ASSERT_OK_AND_ASSIGN(auto events, engine->ListEvents(0, clock.NowMillis()));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].category, "failure");
  EXPECT_EQ(engine->InstanceArn("db1"), "arn:aws:rds:us-east-1:000000000000:db:db1");
}

TEST_F(RdsEngineTest, DuplicatesAndMissingReferencesAreRefused) {
  ASSERT_OK(engine->CreateInstance(Instance("db1")).status());
  Status again = engine->CreateInstance(Instance("db1")).status();
  EXPECT_EQ(again.aws_type(), "DBInstanceAlreadyExists");
  DbInstance grouped = Instance("db2");
  grouped.parameter_group = "missing";
  EXPECT_EQ(engine->CreateInstance(grouped).status().aws_type(), "DBParameterGroupNotFound");
  DbInstance member = Instance("db3");
  member.cluster_id = "nope";
  EXPECT_EQ(engine->CreateInstance(member).status().aws_type(), "DBClusterNotFoundFault");
  EXPECT_EQ(engine->GetInstance("db9").status().aws_type(), "DBInstanceNotFound");
  EXPECT_EQ(engine->GetInstance("db9").status().http_status(), 404);
}

TEST_F(RdsEngineTest, ClusterWithMembersCannotBeDeleted) {
  ASSERT_OK(engine
                ->CreateCluster(DbCluster{.id = "etl",
                                          .engine = "aurora-mysql",
                                          .master_username = "root",
                                          .master_password = "AmazingPassword"})
                .status());
  DbInstance member = Instance("writer");
  member.engine = "aurora-mysql";
  member.master_username.clear();
  member.master_password.clear();
  member.cluster_id = "etl";
  ASSERT_OK_AND_ASSIGN(DbInstance created, engine->CreateInstance(member));
  EXPECT_EQ(created.master_username, "root");  // The cluster's.
  EXPECT_THAT(engine->ClusterMembers("etl"), ::testing::ElementsAre("writer"));
  EXPECT_EQ(engine->DeleteCluster("etl").status().aws_type(), "InvalidDBClusterStateFault");
  engine->WaitIdle();
  ASSERT_OK(engine->DeleteInstance("writer").status());
  engine->WaitIdle();
  ASSERT_OK(engine->DeleteCluster("etl").status());
  engine->WaitIdle();
  EXPECT_EQ(engine->GetCluster("etl").status().aws_type(), "DBClusterNotFoundFault");
  EXPECT_TRUE(engine->ListInstances().empty());
}

TEST_F(RdsEngineTest, RecordsSurviveAReopen) {
  ASSERT_OK(
      engine->CreateParameterGroup(ParameterGroup{.name = "tz", .family = "mysql8.0"}).status());
  ASSERT_OK(engine->ModifyParameters("tz", /*cluster=*/false,
                                     {{"time_zone", Parameter{.value = "US/Eastern"}}}));
  DbInstance instance = Instance("db1");
  instance.parameter_group = "tz";
  ASSERT_OK(engine->CreateInstance(instance).status());
  ASSERT_OK(engine->AddTags(engine->InstanceArn("db1"), {{"team", "data"}}));
  EXPECT_EQ(engine->DeleteParameterGroup("tz", false).aws_type(), "InvalidDBParameterGroupState");
  engine->WaitIdle();
  Reopen();
  ASSERT_OK_AND_ASSIGN(DbInstance reopened, engine->GetInstance("db1"));
  EXPECT_EQ(reopened.parameter_group, "tz");
  EXPECT_THAT(reopened.tags, ::testing::ElementsAre(::testing::Pair("team", "data")));
  ASSERT_OK_AND_ASSIGN(ParameterGroup group, engine->GetParameterGroup("tz", false));
  EXPECT_EQ(group.parameters.at("time_zone").value, "US/Eastern");
  EXPECT_EQ(engine->ListTags("arn:aws:rds:us-east-1:000000000000:db:nope").status().aws_type(),
            "DBInstanceNotFound");
  EXPECT_EQ(engine->ListTags("not-an-arn").status().aws_type(), "InvalidParameterValue");
}

TEST_F(RdsEngineTest, StateChecksFollowRds) {
  ASSERT_OK(engine->CreateInstance(Instance("db1")).status());
  engine->WaitIdle();  // "failed": neither available nor stopped.
  EXPECT_EQ(engine->StopInstance("db1").status().aws_type(), "InvalidDBInstanceState");
  EXPECT_EQ(engine->StartInstance("db1").status().aws_type(), "InvalidDBInstanceState");
  EXPECT_EQ(engine->RebootInstance("db1").status().aws_type(), "InvalidDBInstanceState");
  EXPECT_EQ(engine->ModifyInstance("db1", InstanceChanges{}).status().aws_type(),
            "InvalidDBInstanceState");
  ASSERT_OK_AND_ASSIGN(DbInstance deleting, engine->DeleteInstance("db1"));
  EXPECT_EQ(deleting.status, "deleting");
  EXPECT_EQ(engine->DeleteInstance("db1").status().aws_type(), "InvalidDBInstanceState");
  engine->WaitIdle();
  EXPECT_EQ(engine->GetInstance("db1").status().aws_type(), "DBInstanceNotFound");
}

}  // namespace
}  // namespace stratus::rds
