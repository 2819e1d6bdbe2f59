#include "states/interpreter/result_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/format.h"

namespace stratus::states::interpreter {
namespace {

constexpr std::string_view kMapRunArn =
    "arn:aws:states:us-east-1:123456789012:mapRun:machine/Fan:5d2f7b1a-0c4e-4b1f-9d7e-3a1e6f0b2c9d";

ChildOutcome Succeeded(Json input, Json output) {
  return ChildOutcome{.arn = "arn:child",
                      .name = "child",
                      .state_machine_arn =
                          "arn:aws:states:us-east-1:123456789012:"
                          "stateMachine:machine/Fan",
                      .status = ExecutionStatus::kSucceeded,
                      .start_time = FromUnixMillis(1767225600000),
                      .stop_time = FromUnixMillis(1767225601500),
                      .input = std::move(input),
                      .output = std::move(output),
                      .error = std::nullopt,
                      .cause = std::nullopt,
                      .redrive_count = 0};
}

// AWS "ResultWriter (Map)": the NONE record, Input and Output as JSON text.
TEST(ResultExportTest, ChildRecordShowsTheExecutionWithItsPayloadsAsText) {
  Json record = ChildExecutionRecord(Succeeded(Json{{"id", 1}}, Json::array({1, 2})));
  EXPECT_EQ(record["Input"], R"({"id":1})");
  EXPECT_EQ(record["Output"], "[1,2]");
  EXPECT_EQ(record["InputDetails"], Json::parse(R"({"Included": true})"));
  EXPECT_EQ(record["Status"], "SUCCEEDED");
  EXPECT_EQ(record["StartDate"], "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(record["StopDate"], "2026-01-01T00:00:01.500Z");
  EXPECT_EQ(record["RedriveStatus"], "NOT_REDRIVABLE");
  EXPECT_FALSE(record.contains("Error"));

  ChildOutcome failed = Succeeded(1, nullptr);
  failed.status = ExecutionStatus::kFailed;
  failed.error = "Boom";
  failed.cause = "bad";
  Json failed_record = ChildExecutionRecord(failed);
  EXPECT_EQ(failed_record["Error"], "Boom");
  EXPECT_EQ(failed_record["Cause"], "bad");
  EXPECT_FALSE(failed_record.contains("Output"));
  EXPECT_EQ(failed_record["Status"], "FAILED");
}

TEST(ResultExportTest, TransformationsShapeTheResults) {
  const Json results = Json::parse(R"([[1, 2], 3, {"Error": "E", "Cause": "c"}])");
  const Json records = Json::parse(R"([{"r": 0}, {"r": 1}, {"r": 2}])");
  const std::vector<IterationStatus> statuses = {
      IterationStatus::kSucceeded, IterationStatus::kSucceeded, IterationStatus::kFailed};
  EXPECT_EQ(TransformResults(asl::ResultTransformation::kCompact, results, records, statuses),
            Json::parse(R"([[1, 2], 3, {"r": 2}])"));
  EXPECT_EQ(TransformResults(asl::ResultTransformation::kFlatten, results, records, statuses),
            Json::parse(R"([1, 2, 3, {"r": 2}])"));
  EXPECT_EQ(TransformResults(asl::ResultTransformation::kNone, results, records, statuses),
            records);
}

TEST(ResultExportTest, ExportWritesOneFilePerOutcomeThenTheManifest) {
  const Json results = Json::parse(R"(["a", {"Error": "E", "Cause": "c"}, null])");
  const Json records = Json::parse(R"([{"r": 0}, {"r": 1}, {"Status": "PENDING"}])");
  ResultExport plan = PlanResultExport(
      "out", "jobs", kMapRunArn, asl::WriterConfig{}, results, records,
      {IterationStatus::kSucceeded, IterationStatus::kFailed, IterationStatus::kPending});
  const std::string dir = "jobs/5d2f7b1a-0c4e-4b1f-9d7e-3a1e6f0b2c9d/";
  ASSERT_EQ(plan.objects.size(), 4u);
  EXPECT_EQ(plan.objects[0].key, dir + "SUCCEEDED_0.json");
  EXPECT_EQ(Json::parse(plan.objects[0].body), Json::parse(R"([{"r": 0}])"));
  EXPECT_EQ(plan.objects[1].key, dir + "FAILED_0.json");
  EXPECT_EQ(plan.objects[2].key, dir + "PENDING_0.json");
  EXPECT_EQ(plan.objects[3].key, dir + "manifest.json");
  const Json manifest = Json::parse(plan.objects[3].body);
  EXPECT_EQ(manifest["DestinationBucket"], "out");
  EXPECT_EQ(manifest["MapRunArn"], kMapRunArn);
  EXPECT_EQ(manifest["ResultFiles"]["SUCCEEDED"],
            Json::parse(Format(R"([{{"Key": "{}SUCCEEDED_0.json", "Size": {}}}])", dir,
                               plan.objects[0].body.size())));
  EXPECT_EQ(manifest["ResultFiles"]["FAILED"].size(), 1u);
  EXPECT_EQ(plan.details, Json::parse(Format(
                              R"({{"MapRunArn": "{}", "ResultWriterDetails": {{"Bucket": "out",
                                  "Key": "{}manifest.json"}}}})",
                              kMapRunArn, dir)));
  EXPECT_EQ(plan.num_written, 3);
}

TEST(ResultExportTest, ExportWithoutResultsListsEmptyFilesAndJsonlWritesLines) {
  ResultExport empty = PlanResultExport("out", "", kMapRunArn, asl::WriterConfig{}, Json::array(),
                                        Json::array(), {});
  ASSERT_EQ(empty.objects.size(), 1u);
  EXPECT_EQ(empty.objects[0].key, "5d2f7b1a-0c4e-4b1f-9d7e-3a1e6f0b2c9d/manifest.json");
  EXPECT_EQ(Json::parse(empty.objects[0].body)["ResultFiles"],
            Json::parse(R"({"FAILED": [], "PENDING": [], "SUCCEEDED": []})"));

  ResultExport lines =
      PlanResultExport("out", "p/", kMapRunArn,
                       asl::WriterConfig{.transformation = asl::ResultTransformation::kFlatten,
                                         .output_type = asl::ResultOutputType::kJsonl},
                       Json::parse(R"([[1, 2], {"x": 3}])"), Json::parse("[null, null]"),
                       {IterationStatus::kSucceeded, IterationStatus::kSucceeded});
  ASSERT_EQ(lines.objects.size(), 2u);
  EXPECT_EQ(lines.objects[0].key, "p/5d2f7b1a-0c4e-4b1f-9d7e-3a1e6f0b2c9d/SUCCEEDED_0.json");
  EXPECT_EQ(lines.objects[0].body, "1\n2\n{\"x\":3}\n");
}

}  // namespace
}  // namespace stratus::states::interpreter
