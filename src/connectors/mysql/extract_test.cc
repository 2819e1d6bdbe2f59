// `stratus extract`'s engine against a real MariaDB server, through the
// front's TCP port, into a lake over a real S3 engine.
#include "connectors/mysql/extract.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/json.h"
#include "connectors/mysql/hive_text_encoder.h"
#include "connectors/mysql/mysql_front_fixture_for_test.h"
#include "connectors/mysql/mysql_url.h"
#include "connectors/mysql/socket_internal.h"
#include "formats/parquet/parquet_split_reader.h"
#include "lake/lake.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"

namespace stratus::connectors::mysql {
namespace {

using std::string_literals::operator""s;

class ExtractTest : public MySqlFrontTest {
 protected:
  ExtractOptions Options() {
    ExtractOptions options;
    options.source = MySqlUrl{.user = "root",
                              .password = "",
                              .host = "127.0.0.1",
                              .port = front_->port(),
                              .database = "myschema"};
    options.to = "s3://datalake/extract/";
    return options;
  }

  // The keys under s3://datalake/<prefix>.
  std::vector<std::string> Keys(const std::string& prefix) {
    std::vector<std::string> keys;
    Result<lake::ListPage> page = lake_.lake().List("s3://datalake/" + prefix);
    if (page.ok()) {
      for (const lake::ObjectInfo& object : page->objects) {
        keys.push_back(object.key);
      }
    }
    return keys;
  }

  // A Parquet object's columns as "name type" and rows as "v|v|...", read
  // with the engine's Parquet reader.
  struct ParquetContents {
    std::vector<std::string> columns = {};
    std::vector<std::string> rows = {};
  };

  ParquetContents ReadParquet(const std::string& uri) {
    ParquetContents contents;
    Result<std::unique_ptr<lake::ObjectReader>> source = lake_.lake().OpenReader(uri);
    EXPECT_OK(source.status());
    if (!source.ok()) {
      return contents;
    }
    Result<formats::parquet::FileMetaData> footer = formats::parquet::ReadParquetFooter(**source);
    EXPECT_OK(footer.status());
    if (!footer.ok()) {
      return contents;
    }
    std::vector<formats::parquet::ParquetColumn> columns =
        formats::parquet::InferColumns(*footer).value();
    for (const formats::parquet::ParquetColumn& column : columns) {
      contents.columns.push_back(column.name + " " + column.type.ToString());
    }
    std::unique_ptr<formats::parquet::ParquetSplitReader> reader =
        formats::parquet::ParquetSplitReader::Open(**source, {.columns = columns}).value();
    sql::Batch batch;
    while (reader->Next(&batch).value()) {
      for (size_t row = 0; row < batch.num_rows(); ++row) {
        std::string line;
        for (size_t c = 0; c < batch.num_columns(); ++c) {
          line += (c > 0 ? "|" : "") + batch.column(c).GetValue(row).ToString();
        }
        contents.rows.push_back(line);
      }
    }
    return contents;
  }
};

TEST(HiveTextEncoderTest, EscapesDelimitersLineBreaksAndBackslashes) {
  std::string out;
  const HiveTextEncoder encoder;
  encoder.AppendField("a,b\nc\rd\\e", false, &out);
  encoder.AppendDelimiter(&out);
  encoder.AppendField("", true, &out);
  encoder.EndLine(&out);
  EXPECT_EQ(out, "a\\,b\\nc\\rd\\\\e,\\N\n");
  out.clear();
  HiveTextEncoder(',', "").AppendField("", true, &out);
  EXPECT_EQ(out, "");
}

TEST(MySqlUrlTest, ParsesAndRejects) {
  MySqlUrl url = ParseMySqlUrl("mysql://ad%40min:p%3Ass@db.local:3307/shop").value();
  EXPECT_EQ(url.user, "ad@min");
  EXPECT_EQ(url.password, "p:ss");
  EXPECT_EQ(url.host, "db.local");
  EXPECT_EQ(url.port, 3307);
  EXPECT_EQ(url.database, "shop");
  EXPECT_EQ(ParseMySqlUrl("mysql://h").value().port, 3306);
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseMySqlUrl("postgres://h/db"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseMySqlUrl("mysql://u@:3306/db"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseMySqlUrl("mysql://h:99999/db"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseMySqlUrl("mysql://h:x/db"));
}

TEST_F(ExtractTest, ATableBecomesHiveCsvWithTypedValues) {
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.typed (id INT PRIMARY KEY, price "
                 "DECIMAL(10,2), day DATE, at DATETIME, raw VARBINARY(8), name VARCHAR(20) "
                 "CHARACTER SET utf8mb4)"),
            "");
  ASSERT_EQ(Exec("INSERT INTO myschema.typed VALUES (1, 12.50, '2023-01-02', "
                 "'2023-01-02 03:04:05', X'2C0A5C00FF', 'Zoë, \"x\"'), "
                 "(2, NULL, NULL, NULL, NULL, NULL)"),
            "");
  ExtractOptions options = Options();
  options.table = "typed";
  ASSERT_OK_AND_ASSIGN(ExtractSummary summary, RunExtract(options, lake_.lake()));
  EXPECT_EQ(summary.num_rows, 2u);
  ASSERT_EQ(summary.objects, std::vector<std::string>{"s3://datalake/extract/part-00000.csv"});
  EXPECT_EQ(LakeText(summary.objects[0]),
            "1,12.50,2023-01-02,2023-01-02 03:04:05,\\,\\n\\\\\0\xff,Zoë\\, \"x\"\n"
            "2,\\N,\\N,\\N,\\N,\\N\n"s);
  options.null_as = "";
  options.query = "SELECT id, price FROM typed WHERE id = 2";
  options.table = "";
  ASSERT_OK_AND_ASSIGN(summary, RunExtract(options, lake_.lake()));
  EXPECT_EQ(LakeText("s3://datalake/extract/part-00000.csv"), "2,\n");
}

TEST_F(ExtractTest, IncrementalRunsResumeFromTheWatermark) {
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.events (id INT PRIMARY KEY, at DATETIME)"), "");
  ASSERT_EQ(Exec("INSERT INTO myschema.events VALUES (1, '2023-01-01 00:00:00'), "
                 "(2, '2023-01-02 00:00:00'), (3, '2023-01-03 00:00:00')"),
            "");
  ExtractOptions options = Options();
  options.table = "myschema.events";
  options.incremental_column = "at";
  options.to = "s3://datalake/events";
  ASSERT_OK_AND_ASSIGN(ExtractSummary first, RunExtract(options, lake_.lake()));
  EXPECT_EQ(first.num_rows, 3u);
  EXPECT_EQ(first.watermark, "2023-01-03 00:00:00");
  ASSERT_EQ(Exec("INSERT INTO myschema.events VALUES (4, '2023-01-04 00:00:00'), "
                 "(5, '2023-01-05 00:00:00')"),
            "");
  ASSERT_OK_AND_ASSIGN(ExtractSummary second, RunExtract(options, lake_.lake()));
  EXPECT_EQ(second.num_rows, 2u);
  ASSERT_EQ(second.objects,
            std::vector<std::string>{"s3://datalake/events/run-000002-part-00000.csv"});
  EXPECT_EQ(LakeText(second.objects[0]), "4,2023-01-04 00:00:00\n5,2023-01-05 00:00:00\n");
  Json state = ParseJson(LakeText("s3://datalake/events/_stratus_extract_state.json")).value();
  EXPECT_EQ(state["watermark"], "2023-01-05 00:00:00");
  EXPECT_EQ(state["runs"], 2);
  EXPECT_EQ(state["column"], "at");
  ASSERT_OK_AND_ASSIGN(ExtractSummary third, RunExtract(options, lake_.lake()));
  EXPECT_EQ(third.num_rows, 0u);
  EXPECT_TRUE(third.objects.empty());
  EXPECT_EQ(Keys("events/").size(), 3u);  // Two runs and the state.
}

TEST_F(ExtractTest, ParallelExtractSplitsByPrimaryKeyRanges) {
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.many (id BIGINT PRIMARY KEY, v VARCHAR(10)) "
                 "AS SELECT seq AS id, CONCAT('v', seq) AS v FROM myschema.seq_1_to_1000"),
            "");
  ExtractOptions options = Options();
  options.table = "many";
  options.parallel = 4;
  ASSERT_OK_AND_ASSIGN(ExtractSummary summary, RunExtract(options, lake_.lake()));
  EXPECT_EQ(summary.num_rows, 1000u);
  ASSERT_EQ(summary.objects.size(), 4u);
  std::vector<std::string> lines;
  for (const std::string& object : summary.objects) {
    std::istringstream text(LakeText(object));
    for (std::string line; std::getline(text, line);) {
      lines.push_back(line);
    }
  }
  std::sort(lines.begin(), lines.end());
  std::vector<std::string> expected;
  for (int i = 1; i <= 1000; ++i) {
    expected.push_back(std::to_string(i) + ",v" + std::to_string(i));
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(lines, expected);
  // A later full extract with fewer parts leaves no stale part behind.
  options.parallel = 1;
  ASSERT_OK(RunExtract(options, lake_.lake()).status());
  EXPECT_EQ(Keys("extract/"), std::vector<std::string>{"extract/part-00000.csv"});
}

TEST_F(ExtractTest, ParquetKeepsEveryTypeAndNull) {
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.all_types (id INT PRIMARY KEY, ti TINYINT, "
                 "tu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT, iu INT UNSIGNED, bi BIGINT, "
                 "bu BIGINT UNSIGNED, de DECIMAL(10,2), dw DECIMAL(30,8), fl FLOAT, db DOUBLE, "
                 "da DATE, dt DATETIME(3), ts TIMESTAMP NULL, ch CHAR(3), vc VARCHAR(40), tx TEXT, "
                 "js JSON, en ENUM('red','green'), bn BINARY(3), vb VARBINARY(8), bl BLOB, "
                 "b1 BIT(1), b9 BIT(9), yr YEAR)"),
            "");
  ASSERT_EQ(Exec("SET time_zone = '+02:00'"), "");  // TIMESTAMPs land as UTC all the same.
  ASSERT_EQ(Exec("INSERT INTO myschema.all_types VALUES (1, -128, 255, -32768, -8388608, "
                 "4294967295, -9223372036854775808, 18446744073709551615, -12345678.90, "
                 "1234567890123456789012.12345678, 1.5, -2.25e-10, '2023-02-28', "
                 "'2023-01-02 03:04:05.678', '2023-06-01 12:00:00', 'abc', 'Zoë, \\\"x\\\"', "
                 "'long text', '{\\\"k\\\": [1, 2]}', 'green', X'00FF0A', X'2C0A5C', "
                 "X'DEADBEEF', b'1', b'100000001', 2024), (2, NULL, NULL, NULL, NULL, NULL, NULL, "
                 "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                 "NULL, NULL, NULL, NULL, NULL, NULL)"),
            "");
  ExtractOptions options = Options();
  options.table = "all_types";
  options.format = ExtractFormat::kParquet;
  ASSERT_OK_AND_ASSIGN(ExtractSummary summary, RunExtract(options, lake_.lake()));
  EXPECT_EQ(summary.num_rows, 2u);
  ASSERT_EQ(summary.objects,
            std::vector<std::string>{"s3://datalake/extract/part-00000-00000.parquet"});
  const ParquetContents contents = ReadParquet(summary.objects[0]);
  EXPECT_EQ(contents.columns,
            (std::vector<std::string>{
                "id integer",       "ti tinyint",       "tu smallint",     "si smallint",
                "mi integer",       "iu bigint",        "bi bigint",       "bu decimal(20,0)",
                "de decimal(10,2)", "dw decimal(30,8)", "fl real",         "db double",
                "da date",          "dt timestamp(3)",  "ts timestamp(3)", "ch varchar",
                "vc varchar",       "tx varchar",       "js varchar",      "en varchar",
                "bn varbinary",     "vb varbinary",     "bl varbinary",    "b1 boolean",
                "b9 bigint",        "yr smallint"}));
  ASSERT_EQ(contents.rows.size(), 2u);
  EXPECT_EQ(contents.rows[0],
            "1|-128|255|-32768|-8388608|4294967295|-9223372036854775808|18446744073709551615|"
            "-12345678.90|1234567890123456789012.12345678|1.5|-2.25E-10|2023-02-28|"
            "2023-01-02 03:04:05.678|2023-06-01 10:00:00.000|abc|Zoë, \"x\"|long text|"
            "{\"k\": [1, 2]}|green|00 ff 0a|2c 0a 5c|de ad be ef|true|257|2024");
  std::string nulls = "2";
  for (int i = 1; i < 26; ++i) {
    nulls += "|NULL";
  }
  EXPECT_EQ(contents.rows[1], nulls);
}

TEST_F(ExtractTest, ParquetFilesRollOverAndParallelRangesKeepEveryRow) {
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.rolled (id BIGINT PRIMARY KEY, v VARCHAR(10)) "
                 "AS SELECT seq AS id, CONCAT('v', seq) AS v FROM myschema.seq_1_to_10000"),
            "");
  // Stale CSV parts from an earlier extract go when the Parquet one commits.
  ExtractOptions options = Options();
  options.table = "rolled";
  ASSERT_OK(RunExtract(options, lake_.lake()).status());
  options.format = ExtractFormat::kParquet;
  options.parquet.file_bytes = 1;  // Every batch of rows closes its file.
  options.parquet.codec = formats::parquet::Codec::kZstd;
  options.parallel = 2;
  ASSERT_OK_AND_ASSIGN(ExtractSummary summary, RunExtract(options, lake_.lake()));
  EXPECT_EQ(summary.num_rows, 10000u);
  EXPECT_EQ(summary.objects.size(), 6u);  // 5000 rows a range, 2048 rows a batch.
  EXPECT_EQ(Keys("extract/"),
            (std::vector<std::string>{
                "extract/part-00000-00000.parquet", "extract/part-00000-00001.parquet",
                "extract/part-00000-00002.parquet", "extract/part-00001-00000.parquet",
                "extract/part-00001-00001.parquet", "extract/part-00001-00002.parquet"}));
  std::vector<std::string> rows;
  for (const std::string& object : summary.objects) {
    for (const std::string& row : ReadParquet(object).rows) {
      rows.push_back(row);
    }
  }
  ASSERT_EQ(rows.size(), 10000u);
  for (int i = 1; i <= 10000; ++i) {
    ASSERT_EQ(rows[i - 1], std::to_string(i) + "|v" + std::to_string(i));
  }
  // An incremental Parquet extract: the watermark as for CSV.
  options = Options();
  options.table = "rolled";
  options.format = ExtractFormat::kParquet;
  options.incremental_column = "id";
  options.to = "s3://datalake/rolled_inc/";
  ASSERT_OK_AND_ASSIGN(ExtractSummary first, RunExtract(options, lake_.lake()));
  EXPECT_EQ(first.watermark, "10000");
  ASSERT_EQ(Exec("INSERT INTO myschema.rolled VALUES (10001, 'new')"), "");
  ASSERT_OK_AND_ASSIGN(ExtractSummary second, RunExtract(options, lake_.lake()));
  ASSERT_EQ(second.objects, std::vector<std::string>{
                                "s3://datalake/rolled_inc/run-000002-part-00000-00000.parquet"});
  EXPECT_EQ(ReadParquet(second.objects[0]).rows, std::vector<std::string>{"10001|new"});
}

TEST_F(ExtractTest, ParquetOfAValueThatDoesNotReadLeavesNoObject) {
  // 5000 good dates, then one that only ALLOW_INVALID_DATES lets in.
  ASSERT_EQ(
      Exec("CREATE OR REPLACE TABLE myschema.days (id INT PRIMARY KEY, d DATE) AS SELECT "
           "seq AS id, DATE '2023-01-01' + INTERVAL seq DAY AS d FROM myschema.seq_1_to_5000"),
      "");
  ASSERT_EQ(Exec("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'"), "");
  ASSERT_EQ(Exec("INSERT INTO myschema.days VALUES (5001, '2023-02-30')"), "");
  ExtractOptions options = Options();
  options.format = ExtractFormat::kParquet;
  options.parquet.file_bytes = 1;
  options.query = "SELECT id, d FROM myschema.days ORDER BY id";
  Result<ExtractSummary> failed = RunExtract(options, lake_.lake());
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  // The bad row first: the extract stops without reading the 5000 after it.
  options.query = "SELECT id, d FROM myschema.days ORDER BY id DESC";
  failed = RunExtract(options, lake_.lake());
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(failed.status().message().find("column 'd': cannot read '2023-02-30' as date"),
            std::string::npos)
      << failed.status().message();
  EXPECT_TRUE(Keys("extract/").empty());
}

TEST_F(ExtractTest, FailuresAreClearAndLeaveNoObject) {
  ExtractOptions options = Options();
  options.table = "no_such_table";
  Result<ExtractSummary> unknown = RunExtract(options, lake_.lake());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("doesn't exist"), std::string::npos);

  Result<UniqueFd> closed = ListenTcp("127.0.0.1", 0);
  ASSERT_TRUE(closed.ok());
  const uint16_t dead_port = LocalPort(*closed).value();
  *closed = UniqueFd();
  options = Options();
  options.table = "users";
  options.source.port = dead_port;
  Result<ExtractSummary> refused = RunExtract(options, lake_.lake());
  EXPECT_EQ(refused.status().code(), StatusCode::kIoError);
  EXPECT_NE(refused.status().message().find("cannot connect to 127.0.0.1"), std::string::npos)
      << refused.status().message();
  EXPECT_TRUE(Keys("extract/").empty());

  // The connection is lost in the middle of the rows.
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.wide (id INT PRIMARY KEY, pad CHAR(200)) AS "
                 "SELECT seq AS id, REPEAT('p', 200) AS pad FROM myschema.seq_1_to_100000"),
            "");
  options = Options();
  options.table = "wide";
  options.on_progress = [this](uint64_t, uint64_t) {
    front_->Stop();
  };
  Result<ExtractSummary> lost = RunExtract(options, lake_.lake());
  EXPECT_EQ(lost.status().code(), StatusCode::kIoError) << lost.status().ToString();
  EXPECT_NE(lost.status().message().find("nothing was written"), std::string::npos)
      << lost.status().message();
  EXPECT_TRUE(Keys("extract/").empty());
}

}  // namespace
}  // namespace stratus::connectors::mysql
