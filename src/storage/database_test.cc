#include "storage/database.h"

#include <array>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::storage {
namespace {

using ::testing::HasSubstr;

constexpr std::array<std::string_view, 1> kSchema = {
    "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, value);"};

// Returns the single integer that `sql` selects, read through Database::Read.
Result<int64_t> ReadInt(Database& db, std::string_view sql) {
  int64_t value = -1;
  STRATUS_RETURN_IF_ERROR(db.Read([&](Transaction& txn) {
    return txn.Query(sql, {}, [&](const Row& row) {
      value = row.GetInt(0);
      return Status::Ok();
    });
  }));
  return value;
}

Result<std::unique_ptr<Database>> OpenWithSchema(const std::string& path) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(path));
  STRATUS_RETURN_IF_ERROR(db->Migrate(kSchema));
  return db;
}

TEST(DatabaseTest, OpenCreatesParentDirectoriesAndUsesWal) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("a/b/c/svc.db")));
  std::string mode;
  ASSERT_OK(db->Read([&](Transaction& txn) {
    return txn.Query("PRAGMA journal_mode", {}, [&](const Row& row) {
      mode = row.GetText(0);
      return Status::Ok();
    });
  }));
  EXPECT_EQ(mode, "wal");
  ASSERT_OK_AND_ASSIGN(int64_t foreign_keys, ReadInt(*db, "PRAGMA foreign_keys"));
  EXPECT_EQ(foreign_keys, 1);
  db->Stop();
  EXPECT_TRUE(std::filesystem::exists(dir.File("a/b/c/svc.db")));
}

TEST(DatabaseTest, MigrationsApplyOnceAndAreRecorded) {
  TempDir dir;
  const std::vector<std::string_view> migrations = {
      "CREATE TABLE log(step INTEGER); INSERT INTO log VALUES(1);",
      "INSERT INTO log VALUES(2);",
  };
  {
    ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db")));
    ASSERT_OK(db->Migrate(migrations));
    ASSERT_OK(db->Migrate(migrations));  // Nothing left to apply.
    ASSERT_OK_AND_ASSIGN(int64_t version, ReadInt(*db, "PRAGMA user_version"));
    EXPECT_EQ(version, 2);
    ASSERT_OK_AND_ASSIGN(int64_t num_rows, ReadInt(*db, "SELECT count(*) FROM log"));
    EXPECT_EQ(num_rows, 2);
  }
  // After a restart only the new step runs.
  std::vector<std::string_view> more = migrations;
  more.emplace_back("INSERT INTO log VALUES(3);");
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db")));
  ASSERT_OK(db->Migrate(more));
  ASSERT_OK_AND_ASSIGN(int64_t version, ReadInt(*db, "PRAGMA user_version"));
  EXPECT_EQ(version, 3);
  ASSERT_OK_AND_ASSIGN(int64_t sum, ReadInt(*db, "SELECT sum(step) FROM log"));
  EXPECT_EQ(sum, 6);
}

TEST(DatabaseTest, FailingMigrationRollsBackItsStepAndKeepsEarlierOnes) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db")));
  const std::vector<std::string_view> migrations = {
      "CREATE TABLE a(x);",
      "CREATE TABLE b(x); INSERT INTO nowhere VALUES(1);",
  };
  const Status status = db->Migrate(migrations);
  EXPECT_STATUS(StatusCode::kInternal, status);
  EXPECT_THAT(status.message(), HasSubstr("no such table: nowhere"));
  ASSERT_OK_AND_ASSIGN(int64_t version, ReadInt(*db, "PRAGMA user_version"));
  EXPECT_EQ(version, 1);
  ASSERT_OK_AND_ASSIGN(int64_t num_b,
                       ReadInt(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"));
  EXPECT_EQ(num_b, 0);
}

TEST(DatabaseTest, NewerSchemaVersionIsRejected) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, Database::Open(dir.File("svc.db")));
  const std::vector<std::string_view> two = {"CREATE TABLE a(x);", "CREATE TABLE b(x);"};
  ASSERT_OK(db->Migrate(two));
  const Status status_1 =
      ::stratus::testing::GetStatus(db->Migrate(std::span<const std::string_view>(two).first(1)));
  EXPECT_STATUS(StatusCode::kFailedPrecondition, status_1);
}

TEST(DatabaseTest, WriteIsVisibleToReadAndSurvivesReopen) {
  TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
    ASSERT_OK(db->Write([](Transaction& txn) {
      STRATUS_ASSIGN_OR_RETURN(int64_t changed,
                               txn.Exec("INSERT INTO items(name, value) VALUES(?1, ?2)",
                                        {std::string("a"), int64_t{7}}));
      return changed == 1 ? Status::Ok() : Status::Internal("expected one row");
    }));
    ASSERT_OK_AND_ASSIGN(int64_t value, ReadInt(*db, "SELECT value FROM items WHERE name = 'a'"));
    EXPECT_EQ(value, 7);
    db->Stop();
    db->Stop();  // Idempotent.
  }
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  ASSERT_OK_AND_ASSIGN(int64_t value, ReadInt(*db, "SELECT value FROM items WHERE name = 'a'"));
  EXPECT_EQ(value, 7);
}

TEST(DatabaseTest, ValuesRoundTrip) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  const std::string binary("a\0b\xff", 4);
  ASSERT_OK(db->Write([&](Transaction& txn) {
    STRATUS_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO items(name, value) VALUES('null', ?1)", {std::monostate{}}).status());
    STRATUS_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO items(name, value) VALUES('int', ?1)", {int64_t{-42}}).status());
    STRATUS_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO items(name, value) VALUES('real', ?1)", {2.5}).status());
    STRATUS_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO items(name, value) VALUES('text', ?1)", {std::string("héllo")})
            .status());
    STRATUS_RETURN_IF_ERROR(
        txn.Exec("INSERT INTO items(name, value) VALUES('blob', ?1)", {Blob{binary}}).status());
    return txn.Exec("INSERT INTO items(name, value) VALUES('empty', ?1)", {Blob{}}).status();
  }));
  ASSERT_OK(db->Read([&](Transaction& txn) {
    return txn.Query("SELECT name, value, typeof(value) FROM items ORDER BY id", {},
                     [&](const Row& row) {
                       EXPECT_EQ(row.num_columns(), 3);
                       const std::string name = row.GetText(0);
                       if (name == "null") {
                         EXPECT_TRUE(row.IsNull(1));
                       } else if (name == "int") {
                         EXPECT_EQ(row.GetInt(1), -42);
                       } else if (name == "real") {
                         EXPECT_EQ(row.GetDouble(1), 2.5);
                       } else if (name == "text") {
                         EXPECT_EQ(row.GetText(1), "héllo");
                       } else if (name == "blob") {
                         EXPECT_EQ(row.GetText(1), binary);
                         EXPECT_EQ(row.GetText(2), "blob");
                       } else {
                         EXPECT_EQ(row.GetText(1), "");
                         EXPECT_EQ(row.GetText(2), "blob");
                       }
                       return Status::Ok();
                     });
  }));
}

TEST(DatabaseTest, ErrorsMapToStatusCodesWithMessageAndSql) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  Status bad_sql = db->Write([](Transaction& txn) { return txn.Exec("SELEKT 1").status(); });
  EXPECT_STATUS(StatusCode::kInternal, bad_sql);
  EXPECT_THAT(bad_sql.message(), HasSubstr("syntax error"));
  EXPECT_THAT(bad_sql.message(), HasSubstr("SELEKT 1"));

  ASSERT_OK(db->Write(
      [](Transaction& txn) { return txn.Exec("INSERT INTO items(name) VALUES('x')").status(); }));
  Status duplicate = db->Write(
      [](Transaction& txn) { return txn.Exec("INSERT INTO items(name) VALUES('x')").status(); });
  EXPECT_STATUS(StatusCode::kFailedPrecondition, duplicate);
  EXPECT_THAT(duplicate.message(), HasSubstr("UNIQUE constraint failed: items.name"));

  const Status status_2 = ::stratus::testing::GetStatus(db->Write([](Transaction& txn) {
    return txn.Exec("SELECT ?1", {int64_t{1}, int64_t{2}}).status();  // Too many parameters.
  }));
  EXPECT_STATUS(StatusCode::kInternal, status_2);
  const Status status_3 = ::stratus::testing::GetStatus(
      db->Write([](Transaction& txn) { return txn.Exec("  -- nothing").status(); }));
  EXPECT_STATUS(StatusCode::kInternal, status_3);
  const Status status_4 = ::stratus::testing::GetStatus(db->Read([](Transaction& txn) {
    return txn.Query("SELECT 1; SELECT 2", {}, [](const Row&) { return Status::Ok(); });
  }));
  EXPECT_STATUS(StatusCode::kInternal, status_4);
}

TEST(DatabaseTest, NonDatabaseFileIsCorruption) {
  TempDir dir;
  {
    std::ofstream out(dir.File("svc.db"), std::ios::binary);
    out << std::string(4096, 'x');
  }
  const Status status_5 = ::stratus::testing::GetStatus(Database::Open(dir.File("svc.db")));
  EXPECT_STATUS(StatusCode::kCorruption, status_5);
}

TEST(DatabaseTest, UnopenablePathIsIoError) {
  TempDir dir;
  { std::ofstream out(dir.File("file")); }
  const Status status_6 = ::stratus::testing::GetStatus(Database::Open(dir.File("file/svc.db")));
  EXPECT_STATUS(StatusCode::kIoError, status_6);
}

TEST(DatabaseTest, ReadRefusesWritingStatements) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  const Status status = db->Read(
      [](Transaction& txn) { return txn.Exec("INSERT INTO items(name) VALUES('r')").status(); });
  EXPECT_STATUS(StatusCode::kInternal, status);
  ASSERT_OK_AND_ASSIGN(int64_t num_rows, ReadInt(*db, "SELECT count(*) FROM items"));
  EXPECT_EQ(num_rows, 0);
}

TEST(DatabaseTest, ReadSeesOneSnapshot) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  int64_t first = -1;
  int64_t second = -1;
  ASSERT_OK(db->Read([&](Transaction& txn) {
    const auto count = [&](int64_t& out) {
      return txn.Query("SELECT count(*) FROM items", {}, [&](const Row& row) {
        out = row.GetInt(0);
        return Status::Ok();
      });
    };
    STRATUS_RETURN_IF_ERROR(count(first));
    STRATUS_RETURN_IF_ERROR(db->Write(
        [](Transaction& w) { return w.Exec("INSERT INTO items(name) VALUES('n')").status(); }));
    return count(second);
  }));
  EXPECT_EQ(first, 0);
  EXPECT_EQ(second, 0);
  ASSERT_OK_AND_ASSIGN(int64_t now, ReadInt(*db, "SELECT count(*) FROM items"));
  EXPECT_EQ(now, 1);
}

TEST(DatabaseTest, NestedQueryOfTheSameStatementWorks) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  ASSERT_OK(db->Write([](Transaction& txn) {
    return txn.Exec("INSERT INTO items(name, value) VALUES('a', 1), ('b', 2), ('c', 3)").status();
  }));
  int64_t num_pairs = 0;
  constexpr std::string_view kSql = "SELECT value FROM items WHERE value >= ?1";
  ASSERT_OK(db->Read([&](Transaction& txn) {
    return txn.Query(kSql, {int64_t{1}}, [&](const Row& outer) {
      return txn.Query(kSql, {outer.GetInt(0)}, [&](const Row&) {
        ++num_pairs;
        return Status::Ok();
      });
    });
  }));
  EXPECT_EQ(num_pairs, 6);  // 3 + 2 + 1.
}

TEST(DatabaseTest, QueryStopsAtCallbackError) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  int num_seen = 0;
  const Status status = db->Read([&](Transaction& txn) {
    return txn.Query("SELECT value FROM (SELECT 1 AS value UNION ALL SELECT 2)", {},
                     [&](const Row&) {
                       ++num_seen;
                       return Status::NotFound("stop");
                     });
  });
  EXPECT_STATUS(StatusCode::kNotFound, status);
  EXPECT_EQ(num_seen, 1);
}

TEST(DatabaseTest, ExecRunsSeveralStatementsWithoutParameters) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  int64_t changed = 0;
  ASSERT_OK(db->Write([&](Transaction& txn) {
    STRATUS_ASSIGN_OR_RETURN(changed, txn.Exec("INSERT INTO items(name) VALUES('a');"
                                               "INSERT INTO items(name) VALUES('b');"));
    return Status::Ok();
  }));
  EXPECT_EQ(changed, 2);
  const Status status_7 = ::stratus::testing::GetStatus(db->Write(
      [](Transaction& txn) { return txn.Exec("SELECT ?1; SELECT 2", {int64_t{1}}).status(); }));
  EXPECT_STATUS(StatusCode::kInternal, status_7);
}

TEST(DatabaseTest, LastInsertRowIdReportsTheInsert) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  int64_t first = 0;
  int64_t second = 0;
  ASSERT_OK(db->Write([&](Transaction& txn) {
    STRATUS_RETURN_IF_ERROR(txn.Exec("INSERT INTO items(name) VALUES('a')").status());
    first = txn.LastInsertRowId();
    STRATUS_RETURN_IF_ERROR(txn.Exec("INSERT INTO items(name) VALUES('b')").status());
    second = txn.LastInsertRowId();
    return Status::Ok();
  }));
  EXPECT_EQ(second, first + 1);
}

TEST(DatabaseTest, CallsAfterStopAreCancelled) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  db->Stop();
  Status done_status;
  db->Submit([](Transaction&) { return Status::Ok(); }, [&](Status s) { done_status = s; });
  EXPECT_STATUS(StatusCode::kCancelled, done_status);
  const Status status_8 =
      ::stratus::testing::GetStatus(db->Write([](Transaction&) { return Status::Ok(); }));
  EXPECT_STATUS(StatusCode::kCancelled, status_8);
  const Status status_9 =
      ::stratus::testing::GetStatus(db->Read([](Transaction&) { return Status::Ok(); }));
  EXPECT_STATUS(StatusCode::kCancelled, status_9);
  const Status status_10 = ::stratus::testing::GetStatus(db->Migrate(kSchema));
  EXPECT_STATUS(StatusCode::kCancelled, status_10);
}

TEST(DatabaseTest, WriteOnTheWriterThreadFailsInsteadOfDeadlocking) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, OpenWithSchema(dir.File("svc.db")));
  Status inner;
  ASSERT_OK(db->Write([&](Transaction&) {
    inner = db->Write([](Transaction&) { return Status::Ok(); });
    return Status::Ok();
  }));
  EXPECT_STATUS(StatusCode::kInternal, inner);
}

}  // namespace
}  // namespace stratus::storage
