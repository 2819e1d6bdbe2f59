#include "lambda/layer_store.h"

#include <filesystem>
#include <future>

#include <gtest/gtest.h>
#include <unistd.h>

#include "lambda/function_record.h"
#include "lambda/function_store.h"
#include "lambda/schema.h"
#include "storage/database.h"
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

class LayerStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("stratus_layer_store_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }

  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(directory_);
  }

  std::string Path() const { return (directory_ / "lambda.db").string(); }

  void Reopen() {
    store_.reset();
    ASSERT_OK_AND_ASSIGN(store_, FunctionStore::Open(Path(), false));
  }

  Result<LayerVersion> Publish(const std::string& name, const std::string& code) {
    return Wait<LayerVersion>([&](Done<LayerVersion> done) {
      store_->layers().Publish(LayerVersion{.name = name,
                                            .description = "d-" + code,
                                            .compatible_runtimes = {"python3.12", "python3.11"},
                                            .compatible_architectures = {"x86_64"},
                                            .code = {.id = "id-" + code, .sha256 = code, .size = 7},
                                            .created_millis = 1000,
                                            .policy_revision_id = "p0"},
                               std::move(done));
    });
  }

  std::filesystem::path directory_;
  std::unique_ptr<FunctionStore> store_;
};

TEST_F(LayerStoreTest, VersionsAreNumberedPerLayerAndNeverReused) {
  Reopen();
  ASSERT_OK_AND_ASSIGN(LayerVersion first, Publish("deps", "a"));
  EXPECT_EQ(first.version, 1);
  ASSERT_OK_AND_ASSIGN(LayerVersion other, Publish("tools", "b"));
  EXPECT_EQ(other.version, 1);
  ASSERT_OK_AND_ASSIGN(LayerVersion second, Publish("deps", "c"));
  EXPECT_EQ(second.version, 2);
  for (int64_t version : {1, 2}) {
    ASSERT_OK_AND_ASSIGN(bool deleted, Wait<bool>([&](Done<bool> done) {
                           store_->layers().Delete("deps", version, std::move(done));
                         }));
    EXPECT_TRUE(deleted);
  }
  ASSERT_OK_AND_ASSIGN(bool again, Wait<bool>([&](Done<bool> done) {
                         store_->layers().Delete("deps", 2, std::move(done));
                       }));
  EXPECT_FALSE(again);
  Reopen();
  ASSERT_OK_AND_ASSIGN(LayerVersion third, Publish("deps", "d"));
  EXPECT_EQ(third.version, 3);
  ASSERT_OK_AND_ASSIGN(LayerVersion stored, store_->layers().Get("deps", 3));
  EXPECT_EQ(stored.description, "d-d");
  EXPECT_EQ(stored.compatible_runtimes, (std::vector<std::string>{"python3.12", "python3.11"}));
  EXPECT_EQ(stored.compatible_architectures, std::vector<std::string>{"x86_64"});
  EXPECT_EQ(stored.code.id, "id-d");
  EXPECT_EQ(store_->layers().Get("deps", 1).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(std::vector<LayerVersion> all, store_->layers().ListAll());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "deps");
  EXPECT_EQ(all[1].name, "tools");
}

TEST_F(LayerStoreTest, PolicyStatementsCheckTheRevision) {
  Reopen();
  ASSERT_OK(Publish("deps", "a").status());
  ASSERT_OK_AND_ASSIGN(std::string revision, Wait<std::string>([&](Done<std::string> done) {
                         store_->layers().AddPermission("deps", 1, "all", "{}", "p0", "p1",
                                                        std::move(done));
                       }));
  EXPECT_EQ(revision, "p1");
  Result<std::string> stale = Wait<std::string>([&](Done<std::string> done) {
    store_->layers().AddPermission("deps", 1, "two", "{}", "p0", "p2", std::move(done));
  });
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  Result<std::string> taken = Wait<std::string>([&](Done<std::string> done) {
    store_->layers().AddPermission("deps", 1, "all", "{}", "", "p2", std::move(done));
  });
  EXPECT_EQ(taken.status().code(), StatusCode::kAlreadyExists);
  Result<std::string> missing = Wait<std::string>([&](Done<std::string> done) {
    store_->layers().AddPermission("deps", 9, "all", "{}", "", "p2", std::move(done));
  });
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> statements,
                       store_->layers().ListPermissions("deps", 1));
  EXPECT_EQ(statements.size(), 1u);
  ASSERT_OK(Wait<std::string>([&](Done<std::string> done) {
              store_->layers().RemovePermission("deps", 1, "all", "p1", "p3", std::move(done));
            }).status());
  ASSERT_OK_AND_ASSIGN(LayerVersion layer, store_->layers().Get("deps", 1));
  EXPECT_EQ(layer.policy_revision_id, "p3");
}

TEST_F(LayerStoreTest, FunctionLayersAreStoredWithEachVersionAndOutliveTheLayer) {
  Reopen();
  ASSERT_OK_AND_ASSIGN(LayerVersion layer, Publish("deps", "a"));
  FunctionConfig function{.name = "etl",
                          .runtime = "python3.12",
                          .handler = "app.handler",
                          .revision_id = "r1",
                          .layers = {FunctionLayer{.arn = "arn:layer:deps:1", .code = layer.code},
                                     FunctionLayer{.arn = "arn:layer:more:4",
                                                   .code = {.id = "x", .sha256 = "y", .size = 3}}}};
  ASSERT_OK(Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
              store_->Create(function, std::move(done));
            }).status());
  ASSERT_OK(Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
              store_->PublishVersion(
                  "etl", [](const FunctionConfig&) { return Status::Ok(); },
                  [](FunctionConfig& version) { version.revision_id = "v1"; }, std::move(done));
            }).status());
  ASSERT_OK(Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
              store_->Update(
                  "etl",
                  [](FunctionConfig& latest) {
                    latest.layers.pop_back();
                    latest.revision_id = "r2";
                    return Status::Ok();
                  },
                  std::move(done));
            }).status());
  ASSERT_OK(Wait<bool>([&](Done<bool> done) {
              store_->layers().Delete("deps", 1, std::move(done));
            }).status());
  Reopen();
  ASSERT_OK_AND_ASSIGN(FunctionConfig latest, store_->Get("etl"));
  ASSERT_EQ(latest.layers.size(), 1u);
  EXPECT_EQ(latest.layers[0].arn, "arn:layer:deps:1");
  EXPECT_EQ(latest.layers[0].code.id, "id-a");
  ASSERT_OK_AND_ASSIGN(FunctionConfig version, store_->GetVersion("etl", "1"));
  ASSERT_EQ(version.layers.size(), 2u);
  EXPECT_EQ(version.layers[1].arn, "arn:layer:more:4");
  EXPECT_EQ(version.layers[1].code.size, 3);
  ASSERT_OK_AND_ASSIGN(std::vector<FunctionConfig> listed, store_->List());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].layers.size(), 1u);
  ASSERT_OK_AND_ASSIGN(std::vector<FunctionConfig> versions, store_->ListVersions("etl"));
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].layers.size(), 2u);

  // A function created again under the name starts without the old layers.
  ASSERT_OK(Wait<bool>([&](Done<bool> done) { store_->Delete("etl", std::move(done)); }).status());
  function.layers.clear();
  ASSERT_OK(Wait<FunctionConfig>([&](Done<FunctionConfig> done) {
              store_->Create(function, std::move(done));
            }).status());
  ASSERT_OK_AND_ASSIGN(FunctionConfig recreated, store_->Get("etl"));
  EXPECT_TRUE(recreated.layers.empty());
}

TEST_F(LayerStoreTest, AVersion4DatabaseMigratesWithItsFunctionsIntact) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<storage::Database> database,
                         storage::Database::Open(Path(), storage::DatabaseOptions{.fsync = false}));
    ASSERT_OK(database->Migrate(LambdaMigrations().first(4)));
    FunctionConfig old{.name = "old", .runtime = "python3.12", .handler = "app.handler"};
    ASSERT_OK(database->Write([&](storage::Transaction& transaction) -> Status {
      return transaction
          .Exec("INSERT INTO functions(name, record) VALUES (?1, ?2)",
                {old.name, storage::Blob{EncodeFunction(old)}})
          .status();
    }));
    database->Stop();
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(FunctionConfig old, store_->Get("old"));
  EXPECT_EQ(old.runtime, "python3.12");
  EXPECT_TRUE(old.layers.empty());
  ASSERT_OK_AND_ASSIGN(LayerVersion first, Publish("deps", "a"));
  EXPECT_EQ(first.version, 1);
  store_.reset();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<storage::Database> database,
                       storage::Database::Open(Path(), storage::DatabaseOptions{.fsync = false}));
  int64_t user_version = 0;
  ASSERT_OK(database->Read([&](storage::Transaction& transaction) -> Status {
    return transaction.Query("PRAGMA user_version", {}, [&](const storage::Row& row) -> Status {
      user_version = row.GetInt(0);
      return Status::Ok();
    });
  }));
  EXPECT_EQ(user_version, 5);
  database->Stop();
}

}  // namespace
}  // namespace stratus::lambda
