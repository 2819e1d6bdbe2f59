#include "lambda/function_store.h"

#include <filesystem>
#include <future>

#include <gtest/gtest.h>
#include <unistd.h>

#include "testing/status_matchers.h"

namespace stratus::lambda {
namespace {

// Waits for a store write and returns its outcome.
template <typename T, typename Start>
Result<T> Wait(Start start) {
  std::promise<Result<T>> promise;
  start([&promise](Result<T> result) { promise.set_value(std::move(result)); });
  return promise.get_future().get();
}

class FunctionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("stratus_function_store_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    Reopen();
  }

  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(directory_);
  }

  void Reopen() {
    store_.reset();
    ASSERT_OK_AND_ASSIGN(store_, FunctionStore::Open((directory_ / "lambda.db").string(), false));
  }

  FunctionConfig Function(const std::string& revision) {
    return FunctionConfig{.name = "etl",
                          .runtime = "python3.12",
                          .handler = "app.handler",
                          .code = {.id = "c-" + revision, .sha256 = "sha-" + revision, .size = 1},
                          .revision_id = revision};
  }

  Result<FunctionConfig> Publish(const std::string& description = "") {
    return Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
      store_->PublishVersion(
          "etl", [](const FunctionConfig&) { return Status::Ok(); },
          [description](FunctionConfig& version) {
            version.description = description;
            version.revision_id = "v-" + version.version;
          },
          std::move(done));
    });
  }

  Status SetRevision(const std::string& revision) {
    return Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
             store_->Update(
                 "etl",
                 [revision](FunctionConfig& function) {
                   function.revision_id = revision;
                   function.code.sha256 = "sha-" + revision;
                   return Status::Ok();
                 },
                 std::move(done));
           })
        .status();
  }

  std::filesystem::path directory_;
  std::unique_ptr<FunctionStore> store_;
};

TEST_F(FunctionStoreTest, VersionsAreNumberedSnapshotsAndUnchangedLatestRepublishesNothing) {
  ASSERT_OK(Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
              store_->Create(Function("r1"), std::move(done));
            }).status());
  ASSERT_OK_AND_ASSIGN(FunctionConfig first, Publish("first"));
  EXPECT_EQ(first.version, "1");
  EXPECT_EQ(first.code.sha256, "sha-r1");
  EXPECT_EQ(first.description, "first");

  ASSERT_OK_AND_ASSIGN(FunctionConfig again, Publish("ignored"));
  EXPECT_EQ(again.version, "1");
  EXPECT_EQ(again.description, "first");

  ASSERT_OK(SetRevision("r2"));
  ASSERT_OK_AND_ASSIGN(FunctionConfig second, Publish());
  EXPECT_EQ(second.version, "2");
  EXPECT_EQ(second.code.sha256, "sha-r2");

  // The snapshot does not follow $LATEST.
  ASSERT_OK(SetRevision("r3"));
  ASSERT_OK_AND_ASSIGN(FunctionConfig stored, store_->GetVersion("etl", "1"));
  EXPECT_EQ(stored.code.sha256, "sha-r1");
  EXPECT_EQ(stored.version, "1");
  EXPECT_EQ(store_->GetVersion("etl", "9").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetVersion("etl", "live").status().code(), StatusCode::kNotFound);
}

TEST_F(FunctionStoreTest, DeletedVersionNumbersAreNeverReused) {
  ASSERT_OK(Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
              store_->Create(Function("r1"), std::move(done));
            }).status());
  ASSERT_OK(Publish().status());
  ASSERT_OK(SetRevision("r2"));
  ASSERT_OK(Publish().status());
  ASSERT_OK(Wait<bool>([&](Done<bool> done) {
              store_->DeleteVersion("etl", "2", std::move(done));
            }).status());
  ASSERT_OK(SetRevision("r3"));
  ASSERT_OK_AND_ASSIGN(FunctionConfig third, Publish());
  EXPECT_EQ(third.version, "3");
  ASSERT_OK_AND_ASSIGN(std::vector<FunctionConfig> versions, store_->ListVersions("etl"));
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, "1");
  EXPECT_EQ(versions[1].version, "3");
}

TEST_F(FunctionStoreTest, AVersionAnAliasRoutesToCannotBeDeleted) {
  ASSERT_OK(Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
              store_->Create(Function("r1"), std::move(done));
            }).status());
  ASSERT_OK(Publish().status());
  ASSERT_OK(SetRevision("r2"));
  ASSERT_OK(Publish().status());
  FunctionAlias alias{.function = "etl",
                      .name = "live",
                      .function_version = "1",
                      .additional_version_weights = {{"2", 0.25}},
                      .revision_id = "a1"};
  ASSERT_OK(Wait<FunctionAlias>([&](Done<FunctionAlias> done) {
              store_->CreateAlias(alias, std::move(done));
            }).status());
  EXPECT_EQ(Wait<FunctionAlias>(
                [&](Done<FunctionAlias> done) { store_->CreateAlias(alias, std::move(done)); })
                .status()
                .code(),
            StatusCode::kAlreadyExists);
  for (const char* version : {"1", "2"}) {
    Result<bool> deleted = Wait<bool>(
        [&](Done<bool> done) { store_->DeleteVersion("etl", version, std::move(done)); });
    EXPECT_EQ(deleted.status().code(), StatusCode::kFailedPrecondition) << version;
  }
  ASSERT_OK(Wait<bool>([&](Done<bool> done) {
              store_->DeleteAlias("etl", "live", std::move(done));
            }).status());
  EXPECT_OK(Wait<bool>([&](Done<bool> done) {
              store_->DeleteVersion("etl", "2", std::move(done));
            }).status());
}

TEST_F(FunctionStoreTest, VersionsAndAliasesSurviveReopenAndGoWithTheFunction) {
  ASSERT_OK(Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
              store_->Create(Function("r1"), std::move(done));
            }).status());
  ASSERT_OK(Publish().status());
  FunctionAlias alias{.function = "etl",
                      .name = "live",
                      .function_version = "1",
                      .description = "production",
                      .revision_id = "a1",
                      .maximum_retry_attempts = 1,
                      .on_failure_destination = "arn:aws:sqs:us-east-1:000000000000:dlq"};
  ASSERT_OK(Wait<FunctionAlias>([&](Done<FunctionAlias> done) {
              store_->CreateAlias(alias, std::move(done));
            }).status());
  Reopen();
  ASSERT_OK_AND_ASSIGN(FunctionConfig version, store_->GetVersion("etl", "1"));
  EXPECT_EQ(version.code.sha256, "sha-r1");
  ASSERT_OK_AND_ASSIGN(FunctionAlias stored, store_->GetAlias("etl", "live"));
  EXPECT_EQ(stored.description, "production");
  EXPECT_EQ(stored.maximum_retry_attempts, 1);
  EXPECT_EQ(stored.on_failure_destination, alias.on_failure_destination);

  ASSERT_OK(Wait<bool>([&](Done<bool> done) { store_->Delete("etl", std::move(done)); }).status());
  ASSERT_OK(Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
              store_->Create(Function("r9"), std::move(done));
            }).status());
  EXPECT_EQ(store_->GetVersion("etl", "1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetAlias("etl", "live").status().code(), StatusCode::kNotFound);
  // A recreated function numbers its versions from 1 again.
  ASSERT_OK_AND_ASSIGN(FunctionConfig first, Publish());
  EXPECT_EQ(first.version, "1");
}

}  // namespace
}  // namespace stratus::lambda
