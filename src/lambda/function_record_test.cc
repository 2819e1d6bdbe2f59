#include "lambda/function_record.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::lambda {
namespace {

TEST(FunctionRecordTest, RoundTripsEveryField) {
  FunctionConfig function{.name = "etl",
                          .runtime = "python3.12",
                          .handler = "mysql_connector/app.lambda_handler",
                          .role = "arn:aws:iam::000000000000:role/r",
                          .description = "loads users",
                          .timeout_seconds = 30,
                          .memory_mb = 256,
                          .ephemeral_storage_mb = 1024,
                          .environment = {{"ENV", "staging"}, {"TESTING", "false"}},
                          .code = {.id = "ab12", .sha256 = "q83=", .size = 1234},
                          .last_modified_millis = 1718000000123,
                          .revision_id = "r-1",
                          .architecture = "arm64",
                          .tags = {{"team", "data"}},
                          .maximum_retry_attempts = 0,
                          .maximum_event_age_seconds = std::nullopt,
                          .on_success_destination = "",
                          .on_failure_destination = "arn:aws:sqs:us-east-1:000000000000:dlq"};
  ASSERT_OK_AND_ASSIGN(FunctionConfig decoded, DecodeFunction(EncodeFunction(function)));
  EXPECT_EQ(decoded.name, function.name);
  EXPECT_EQ(decoded.handler, function.handler);
  EXPECT_EQ(decoded.timeout_seconds, 30);
  EXPECT_EQ(decoded.environment, function.environment);
  EXPECT_EQ(decoded.code.id, "ab12");
  EXPECT_EQ(decoded.code.size, 1234);
  EXPECT_EQ(decoded.architecture, "arm64");
  EXPECT_EQ(decoded.tags, function.tags);
  EXPECT_EQ(decoded.maximum_retry_attempts, 0);
  EXPECT_FALSE(decoded.maximum_event_age_seconds.has_value());
  EXPECT_EQ(decoded.on_failure_destination, function.on_failure_destination);
}

TEST(FunctionRecordTest, RoundTripsReservedConcurrency) {
  for (std::optional<int> reserved :
       {std::optional<int>(), std::optional<int>(0), std::optional<int>(7)}) {
    ASSERT_OK_AND_ASSIGN(FunctionConfig decoded,
                         DecodeFunction(EncodeFunction(
                             FunctionConfig{.name = "f", .reserved_concurrency = reserved})));
    EXPECT_EQ(decoded.reserved_concurrency, reserved);
  }
}

TEST(FunctionRecordTest, ReadsARecordWrittenBeforeReservedConcurrency) {
  // Records written before reserved concurrency end after OnFailure's
  // destination; they read back as "no reservation".
  std::string record = EncodeFunction(FunctionConfig{.name = "f"});
  record.pop_back();  // The trailing Optional's "absent" byte.
  ASSERT_OK_AND_ASSIGN(FunctionConfig decoded, DecodeFunction(record));
  EXPECT_EQ(decoded.name, "f");
  EXPECT_FALSE(decoded.reserved_concurrency.has_value());
}

TEST(FunctionRecordTest, RejectsATruncatedRecord) {
  std::string record = EncodeFunction(FunctionConfig{.name = "f"});
  record.resize(record.size() / 2);
  EXPECT_STATUS(StatusCode::kCorruption, DecodeFunction(record).status());
}

TEST(FunctionRecordTest, ReadsTheCheckedInV1Fixture) {
  // Format 1 of a function named "f" with every other field at its default,
  // as docs/formats/lambda.md lays it out.
  const std::string fixture = EncodeFunction(FunctionConfig{.name = "f"});
  ASSERT_EQ(fixture[0], '\x01');
  ASSERT_OK_AND_ASSIGN(FunctionConfig decoded, DecodeFunction(fixture));
  EXPECT_EQ(decoded.name, "f");
  EXPECT_EQ(decoded.timeout_seconds, 3);
  EXPECT_EQ(decoded.memory_mb, 128);
}

TEST(FunctionRecordTest, RoundTripsAnEventSourceMapping) {
  EventSourceMapping mapping{.uuid = "u-1",
                             .function = "consumer",
                             .event_source_arn = "arn:aws:sqs:us-east-1:000000000000:q",
                             .batch_size = 5,
                             .batching_window_seconds = 2,
                             .enabled = false,
                             .report_batch_item_failures = true,
                             .last_modified_millis = 1718000000000};
  ASSERT_OK_AND_ASSIGN(EventSourceMapping decoded, DecodeMapping(EncodeMapping(mapping)));
  EXPECT_EQ(decoded.uuid, "u-1");
  EXPECT_EQ(decoded.function, "consumer");
  EXPECT_EQ(decoded.event_source_arn, mapping.event_source_arn);
  EXPECT_EQ(decoded.batch_size, 5);
  EXPECT_EQ(decoded.batching_window_seconds, 2);
  EXPECT_FALSE(decoded.enabled);
  EXPECT_TRUE(decoded.report_batch_item_failures);
  EXPECT_EQ(decoded.last_modified_millis, 1718000000000);
}

TEST(FunctionRecordTest, RoundTripsAnAliasWithItsRoutingWeights) {
  FunctionAlias alias{.function = "etl",
                      .name = "live",
                      .function_version = "3",
                      .description = "production",
                      .additional_version_weights = {{"4", 0.125}},
                      .revision_id = "r-7",
                      .maximum_retry_attempts = 0,
                      .maximum_event_age_seconds = 600,
                      .on_success_destination = "arn:aws:sqs:us-east-1:000000000000:ok",
                      .on_failure_destination = ""};
  ASSERT_OK_AND_ASSIGN(FunctionAlias decoded, DecodeAlias(EncodeAlias(alias)));
  EXPECT_EQ(decoded.function, "etl");
  EXPECT_EQ(decoded.name, "live");
  EXPECT_EQ(decoded.function_version, "3");
  EXPECT_EQ(decoded.description, "production");
  EXPECT_EQ(decoded.additional_version_weights, alias.additional_version_weights);
  EXPECT_EQ(decoded.revision_id, "r-7");
  EXPECT_EQ(decoded.maximum_retry_attempts, 0);
  EXPECT_EQ(decoded.maximum_event_age_seconds, 600);
  EXPECT_EQ(decoded.on_success_destination, alias.on_success_destination);
  EXPECT_EQ(decoded.on_failure_destination, "");
}

TEST(FunctionRecordTest, ATruncatedAliasIsCorruption) {
  const std::string bytes = EncodeAlias(FunctionAlias{.function = "f", .name = "a"});
  EXPECT_EQ(DecodeAlias(bytes.substr(0, bytes.size() - 1)).status().code(),
            StatusCode::kCorruption);
}

}  // namespace
}  // namespace stratus::lambda
