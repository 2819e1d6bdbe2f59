#include "athena/result_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/posix_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::athena {
namespace {

using sql::LogicalType;
using sql::Value;
using ::testing::ElementsAre;
using ::testing::Optional;

class ResultFilesTest : public ::testing::Test {
 protected:
  sql::Batch NameAndCost() {
    sql::Vector names(LogicalType::Varchar(), 3);
    sql::Vector costs(LogicalType::Decimal(10, 2), 3);
    names.set_size(3);
    costs.set_size(3);
    names.SetValue(0, Value::Varchar("张三"));
    names.SetValue(1, Value::Varchar("say \"hi\", then\nleave"));
    names.SetValue(2, Value::Varchar(""));
    costs.SetValue(0, Value::Decimal(LogicalType::Decimal(10, 2), 1230));
    costs.SetValue(1, Value::Null(LogicalType::Decimal(10, 2)));
    costs.SetValue(2, Value::Decimal(LogicalType::Decimal(10, 2), -5));
    return sql::Batch({names, costs}, 3);
  }

  std::string Uri(std::string_view name) const { return "file://" + dir_.File(name); }

  storage::TempDir dir_;
  io::PosixFileSystem files_;
  lake::FileStore file_store_{files_, lake::FileStoreOptions{.sync = false}};
  lake::Lake lake_{file_store_, file_store_};
};

TEST_F(ResultFilesTest, SelectResultIsQuotedCsvWithHeaderAndEmptyNulls) {
  ResultFileWriter writer(lake_, Uri("q1.csv"));
  ASSERT_OK(writer.Begin(
      sql::ResultDescription{.statement_type = sql::StatementType::kDml,
                             .substatement_type = "SELECT",
                             .columns = {{.name = "name", .type = LogicalType::Varchar()},
                                         {.name = "cost", .type = LogicalType::Decimal(10, 2)}},
                             .header_row = true}));
  ASSERT_OK(writer.Append(NameAndCost()));
  ASSERT_OK(writer.Finish(std::nullopt));

  ASSERT_OK_AND_ASSIGN(std::string csv, lake_.Read(Uri("q1.csv")));
  EXPECT_EQ(csv,
            "\"name\",\"cost\"\n"
            "\"张三\",\"12.30\"\n"
            "\"say \"\"hi\"\", then\nleave\",\n"
            "\"\",\"-0.05\"\n");

  ASSERT_OK_AND_ASSIGN(ResultRows page, ReadResultRows(lake_, Uri("q1.csv"), 1, 2));
  EXPECT_EQ(page.metadata.num_rows, 4);
  ASSERT_EQ(page.metadata.columns.size(), 2u);
  EXPECT_EQ(page.metadata.columns[1].type, "decimal");
  EXPECT_EQ(page.metadata.columns[1].precision, 10);
  EXPECT_EQ(page.metadata.columns[1].scale, 2);
  EXPECT_TRUE(page.metadata.columns[0].case_sensitive);
  ASSERT_EQ(page.rows.size(), 2u);
  EXPECT_THAT(page.rows[0],
              ElementsAre(Optional(std::string("张三")), Optional(std::string("12.30"))));
  EXPECT_EQ(page.rows[1][1], std::nullopt);
}

TEST_F(ResultFilesTest, ShowResultIsTabTextWithoutHeader) {
  ResultFileWriter writer(lake_, Uri("q2.txt"));
  ASSERT_OK(writer.Begin(
      sql::ResultDescription{.statement_type = sql::StatementType::kUtility,
                             .substatement_type = "SHOW_TABLES",
                             .columns = {{.name = "tab_name", .type = LogicalType::Varchar()}},
                             .header_row = false}));
  sql::Vector names(LogicalType::Varchar(), 2);
  names.set_size(2);
  names.SetValue(0, Value::Varchar("transactions"));
  names.SetValue(1, Value::Varchar("users"));
  ASSERT_OK(writer.Append(sql::Batch({names}, 2)));
  ASSERT_OK(writer.Finish(std::nullopt));

  ASSERT_OK_AND_ASSIGN(std::string text, lake_.Read(Uri("q2.txt")));
  EXPECT_EQ(text, "transactions\nusers\n");
  ASSERT_OK_AND_ASSIGN(ResultRows page, ReadResultRows(lake_, Uri("q2.txt"), 0, 1000));
  ASSERT_EQ(page.rows.size(), 2u);
  EXPECT_THAT(page.rows[1], ElementsAre(Optional(std::string("users"))));
}

TEST_F(ResultFilesTest, StatementWithoutRowsWritesEmptyFileAndUpdateCount) {
  ResultFileWriter writer(lake_, Uri("q3.csv"));
  ASSERT_OK(writer.Finish(7));
  ASSERT_OK_AND_ASSIGN(ResultRows page, ReadResultRows(lake_, Uri("q3.csv"), 0, 10));
  EXPECT_TRUE(page.rows.empty());
  EXPECT_EQ(page.metadata.update_count, 7);
}

TEST_F(ResultFilesTest, PagesDeepInALargeResultReadTheRightRows) {
  ResultFileWriter writer(lake_, Uri("q4.csv"));
  ASSERT_OK(writer.Begin(sql::ResultDescription{
      .columns = {{.name = "n", .type = LogicalType::Bigint()}}, .header_row = true}));
  constexpr int kRows = 2500;
  sql::Vector numbers(LogicalType::Bigint(), kRows);
  numbers.set_size(kRows);
  for (int i = 0; i < kRows; ++i) {
    numbers.SetValue(i, Value::Bigint(i));
  }
  ASSERT_OK(writer.Append(sql::Batch({numbers}, kRows)));
  ASSERT_OK(writer.Finish(std::nullopt));

  ASSERT_OK_AND_ASSIGN(ResultRows page, ReadResultRows(lake_, Uri("q4.csv"), 1500, 700));
  EXPECT_EQ(page.metadata.row_offsets.size(), 3u);
  ASSERT_EQ(page.rows.size(), 700u);
  EXPECT_EQ(page.rows.front()[0], "1499");  // Row 0 is the header.
  EXPECT_EQ(page.rows.back()[0], "2198");
  ASSERT_OK_AND_ASSIGN(ResultRows last, ReadResultRows(lake_, Uri("q4.csv"), 2000, 1000));
  ASSERT_EQ(last.rows.size(), 501u);
  EXPECT_EQ(last.rows.back()[0], "2499");
}

TEST_F(ResultFilesTest, ParsesTrailingNullAndQuotedCommas) {
  ASSERT_OK_AND_ASSIGN(auto rows, ParseQuotedCsv("\"a,b\",\n,\"\"\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0], ElementsAre(Optional(std::string("a,b")), std::nullopt));
  EXPECT_THAT(rows[1], ElementsAre(std::nullopt, Optional(std::string(""))));
}

}  // namespace
}  // namespace stratus::athena
