#include "athena/engine.h"

#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "athena/store.h"
#include "base/fake_clock.h"
#include "base/random.h"
#include "io/posix_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::athena {
namespace {

using sql::LogicalType;

// Answers "SELECT 1" with one row, "BLOCK" until cancelled, anything else
// with COLUMN_NOT_FOUND.
Result<sql::QueryStatistics> FakeRun(std::string_view sql,
                                     const sql::Session& /*session*/,
                                     sql::ResultSink& sink,
                                     sql::QueryControl* control) {
  if (sql == "BLOCK") {
    while (!control->cancelled.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return sql::SqlError(sql::kUserCancelled, "Query was canceled");
  }
  if (sql != "SELECT 1") {
    return sql::SqlError(sql::kColumnNotFound, "line 1:8: Column 'x' cannot be resolved");
  }
  STRATUS_RETURN_IF_ERROR(sink.Begin(
      sql::ResultDescription{.statement_type = sql::StatementType::kDml,
                             .substatement_type = "SELECT",
                             .columns = {{.name = "_col0", .type = LogicalType::Integer()}},
                             .header_row = true}));
  sql::Vector values(LogicalType::Integer(), 1);
  values.set_size(1);
  values.SetValue(0, sql::Value::Integer(1));
  STRATUS_RETURN_IF_ERROR(sink.Append(sql::Batch({values}, 1)));
  return sql::QueryStatistics{.data_scanned_bytes = 0, .rows_output = 1};
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    engine_.reset();
    ASSERT_OK_AND_ASSIGN(engine_, Engine::Open(EngineOptions{.data_dir = dir_.File("data"),
                                                             .fsync = false,
                                                             .num_query_threads = 2},
                                               clock_, ids_, &lake_, nullptr, &FakeRun));
    engine_->Start();
  }

  Result<std::string> Start(std::string query, std::string token = "") {
    std::promise<Result<std::string>> started;
    engine_->StartQuery(StartQueryRequest{.query = std::move(query),
                                          .client_request_token = std::move(token),
                                          .output_location = "file://" + dir_.File("out") + "/"},
                        [&](Result<std::string> id) { started.set_value(std::move(id)); });
    return started.get_future().get();
  }

  QueryExecution WaitUntilFinal(const std::string& id) {
    for (int i = 0; i < 5000; ++i) {
      Result<QueryExecution> execution = engine_->store().GetExecution(id);
      if (execution.ok() && IsFinal(execution->state)) {
        return *execution;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ADD_FAILURE() << "execution " << id << " never finished";
    return {};
  }

  storage::TempDir dir_;
  FakeClock clock_;
  IdGenerator ids_{42};
  io::PosixFileSystem files_;
  lake::FileStore file_store_{files_, lake::FileStoreOptions{.sync = false}};
  lake::Lake lake_{file_store_, file_store_};
  std::unique_ptr<Engine> engine_;
};

TEST_F(EngineTest, SucceededQueryHasItsResultAtTheOutputLocation) {
  ASSERT_OK_AND_ASSIGN(std::string id, Start("SELECT 1"));
  const QueryExecution execution = WaitUntilFinal(id);
  EXPECT_EQ(execution.state, QueryState::kSucceeded);
  EXPECT_EQ(execution.substatement_type, "SELECT");
  EXPECT_EQ(execution.output_location, "file://" + dir_.File("out") + "/" + id + ".csv");
  ASSERT_OK_AND_ASSIGN(ResultRows rows, engine_->GetResults(id, 0, 1000));
  ASSERT_EQ(rows.rows.size(), 2u);
  EXPECT_EQ(rows.rows[0][0], "_col0");
  EXPECT_EQ(rows.rows[1][0], "1");
}

TEST_F(EngineTest, FailedQueryCarriesTrinoNameAndUserCategory) {
  ASSERT_OK_AND_ASSIGN(std::string id, Start("SELECT x"));
  const QueryExecution execution = WaitUntilFinal(id);
  EXPECT_EQ(execution.state, QueryState::kFailed);
  ASSERT_TRUE(execution.error.has_value());
  EXPECT_EQ(execution.error->category, 2);
  EXPECT_EQ(execution.error->message,
            "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved or requester is not "
            "authorized to access requested resources");
  EXPECT_EQ(execution.state_change_reason, execution.error->message);
  EXPECT_EQ(engine_->GetResults(id, 0, 10).status().aws_type(), "InvalidRequestException");
}

TEST_F(EngineTest, StopQueryCancelsARunningQuery) {
  ASSERT_OK_AND_ASSIGN(std::string id, Start("BLOCK"));
  for (int i = 0; i < 5000; ++i) {
    if (engine_->store().GetExecution(id)->state == QueryState::kRunning) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::promise<Result<bool>> stopped;
  engine_->StopQuery(id, [&](Result<bool> result) { stopped.set_value(std::move(result)); });
  ASSERT_OK(stopped.get_future().get().status());
  EXPECT_EQ(WaitUntilFinal(id).state, QueryState::kCancelled);
}

TEST_F(EngineTest, RepeatedClientRequestTokenReturnsTheFirstExecution) {
  ASSERT_OK_AND_ASSIGN(std::string first, Start("SELECT 1", "token-a"));
  ASSERT_OK_AND_ASSIGN(std::string second, Start("SELECT 1", "token-a"));
  EXPECT_EQ(first, second);
  EXPECT_EQ(Start("SELECT 2", "token-a").status().aws_type(), "InvalidRequestException");
}

TEST_F(EngineTest, ExecutionRunningAtRestartEndsFailed) {
  ASSERT_OK_AND_ASSIGN(std::string id, Start("BLOCK"));
  for (int i = 0; i < 5000; ++i) {
    if (engine_->store().GetExecution(id)->state == QueryState::kRunning) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(QueryExecution execution, engine_->store().GetExecution(id));
  EXPECT_EQ(execution.state, QueryState::kFailed);
  EXPECT_NE(execution.state_change_reason.find("restart"), std::string::npos);
}

TEST_F(EngineTest, MissingOutputLocationIsInvalidRequest) {
  std::promise<Result<std::string>> started;
  engine_->StartQuery(StartQueryRequest{.query = "SELECT 1"},
                      [&](Result<std::string> id) { started.set_value(std::move(id)); });
  Result<std::string> id = started.get_future().get();
  EXPECT_EQ(id.status().aws_type(), "InvalidRequestException");
}

}  // namespace
}  // namespace stratus::athena
