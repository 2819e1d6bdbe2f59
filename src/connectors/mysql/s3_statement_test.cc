#include "connectors/mysql/s3_statement.h"

#include <string>

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::connectors::mysql {
namespace {

OutfileS3Statement Outfile(const std::string& query) {
  Result<std::optional<S3Statement>> parsed = ParseS3Statement(query);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  if (!parsed.ok() || !parsed->has_value() ||
      !std::holds_alternative<OutfileS3Statement>(**parsed)) {
    ADD_FAILURE() << "not INTO OUTFILE S3: " << query;
    return {};
  }
  return std::get<OutfileS3Statement>(**parsed);
}

LoadFromS3Statement Load(const std::string& query) {
  Result<std::optional<S3Statement>> parsed = ParseS3Statement(query);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  if (!parsed.ok() || !parsed->has_value() ||
      !std::holds_alternative<LoadFromS3Statement>(**parsed)) {
    ADD_FAILURE() << "not LOAD DATA FROM S3: " << query;
    return {};
  }
  return std::get<LoadFromS3Statement>(**parsed);
}

bool IsPlain(const std::string& query) {
  Result<std::optional<S3Statement>> parsed = ParseS3Statement(query);
  return parsed.ok() && !parsed->has_value();
}

TEST(S3StatementTest, RecognisesTheBatchEtlExport) {
  OutfileS3Statement statement = Outfile(
      "SELECT * FROM myschema.transactions INTO OUTFILE S3 "
      "'s3://datalake/data/myschema/transactions/transactions.scv' FIELDS TERMINATED BY ',' "
      "LINES TERMINATED BY '\\n' OVERWRITE ON;");
  EXPECT_EQ(statement.select_sql, "SELECT * FROM myschema.transactions  ");
  EXPECT_EQ(statement.uri, "s3://datalake/data/myschema/transactions/transactions.scv");
  EXPECT_EQ(statement.text.fields_terminated_by, ",");
  EXPECT_EQ(statement.text.lines_terminated_by, "\n");
  EXPECT_EQ(statement.text.escaped_by, "\\");
  EXPECT_TRUE(statement.overwrite);
  EXPECT_FALSE(statement.manifest);
  EXPECT_FALSE(statement.csv);
}

TEST(S3StatementTest, TheClauseMayStandBeforeFrom) {
  OutfileS3Statement statement = Outfile(
      "select a, b into outfile s3 's3-us-west-2://b/k' format csv header manifest on "
      "from t where a > 1");
  EXPECT_EQ(statement.select_sql, "select a, b   from t where a > 1");
  EXPECT_EQ(statement.uri, "s3-us-west-2://b/k");
  EXPECT_TRUE(statement.csv);
  EXPECT_TRUE(statement.header);
  EXPECT_TRUE(statement.manifest);
  EXPECT_EQ(statement.text.fields_terminated_by, ",");
  EXPECT_EQ(statement.text.enclosed_by, "\"");
}

TEST(S3StatementTest, CommentsAndOddSpacingAreAllowed) {
  OutfileS3Statement statement = Outfile(
      "/* lead */ SELECT 1 -- a comment\n INTO\tOUTFILE # another\n S3\n\"s3://b/k\" "
      "CHARACTER SET utf8mb4 COLUMNS OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' TERMINATED BY "
      "'|' LINES STARTING BY '>' TERMINATED BY '\\r\\n' OVERWRITE OFF MANIFEST OFF");
  EXPECT_EQ(statement.uri, "s3://b/k");
  EXPECT_EQ(statement.character_set, "utf8mb4");
  EXPECT_TRUE(statement.text.optionally_enclosed);
  EXPECT_EQ(statement.text.enclosed_by, "\"");
  EXPECT_EQ(statement.text.escaped_by, "");
  EXPECT_EQ(statement.text.fields_terminated_by, "|");
  EXPECT_EQ(statement.text.lines_starting_by, ">");
  EXPECT_EQ(statement.text.lines_terminated_by, "\r\n");
  EXPECT_FALSE(statement.overwrite);
}

TEST(S3StatementTest, QuotedTextIsNotAClause) {
  EXPECT_TRUE(IsPlain("SELECT 'INTO OUTFILE S3 x' FROM t"));
  EXPECT_TRUE(IsPlain("SELECT `into` FROM s3"));
  EXPECT_TRUE(IsPlain("SELECT 1 /* INTO OUTFILE S3 's3://b/k' */"));
  EXPECT_TRUE(IsPlain("SELECT * FROM t INTO OUTFILE '/tmp/s3'"));
  EXPECT_TRUE(IsPlain("INSERT INTO s3 VALUES (1)"));
  EXPECT_TRUE(IsPlain("LOAD DATA INFILE 's3' INTO TABLE t"));
  EXPECT_TRUE(IsPlain(""));
  // A subquery's INTO is not the statement's.
  EXPECT_TRUE(IsPlain("SELECT (SELECT 1 INTO OUTFILE S3 's3://b/k')"));
}

TEST(S3StatementTest, MalformedClausesAreSyntaxErrors) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseS3Statement("SELECT 1 INTO OUTFILE S3"));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ParseS3Statement("SELECT 1 INTO OUTFILE S3 's3://b/k' FIELDS"));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ParseS3Statement("SELECT 1 INTO OUTFILE S3 's3://b/k' OVERWRITE MAYBE"));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ParseS3Statement("SELECT 1 INTO OUTFILE S3 's3://b/k' FORMAT JSON"));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ParseS3Statement("SELECT 1 INTO OUTFILE S3 's3://b/k'; SELECT 2"));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ParseS3Statement("SELECT 1; SELECT 2 INTO OUTFILE S3 's3://b/k'"));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ParseS3Statement("LOAD DATA FROM S3 's3://b/k' INTO TABLE t; SELECT 1"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseS3Statement("LOAD DATA FROM S3 's3://b/k'"));
  EXPECT_STATUS(StatusCode::kNotImplemented,
                ParseS3Statement("LOAD XML FROM S3 's3://b/k' INTO TABLE t"));
}

TEST(S3StatementTest, LoadDataFromS3BecomesLocalInfile) {
  LoadFromS3Statement file = Load(
      "LOAD DATA FROM S3 's3://b/k.part_00000' REPLACE INTO TABLE t FIELDS TERMINATED BY "
      "',' IGNORE 1 LINES (a, @b) SET c = @b");
  EXPECT_EQ(file.source, LoadSource::kFile);
  EXPECT_EQ(file.uri, "s3://b/k.part_00000");
  EXPECT_EQ(file.local_infile_sql,
            "LOAD DATA LOCAL INFILE 'stratus-s3-load' REPLACE INTO TABLE t FIELDS TERMINATED BY "
            "',' IGNORE 1 LINES (a, @b) SET c = @b");
  EXPECT_EQ(Load("load data from s3 file 's3://b/k' into table t").source, LoadSource::kFile);
  EXPECT_EQ(Load("LOAD DATA FROM S3 PREFIX 's3://b/p' INTO TABLE t").source, LoadSource::kPrefix);
  EXPECT_EQ(Load("LOAD DATA FROM S3 MANIFEST 's3://b/m' IGNORE INTO TABLE t").source,
            LoadSource::kManifest);
}

}  // namespace
}  // namespace stratus::connectors::mysql
