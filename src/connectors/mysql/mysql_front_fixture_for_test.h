#pragma once

// The integration tests' fixture: one MariaDB server per suite (started by
// MariaDbServerForTest), a lake over a real S3 engine in a temp dir with
// the bucket "datalake", a front per test and a Connector/C connection
// through it.

#include <future>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <mysql.h>

#include "base/fake_clock.h"
#include "base/random.h"
#include "connectors/mysql/mariadb_server_for_test.h"
#include "connectors/mysql/mysql_front.h"
#include "io/posix_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "s3/engine.h"
#include "s3/lake_store.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::connectors::mysql {

// A lake whose s3:// is an S3 engine in a temp dir, with bucket "datalake".
class LakeForTest {
 public:
  LakeForTest() {
    Result<std::unique_ptr<s3::Engine>> engine =
        s3::Engine::Open(s3::EngineOptions{.data_dir = dir_.path(),
                                           .max_inline_bytes = 4096,
                                           .fsync = false,
                                           .num_file_threads = 2},
                         files_, clock_, ids_);
    STRATUS_CHECK(engine.ok(), "s3 engine: {}", engine.status().ToString());
    engine_ = std::move(*engine);
    auto promise = std::make_shared<std::promise<Result<s3::BucketInfo>>>();
    engine_->CreateBucket(
        s3::BucketInfo{.name = "datalake", .region = "us-east-1", .owner_account = "000000000000"},
        [promise](Result<s3::BucketInfo> result) { promise->set_value(std::move(result)); });
    STRATUS_CHECK(promise->get_future().get().ok(), "create bucket");
    store_ = std::make_unique<s3::LakeStore>(*engine_);
    lake_ = std::make_unique<lake::Lake>(*store_, file_store_);
  }

  ~LakeForTest() {
    lake_.reset();
    store_.reset();
    engine_->Stop();
  }

  lake::Lake& lake() { return *lake_; }

 private:
  storage::TempDir dir_;
  io::PosixFileSystem files_;
  FakeClock clock_;
  IdGenerator ids_{7};
  lake::FileStore file_store_{files_, lake::FileStoreOptions{.sync = false}};
  std::unique_ptr<s3::Engine> engine_;
  std::unique_ptr<s3::LakeStore> store_;
  std::unique_ptr<lake::Lake> lake_;
};

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
        front_, MySqlFront::Start(MySqlFrontOptions{.backend_socket = server_->socket_path(),
                                                    .lake = &lake_.lake()}));
    mysql_ = Connect();
    ASSERT_NE(mysql_, nullptr);
    Exec("CREATE DATABASE IF NOT EXISTS myschema");
  }

  void TearDown() override {
    if (mysql_ != nullptr) {
      mysql_close(mysql_);
    }
    front_->Stop();
  }

  // A Connector/C connection through the front.
  MYSQL* Connect(unsigned long flags = 0) {
    MYSQL* mysql = mysql_init(nullptr);
    const unsigned long max_packet = 64ul << 20;
    mysql_optionsv(mysql, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
    if (mysql_real_connect(mysql, "127.0.0.1", "root", "", nullptr, front_->port(), nullptr,
                           flags) == nullptr) {
      ADD_FAILURE() << "connect: " << mysql_error(mysql);
      mysql_close(mysql);
      return nullptr;
    }
    return mysql;
  }

  // Runs a statement that returns no rows; "" or the error.
  std::string Exec(const std::string& sql, MYSQL* mysql = nullptr) {
    mysql = mysql == nullptr ? mysql_ : mysql;
    if (mysql_query(mysql, sql.c_str()) != 0) {
      return std::to_string(mysql_errno(mysql)) + ": " + mysql_error(mysql);
    }
    MYSQL_RES* result = mysql_store_result(mysql);
    if (result != nullptr) {
      mysql_free_result(result);
    }
    return "";
  }

  // The rows of `sql`, each as its fields joined by '|' (NULL as "NULL").
  std::vector<std::string> Rows(const std::string& sql, MYSQL* mysql = nullptr) {
    mysql = mysql == nullptr ? mysql_ : mysql;
    std::vector<std::string> rows;
    if (mysql_query(mysql, sql.c_str()) != 0) {
      rows.push_back("error " + std::to_string(mysql_errno(mysql)) + ": " + mysql_error(mysql));
      return rows;
    }
    MYSQL_RES* result = mysql_store_result(mysql);
    if (result == nullptr) {
      return rows;
    }
    const unsigned int num_fields = mysql_num_fields(result);
    while (MYSQL_ROW row = mysql_fetch_row(result)) {
      unsigned long* lengths = mysql_fetch_lengths(result);
      std::string line;
      for (unsigned int i = 0; i < num_fields; ++i) {
        line += i > 0 ? "|" : "";
        line += row[i] == nullptr ? "NULL" : std::string(row[i], lengths[i]);
      }
      rows.push_back(std::move(line));
    }
    mysql_free_result(result);
    return rows;
  }

  std::string One(const std::string& sql) {
    std::vector<std::string> rows = Rows(sql);
    return rows.empty() ? "no rows" : rows[0];
  }

  std::string LakeText(const std::string& uri) {
    Result<std::string> text = lake_.lake().Read(uri);
    return text.ok() ? *text : "missing: " + text.status().ToString();
  }

  // The batch ETL's tables, as its populate step creates them.
  void PopulateBatchEtlTables() {
    ASSERT_EQ(Exec("DROP TABLE IF EXISTS myschema.users, myschema.transactions"), "");
    ASSERT_EQ(Exec("CREATE TABLE myschema.users AS "
                   "SELECT 1 AS user_id, DATE('2015-01-01') AS registration_date UNION ALL "
                   "SELECT 2 AS user_id, DATE('2020-01-01') AS registration_date UNION ALL "
                   "SELECT 3 AS user_id, DATE('2021-01-01') AS registration_date"),
              "");
    ASSERT_EQ(Exec("CREATE TABLE myschema.transactions AS "
                   "SELECT 1 AS transaction_id, 1 AS user_id, 10.99 AS total_cost_usd, "
                   "DATE('2023-01-01') AS dt UNION ALL "
                   "SELECT 2 AS transaction_id, 2 AS user_id, 4.99 AS total_cost_usd, "
                   "DATE('2023-01-01') AS dt UNION ALL "
                   "SELECT 3 AS transaction_id, 2 AS user_id, 4.99 AS total_cost_usd, "
                   "DATE('2023-01-01') AS dt UNION ALL "
                   "SELECT 4 AS transaction_id, 1 AS user_id, 4.99 AS total_cost_usd, "
                   "DATE('2023-01-02') AS dt UNION ALL "
                   "SELECT 5 AS transaction_id, 1 AS user_id, 5.99 AS total_cost_usd, "
                   "DATE('2023-01-02') AS dt UNION ALL "
                   "SELECT 6 AS transaction_id, 3 AS user_id, 15.99 AS total_cost_usd, "
                   "DATE('2023-01-02') AS dt"),
              "");
  }

  static inline std::unique_ptr<MariaDbServerForTest> server_;
  LakeForTest lake_;
  std::unique_ptr<MySqlFront> front_;
  MYSQL* mysql_ = nullptr;
};

}  // namespace stratus::connectors::mysql
