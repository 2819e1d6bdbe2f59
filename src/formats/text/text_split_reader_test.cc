#include "formats/text/text_split_reader.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <bzlib.h>
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "formats/text/string_object_reader.h"
#include "sql/types/type_names.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"
#include "testing/status_matchers.h"

namespace stratus::formats::text {
namespace {

using sql::LogicalType;

std::vector<TextColumn> Columns(std::initializer_list<const char*> hive_types) {
  std::vector<TextColumn> columns;
  for (const char* type : hive_types) {
    columns.push_back(TextColumn{.name = "c" + std::to_string(columns.size()),
                                 .type = sql::ParseHiveType(type).value()});
  }
  return columns;
}

TextSplit AllColumns(std::vector<TextColumn> columns, TextFormatOptions format) {
  TextSplit split;
  for (size_t i = 0; i < columns.size(); ++i) {
    split.projection.push_back(i);
  }
  split.columns = std::move(columns);
  split.format = std::move(format);
  return split;
}

TextFormatOptions Csv() {
  TextFormatOptions options;
  options.field_delimiter = ',';
  return options;
}

// Reads a whole split and renders its rows with Batch::ToString.
std::string ReadAll(const lake::ObjectReader& source,
                    TextSplit split,
                    size_t* num_batches = nullptr) {
  auto reader = TextSplitReader::Open(source, std::move(split));
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  std::string out;
  sql::Batch batch;
  size_t batches = 0;
  for (;;) {
    Result<bool> more = (*reader)->Next(&batch);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) {
      break;
    }
    ++batches;
    out += batch.ToString();
  }
  if (num_batches != nullptr) {
    *num_batches = batches;
  }
  return out;
}

std::string ReadText(std::string text, TextSplit split) {
  const StringObjectReader source(std::move(text));
  return ReadAll(source, std::move(split));
}

TEST(TextSplitReaderTest, ReadsTheBatchEtlsHeaderlessCsv) {
  const std::string text = "1,7,12.50,2024-01-05\n2,8,0.99,2024-01-06\n";
  EXPECT_EQ(ReadText(text, AllColumns(Columns({"bigint", "bigint", "double", "string"}), Csv())),
            "1 | 7 | 12.5 | 2024-01-05\n2 | 8 | 0.99 | 2024-01-06\n");
  EXPECT_EQ(ReadText(text, AllColumns(Columns({"int", "int", "decimal(10,2)", "date"}), Csv())),
            "1 | 7 | 12.50 | 2024-01-05\n2 | 8 | 0.99 | 2024-01-06\n");
}

TEST(TextSplitReaderTest, MalformedFieldsAreNullNotErrors) {
  const std::string text =
      "x,1.5.2,maybe,2024-02-30,12a,300\n"
      ",,,,,\n"
      "\\N,\\N,\\N,\\N,\\N,\\N\n";
  EXPECT_EQ(
      ReadText(text, AllColumns(Columns({"bigint", "double", "boolean", "date", "int", "tinyint"}),
                                Csv())),
      "NULL | NULL | NULL | NULL | NULL | NULL\n"
      "NULL | NULL | NULL | NULL | NULL | NULL\n"
      "NULL | NULL | NULL | NULL | NULL | NULL\n");
}

TEST(TextSplitReaderTest, MissingTrailingFieldsAreNullAndExtraOnesIgnored) {
  const std::string text = "1\n2,b\n3,c,extra,more\n\n";
  EXPECT_EQ(ReadText(text, AllColumns(Columns({"int", "string"}), Csv())),
            "1 | NULL\n2 | b\n3 | c\nNULL | NULL\n");
}

TEST(TextSplitReaderTest, StringsKeepEmptinessAndTheNullFormat) {
  TextFormatOptions options = Csv();
  EXPECT_EQ(ReadText(",\\N,N\n", AllColumns(Columns({"string", "string", "string"}), options)),
            " | NULL | N\n");
  options.null_format = "";
  EXPECT_EQ(ReadText(",\\N\n", AllColumns(Columns({"string", "string"}), options)), "NULL | \\N\n");
}

TEST(TextSplitReaderTest, VarcharAndCharTruncateToTheirLength) {
  EXPECT_EQ(ReadText("héllo,ab   ,abcdef\n",
                     AllColumns(Columns({"varchar(2)", "char(5)", "char(3)"}), Csv())),
            "hé | ab    | abc\n");
}

TEST(TextSplitReaderTest, CarriageReturnsBeforeNewlinesAreDropped) {
  EXPECT_EQ(ReadText("1,a\r\n2,b\r\n", AllColumns(Columns({"int", "string"}), Csv())),
            "1 | a\n2 | b\n");
}

TEST(TextSplitReaderTest, DefaultDelimiterIsControlA) {
  EXPECT_EQ(ReadText("1\x01x,y\n", AllColumns(Columns({"int", "string"}), TextFormatOptions())),
            "1 | x,y\n");
}

TEST(TextSplitReaderTest, EscapedDelimitersDoNotSplit) {
  TextFormatOptions options = Csv();
  options.escape = '\\';
  EXPECT_EQ(
      ReadText("a\\,b,c\\\\d,e\n", AllColumns(Columns({"string", "string", "string"}), options)),
      "a,b | c\\d | e\n");
}

TEST(TextSplitReaderTest, ProjectionPicksAndOrdersColumns) {
  TextSplit split = AllColumns(Columns({"int", "string", "double"}), Csv());
  split.projection = {2, 0};
  EXPECT_EQ(ReadText("1,a,2.5\n", split), "2.5 | 1\n");
  split.projection = {};
  const StringObjectReader source("1\n2\n3\n");
  auto reader = TextSplitReader::Open(source, split).value();
  sql::Batch batch;
  ASSERT_TRUE(reader->Next(&batch).value());
  EXPECT_EQ(batch.num_rows(), 3u);
  EXPECT_EQ(batch.num_columns(), 0u);
}

TEST(TextSplitReaderTest, CollectionsUseTheCollectionAndMapKeyDelimiters) {
  TextFormatOptions options = Csv();
  options.collection_delimiter = '|';
  options.map_key_delimiter = ':';
  const std::string text = "a|b|\\N,k1:1|k2:x,7|z,\n";
  EXPECT_EQ(ReadText(text, AllColumns(Columns({"array<string>", "map<string,int>",
                                               "struct<a:int,b:string>", "array<int>"}),
                                      options)),
            "[a, b, null] | {k1=1, k2=null} | {a=7, b=z} | []\n");
}

TEST(TextSplitReaderTest, HeaderLinesAreSkipped) {
  TextFormatOptions options = Csv();
  options.skip_header_lines = 2;
  EXPECT_EQ(
      ReadText("id,name\n-- comment\n1,a\n2,b\n", AllColumns(Columns({"int", "string"}), options)),
      "1 | a\n2 | b\n");
}

TEST(TextSplitReaderTest, OpenCsvUnquotesAndReadsTypesAsAthenaDocuments) {
  TextFormatOptions options;
  options.serde = TextSerde::kOpenCsv;
  const std::string text =
      "\"a,b\",\"say \"\"hi\"\"\",\"x\\\"y\",7,\"8\",18276,1579059880000,2024-01-05\n"
      "plain,,\\N,,x,,,\n"
      "\"unterminated,1\n";
  EXPECT_EQ(ReadText(text, AllColumns(Columns({"string", "string", "string", "int", "bigint",
                                               "date", "timestamp", "date"}),
                                      options)),
            "a,b | say \"hi\" | x\"y | 7 | 8 | 2020-01-15 | 2020-01-15 03:44:40.000 | NULL\n"
            // OpenCSV drops an escape byte before anything but a quote or escape.
            "plain |  | N | NULL | NULL | NULL | NULL | NULL\n"
            "NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL\n");
}

TEST(TextSplitReaderTest, SplitsReadEveryLineExactlyOnce) {
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += std::to_string(i) + "," + std::string(static_cast<size_t>(i % 7), 'x') + "\n";
  }
  text += "40,last-without-newline";
  const StringObjectReader source(text);
  TextSplit base = AllColumns(Columns({"int", "string"}), Csv());
  base.read_bytes = 16;  // Many blocks, lines crossing them.
  const std::string whole = ReadAll(source, base);
  ASSERT_EQ(std::count(whole.begin(), whole.end(), '\n'), 41);
  for (uint64_t cut1 = 0; cut1 <= text.size(); cut1 += 3) {
    for (uint64_t cut2 = cut1; cut2 <= text.size(); cut2 += 11) {
      std::string joined;
      for (const auto& [start, end] :
           {std::pair<uint64_t, uint64_t>{0, cut1}, {cut1, cut2}, {cut2, text.size()}}) {
        TextSplit split = base;
        split.start = start;
        split.end = end;
        joined += ReadAll(source, split);
      }
      ASSERT_EQ(joined, whole) << cut1 << " " << cut2;
    }
  }
}

TEST(TextSplitReaderTest, HeaderSkippingHoldsAcrossSplits) {
  const std::string text = "h1\nh2\n1,a\n2,b\n3,c\n";
  const StringObjectReader source(text);
  TextFormatOptions options = Csv();
  options.skip_header_lines = 2;
  TextSplit base = AllColumns(Columns({"int", "string"}), options);
  for (uint64_t cut = 0; cut <= text.size(); ++cut) {
    TextSplit first = base;
    first.end = cut;
    TextSplit second = base;
    second.start = cut;
    EXPECT_EQ(ReadAll(source, first) + ReadAll(source, second), "1 | a\n2 | b\n3 | c\n") << cut;
  }
}

TEST(TextSplitReaderTest, LargeFilesFillFullBatchesAndStringsOutliveTheirBlock) {
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    text += std::to_string(i) + ",a string long enough to leave the inline bytes " +
            std::to_string(i) + "\n";
  }
  const StringObjectReader source(text);
  TextSplit split = AllColumns(Columns({"bigint", "string"}), Csv());
  split.read_bytes = 64 * 1024;
  auto reader = TextSplitReader::Open(source, split).value();
  std::vector<sql::Batch> batches;
  sql::Batch batch;
  while (reader->Next(&batch).value()) {
    EXPECT_LE(batch.num_rows(), sql::kBatchRows);
    batches.push_back(batch);
  }
  reader.reset();
  size_t rows = 0;
  for (const sql::Batch& kept : batches) {
    for (size_t row = 0; row < kept.num_rows(); ++row, ++rows) {
      ASSERT_EQ(kept.column(1).GetValue(row).string_value(),
                "a string long enough to leave the inline bytes " + std::to_string(rows));
    }
  }
  EXPECT_EQ(rows, 5000u);
  EXPECT_EQ(reader, nullptr);
}

std::string Gzip(const std::string& text) {
  z_stream stream{};
  deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, text.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));  // NOLINT
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string Zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
  return out;
}

std::string Bzip2(const std::string& text) {
  std::string out(text.size() * 2 + 1024, '\0');
  auto length = static_cast<unsigned>(out.size());
  BZ2_bzBuffToBuffCompress(out.data(), &length, const_cast<char*>(text.data()),  // NOLINT
                           static_cast<unsigned>(text.size()), 9, 0, 0);
  out.resize(length);
  return out;
}

TEST(TextSplitReaderTest, CompressedFilesAreReadWholeBySplitZero) {
  const std::string text = "h\n1,a\n2,b";
  TextFormatOptions options = Csv();
  options.skip_header_lines = 1;
  for (const auto& [compression, bytes] :
       {std::pair{TextCompression::kGzip, Gzip(text) + Gzip("\n3,c\n")},
        std::pair{TextCompression::kZstd, Zstd(text + "\n3,c\n")},
        std::pair{TextCompression::kBzip2, Bzip2(text) + Bzip2("\n3,c\n")}}) {
    const StringObjectReader source(bytes);
    TextSplit split = AllColumns(Columns({"int", "string"}), options);
    split.compression = compression;
    split.end = 1;
    EXPECT_EQ(ReadAll(source, split), "1 | a\n2 | b\n3 | c\n");
    split.start = 1;
    split.end = bytes.size();
    EXPECT_EQ(ReadAll(source, split), "");
  }
  EXPECT_EQ(CompressionForKey("s3://b/t/part-0.csv.GZ"), TextCompression::kGzip);
  EXPECT_EQ(CompressionForKey("part-0.zst"), TextCompression::kZstd);
  EXPECT_EQ(CompressionForKey("part-0.bz2"), TextCompression::kBzip2);
  EXPECT_EQ(CompressionForKey("part-0.csv"), TextCompression::kNone);
}

TEST(TextSplitReaderTest, CorruptCompressedFilesAreErrors) {
  const StringObjectReader source("not gzip at all");
  TextSplit split = AllColumns(Columns({"int"}), Csv());
  split.compression = TextCompression::kGzip;
  EXPECT_STATUS(StatusCode::kCorruption, TextSplitReader::Open(source, split));
}

TextFormatOptions Json() {
  TextFormatOptions options;
  options.serde = TextSerde::kJson;
  return options;
}

std::vector<TextColumn> Named(std::initializer_list<std::pair<const char*, const char*>> columns) {
  std::vector<TextColumn> out;
  for (const auto& [name, type] : columns) {
    out.push_back(TextColumn{.name = name, .type = sql::ParseHiveType(type).value()});
  }
  return out;
}

TEST(TextSplitReaderTest, JsonMatchesKeysToColumnsByNameIgnoringCase) {
  const std::string text =
      "{\"ID\": 1, \"name\": \"a\", \"price\": 12.5, \"day\": \"2024-01-05\", \"ok\": true}\n"
      "{\"name\": \"b\", \"extra\": [1, 2], \"id\": \"2\"}\r\n"
      "{\"id\": null, \"price\": \"x\", \"ok\": \"false\", \"day\": \"2024-02-30\"}\n"
      "\n"
      "{\"id\": 300000000000, \"name\": {\"k\": 1}, \"price\": 1e2}";
  const auto columns = Named(
      {{"id", "int"}, {"name", "string"}, {"price", "double"}, {"day", "date"}, {"ok", "boolean"}});
  EXPECT_EQ(ReadText(text, AllColumns(columns, Json())),
            "1 | a | 12.5 | 2024-01-05 | true\n"
            "2 | b | NULL | NULL | NULL\n"
            "NULL | NULL | NULL | NULL | false\n"
            "NULL | NULL | NULL | NULL | NULL\n"
            "NULL | {\"k\":1} | 100.0 | NULL | NULL\n");
}

TEST(TextSplitReaderTest, JsonCaseSensitivityAndMappings) {
  const std::string text = "{\"ID\": 1, \"id\": 2, \"ts\": \"2024-01-05 10:00:00\"}\n";
  TextFormatOptions options = Json();
  options.json_case_insensitive = false;
  EXPECT_EQ(ReadText(text, AllColumns(Named({{"id", "int"}}), options)), "2\n");
  options.json_key_of_column["when"] = "ts";
  options.json_key_of_column["upper"] = "ID";
  EXPECT_EQ(ReadText(text, AllColumns(Named({{"upper", "int"}, {"when", "timestamp"}}), options)),
            "1 | 2024-01-05 10:00:00.000\n");
}

TEST(TextSplitReaderTest, JsonArraysMapsAndStructsOfScalars) {
  const std::string text =
      "{\"tags\": [\"a\", null, 3], \"n\": [1, \"2\", \"x\"], \"m\": {\"k\": 1, \"j\": \"z\"}, "
      "\"s\": {\"A\": 5, \"b\": \"q\", \"c\": 9}, \"deep\": [{\"a\": [1, 2]}]}\n"
      "{\"tags\": \"[1]\", \"n\": {}, \"m\": [], \"s\": 3, \"deep\": []}\n";
  const auto columns = Named({{"tags", "array<string>"},
                              {"n", "array<int>"},
                              {"m", "map<string,bigint>"},
                              {"s", "struct<a:int,b:string>"},
                              {"deep", "array<struct<a:array<int>>>"}});
  EXPECT_EQ(ReadText(text, AllColumns(columns, Json())),
            "[a, null, 3] | [1, 2, null] | {j=null, k=1} | {a=5, b=q} | [{a=[1, 2]}]\n"
            "NULL | NULL | NULL | NULL | []\n");
}

TEST(TextSplitReaderTest, MalformedJsonIsHiveBadDataUnlessIgnored) {
  const std::string text = "{\"a\": 1}\n{\"a\": \n[1]\n{\"a\": 4}\n";
  TextFormatOptions options = Json();
  const StringObjectReader source(text);
  ASSERT_OK_AND_ASSIGN(auto reader,
                       TextSplitReader::Open(source, AllColumns(Named({{"a", "int"}}), options)));
  sql::Batch batch;
  const Result<bool> more = reader->Next(&batch);
  ASSERT_FALSE(more.ok());
  EXPECT_EQ(more.status().aws_type(), "HIVE_BAD_DATA");
  EXPECT_NE(more.status().message().find("Row is not a valid JSON Object"), std::string::npos);
  options.json_ignore_malformed = true;
  EXPECT_EQ(ReadText(text, AllColumns(Named({{"a", "int"}}), options)), "1\nNULL\nNULL\n4\n");
}

TEST(TextSplitReaderTest, JsonSplitsReadEveryLineExactlyOnceAndCompressedFilesWork) {
  std::string text;
  for (int i = 0; i < 30; ++i) {
    text += "{\"n\": " + std::to_string(i) + ", \"s\": \"" +
            std::string(static_cast<size_t>(i % 5), 'x') + "\"}\n";
  }
  const StringObjectReader source(text);
  TextSplit base = AllColumns(Named({{"n", "int"}, {"s", "string"}}), Json());
  base.read_bytes = 16;
  const std::string whole = ReadAll(source, base);
  ASSERT_EQ(std::count(whole.begin(), whole.end(), '\n'), 30);
  for (uint64_t cut = 0; cut <= text.size(); cut += 7) {
    std::string joined;
    for (const auto& [start, end] : {std::pair<uint64_t, uint64_t>{0, cut}, {cut, text.size()}}) {
      TextSplit split = base;
      split.start = start;
      split.end = end;
      joined += ReadAll(source, split);
    }
    ASSERT_EQ(joined, whole) << cut;
  }
  const StringObjectReader gzipped(Gzip(text));
  TextSplit split = base;
  split.compression = TextCompression::kGzip;
  EXPECT_EQ(ReadAll(gzipped, split), whole);
}

TEST(TextSplitReaderTest, RejectsBadProjections) {
  const StringObjectReader source("1\n");
  TextSplit split = AllColumns(Columns({"int"}), Csv());
  split.projection = {3};
  EXPECT_STATUS(StatusCode::kInvalidArgument, TextSplitReader::Open(source, split));
}

}  // namespace
}  // namespace stratus::formats::text
