#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "aws/model/model_registry.h"
#include "aws/operation_table.h"
#include "base/fake_clock.h"
#include "base/json.h"
#include "base/random.h"
#include "sqs/api/operations.h"
#include "sqs/queue_service.h"
#include "storage/database.h"
#include "storage/temp_dir_for_test.h"

namespace stratus::sqs {

/// A QueueService on a real database in a temporary directory, with a
/// FakeClock and no scheduler thread, reached through an OperationTable.
/// For tests only.
class SqsApiTestFixture : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void TearDown() override { Close(); }

  void Open() {
    auto database =
        storage::Database::Open(dir_.File("sqs.db"), storage::DatabaseOptions{.fsync = false});
    ASSERT_TRUE(database.ok()) << database.status().ToString();
    database_ = std::move(*database);
    service_ = std::make_unique<QueueService>(*database_, clock_, ids_,
                                              QueueServiceOptions{.run_scheduler_thread = false});
    Status started = service_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    table_ = std::make_unique<aws::OperationTable>();
    RegisterSqsOperations(*table_, models_, *service_);
  }

  void Close() {
    if (service_ != nullptr) {
      service_->Stop();
      database_->Stop();
      table_.reset();
      service_.reset();
      database_.reset();
    }
  }

  /// Starts an operation; the future holds its reply.
  std::future<Result<Json>> CallAsync(const std::string& operation, Json input) {
    auto promise = std::make_shared<std::promise<Result<Json>>>();
    std::future<Result<Json>> future = promise->get_future();
    table_->Invoke(context_, "sqs", operation, std::move(input),
                   [promise](Result<Json> result) { promise->set_value(std::move(result)); });
    return future;
  }

  /// Runs an operation and waits for its reply.
  Result<Json> Call(const std::string& operation, Json input) {
    std::future<Result<Json>> future = CallAsync(operation, std::move(input));
    if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
      return Status::Timeout(operation + " did not reply");
    }
    return future.get();
  }

  /// Runs an operation that must succeed and returns its output.
  Json Ok(const std::string& operation, Json input) {
    Result<Json> result = Call(operation, std::move(input));
    EXPECT_TRUE(result.ok()) << operation << ": " << result.status().ToString();
    return result.ok() ? *result : Json();
  }

  /// Runs an operation that must fail and returns its AWS error type.
  std::string ErrorType(const std::string& operation, Json input) {
    Result<Json> result = Call(operation, std::move(input));
    EXPECT_FALSE(result.ok()) << operation << " succeeded: " << DumpJson(result.value_or({}));
    return result.ok() ? "" : result.status().aws_type();
  }

  /// Runs the engine's due scheduler work (waiters, move task steps) and
  /// waits until its commits have landed.
  void RunDueWork() {
    service_->RunDueWork();
    Status barrier = database_->Write([](storage::Transaction&) { return Status::Ok(); });
    ASSERT_TRUE(barrier.ok()) << barrier.ToString();
  }

  /// Creates a queue and returns its URL.
  std::string CreateQueue(const std::string& name, Json attributes = Json::object()) {
    Json output = Ok("CreateQueue", {{"QueueName", name}, {"Attributes", attributes}});
    return output.value("QueueUrl", "");
  }

  storage::TempDir dir_;
  FakeClock clock_;
  IdGenerator ids_{42};
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<QueueService> service_;
  aws::ModelRegistry models_;
  std::unique_ptr<aws::OperationTable> table_;
  aws::RequestContext context_{.request_id = "test", .host = "localhost:4566"};
};

}  // namespace stratus::sqs
