#include "athena/record_codec.h"

#include <gtest/gtest.h>

#include "base/file_contents.h"
#include "testing/status_matchers.h"

namespace stratus::athena {
namespace {

QueryExecution SampleExecution() {
  return QueryExecution{
      .id = "6a3e5c2b-0000-4000-8000-000000000001",
      .query = "SELECT 1",
      .statement_type = "DML",
      .substatement_type = "SELECT",
      .work_group = "primary",
      .catalog = "AwsDataCatalog",
      .database = "mydatabase",
      .output_location = "s3://results/6a3e5c2b-0000-4000-8000-000000000001.csv",
      .execution_parameters = {"1", "'x'"},
      .client_request_token = "token-1",
      .state = QueryState::kFailed,
      .state_change_reason = "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved",
      .error = QueryError{.category = 2, .type = 1000, .retryable = false, .message = "m"},
      .submitted_millis = 1700000000000,
      .started_millis = 1700000000010,
      .completed_millis = 1700000000020,
      .statistics = QueryExecutionStatistics{.engine_execution_millis = 5,
                                             .data_scanned_bytes = 1234,
                                             .total_execution_millis = 20,
                                             .queue_millis = 10,
                                             .planning_millis = 1,
                                             .service_processing_millis = 2,
                                             .rows_output = 3,
                                             .rows_written = 0},
  };
}

TEST(RecordCodecTest, ExecutionRoundTrips) {
  const QueryExecution execution = SampleExecution();
  ASSERT_OK_AND_ASSIGN(QueryExecution decoded, DecodeExecution(EncodeExecution(execution)));
  EXPECT_EQ(decoded.id, execution.id);
  EXPECT_EQ(decoded.execution_parameters, execution.execution_parameters);
  EXPECT_EQ(decoded.state, QueryState::kFailed);
  ASSERT_TRUE(decoded.error.has_value());
  EXPECT_EQ(decoded.error->type, 1000);
  EXPECT_EQ(decoded.statistics.data_scanned_bytes, 1234);
  EXPECT_EQ(decoded.completed_millis, execution.completed_millis);
}

TEST(RecordCodecTest, ReadsTheCheckedInV1ExecutionFixture) {
  ASSERT_OK_AND_ASSIGN(std::string bytes,
                       ReadFileContents(STRATUS_ATHENA_TESTDATA "/execution_v1.bin"));
  ASSERT_OK_AND_ASSIGN(QueryExecution decoded, DecodeExecution(bytes));
  EXPECT_EQ(decoded.query, "SELECT 1");
  EXPECT_EQ(decoded.database, "mydatabase");
  EXPECT_EQ(decoded.statistics.planning_millis, 1);
}

TEST(RecordCodecTest, WorkGroupNamedQueryAndPreparedStatementRoundTrip) {
  const WorkGroup work_group{.name = "etl",
                             .description = "d",
                             .output_location = "s3://b/p/",
                             .enforce_configuration = true,
                             .bytes_scanned_cutoff = 10000000,
                             .created_millis = 5};
  ASSERT_OK_AND_ASSIGN(WorkGroup decoded_group, DecodeWorkGroup(EncodeWorkGroup(work_group)));
  EXPECT_EQ(decoded_group.output_location, "s3://b/p/");
  EXPECT_TRUE(decoded_group.enforce_configuration);
  EXPECT_EQ(decoded_group.bytes_scanned_cutoff, 10000000);

  const NamedQuery query{.id = "q", .name = "n", .database = "d", .query = "SELECT 2"};
  ASSERT_OK_AND_ASSIGN(NamedQuery decoded_query, DecodeNamedQuery(EncodeNamedQuery(query)));
  EXPECT_EQ(decoded_query.query, "SELECT 2");

  const PreparedStatement statement{
      .name = "s", .work_group = "primary", .query = "SELECT ?", .last_modified_millis = 9};
  ASSERT_OK_AND_ASSIGN(PreparedStatement decoded_statement,
                       DecodePreparedStatement(EncodePreparedStatement(statement)));
  EXPECT_EQ(decoded_statement.query, "SELECT ?");
  EXPECT_EQ(decoded_statement.last_modified_millis, 9);
}

TEST(RecordCodecTest, DataCatalogRoundTripsWithItsParameters) {
  const DataCatalog catalog{.name = "hive_metastore",
                            .type = "HIVE",
                            .description = "d",
                            .parameters = {"metadata-function", "arn:aws:lambda:f"}};
  ASSERT_OK_AND_ASSIGN(DataCatalog decoded, DecodeDataCatalog(EncodeDataCatalog(catalog)));
  EXPECT_EQ(decoded.name, "hive_metastore");
  EXPECT_EQ(decoded.type, "HIVE");
  EXPECT_EQ(decoded.description, "d");
  EXPECT_EQ(decoded.parameters, catalog.parameters);
}

TEST(RecordCodecTest, TruncatedRecordIsCorruption) {
  std::string bytes = EncodeExecution(SampleExecution());
  bytes.resize(bytes.size() / 2);
  EXPECT_EQ(DecodeExecution(bytes).status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace stratus::athena
