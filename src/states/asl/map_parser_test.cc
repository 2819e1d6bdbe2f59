// The Map fields a Distributed Map reads and writes S3 with: ItemReader and
// ResultWriter (map_parser.cc).

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/format.h"
#include "states/asl/definition_parser.h"
#include "states/asl/state_machine.h"
#include "testing/status_matchers.h"

namespace stratus::states::asl {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A definition whose Map "M" has the given extra fields and processor mode.
std::string MapDefinition(std::string_view fields, std::string_view mode = "DISTRIBUTED") {
  return Format(R"({{"StartAt": "M", "States": {{"M": {{"Type": "Map", "End": true, {},
    "ItemProcessor": {{"ProcessorConfig": {{"Mode": "{}", "ExecutionType": "STANDARD"}},
                      "StartAt": "P", "States": {{"P": {{"Type": "Pass", "End": true}}}}}}}}}}}})",
                fields, mode);
}

std::vector<std::string> Messages(std::string_view definition) {
  std::vector<std::string> out;
  for (const Diagnostic& diagnostic : AnalyzeDefinition(definition, {}).diagnostics) {
    out.push_back(diagnostic.message + " at " + diagnostic.location.value_or("null"));
  }
  return out;
}

TEST(MapParserTest, ItemReaderConfigIsTyped) {
  ASSERT_OK_AND_ASSIGN(auto machine, ParseDefinition(MapDefinition(R"(
    "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                   "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                                    "CSVHeaders": ["a", "b"], "CSVDelimiter": "SEMICOLON",
                                    "MaxItems": 10},
                   "Parameters": {"Bucket": "b", "Key.$": "$.key"}})")));
  const auto& map = machine->graph.Find("M")->As<MapState>();
  ASSERT_TRUE(map.item_reader.has_value());
  const ReaderConfig& config = map.item_reader->reader;
  EXPECT_EQ(config.input_type, ItemInputType::kCsv);
  EXPECT_EQ(config.csv_header_location, CsvHeaderLocation::kGiven);
  EXPECT_THAT(config.csv_headers, ElementsAre("a", "b"));
  EXPECT_EQ(config.csv_delimiter, ';');
  EXPECT_EQ(config.max_items.value, 10);
}

TEST(MapParserTest, ResultWriterConfigIsTypedAndMayStandAlone) {
  ASSERT_OK_AND_ASSIGN(auto machine, ParseDefinition(MapDefinition(R"(
    "ResultWriter": {"WriterConfig": {"OutputType": "JSONL", "Transformation": "FLATTEN"}})")));
  const auto& map = machine->graph.Find("M")->As<MapState>();
  ASSERT_TRUE(map.result_writer.has_value());
  EXPECT_TRUE(map.result_writer->resource.empty());
  ASSERT_TRUE(map.result_writer->writer.has_value());
  EXPECT_EQ(map.result_writer->writer->output_type, ResultOutputType::kJsonl);
  EXPECT_EQ(map.result_writer->writer->transformation, ResultTransformation::kFlatten);
}

TEST(MapParserTest, ItemReaderAndResultWriterNeedADistributedMap) {
  EXPECT_THAT(Messages(MapDefinition(R"(
    "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
                   "Parameters": {"Bucket": "b"}},
    "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                     "Parameters": {"Bucket": "b"}})",
                                     "INLINE")),
              ElementsAre("The field 'ItemReader' is only supported in DISTRIBUTED mode at "
                          "/States/M/ItemReader",
                          "The field 'ResultWriter' is only supported in DISTRIBUTED mode at "
                          "/States/M/ResultWriter"));
}

TEST(MapParserTest, ReaderConfigValuesAreChecked) {
  EXPECT_THAT(
      Messages(MapDefinition(R"(
    "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                   "ReaderConfig": {"InputType": "XML", "CSVHeaderLocation": "GIVEN",
                                    "MaxItems": -1},
                   "Parameters": {"Bucket": "b", "Key": "k"}})")),
      ElementsAre("Value should be one of the following: [CSV, JSON, JSONL, MANIFEST, PARQUET] at "
                  "/States/M/ItemReader/ReaderConfig/InputType",
                  "These fields are required: [CSVHeaders] at /States/M/ItemReader/ReaderConfig",
                  "Minimum value is 0 at /States/M/ItemReader/ReaderConfig/MaxItems"));
  EXPECT_THAT(Messages(MapDefinition(R"(
    "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                   "Parameters": {"Bucket": "b", "Key": "k"}})")),
              ElementsAre("These fields are required: [ReaderConfig] at /States/M/ItemReader"));
  EXPECT_THAT(Messages(MapDefinition(R"(
    "ItemReader": {"Resource": "arn:aws:states:::s3:headObject",
                   "Parameters": {"Bucket": "b", "Key": "k"}})")),
              ElementsAre("Value should be one of the following: [arn:aws:states:::s3:getObject, "
                          "arn:aws:states:::s3:listObjectsV2] at /States/M/ItemReader/Resource"));
}

TEST(MapParserTest, ResultWriterNeedsAResourceOrAWriterConfig) {
  EXPECT_THAT(Messages(MapDefinition(R"("ResultWriter": {})")),
              ElementsAre("These fields are required: [Resource] at /States/M/ResultWriter"));
  EXPECT_THAT(Messages(MapDefinition(R"(
    "ResultWriter": {"WriterConfig": {"OutputType": "CSV", "Transformation": "ALL"}})")),
              ElementsAre("Value should be one of the following: [JSON, JSONL] at "
                          "/States/M/ResultWriter/WriterConfig/OutputType",
                          "Value should be one of the following: [NONE, FLATTEN, COMPACT] at "
                          "/States/M/ResultWriter/WriterConfig/Transformation"));
  EXPECT_THAT(Messages(MapDefinition(R"(
    "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                     "Parameters": {"Bucket": "b", "Prefix": "p"}})")),
              IsEmpty());
}

}  // namespace
}  // namespace stratus::states::asl
