#include "states/api/state_machine_catalog.h"

#include <filesystem>
#include <future>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "base/random.h"
#include "states/api/states_schema.h"
#include "states/asl/definition_parser.h"
#include "storage/database.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::states::api {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kArn = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
constexpr std::string_view kPass =
    R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})";
constexpr std::string_view kOtherPass =
    R"({"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}})";

template <typename T>
T Await(const std::function<void(std::function<void(T)>)>& call) {
  std::promise<T> promise;
  call([&promise](T value) { promise.set_value(std::move(value)); });
  return promise.get_future().get();
}

class StateMachineCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void TearDown() override { database_->Stop(); }

  void Open() {
    ASSERT_OK_AND_ASSIGN(
        database_,
        storage::Database::Open(dir_.File("states.db"), storage::DatabaseOptions{.fsync = false}));
    ASSERT_OK(database_->Migrate(StatesMigrations()));
    catalog_ = std::make_unique<StateMachineCatalog>(
        *database_, clock_, ids_, [](std::string_view definition, StateMachineType) {
          return asl::ParseDefinition(definition);
        });
    ASSERT_OK(catalog_->Load());
  }

  void Reopen() {
    catalog_.reset();
    database_->Stop();
    Open();
  }

  CreateMachineRequest Request(std::string_view definition) {
    return CreateMachineRequest{.arn = std::string(kArn),
                                .name = "m",
                                .definition = std::string(definition),
                                .role_arn = "arn:aws:iam::000000000000:role/r",
                                .machine = *asl::ParseDefinition(definition)};
  }

  Result<CreateMachineOutcome> Create(CreateMachineRequest request) {
    return Await<Result<CreateMachineOutcome>>(
        [&](auto done) { catalog_->Create(std::move(request), done); });
  }

  Result<UpdateMachineOutcome> Update(UpdateMachineRequest request) {
    return Await<Result<UpdateMachineOutcome>>(
        [&](auto done) { catalog_->Update(std::move(request), done); });
  }

  Result<VersionRecord> Publish() {
    return Await<Result<VersionRecord>>(
        [&](auto done) { catalog_->Publish(std::string(kArn), "", std::nullopt, done); });
  }

  storage::TempDir dir_;
  FakeClock clock_;
  IdGenerator ids_{7};
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<StateMachineCatalog> catalog_;
};

TEST_F(StateMachineCatalogTest, CreatedMachineIsFoundAndSurvivesAReopen) {
  CreateMachineRequest request = Request(kPass);
  request.tags = {{"team", "data"}};
  ASSERT_OK(Create(std::move(request)));
  Reopen();
  std::optional<StateMachineRecord> machine = catalog_->Find(kArn);
  ASSERT_TRUE(machine.has_value());
  EXPECT_EQ(machine->name, "m");
  EXPECT_EQ(machine->revision->definition, kPass);
  EXPECT_NE(machine->revision->machine, nullptr);
  EXPECT_FALSE(machine->revised);
  ASSERT_OK_AND_ASSIGN(Tags tags, catalog_->TagsOf(kArn));
  EXPECT_EQ(tags, (Tags{{"team", "data"}}));
}

TEST_F(StateMachineCatalogTest, IdenticalCreateIsIdempotentAndADifferentOneAlreadyExists) {
  ASSERT_OK_AND_ASSIGN(CreateMachineOutcome first, Create(Request(kPass)));
  clock_.Advance(5s);
  ASSERT_OK_AND_ASSIGN(CreateMachineOutcome again, Create(Request(kPass)));
  EXPECT_EQ(again.created_millis, first.created_millis);
  Result<CreateMachineOutcome> other = Create(Request(kOtherPass));
  EXPECT_EQ(other.status().aws_type(), "StateMachineAlreadyExists");
}

// AWS: pinned by test_sfn_api::test_create_update_state_machine_same_parameters.
TEST_F(StateMachineCatalogTest, UpdateMakesANewRevisionOnlyWhenSomethingChanges) {
  ASSERT_OK(Create(Request(kPass)));
  ASSERT_OK_AND_ASSIGN(UpdateMachineOutcome first,
                       Update(UpdateMachineRequest{.arn = std::string(kArn),
                                                   .role_arn = "arn:aws:iam::0:role/other"}));
  ASSERT_OK_AND_ASSIGN(UpdateMachineOutcome same,
                       Update(UpdateMachineRequest{.arn = std::string(kArn),
                                                   .role_arn = "arn:aws:iam::0:role/other"}));
  EXPECT_EQ(same.revision_id, first.revision_id);
  ASSERT_OK_AND_ASSIGN(UpdateMachineOutcome changed,
                       Update(UpdateMachineRequest{.arn = std::string(kArn),
                                                   .definition = std::string(kOtherPass),
                                                   .machine = *asl::ParseDefinition(kOtherPass)}));
  EXPECT_NE(changed.revision_id, first.revision_id);
  std::optional<StateMachineRecord> machine = catalog_->Find(kArn);
  EXPECT_TRUE(machine->revised);
  EXPECT_EQ(machine->revision->definition, kOtherPass);
  EXPECT_EQ(machine->revision->role_arn, "arn:aws:iam::0:role/other");
}

// A states.db written before v4 has revisions without an encryption column.
TEST_F(StateMachineCatalogTest, RevisionsFromBeforeVersion4HoldTheAwsOwnedKey) {
  catalog_.reset();
  database_->Stop();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(dir_.File(std::string("states.db") + suffix));
  }
  {
    ASSERT_OK_AND_ASSIGN(
        std::unique_ptr<storage::Database> v3,
        storage::Database::Open(dir_.File("states.db"), storage::DatabaseOptions{.fsync = false}));
    ASSERT_OK(v3->Migrate(StatesMigrations().first(3)));
    ASSERT_OK(v3->Write([](storage::Transaction& txn) -> Status {
      STRATUS_RETURN_IF_ERROR(
          txn.Exec("INSERT INTO revisions VALUES ('r1', ?1, 0, ?2, 'arn:aws:iam::0:role/r', "
                   "'{}', '{}', 5)",
                   {std::string(kArn), std::string(kPass)})
              .status());
      return txn
          .Exec("INSERT INTO state_machines VALUES (?1, 'm', 0, 5, 'r1', 0, 1)",
                {std::string(kArn)})
          .status();
    }));
    v3->Stop();
  }
  Open();
  std::optional<StateMachineRecord> machine = catalog_->Find(kArn);
  ASSERT_TRUE(machine.has_value());
  EXPECT_EQ(machine->revision->encryption, (Json{{"type", "AWS_OWNED_KEY"}}));
}

TEST_F(StateMachineCatalogTest, EncryptionIsPartOfTheRevision) {
  CreateMachineRequest request = Request(kPass);
  request.encryption = {{"type", "CUSTOMER_MANAGED_KMS_KEY"}, {"kmsKeyId", "k1"}};
  ASSERT_OK(Create(request));
  ASSERT_OK(Create(request));
  Result<CreateMachineOutcome> other = Create(Request(kPass));
  EXPECT_EQ(other.status().aws_type(), "StateMachineAlreadyExists");
  ASSERT_OK_AND_ASSIGN(UpdateMachineOutcome updated,
                       Update(UpdateMachineRequest{.arn = std::string(kArn),
                                                   .encryption = Json{{"type", "AWS_OWNED_KEY"}}}));
  Reopen();
  std::optional<StateMachineRecord> machine = catalog_->Find(kArn);
  ASSERT_TRUE(machine.has_value());
  EXPECT_EQ(machine->revision->id, updated.revision_id);
  EXPECT_EQ(machine->revision->encryption, (Json{{"type", "AWS_OWNED_KEY"}}));
}

TEST_F(StateMachineCatalogTest, UpdatingAnUnknownMachineIsStateMachineDoesNotExist) {
  Result<UpdateMachineOutcome> outcome =
      Update(UpdateMachineRequest{.arn = std::string(kArn), .role_arn = "arn:aws:iam::0:role/x"});
  EXPECT_EQ(outcome.status().aws_type(), "StateMachineDoesNotExist");
}

TEST_F(StateMachineCatalogTest, PublishingAnUnchangedRevisionReturnsTheLatestVersion) {
  ASSERT_OK(Create(Request(kPass)));
  ASSERT_OK_AND_ASSIGN(VersionRecord first, Publish());
  EXPECT_EQ(first.arn, std::string(kArn) + ":1");
  ASSERT_OK_AND_ASSIGN(VersionRecord again, Publish());
  EXPECT_EQ(again.arn, first.arn);
  ASSERT_OK(Update(UpdateMachineRequest{.arn = std::string(kArn),
                                        .definition = std::string(kOtherPass),
                                        .machine = *asl::ParseDefinition(kOtherPass)}));
  ASSERT_OK_AND_ASSIGN(VersionRecord second, Publish());
  EXPECT_EQ(second.arn, std::string(kArn) + ":2");
  EXPECT_EQ(catalog_->ListVersions(kArn).size(), 2U);
  EXPECT_EQ(catalog_->FindVersion(first.arn)->revision->definition, kPass);
}

// AWS: pinned by test_sfn_api_aliasing::test_delete_version_with_alias.
TEST_F(StateMachineCatalogTest, VersionReferencedByAnAliasCannotBeDeleted) {
  ASSERT_OK(Create(Request(kPass)));
  ASSERT_OK_AND_ASSIGN(VersionRecord version, Publish());
  ASSERT_OK(Await<Result<AliasRecord>>([&](auto done) {
    catalog_->CreateAlias(
        AliasRequest{
            .arn = std::string(kArn) + ":live",
            .machine_arn = std::string(kArn),
            .name = "live",
            .routing = std::vector<RoutingEntry>{{.version_arn = version.arn, .weight = 100}}},
        done);
  }));
  Status deleted = Await<Status>([&](auto done) { catalog_->DeleteVersion(version.arn, done); });
  EXPECT_EQ(deleted.aws_type(), "ConflictException");
  EXPECT_EQ(deleted.message(),
            "Version to be deleted must not be referenced by an alias. Current list of aliases "
            "referencing this version: [live]");
}

TEST_F(StateMachineCatalogTest, DeleteRemovesVersionsAliasesAndTags) {
  CreateMachineRequest request = Request(kPass);
  request.publish = true;
  request.tags = {{"a", "b"}};
  ASSERT_OK(Create(std::move(request)));
  ASSERT_TRUE(catalog_->FindVersion(std::string(kArn) + ":1").has_value());
  ASSERT_OK(Await<Status>([&](auto done) { catalog_->Delete(std::string(kArn), done); }));
  Reopen();
  EXPECT_FALSE(catalog_->Find(kArn).has_value());
  EXPECT_FALSE(catalog_->FindVersion(std::string(kArn) + ":1").has_value());
  EXPECT_EQ(catalog_->TagsOf(kArn).status().aws_type(), "ResourceNotFound");
}

TEST_F(StateMachineCatalogTest, ListReturnsMachinesByNameAfterACursor) {
  for (const char* name : {"c", "a", "b"}) {
    CreateMachineRequest request = Request(kPass);
    request.name = name;
    request.arn = std::string("arn:aws:states:us-east-1:000000000000:stateMachine:") + name;
    ASSERT_OK(Create(std::move(request)));
  }
  const std::string prefix = "arn:aws:states:us-east-1:000000000000:stateMachine:";
  std::vector<StateMachineRecord> page = catalog_->List(prefix, "", 2);
  ASSERT_EQ(page.size(), 2U);
  EXPECT_EQ(page[0].name, "a");
  EXPECT_EQ(page[1].name, "b");
  page = catalog_->List(prefix, "b", 2);
  ASSERT_EQ(page.size(), 1U);
  EXPECT_EQ(page[0].name, "c");
  EXPECT_TRUE(catalog_->List("arn:aws:states:eu-west-1:", "", 10).empty());
}

TEST_F(StateMachineCatalogTest, TagsMergeAndUntagRemovesKeys) {
  ASSERT_OK(Create(Request(kPass)));
  ASSERT_OK(Await<Status>([&](auto done) {
    catalog_->Tag(std::string(kArn), Tags{{"a", "1"}, {"b", "2"}}, done);
  }));
  ASSERT_OK(Await<Status>([&](auto done) {
    catalog_->Tag(std::string(kArn), Tags{{"a", "3"}}, done);
  }));
  ASSERT_OK(Await<Status>(
      [&](auto done) { catalog_->Untag(std::string(kArn), std::vector<std::string>{"b"}, done); }));
  ASSERT_OK_AND_ASSIGN(Tags tags, catalog_->TagsOf(kArn));
  EXPECT_EQ(tags, (Tags{{"a", "3"}}));
}

}  // namespace
}  // namespace stratus::states::api
