#pragma once

// A Step Functions service over a temporary states.db, driven through the
// operation table in process as the front door would: the fixture of the
// handler tests (states_operations_test, activities_test, test_state_test).

#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include <gtest/gtest.h>

#include "aws/operation_table.h"
#include "base/fake_clock.h"
#include "base/random.h"
#include "states/api/states_service.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::states::api {

class StatesServiceFixture : public ::testing::Test {
 protected:
  /// `seed` seeds the service's ids; `options` is completed with the data dir
  /// and fsync off.
  explicit StatesServiceFixture(uint64_t seed, StatesServiceOptions options = {})
      : ids_(seed), options_(std::move(options)) {
    options_.data_dir = dir_.path();
    options_.fsync = false;
  }

  void SetUp() override { Open(); }

  void TearDown() override {
    if (service_ != nullptr) {
      service_->Stop();
    }
  }

  void Open() {
    table_ = std::make_unique<aws::OperationTable>();
    ASSERT_OK_AND_ASSIGN(service_, OpenStatesService(options_, clock_, ids_));
    RegisterStatesOperations(*table_, *service_);
    service_->BindOperations(*table_);
    service_->Start();
  }

  /// Stops the service as a crash would leave the file (everything
  /// acknowledged is committed) and opens it again.
  void Restart() {
    service_->Stop();
    service_.reset();
    Open();
  }

  /// Calls `operation` as a request through localhost:4566 would.
  Result<Json> Call(std::string_view operation, Json input) {
    std::promise<Result<Json>> promise;
    aws::RequestContext context{.request_id = "r",
                                .service = "states",
                                .operation = std::string(operation),
                                .host = "localhost:4566"};
    table_->Invoke(context, "states", operation, std::move(input),
                   [&promise](Result<Json> result) { promise.set_value(std::move(result)); });
    return promise.get_future().get();
  }

  /// DescribeExecution until the execution is no longer RUNNING (null after
  /// 5 s).
  Json WaitForEnd(const std::string& execution_arn) {
    for (int i = 0; i < 500; ++i) {
      Result<Json> described = Call("DescribeExecution", {{"executionArn", execution_arn}});
      if (described.ok() && (*described)["status"] != "RUNNING") {
        return *described;
      }
      const std::chrono::milliseconds tick(10);
      std::this_thread::sleep_for(tick);  // STRATUS_LINT_ALLOW(test polls a real thread)
    }
    return Json();
  }

  storage::TempDir dir_;
  FakeClock clock_;
  IdGenerator ids_;
  StatesServiceOptions options_;
  std::unique_ptr<aws::OperationTable> table_;
  std::unique_ptr<StatesService> service_;
};

}  // namespace stratus::states::api
