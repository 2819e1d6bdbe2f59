#include "connectors/mysql/mysql_front.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <mysql.h>

#include "connectors/mysql/mariadb_server_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::connectors::mysql {
namespace {

// One server for the suite: mariadb-install-db takes seconds.
class MySqlFrontTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<std::unique_ptr<MariaDbServerForTest>> started = MariaDbServerForTest::Start();
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    server_ = std::move(*started);
  }

  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    ASSERT_OK_AND_ASSIGN(
        front_, MySqlFront::Start(MySqlFrontOptions{.backend_socket = server_->socket_path()}));
  }

  void TearDown() override { front_->Stop(); }

  // A libmariadb connection through the front.
  MYSQL* Connect(unsigned long flags = 0) {
    MYSQL* mysql = mysql_init(nullptr);
    if (mysql_real_connect(mysql, "127.0.0.1", "root", "", nullptr, front_->port(), nullptr,
                           flags) == nullptr) {
      ADD_FAILURE() << "connect: " << mysql_error(mysql);
    }
    return mysql;
  }

  // The first column of the first row of `sql`'s result.
  static std::string QueryOne(MYSQL* mysql, const std::string& sql) {
    if (mysql_query(mysql, sql.c_str()) != 0) {
      return "error: " + std::string(mysql_error(mysql));
    }
    MYSQL_RES* result = mysql_store_result(mysql);
    if (result == nullptr) {
      return "no result";
    }
    MYSQL_ROW row = mysql_fetch_row(result);
    std::string value = row == nullptr ? "no row" : row[0] == nullptr ? "NULL" : row[0];
    mysql_free_result(result);
    return value;
  }

  static std::unique_ptr<MariaDbServerForTest> server_;
  std::unique_ptr<MySqlFront> front_;
};

std::unique_ptr<MariaDbServerForTest> MySqlFrontTest::server_;

TEST_F(MySqlFrontTest, RelaysAQueryToTheServer) {
  MYSQL* mysql = Connect();
  EXPECT_EQ(QueryOne(mysql, "SELECT 1"), "1");
  EXPECT_EQ(QueryOne(mysql, "SELECT CONCAT('a', 'b')"), "ab");
  mysql_close(mysql);
}

TEST_F(MySqlFrontTest, PortInUseIsAlreadyExists) {
  EXPECT_STATUS(StatusCode::kAlreadyExists,
                MySqlFront::Start(MySqlFrontOptions{.port = front_->port(),
                                                    .backend_socket = server_->socket_path()}));
}

TEST_F(MySqlFrontTest, StopClosesOpenConnections) {
  MYSQL* mysql = Connect();
  EXPECT_EQ(QueryOne(mysql, "SELECT 2"), "2");
  front_->Stop();
  EXPECT_NE(mysql_query(mysql, "SELECT 3"), 0);
  mysql_close(mysql);
  front_->Stop();  // Idempotent.
}

}  // namespace
}  // namespace stratus::connectors::mysql
