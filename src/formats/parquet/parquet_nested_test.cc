// Nested columns (LIST, MAP, struct groups): DuckDB's files read with the
// values DuckDB itself prints for them (testdata/README.md), our own files
// round-trip, the legacy list forms read, and hostile levels are errors.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "formats/parquet/parquet_encoding_internal.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_split_reader.h"
#include "formats/parquet/parquet_writer.h"
#include "formats/text/string_object_reader.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"
#include "sql/vector/string_view.h"
#include "sql/vector/vector.h"

namespace stratus::formats::parquet {
namespace {

using sql::LogicalType;
using sql::RowField;
using sql::TypeKind;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Renders a row of a flat (possibly nested) vector as DuckDB casts it to
// VARCHAR: [1, NULL], {'a': 1, 'b': x}, {k=1}.
std::string Render(const sql::Vector& vector, size_t row) {
  if (vector.IsNull(row)) {
    return "NULL";
  }
  const LogicalType& type = vector.type();
  switch (type.kind()) {
    case TypeKind::kArray:
    case TypeKind::kMap: {
      const sql::ListEntry entry = vector.values<sql::ListEntry>()[row];
      const bool map = type.kind() == TypeKind::kMap;
      std::string out = map ? "{" : "[";
      for (uint32_t i = 0; i < entry.length; ++i) {
        if (i > 0) {
          out += ", ";
        }
        out += Render(vector.child(0), entry.offset + i);
        if (map) {
          out += "=" + Render(vector.child(1), entry.offset + i);
        }
      }
      return out + (map ? "}" : "]");
    }
    case TypeKind::kRow: {
      std::string out = "{";
      for (size_t i = 0; i < type.num_children(); ++i) {
        if (i > 0) {
          out += ", ";
        }
        out += "'" + type.children()[i].name + "': " + Render(vector.child(i), row);
      }
      return out + "}";
    }
    case TypeKind::kBigint:
      return std::to_string(vector.values<int64_t>()[row]);
    case TypeKind::kInteger:
      return std::to_string(vector.values<int32_t>()[row]);
    case TypeKind::kDouble: {
      std::ostringstream out;
      out << vector.values<double>()[row];
      return out.str();
    }
    case TypeKind::kVarchar:
      return std::string(vector.values<sql::StringView>()[row].view());
    default:
      return "?";
  }
}

LogicalType StructAB() {
  return LogicalType::Row(
      {RowField{"a", LogicalType::Bigint()}, RowField{"b", LogicalType::Varchar()}});
}

std::vector<ParquetColumn> NestedColumns() {
  const LogicalType tags = LogicalType::Array(LogicalType::Varchar());
  return {
      {"id", LogicalType::Integer()},
      {"arr", LogicalType::Array(LogicalType::Bigint())},
      {"m", LogicalType::Map(LogicalType::Varchar(), LogicalType::Bigint())},
      {"s", StructAB()},
      {"ls", LogicalType::Array(
                 LogicalType::Row({RowField{"x", LogicalType::Bigint()}, RowField{"tags", tags}}))},
      {"ms", LogicalType::Map(LogicalType::Bigint(),
                              LogicalType::Row({RowField{"p", LogicalType::Bigint()},
                                                RowField{"q", LogicalType::Double()}}))},
      {"nn", LogicalType::Array(LogicalType::Array(LogicalType::Bigint()))},
  };
}

// Reads every batch of `bytes` and renders its rows, tab-separated.
std::vector<std::string> RenderFile(const std::string& bytes,
                                    std::vector<ParquetColumn> columns,
                                    std::string* error) {
  text::StringObjectReader source(bytes);
  auto reader = ParquetSplitReader::Open(source, ParquetSplit{.columns = std::move(columns)});
  std::vector<std::string> lines;
  if (!reader.ok()) {
    *error = reader.status().ToString();
    return lines;
  }
  sql::Batch batch;
  for (;;) {
    Result<bool> more = (*reader)->Next(&batch);
    if (!more.ok()) {
      *error = more.status().ToString();
      return lines;
    }
    if (!*more) {
      break;
    }
    for (size_t r = 0; r < batch.num_rows(); ++r) {
      std::string line;
      for (size_t c = 0; c < batch.num_columns(); ++c) {
        line += (c > 0 ? "\t" : "") + Render(batch.column(c).Flatten(), r);
      }
      lines.push_back(line);
    }
  }
  return lines;
}

std::vector<std::string> ExpectedLines() {
  std::istringstream in(ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/nested_expected.tsv"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

class NestedFixtureTest : public testing::TestWithParam<const char*> {};

TEST_P(NestedFixtureTest, DuckDbNestedFileReadsAsDuckDbPrintsIt) {
  const std::string bytes = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/" + GetParam());
  ASSERT_FALSE(bytes.empty());
  std::string error;
  const std::vector<std::string> lines = RenderFile(bytes, NestedColumns(), &error);
  ASSERT_EQ(error, "");
  const std::vector<std::string> expected = ExpectedLines();
  ASSERT_EQ(lines.size(), 120u);
  ASSERT_EQ(expected.size(), 120u);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i], expected[i]) << "row " << i;
  }
}

TEST_P(NestedFixtureTest, EachNestedColumnReadsAlone) {
  const std::string bytes = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/" + GetParam());
  const std::vector<std::string> expected = ExpectedLines();
  const std::vector<ParquetColumn> columns = NestedColumns();
  for (size_t c = 1; c < columns.size(); ++c) {
    std::string error;
    const std::vector<std::string> lines = RenderFile(bytes, {columns[c]}, &error);
    ASSERT_EQ(error, "") << columns[c].name;
    ASSERT_EQ(lines.size(), 120u);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::istringstream fields(expected[i]);
      std::string field;
      for (size_t skip = 0; skip <= c; ++skip) {
        std::getline(fields, field, '\t');
      }
      EXPECT_EQ(lines[i], field) << columns[c].name << " row " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(DuckDb,
                         NestedFixtureTest,
                         testing::Values("nested.parquet", "nested_v2.parquet"));

TEST(ParquetNestedTest, InferColumnsGivesNestedColumnsTheirNaturalTypes) {
  const std::string bytes = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/nested.parquet");
  text::StringObjectReader source(bytes);
  auto footer = ReadParquetFooter(source);
  ASSERT_TRUE(footer.ok());
  auto columns = InferColumns(*footer);
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  ASSERT_EQ(columns->size(), 7u);
  const std::vector<ParquetColumn> expected = NestedColumns();
  for (size_t i = 1; i < expected.size(); ++i) {
    EXPECT_EQ((*columns)[i].name, expected[i].name);
    EXPECT_EQ((*columns)[i].type.ToString(), expected[i].type.ToString());
  }
}

TEST(ParquetNestedTest, MismatchedShapesAreInvalidArgument) {
  const std::string bytes = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/nested.parquet");
  text::StringObjectReader source(bytes);
  for (const ParquetColumn& column :
       std::vector<ParquetColumn>{{"arr", LogicalType::Bigint()},
                                  {"arr", StructAB()},
                                  {"s", LogicalType::Array(LogicalType::Bigint())},
                                  {"id", LogicalType::Array(LogicalType::Integer())},
                                  {"m", LogicalType::Array(LogicalType::Bigint())},
                                  {"arr", LogicalType::Array(LogicalType::Date())}}) {
    auto reader = ParquetSplitReader::Open(source, ParquetSplit{.columns = {column}});
    ASSERT_FALSE(reader.ok()) << column.name << " " << column.type.ToString();
    EXPECT_TRUE(reader.status().code() == StatusCode::kInvalidArgument ||
                reader.status().code() == StatusCode::kNotImplemented)
        << reader.status().ToString();
  }
}

TEST(ParquetNestedTest, MissingFieldsAndColumnsReadAsNull) {
  const std::string bytes = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/nested.parquet");
  std::string error;
  const std::vector<std::string> lines =
      RenderFile(bytes,
                 {{"s", LogicalType::Row({RowField{"b", LogicalType::Varchar()},
                                          RowField{"zz", LogicalType::Bigint()}})},
                  {"absent", LogicalType::Array(LogicalType::Bigint())},
                  {"absent_row", StructAB()}},
                 &error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(lines.size(), 120u);
  EXPECT_EQ(lines[0], "NULL\tNULL\tNULL");
  EXPECT_EQ(lines[1], "{'b': NULL, 'zz': NULL}\tNULL\tNULL");
  EXPECT_EQ(lines[2], "{'b': s2, 'zz': NULL}\tNULL\tNULL");
}

// Reads the DuckDB fixture whole into batches of the given columns.
std::vector<sql::Batch> ReadBatches(const std::string& bytes,
                                    const std::vector<ParquetColumn>& columns) {
  text::StringObjectReader source(bytes);
  auto reader = ParquetSplitReader::Open(source, ParquetSplit{.columns = columns});
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<sql::Batch> batches;
  sql::Batch batch;
  while (reader.ok()) {
    Result<bool> more = (*reader)->Next(&batch);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) {
      break;
    }
    batches.push_back(batch);
  }
  return batches;
}

struct RoundTripCase {
  const char* name;
  ParquetWriterOptions options;
};

class NestedRoundTripTest : public testing::TestWithParam<int> {};

TEST_P(NestedRoundTripTest, WhatWeWriteReadsBackAsDuckDbPrintedIt) {
  ParquetWriterOptions options;
  switch (GetParam()) {
    case 0:
      break;
    case 1:
      options.data_page_v2 = true;
      options.codec = Codec::kZstd;
      break;
    case 2:
      options.page_rows = 7;  // Pages end only between rows.
      options.codec = Codec::kUncompressed;
      break;
    case 3:
      options.row_group_bytes = 200;  // Several row groups.
      break;
  }
  const std::string fixture = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/nested.parquet");
  const std::vector<ParquetColumn> columns = NestedColumns();
  const std::vector<sql::Batch> batches = ReadBatches(fixture, columns);
  auto written = WriteParquet(columns, batches, options);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  std::string error;
  const std::vector<std::string> lines = RenderFile(*written, columns, &error);
  ASSERT_EQ(error, "");
  const std::vector<std::string> expected = ExpectedLines();
  ASSERT_EQ(lines.size(), expected.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i], expected[i]) << "row " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Options, NestedRoundTripTest, testing::Values(0, 1, 2, 3));

// DuckDB reads what we write with the values it wrote. Runs DuckDB (npm
// @duckdb/node-api in $STRATUS_DUCKDB_DIR, default /tmp/duckpeer; see
// /work/shared/peers/README.md) when it is there, and says it skipped otherwise.
TEST(ParquetNestedTest, DuckDbReadsOurNestedFileAsItWroteIt) {
  const char* dir_env = std::getenv("STRATUS_DUCKDB_DIR");
  const std::string dir = dir_env != nullptr ? dir_env : "/tmp/duckpeer";
  if (!std::filesystem::exists(dir + "/node_modules/@duckdb/node-api") ||
      std::system("node --version > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "DuckDB not installed in " << dir << " (set STRATUS_DUCKDB_DIR)";
  }
  const std::string fixture = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/nested.parquet");
  const std::vector<ParquetColumn> columns = NestedColumns();
  for (bool v2 : {false, true}) {
    ParquetWriterOptions options;
    options.data_page_v2 = v2;
    options.page_rows = 16;
    auto written = WriteParquet(columns, ReadBatches(fixture, columns), options);
    ASSERT_TRUE(written.ok()) << written.status().ToString();
    const std::string path =
        testing::TempDir() + "/stratus_nested_" + (v2 ? "v2" : "v1") + ".parquet";
    {
      std::ofstream out(path, std::ios::binary);
      out << *written;
    }
    const std::string command = "cd '" + dir + "' && node '" + STRATUS_PARQUET_TESTDATA +
                                "/duckdb_read_back.mjs' '" + path + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) {
      output.append(buffer, n);
    }
    ASSERT_EQ(pclose(pipe), 0) << output;
    EXPECT_EQ(output, ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/nested_expected.tsv"));
    std::filesystem::remove(path);
  }
}

TEST(ParquetNestedTest, WrittenSchemaIsTheStandardThreeLevelLayoutWithFieldIds) {
  const LogicalType type = LogicalType::Array(LogicalType::Row(
      {RowField{"a", LogicalType::Integer()},
       RowField{"m", LogicalType::Map(LogicalType::Varchar(), LogicalType::Bigint())}}));
  sql::Vector vector(type, 1);
  vector.SetValue(0, sql::Value::Null(type));
  vector.set_size(1);
  auto written = WriteParquet(
      {ParquetColumn{
          .name = "c", .type = type, .field_id = 1, .nested_field_ids = {2, 3, 4, 5, 6}}},
      {sql::Batch({vector}, 1)});
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  text::StringObjectReader source(*written);
  auto footer = ReadParquetFooter(source);
  ASSERT_TRUE(footer.ok());
  std::vector<std::string> shape;
  for (const SchemaElement& element : footer->schema) {
    shape.push_back(element.name + ":" + std::to_string(static_cast<int>(element.repetition)) +
                    ":" + (element.field_id ? std::to_string(*element.field_id) : "-"));
  }
  // c(optional LIST) / list(repeated) / element(optional group) / a, m(MAP) /
  // key_value(repeated) / key(required), value(optional).
  EXPECT_EQ(shape,
            (std::vector<std::string>{"schema:0:-", "c:1:1", "list:2:-", "element:1:2", "a:1:3",
                                      "m:1:4", "key_value:2:-", "key:0:5", "value:1:6"}));
  EXPECT_EQ(footer->schema[1].converted_type, ConvertedType::kList);
  EXPECT_EQ(footer->schema[5].converted_type, ConvertedType::kMap);
  // Leaves carry statistics of their own (null counts here); groups have no chunk at all.
  ASSERT_EQ(footer->row_groups.size(), 1u);
  ASSERT_EQ(footer->row_groups[0].columns.size(), 3u);
  EXPECT_EQ(footer->row_groups[0].columns[2].meta_data->path_in_schema,
            (std::vector<std::string>{"c", "list", "element", "m", "key_value", "value"}));
  // No nested leaf is offered to the planner for pruning.
  auto groups = ListRowGroups(*footer);
  ASSERT_TRUE(groups.ok());
  EXPECT_TRUE((*groups)[0].columns.empty());
}

// Our nested file, uncompressed, one row group, for the hostile-input tests.
std::string PlainNestedFile() {
  const std::string fixture = ReadFile(std::string(STRATUS_PARQUET_TESTDATA) + "/nested.parquet");
  ParquetWriterOptions options;
  options.codec = Codec::kUncompressed;
  auto written = WriteParquet(NestedColumns(), ReadBatches(fixture, NestedColumns()), options);
  EXPECT_TRUE(written.ok());
  return written.ok() ? *written : std::string();
}

// Replaces a file's footer by `metadata`.
std::string WithFooter(const std::string& file, const FileMetaData& metadata) {
  uint32_t length = 0;
  std::memcpy(&length, file.data() + file.size() - 8, 4);
  std::string out = file.substr(0, file.size() - 8 - length);
  std::string footer;
  EncodeFileMetaData(metadata, &footer);
  const auto size = static_cast<uint32_t>(footer.size());
  out += footer;
  out.append(reinterpret_cast<const char*>(&size), 4);
  out += "PAR1";
  return out;
}

FileMetaData Footer(const std::string& file) {
  text::StringObjectReader source(file);
  auto footer = ReadParquetFooter(source);
  EXPECT_TRUE(footer.ok());
  return footer.ok() ? *footer : FileMetaData{};
}

TEST(ParquetNestedTest, LevelsThatContradictTheSchemaAreCorruption) {
  const std::string file = PlainNestedFile();
  ASSERT_FALSE(file.empty());
  {
    // More rows claimed than the levels start.
    FileMetaData metadata = Footer(file);
    metadata.row_groups[0].num_rows += 1;
    std::string error;
    RenderFile(WithFooter(file, metadata), NestedColumns(), &error);
    EXPECT_NE(error.find("Corruption"), std::string::npos) << error;
    EXPECT_NE(error.find("rows"), std::string::npos) << error;
  }
  {
    // The list's element made REQUIRED: its definition levels now exceed the maximum.
    FileMetaData metadata = Footer(file);
    for (SchemaElement& element : metadata.schema) {
      if (element.name == "element" && element.type) {
        element.repetition = Repetition::kRequired;
        break;
      }
    }
    std::string error;
    RenderFile(WithFooter(file, metadata), {NestedColumns()[1]}, &error);
    EXPECT_NE(error.find("Corruption"), std::string::npos) << error;
  }
  {
    // A struct field made repeated: values repeat where the ROW cannot hold them.
    FileMetaData metadata = Footer(file);
    for (SchemaElement& element : metadata.schema) {
      if (element.name == "a") {
        element.repetition = Repetition::kRepeated;
        break;
      }
    }
    std::string error;
    RenderFile(WithFooter(file, metadata), {NestedColumns()[3]}, &error);
    EXPECT_NE(error, "");
  }
}

TEST(ParquetNestedTest, EveryCorruptedByteIsAnErrorOrAReadNeverACrash) {
  const std::string file = PlainNestedFile();
  ASSERT_FALSE(file.empty());
  uint32_t footer_length = 0;
  std::memcpy(&footer_length, file.data() + file.size() - 8, 4);
  const size_t data_end = file.size() - 8 - footer_length;
  size_t errors = 0;
  for (size_t position = 4; position < data_end; position += 11) {
    for (uint8_t flip : {uint8_t{0x01}, uint8_t{0xff}}) {
      std::string mutated = file;
      mutated[position] = static_cast<char>(static_cast<uint8_t>(mutated[position]) ^ flip);
      std::string error;
      RenderFile(mutated, NestedColumns(), &error);
      errors += error.empty() ? 0 : 1;
    }
  }
  EXPECT_GT(errors, 0u);
}

// One leaf of a hand-built file: its levels and PLAIN values.
struct HandLeaf {
  std::vector<std::string> path;
  PhysicalKind type;
  int max_rep;
  int max_def;
  std::vector<uint32_t> reps;
  std::vector<uint32_t> defs;
  std::string plain;
};

std::string Int32s(std::initializer_list<int32_t> values) {
  std::string out;
  for (int32_t value : values) {
    out.append(reinterpret_cast<const char*>(&value), 4);
  }
  return out;
}

std::string Strings(std::initializer_list<std::string> values) {
  std::string out;
  for (const std::string& value : values) {
    const auto size = static_cast<uint32_t>(value.size());
    out.append(reinterpret_cast<const char*>(&size), 4);
    out += value;
  }
  return out;
}

// A file of one row group whose leaves each hold one uncompressed v1 page.
std::string HandBuiltFile(std::vector<SchemaElement> schema,
                          const std::vector<HandLeaf>& leaves,
                          int64_t rows) {
  std::string file = "PAR1";
  FileMetaData metadata;
  metadata.schema = std::move(schema);
  metadata.num_rows = rows;
  RowGroup group{.num_rows = rows};
  for (const HandLeaf& leaf : leaves) {
    std::string body;
    auto levels = [&](const std::vector<uint32_t>& values, int max) {
      std::string encoded;
      EncodeRleBitPacked(values, BitWidth(static_cast<uint64_t>(max)), &encoded);
      const auto size = static_cast<uint32_t>(encoded.size());
      body.append(reinterpret_cast<const char*>(&size), 4);
      body += encoded;
    };
    if (leaf.max_rep > 0) {
      levels(leaf.reps, leaf.max_rep);
    }
    if (leaf.max_def > 0) {
      levels(leaf.defs, leaf.max_def);
    }
    body += leaf.plain;
    const auto offset = static_cast<int64_t>(file.size());
    const auto num_values = static_cast<int32_t>(leaf.defs.size());
    EncodePageHeader(PageHeader{.type = PageType::kDataPage,
                                .uncompressed_page_size = static_cast<int32_t>(body.size()),
                                .compressed_page_size = static_cast<int32_t>(body.size()),
                                .data_page = DataPageHeader{.num_values = num_values,
                                                            .encoding = Encoding::kPlain}},
                     &file);
    file += body;
    ColumnMetaData meta{.type = leaf.type,
                        .path_in_schema = leaf.path,
                        .num_values = num_values,
                        .total_compressed_size = static_cast<int64_t>(file.size()) - offset,
                        .data_page_offset = offset};
    group.columns.push_back(ColumnChunk{.file_offset = offset, .meta_data = meta});
  }
  metadata.row_groups = {group};
  std::string footer;
  EncodeFileMetaData(metadata, &footer);
  const auto footer_size = static_cast<uint32_t>(footer.size());
  file += footer;
  file.append(reinterpret_cast<const char*>(&footer_size), 4);
  file += "PAR1";
  return file;
}

// The backward-compatibility forms of LogicalTypes.md, as older parquet-mr,
// Avro and Thrift writers made them.
TEST(ParquetNestedTest, LegacyTwoLevelListsAndBareRepeatedFieldsRead) {
  const auto group = [](std::string name, Repetition repetition, int32_t children,
                        std::optional<ConvertedType> converted = std::nullopt) {
    return SchemaElement{.repetition = repetition,
                         .name = std::move(name),
                         .num_children = children,
                         .converted_type = converted};
  };
  const auto primitive = [](std::string name, Repetition repetition, PhysicalKind type) {
    return SchemaElement{.type = type, .repetition = repetition, .name = std::move(name)};
  };
  std::vector<SchemaElement> schema = {
      group("schema", Repetition::kRequired, 4),
      // optional group a (LIST) { repeated int32 array; }
      group("a", Repetition::kOptional, 1, ConvertedType::kList),
      primitive("array", Repetition::kRepeated, PhysicalKind::kInt32),
      // optional group b (LIST) { repeated group element { required int32 x; optional binary y; } }
      group("b", Repetition::kOptional, 1, ConvertedType::kList),
      group("element", Repetition::kRepeated, 2),
      primitive("x", Repetition::kRequired, PhysicalKind::kInt32),
      primitive("y", Repetition::kOptional, PhysicalKind::kByteArray),
      // optional group c (LIST) { repeated group array { optional int32 v; } }
      group("c", Repetition::kOptional, 1, ConvertedType::kList),
      group("array", Repetition::kRepeated, 1),
      primitive("v", Repetition::kOptional, PhysicalKind::kInt32),
      // repeated int32 d;
      primitive("d", Repetition::kRepeated, PhysicalKind::kInt32),
  };
  schema[6].converted_type = ConvertedType::kUtf8;
  const std::vector<HandLeaf> leaves = {
      // [1, 2], NULL, [], [3]
      {{"a", "array"},
       PhysicalKind::kInt32,
       1,
       2,
       {0, 1, 0, 0, 0},
       {2, 2, 0, 1, 2},
       Int32s({1, 2, 3})},
      // [{1, p}, {2, NULL}], NULL, [], [{3, q}]
      {{"b", "element", "x"},
       PhysicalKind::kInt32,
       1,
       2,
       {0, 1, 0, 0, 0},
       {2, 2, 0, 1, 2},
       Int32s({1, 2, 3})},
      {{"b", "element", "y"},
       PhysicalKind::kByteArray,
       1,
       3,
       {0, 1, 0, 0, 0},
       {3, 2, 0, 1, 3},
       Strings({"p", "q"})},
      // [{5}, {NULL}], NULL, [], []
      {{"c", "array", "v"},
       PhysicalKind::kInt32,
       1,
       3,
       {0, 1, 0, 0, 0},
       {3, 2, 0, 1, 1},
       Int32s({5})},
      // [7, 8], [], [9], []
      {{"d"}, PhysicalKind::kInt32, 1, 1, {0, 1, 0, 0, 0}, {1, 1, 0, 1, 0}, Int32s({7, 8, 9})},
  };
  const std::string file = HandBuiltFile(schema, leaves, 4);
  std::string error;
  const std::vector<std::string> lines = RenderFile(
      file,
      {{"a", LogicalType::Array(LogicalType::Integer())},
       {"b", LogicalType::Array(LogicalType::Row(
                 {RowField{"x", LogicalType::Integer()}, RowField{"y", LogicalType::Varchar()}}))},
       {"c", LogicalType::Array(LogicalType::Row({RowField{"v", LogicalType::Integer()}}))},
       {"d", LogicalType::Array(LogicalType::Integer())}},
      &error);
  ASSERT_EQ(error, "");
  EXPECT_EQ(lines,
            (std::vector<std::string>{
                "[1, 2]\t[{'x': 1, 'y': p}, {'x': 2, 'y': NULL}]\t[{'v': 5}, {'v': NULL}]\t[7, 8]",
                "NULL\tNULL\tNULL\t[]",
                "[]\t[]\t[]\t[9]",
                "[3]\t[{'x': 3, 'y': q}]\t[]\t[]",
            }));
  // Their natural types are the same.
  text::StringObjectReader source(file);
  auto footer = ReadParquetFooter(source);
  ASSERT_TRUE(footer.ok());
  auto columns = InferColumns(*footer);
  ASSERT_TRUE(columns.ok());
  ASSERT_EQ(columns->size(), 4u);
  EXPECT_EQ((*columns)[0].type.ToString(), LogicalType::Array(LogicalType::Integer()).ToString());
  EXPECT_EQ((*columns)[3].type.ToString(), LogicalType::Array(LogicalType::Integer()).ToString());
}

}  // namespace
}  // namespace stratus::formats::parquet
