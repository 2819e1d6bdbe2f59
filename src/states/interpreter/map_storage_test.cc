// DISTRIBUTED Maps that read their items with an ItemReader and export their
// results with a ResultWriter (engine_map_storage.cc). The test plays the
// host: it answers the RunTask of each ItemReader and ResultWriter.

#include <chrono>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/format.h"
#include "states/interpreter/execution_state.h"
#include "states/interpreter/interpreter.h"
#include "states/interpreter/test_interpreter.h"
#include "testing/status_matchers.h"

namespace stratus::states::interpreter {
namespace {

using namespace std::chrono_literals;
using testing::EffectsOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::T0;
using testing::TypeNames;

class MapStorageTest : public testing::InterpreterFixture {
 protected:
  // The only RunTask of a step. REQUIRES: there is exactly one.
  static RunTask OnlyTask(const StepResult& step) {
    std::vector<RunTask> tasks = EffectsOf<RunTask>(step);
    EXPECT_EQ(tasks.size(), 1u);
    return tasks.empty() ? RunTask{} : tasks[0];
  }

  StepResult Answer(ExecutionState& state, const RunTask& task, Json output) {
    return AdvanceOk(state, TaskSucceeded{.task_id = task.task_id, .output = std::move(output)},
                     T0() + 1s);
  }
};

// A DISTRIBUTED Map over an ItemReader, as LocalStack's recorded templates
// write it (map_item_reader_base_csv_headers_first_line.json5); %CONFIG% is
// the ReaderConfig.
std::string ReaderMachine(std::string_view reader_config,
                          std::string_view resource = "arn:aws:states:::s3:getObject") {
  return Format(R"({{
    "StartAt": "MapState",
    "States": {{"MapState": {{"Type": "Map", "MaxConcurrency": 1, "End": true,
      "ItemReader": {{"ReaderConfig": {}, "Resource": "{}",
                      "Parameters": {{"Bucket.$": "$.Bucket", "Key.$": "$.Key"}}}},
      "ItemProcessor": {{"ProcessorConfig": {{"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}},
                        "StartAt": "PassItem",
                        "States": {{"PassItem": {{"Type": "Pass", "End": true}}}}}}}}}}
  }})",
                reader_config, resource);
}

constexpr std::string_view kBucketAndKey = R"({"Bucket": "bucket-name", "Key": "file.csv"})";

// AWS (recorded, test_map_item_reader_base_csv_headers_first_line): the
// events and the output.
TEST_F(MapStorageTest, CsvItemReaderRunsOneChildExecutionPerRow) {
  Started started = StartOk(ReaderMachine(R"({"InputType": "CSV", "CSVHeaderLocation":
                                              "FIRST_ROW"})"),
                            kBucketAndKey);
  EXPECT_THAT(TypeNames(started.step.events), ElementsAre("ExecutionStarted", "MapStateEntered",
                                                          "MapStateStarted", "MapRunStarted"));
  EXPECT_EQ(started.step.events[2].details["length"], 0);
  RunTask read = OnlyTask(started.step);
  EXPECT_EQ(read.kind, TaskKind::kItemReader);
  EXPECT_EQ(read.resource, "arn:aws:states:::s3:getObject");
  EXPECT_EQ(read.parameters, Json::parse(kBucketAndKey));
  ASSERT_EQ(started.step.map_runs.size(), 1u);
  EXPECT_EQ(started.step.map_runs[0].status, MapRunStatus::kRunning);

  StepResult done = Answer(started.state, read,
                           Json{{"Body",
                                 "Col1,Col2,Col3\nValue1,Value2,Value3\nValue4,Value5,Value6\n,,,\n"
                                 "true,1,'HelloWorld'\nNull,None,\n   \n"}});
  EXPECT_THAT(TypeNames(done.events), ElementsAre("MapRunSucceeded", "MapStateSucceeded",
                                                  "MapStateExited", "ExecutionSucceeded"));
  ASSERT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(Json::parse(*done.output), Json::parse(R"([
    {"Col1":"Value1","Col2":"Value2","Col3":"Value3"},
    {"Col1":"Value4","Col2":"Value5","Col3":"Value6"},{"Col1":"","Col2":"","Col3":""},
    {"Col1":"true","Col2":"1","Col3":"'HelloWorld'"},{"Col1":"Null","Col2":"None","Col3":""},
    {"Col1":"   ","Col2":"","Col3":""}])"));
  EXPECT_EQ(done.child_executions.size(), 6u);
  ASSERT_EQ(done.map_runs.size(), 1u);
  EXPECT_EQ(done.map_runs[0].item_counts.succeeded, 6);
}

// AWS (recorded, test_map_item_reader_csv_headers_decl_duplicate_headers).
TEST_F(MapStorageTest, ReaderErrorFailsTheMapRunWithAwsCause) {
  Started started = StartOk(ReaderMachine(R"({"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                                              "CSVHeaders": ["H1", "H1", "H3"]})"),
                            kBucketAndKey);
  StepResult failed = Answer(started.state, OnlyTask(started.step), Json{{"Body", "a,b,c\n"}});
  EXPECT_THAT(TypeNames(failed.events),
              ElementsAre("MapRunFailed", "MapStateFailed", "ExecutionFailed"));
  EXPECT_EQ(failed.events[0].details, Json::parse(R"({"error": "States.ItemReaderFailed",
                            "cause": "CSV headers cannot contain duplicates."})"));
  EXPECT_EQ(failed.error, "States.ItemReaderFailed");
  EXPECT_EQ(failed.cause, "CSV headers cannot contain duplicates.");
  ASSERT_EQ(failed.map_runs.size(), 1u);
  EXPECT_EQ(failed.map_runs[0].status, MapRunStatus::kFailed);
}

// AWS (recorded, test_map_item_reader_csv_max_items_paths[-1] and [1.5]).
TEST_F(MapStorageTest, MaxItemsPathFailsTheMapRunOrTheStateAsAwsDoes) {
  const std::string machine =
      ReaderMachine(R"({"InputType": "CSV", "MaxItemsPath": "$.MaxItems"})");
  Started negative =
      StartOk(machine, R"({"Bucket": "bucket-name", "Key": "file.csv", "MaxItems": -1})");
  EXPECT_TRUE(EffectsOf<RunTask>(negative.step).empty());
  EXPECT_THAT(TypeNames(negative.step.events),
              ElementsAre("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                          "MapRunFailed", "MapStateFailed", "ExecutionFailed"));
  EXPECT_EQ(negative.step.error, "States.ItemReaderFailed");
  EXPECT_EQ(negative.step.cause, "field MaxItems must be positive");

  Started fraction =
      StartOk(machine, R"({"Bucket": "bucket-name", "Key": "file.csv", "MaxItems": 1.5})");
  EXPECT_THAT(TypeNames(fraction.step.events), ElementsAre("ExecutionStarted", "MapStateEntered",
                                                           "MapStateStarted", "ExecutionFailed"));
  EXPECT_EQ(fraction.step.error, "States.Runtime");
  EXPECT_EQ(fraction.step.cause,
            "An error occurred while executing the state 'MapState' (entered at the event id "
            "#2). The MaxItemsPath field refers to value \"1.5\" which is not a valid integer: "
            "$.MaxItems");

  Started two = StartOk(machine, R"({"Bucket": "bucket-name", "Key": "file.csv", "MaxItems": 2})");
  StepResult done =
      Answer(two.state, OnlyTask(two.step), Json{{"Body", "Col1\nValue1\nValue2\nValue3\n"}});
  EXPECT_EQ(Json::parse(*done.output), Json::parse(R"([{"Col1": "Value1"}, {"Col1": "Value2"}])"));
}

// AWS (recorded, test_map_item_reader_base_json_with_items_path): ItemsPath
// is ignored when an ItemReader gives the items.
TEST_F(MapStorageTest, ItemReaderItemsIgnoreItemsPath) {
  Started started = StartOk(R"({
    "StartAt": "MapState",
    "States": {"MapState": {"Type": "Map", "MaxConcurrency": 1, "End": true,
      "ItemsPath": "$.from_previous",
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                     "Parameters": {"Bucket.$": "$.Bucket", "Key.$": "$.Key"},
                     "ReaderConfig": {"InputType": "JSON"}},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "PassState",
                        "States": {"PassState": {"Type": "Pass", "End": true}}}}}
  })",
                            R"({"Bucket": "b", "Key": "file.json", "from_previous": ["x"]})");
  StepResult done =
      Answer(started.state, OnlyTask(started.step), Json{{"Body", R"([["from-bucket-item-0"]])"}});
  EXPECT_EQ(*done.output, R"([["from-bucket-item-0"]])");
}

// AWS (recorded, test_map_item_reader_base_json_max_items_jsonata and
// test_map_item_batching_base_json_max_per_batch_jsonata).
TEST_F(MapStorageTest, JsonataArgumentsAndMaxItemsFeedTheReaderAndTheBatcher) {
  Started started = StartOk(R"({
    "StartAt": "BatchMapState", "QueryLanguage": "JSONata",
    "States": {"BatchMapState": {"Type": "Map", "End": true,
      "ItemReader": {"ReaderConfig": {"InputType": "JSON", "MaxItems": "{% 2 %}"},
                     "Resource": "arn:aws:states:::s3:getObject",
                     "Arguments": {"Bucket": "{% $states.input.Bucket %}",
                                   "Key": "{% $states.input.Key %}"}},
      "ItemBatcher": {"MaxItemsPerBatch": "{% $states.input.MaxItemsPerBatch %}"},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "ProcessBatch",
                        "States": {"ProcessBatch": {"Type": "Pass", "End": true}}}}}
  })",
                            R"({"Bucket": "bucket-name", "Key": "file.json",
                                "MaxItemsPerBatch": 2})");
  RunTask read = OnlyTask(started.step);
  EXPECT_EQ(read.parameters, Json::parse(R"({"Bucket": "bucket-name", "Key": "file.json"})"));
  StepResult done =
      Answer(started.state, read, Json{{"Body", R"([{"v": 1}, {"v": 2}, {"v": 3}])"}});
  ASSERT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(Json::parse(*done.output), Json::parse(R"([{"Items": [{"v": 1}, {"v": 2}]}])"));
}

TEST_F(MapStorageTest, ListObjectsV2ItemsAreTheListedObjects) {
  Started started =
      StartOk(ReaderMachine("{}", "arn:aws:states:::s3:listObjectsV2"), kBucketAndKey);
  RunTask list = OnlyTask(started.step);
  EXPECT_EQ(list.resource, "arn:aws:states:::s3:listObjectsV2");
  const Json listing = Json::parse(R"({"Contents": [
    {"Etag": "\"e\"", "Key": "file_0.txt", "LastModified": 1767225600, "Size": 12,
     "StorageClass": "STANDARD"}]})");
  StepResult done = Answer(started.state, list, listing);
  EXPECT_EQ(Json::parse(*done.output), listing["Contents"]);
}

TEST_F(MapStorageTest, EmptyDatasetSucceedsWithNoChildExecutions) {
  Started started = StartOk(ReaderMachine(R"({"InputType": "JSONL"})"), kBucketAndKey);
  StepResult done = Answer(started.state, OnlyTask(started.step), Json{{"Body", ""}});
  EXPECT_EQ(done.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(*done.output, "[]");
}

TEST_F(MapStorageTest, ReaderFailureGoesThroughRetryAndCatch) {
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {
      "Each": {"Type": "Map", "Next": "Done",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                       "ReaderConfig": {"InputType": "JSON"},
                       "Parameters": {"Bucket": "b", "Key": "k"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "Retry": [{"ErrorEquals": ["States.ItemReaderFailed"], "MaxAttempts": 1,
                   "IntervalSeconds": 1}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}]},
      "Done": {"Type": "Pass", "End": true}}
  })");
  const TaskFailed missing{.task_id = OnlyTask(started.step).task_id,
                           .error = "States.ItemReaderFailed",
                           .cause = "The specified key does not exist."};
  StepResult retrying = AdvanceOk(started.state, missing, T0() + 1s);
  std::vector<StartTimer> timers = EffectsOf<StartTimer>(retrying);
  ASSERT_EQ(timers.size(), 1u);
  StepResult again =
      AdvanceOk(started.state, TimerFired{.timer_id = timers[0].timer_id}, T0() + 2s);
  // The retry starts a new Map Run with a new read.
  EXPECT_THAT(TypeNames(again.events), ElementsAre("MapStateStarted", "MapRunStarted"));
  RunTask second = OnlyTask(again);
  StepResult caught = AdvanceOk(
      started.state,
      TaskFailed{.task_id = second.task_id, .error = missing.error, .cause = missing.cause},
      T0() + 3s);
  ASSERT_EQ(caught.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(Json::parse(*caught.output), Json::parse(R"({"Error": "States.ItemReaderFailed",
                            "Cause": "The specified key does not exist."})"));
}

TEST_F(MapStorageTest, ReadingSurvivesASerializationRoundTrip) {
  Started started =
      StartOk(ReaderMachine(R"({"InputType": "JSON", "MaxItems": 1})"), kBucketAndKey);
  ASSERT_OK_AND_ASSIGN(
      ExecutionState reloaded,
      ExecutionState::Deserialize(started.state.Serialize(), started.state.machine()));
  std::vector<Effect> pending = reloaded.PendingEffects();
  ASSERT_EQ(pending.size(), 1u);
  const RunTask& read = std::get<RunTask>(pending[0]);
  EXPECT_EQ(read.kind, TaskKind::kItemReader);
  StepResult done = Answer(reloaded, read, Json{{"Body", "[1, 2]"}});
  EXPECT_EQ(*done.output, "[1]");
}

TEST_F(MapStorageTest, StoppingWhileReadingAbortsTheMapRun) {
  Started started = StartOk(ReaderMachine(R"({"InputType": "JSON"})"), kBucketAndKey);
  StepResult stopped = AdvanceOk(started.state, StopExecution{}, T0() + 1s);
  EXPECT_THAT(TypeNames(stopped.events), ElementsAre("ExecutionAborted"));
  ASSERT_EQ(stopped.map_runs.size(), 1u);
  EXPECT_EQ(stopped.map_runs[0].status, MapRunStatus::kAborted);
  ASSERT_EQ(EffectsOf<CancelTask>(stopped).size(), 1u);
}

TEST_F(MapStorageTest, RedriveAfterAReaderFailureEntersTheMapAgain) {
  Started started = StartOk(ReaderMachine(R"({"InputType": "JSON"})"), kBucketAndKey);
  AdvanceOk(started.state,
            TaskFailed{.task_id = OnlyTask(started.step).task_id,
                       .error = "States.ItemReaderFailed",
                       .cause = "The specified bucket does not exist."},
            T0() + 1s);
  ASSERT_EQ(started.state.status(), ExecutionStatus::kFailed);
  StepResult redriven = AdvanceOk(started.state, RedriveExecution{}, T0() + 2s);
  EXPECT_THAT(TypeNames(redriven.events), ElementsAre("ExecutionRedriven", "MapStateEntered",
                                                      "MapStateStarted", "MapRunStarted"));
  StepResult done = Answer(started.state, OnlyTask(redriven), Json{{"Body", "[7]"}});
  EXPECT_EQ(*done.output, "[7]");
}

// AWS (recorded, test_map_state_result_writer): the events and the output;
// the files are those "ResultWriter (Map)" documents.
constexpr std::string_view kResultWriter = R"({
  "StartAt": "MapState",
  "States": {"MapState": {"Type": "Map", "Label": "TestMap", "End": true,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "IteratorInner",
                      "States": {"IteratorInner": {"Type": "Pass", "End": true}}},
    "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                     "Parameters": {"Bucket": "result-bucket", "Prefix": "mapJobs"}}}}
})";

TEST_F(MapStorageTest, ResultWriterExportsTheResultsAndReturnsWhereTheyAre) {
  Started started = StartOk(kResultWriter, R"(["Hello", "World"])");
  EXPECT_THAT(TypeNames(started.step.events), ElementsAre("ExecutionStarted", "MapStateEntered",
                                                          "MapStateStarted", "MapRunStarted"));
  RunTask write = OnlyTask(started.step);
  EXPECT_EQ(write.kind, TaskKind::kResultWriter);
  EXPECT_EQ(write.resource, "arn:aws:states:::s3:putObject");
  EXPECT_EQ(write.parameters["Bucket"], "result-bucket");
  const Json& objects = write.parameters["Objects"];
  ASSERT_EQ(objects.size(), 2u);
  const std::string map_run_arn = started.step.map_runs.at(0).arn;
  const std::string id = map_run_arn.substr(map_run_arn.rfind(':') + 1);
  EXPECT_THAT(map_run_arn, HasSubstr(":mapRun:machine/TestMap:"));
  EXPECT_EQ(objects[0]["Key"], "mapJobs/" + id + "/SUCCEEDED_0.json");
  EXPECT_EQ(objects[1]["Key"], "mapJobs/" + id + "/manifest.json");
  const Json succeeded = Json::parse(objects[0]["Body"].get<std::string>());
  ASSERT_EQ(succeeded.size(), 2u);
  EXPECT_EQ(succeeded[0]["Input"], "\"Hello\"");
  EXPECT_EQ(succeeded[0]["Output"], "\"Hello\"");
  EXPECT_EQ(succeeded[0]["Status"], "SUCCEEDED");
  EXPECT_THAT(succeeded[0]["ExecutionArn"].get<std::string>(),
              HasSubstr(":execution:machine/TestMap:"));
  const Json manifest = Json::parse(objects[1]["Body"].get<std::string>());
  EXPECT_EQ(manifest["DestinationBucket"], "result-bucket");
  EXPECT_EQ(manifest["MapRunArn"], map_run_arn);
  EXPECT_EQ(manifest["ResultFiles"]["FAILED"], Json::array());
  EXPECT_EQ(manifest["ResultFiles"]["SUCCEEDED"][0]["Key"], objects[0]["Key"]);

  StepResult done = Answer(started.state, write, Json::object());
  EXPECT_THAT(TypeNames(done.events), ElementsAre("MapRunSucceeded", "MapStateSucceeded",
                                                  "MapStateExited", "ExecutionSucceeded"));
  EXPECT_EQ(Json::parse(*done.output),
            Json({{"MapRunArn", map_run_arn},
                  {"ResultWriterDetails",
                   {{"Bucket", "result-bucket"}, {"Key", "mapJobs/" + id + "/manifest.json"}}}}));
}

TEST_F(MapStorageTest, FailedMapRunExportsItsFailedAndPendingIterationsThenFails) {
  Started started = StartOk(R"({
    "StartAt": "Each",
    "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Check", "States": {
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "BooleanEquals": true,
                                                   "Next": "Ok"}], "Default": "Bad"},
          "Ok": {"Type": "Pass", "End": true},
          "Bad": {"Type": "Fail", "Error": "Boom", "Cause": "item was false"}}},
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                       "Parameters": {"Bucket": "out"}}}}
  })",
                            "[true, false, true]");
  RunTask write = OnlyTask(started.step);
  const Json& objects = write.parameters["Objects"];
  ASSERT_EQ(objects.size(), 4u);
  EXPECT_THAT(objects[0]["Key"].get<std::string>(), HasSubstr("/SUCCEEDED_0.json"));
  EXPECT_THAT(objects[1]["Key"].get<std::string>(), HasSubstr("/FAILED_0.json"));
  EXPECT_THAT(objects[2]["Key"].get<std::string>(), HasSubstr("/PENDING_0.json"));
  const Json failed = Json::parse(objects[1]["Body"].get<std::string>());
  EXPECT_EQ(failed[0]["Error"], "Boom");
  EXPECT_EQ(failed[0]["Cause"], "item was false");
  EXPECT_EQ(failed[0]["Input"], "false");
  const Json pending = Json::parse(objects[2]["Body"].get<std::string>());
  EXPECT_EQ(pending, Json::parse(R"([{"Input": "true", "InputDetails": {"Included": true},
                                      "Status": "PENDING"}])"));
  StepResult done = Answer(started.state, write, Json::object());
  EXPECT_THAT(TypeNames(done.events),
              ElementsAre("MapRunFailed", "MapStateFailed", "ExecutionFailed"));
  EXPECT_EQ(done.error, "States.ExceedToleratedFailureThreshold");
}

TEST_F(MapStorageTest, WriterConfigAloneShapesTheMapResult) {
  Started flatten = StartOk(R"({
    "StartAt": "Each",
    "States": {"Each": {"Type": "Map", "End": true,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
      "ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "FLATTEN"}}}}
  })",
                            "[[1, 2], [3], 4]");
  ASSERT_EQ(flatten.step.status, ExecutionStatus::kSucceeded);
  EXPECT_EQ(*flatten.step.output, "[1,2,3,4]");
  EXPECT_TRUE(EffectsOf<RunTask>(flatten.step).empty());

  Started none = StartOk(R"({
    "StartAt": "Each",
    "States": {"Each": {"Type": "Map", "End": true,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
      "ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "NONE"}}}}
  })",
                         R"([{"a": 1}])");
  const Json records = Json::parse(*none.step.output);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["Output"], R"({"a":1})");
  EXPECT_EQ(records[0]["Status"], "SUCCEEDED");
}

}  // namespace
}  // namespace stratus::states::interpreter
