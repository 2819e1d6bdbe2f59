#include "states/interpreter/item_reader.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "states/asl/errors.h"
#include "testing/status_matchers.h"

namespace stratus::states::interpreter {
namespace {

asl::MapResource GetObject(asl::ItemInputType type) {
  asl::MapResource reader;
  reader.resource = "arn:aws:states:::s3:getObject";
  reader.reader.input_type = type;
  return reader;
}

Json Body(std::string text) {
  return Json{{"Body", std::move(text)}};
}

// The cause of a States.ItemReaderFailed (empty for any other result).
std::string ReaderCause(const Result<Json>& items) {
  if (items.ok() || !asl::IsStatesError(items.status(), asl::kErrorItemReaderFailed)) {
    return "";
  }
  return asl::ToStatesFailure(items.status()).cause;
}

// AWS (recorded, test_map_item_reader_base_csv_headers_first_line).
TEST(ItemReaderTest, CsvRowsBecomeObjectsOfStringsKeyedByTheFirstRow) {
  const std::string csv =
      "Col1,Col2,Col3\nValue1,Value2,Value3\nValue4,Value5,Value6\n,,,\n"
      "true,1,'HelloWorld'\nNull,None,\n   \n";
  ASSERT_OK_AND_ASSIGN(
      Json items, ItemsFromReader(GetObject(asl::ItemInputType::kCsv), Body(csv), std::nullopt));
  EXPECT_EQ(items, Json::parse(R"([
    {"Col1": "Value1", "Col2": "Value2", "Col3": "Value3"},
    {"Col1": "Value4", "Col2": "Value5", "Col3": "Value6"},
    {"Col1": "", "Col2": "", "Col3": ""},
    {"Col1": "true", "Col2": "1", "Col3": "'HelloWorld'"},
    {"Col1": "Null", "Col2": "None", "Col3": ""},
    {"Col1": "   ", "Col2": "", "Col3": ""}])"));
}

// AWS (recorded, test_map_item_reader_csv_first_row_extra_fields): the
// header "H1," names columns "H1" and "".
TEST(ItemReaderTest, CsvFieldsBeyondTheHeadersAreDropped) {
  ASSERT_OK_AND_ASSIGN(Json items,
                       ItemsFromReader(GetObject(asl::ItemInputType::kCsv),
                                       Body("H1,\nValue4,Value5,Value6\n"), std::nullopt));
  EXPECT_EQ(items, Json::parse(R"([{"H1": "Value4", "": "Value5"}])"));
}

// AWS (recorded, test_map_item_reader_csv_headers_decl_duplicate_headers).
TEST(ItemReaderTest, GivenCsvHeadersMayNotRepeat) {
  asl::MapResource reader = GetObject(asl::ItemInputType::kCsv);
  reader.reader.csv_header_location = asl::CsvHeaderLocation::kGiven;
  reader.reader.csv_headers = {"H1", "H1", "H3"};
  EXPECT_EQ(ReaderCause(ItemsFromReader(reader, Body("a,b,c\n"), std::nullopt)),
            "CSV headers cannot contain duplicates.");
  reader.reader.csv_headers = {"H1"};
  ASSERT_OK_AND_ASSIGN(Json items, ItemsFromReader(reader, Body("a,b,c\nd\n"), std::nullopt));
  EXPECT_EQ(items, Json::parse(R"([{"H1": "a"}, {"H1": "d"}])"));
}

// AWS (recorded, test_map_item_reader_csv_max_items[2] and [0]).
TEST(ItemReaderTest, MaxItemsKeepsTheFirstRowsAndZeroKeepsAll) {
  const std::string csv = "Col1,Col2\nValue1,Value2\nValue3,Value4\nValue5,Value6\n";
  ASSERT_OK_AND_ASSIGN(Json two,
                       ItemsFromReader(GetObject(asl::ItemInputType::kCsv), Body(csv), 2));
  EXPECT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1]["Col1"], "Value3");
  ASSERT_OK_AND_ASSIGN(Json all,
                       ItemsFromReader(GetObject(asl::ItemInputType::kCsv), Body(csv), 0));
  EXPECT_EQ(all.size(), 3u);
}

TEST(ItemReaderTest, CsvDelimiterIsConfigurable) {
  asl::MapResource reader = GetObject(asl::ItemInputType::kCsv);
  reader.reader.csv_delimiter = '\t';
  ASSERT_OK_AND_ASSIGN(Json items, ItemsFromReader(reader, Body("a\tb\n1\t2,3\n"), std::nullopt));
  EXPECT_EQ(items, Json::parse(R"([{"a": "1", "b": "2,3"}])"));
}

TEST(ItemReaderTest, MalformedCsvFailsTheReader) {
  EXPECT_THAT(ReaderCause(ItemsFromReader(GetObject(asl::ItemInputType::kCsv), Body("a\n\"open\n"),
                                          std::nullopt)),
              ::testing::HasSubstr("The CSV file is malformed"));
}

// AWS (recorded, test_map_item_reader_base_json and _json_max_items).
TEST(ItemReaderTest, JsonFileIsATopLevelArray) {
  ASSERT_OK_AND_ASSIGN(Json items, ItemsFromReader(GetObject(asl::ItemInputType::kJson),
                                                   Body(R"([{"a": 1}, [2], "three"])"), 2));
  EXPECT_EQ(items, Json::parse(R"([{"a": 1}, [2]])"));
}

// AWS (recorded, test_map_item_reader_json_no_json_list_object).
TEST(ItemReaderTest, JsonFileThatIsNoArrayFailsTheReader) {
  EXPECT_EQ(ReaderCause(ItemsFromReader(GetObject(asl::ItemInputType::kJson),
                                        Body(R"({"Hello": "world"})"), std::nullopt)),
            "Attempting to map over non-iterable node.");
  EXPECT_THAT(
      ReaderCause(ItemsFromReader(GetObject(asl::ItemInputType::kJson), Body("[1,"), std::nullopt)),
      ::testing::HasSubstr("not valid JSON"));
}

TEST(ItemReaderTest, ItemsPointerSelectsTheArrayInsideTheDocument) {
  asl::MapResource reader = GetObject(asl::ItemInputType::kJson);
  reader.reader.items_pointer = "/data/items";
  ASSERT_OK_AND_ASSIGN(
      Json items, ItemsFromReader(reader, Body(R"({"data": {"items": [1, 2]}})"), std::nullopt));
  EXPECT_EQ(items, Json::parse("[1, 2]"));
  reader.reader.items_pointer = "/nothing";
  EXPECT_THAT(ReaderCause(ItemsFromReader(reader, Body("{}"), std::nullopt)),
              ::testing::HasSubstr("does not match"));
}

TEST(ItemReaderTest, JsonLinesHoldOneItemPerLine) {
  ASSERT_OK_AND_ASSIGN(Json items,
                       ItemsFromReader(GetObject(asl::ItemInputType::kJsonl),
                                       Body("{\"a\": 1}\r\n\n[2]\n\"x\"\n"), std::nullopt));
  EXPECT_EQ(items, Json::parse(R"([{"a": 1}, [2], "x"])"));
  EXPECT_THAT(ReaderCause(ItemsFromReader(GetObject(asl::ItemInputType::kJsonl), Body("1\n{oops\n"),
                                          std::nullopt)),
              ::testing::HasSubstr("Line 2 of the JSONL file"));
}

TEST(ItemReaderTest, ListedObjectsAreTheItems) {
  asl::MapResource reader;
  reader.resource = "arn:aws:states:::s3:listObjectsV2";
  const Json listing = Json::parse(R"({"Contents": [
    {"Etag": "\"e0\"", "Key": "a", "LastModified": 1, "Size": 1, "StorageClass": "STANDARD"},
    {"Etag": "\"e1\"", "Key": "b", "LastModified": 1, "Size": 2, "StorageClass": "STANDARD"}]})");
  ASSERT_OK_AND_ASSIGN(Json items, ItemsFromReader(reader, listing, 1));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["Key"], "a");
  ASSERT_OK_AND_ASSIGN(Json none, ItemsFromReader(reader, Json::object(), std::nullopt));
  EXPECT_EQ(none, Json::array());
}

TEST(ItemReaderTest, ManifestInputSaysItIsNotSupported) {
  EXPECT_THAT(ReaderCause(ItemsFromReader(GetObject(asl::ItemInputType::kManifest), Body("{}"),
                                          std::nullopt)),
              ::testing::HasSubstr("MANIFEST is not supported"));
}

}  // namespace
}  // namespace stratus::states::interpreter
