#include "console/object_preview.h"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/check.h"
#include "base/json.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_split_reader.h"
#include "formats/parquet/parquet_writer.h"
#include "io/in_memory_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/types/logical_type.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"
#include "testing/status_matchers.h"

namespace stratus::console {
namespace {

// Buckets as top-level folders of a FileStore, so that s3:// URIs work
// without an S3 engine.
class BucketFolders final : public lake::ObjectStore {
 public:
  explicit BucketFolders(lake::ObjectStore& files) : files_(files) {}

  Result<lake::ListPage> List(std::string_view bucket, const lake::ListOptions& options) override {
    lake::ListOptions inner = options;
    inner.prefix = Path(bucket, options.prefix);
    return files_.List("", inner);
  }

  Result<lake::ObjectInfo> Head(std::string_view bucket, std::string_view key) override {
    return files_.Head("", Path(bucket, key));
  }

  Result<std::string> Read(std::string_view bucket,
                           std::string_view key,
                           std::optional<lake::ByteRange> range) override {
    return files_.Read("", Path(bucket, key), range);
  }

  Result<std::unique_ptr<lake::ObjectReader>> Open(std::string_view bucket,
                                                   std::string_view key) override {
    return files_.Open("", Path(bucket, key));
  }

  Result<std::unique_ptr<lake::ObjectWriter>> Create(std::string_view bucket,
                                                     std::string_view key,
                                                     const lake::WriteOptions& options) override {
    return files_.Create("", Path(bucket, key), options);
  }

  Status Delete(std::string_view bucket, std::string_view key) override {
    return files_.Delete("", Path(bucket, key));
  }

 private:
  static std::string Path(std::string_view bucket, std::string_view key) {
    return "/" + std::string(bucket) + "/" + std::string(key);
  }

  lake::ObjectStore& files_;
};

// Counts the bytes read through a reader.
class CountingReader final : public lake::ObjectReader {
 public:
  explicit CountingReader(std::unique_ptr<lake::ObjectReader> inner) : inner_(std::move(inner)) {}

  uint64_t size() const override { return inner_->size(); }

  const std::string& etag() const override { return inner_->etag(); }

  Result<size_t> ReadAt(uint64_t offset, std::span<char> out) const override {
    bytes_read_ += out.size();
    return inner_->ReadAt(offset, out);
  }

  uint64_t bytes_read() const { return bytes_read_; }

 private:
  std::unique_ptr<lake::ObjectReader> inner_;
  mutable uint64_t bytes_read_ = 0;
};

constexpr int64_t kGroupRows = 1000;
constexpr int64_t kGroups = 3;

// Rows (id bigint, name varchar): name is NULL every 7th id, else a distinct
// string of about 100 bytes; one row group per kGroupRows rows.
std::string TableBytes() {
  std::vector<sql::Batch> batches;
  for (int64_t group = 0; group < kGroups; ++group) {
    sql::Vector ids(sql::LogicalType::Bigint(), kGroupRows);
    sql::Vector names(sql::LogicalType::Varchar(), kGroupRows);
    ids.set_size(kGroupRows);
    names.set_size(kGroupRows);
    for (int64_t row = 0; row < kGroupRows; ++row) {
      const int64_t id = group * kGroupRows + row;
      ids.SetValue(row, sql::Value::Bigint(id));
      names.SetValue(row, id % 7 == 0 ? sql::Value::Null(sql::LogicalType::Varchar())
                                      : sql::Value::Varchar("name " + std::to_string(id) + " " +
                                                            std::string(90, 'x')));
    }
    std::vector<sql::Vector> columns;
    columns.push_back(std::move(ids));
    columns.push_back(std::move(names));
    batches.emplace_back(std::move(columns), kGroupRows);
  }
  Result<std::string> bytes = formats::parquet::WriteParquet(
      {{.name = "id", .type = sql::LogicalType::Bigint()},
       {.name = "name", .type = sql::LogicalType::Varchar()}},
      batches, {.codec = formats::parquet::Codec::kUncompressed, .row_group_bytes = 1});
  STRATUS_CHECK(bytes.ok(), "writing the test table");
  return std::move(bytes).value();
}

struct Answer {
  int status = 0;
  std::string content_type;
  Json body;
};

class ObjectPreviewTest : public ::testing::Test {
 protected:
  ObjectPreviewTest() {
    STRATUS_CHECK(files_.CreateDirectories("/lake/data").ok(), "setup");
    STRATUS_CHECK(lake_.Write("s3://lake/data/t.parquet", TableBytes()).ok(), "setup");
    STRATUS_CHECK(lake_.Write("s3://lake/data/t.csv", "id,name\n1,a\n").ok(), "setup");
    Result<std::unique_ptr<Console>> console = Console::Open(ConsoleContext{.lake = &lake_});
    STRATUS_CHECK(console.ok(), "setup");
    console_ = std::move(console).value();
  }

  Answer Get(const std::string& query) {
    http::Request request;
    request.method = "GET";
    request.path = "/_stratus/preview";
    request.query = query;
    request.target = request.path + "?" + query;
    std::optional<http::Response> response;
    http::Responder respond = [&response](http::Response r) {
      response = std::move(r);
    };
    EXPECT_TRUE(console_->Handle(request, respond));
    EXPECT_TRUE(response.has_value());
    Answer answer;
    if (response.has_value()) {
      answer.status = response->status;
      answer.content_type = response->headers.Get("content-type").value_or("");
      answer.body = ParseJson(response->body).value_or(Json());
    }
    return answer;
  }

  std::unique_ptr<CountingReader> OpenCounting(const std::string& uri) {
    Result<std::unique_ptr<lake::ObjectReader>> reader = lake_.OpenReader(uri);
    STRATUS_CHECK(reader.ok(), "open");
    return std::make_unique<CountingReader>(std::move(reader).value());
  }

  io::InMemoryFileSystem files_;
  lake::FileStore store_{files_, {.sync = false}};
  BucketFolders buckets_{store_};
  lake::Lake lake_{buckets_, store_};
  std::unique_ptr<Console> console_;
};

TEST_F(ObjectPreviewTest, AnswersTheFirstRowsWithColumnTypesAndNulls) {
  Answer answer = Get("uri=s3%3A%2F%2Flake%2Fdata%2Ft.parquet&rows=8");
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.content_type, "application/json");
  EXPECT_EQ(answer.body["columns"], Json::parse(R"([{"name":"id","type":"bigint"},
                                                    {"name":"name","type":"varchar"}])"));
  EXPECT_EQ(answer.body["total_rows"], kGroups * kGroupRows);
  ASSERT_EQ(answer.body["rows"].size(), 8u);
  EXPECT_EQ(answer.body["rows"][0], Json::parse(R"(["0", null])"));
  EXPECT_EQ(answer.body["rows"][1], Json::array({"1", "name 1 " + std::string(90, 'x')}));
  EXPECT_EQ(answer.body["rows"][7], Json::parse(R"(["7", null])"));
}

TEST_F(ObjectPreviewTest, FiftyRowsByDefault) {
  Answer answer = Get("uri=s3://lake/data/t.parquet");
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body["rows"].size(), kDefaultPreviewRows);
  EXPECT_EQ(answer.body["rows"][49][0], "49");
}

TEST_F(ObjectPreviewTest, RowsSpanRowGroupsUpToTheLimit) {
  Answer answer = Get("uri=s3://lake/data/t.parquet&rows=1000");
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body["rows"].size(), 1000u);
  ASSERT_OK_AND_ASSIGN(ParquetPreview preview,
                       ReadParquetPreview(*OpenCounting("s3://lake/data/t.parquet"), 1000));
  EXPECT_EQ(preview.row_groups_read, 1u);
  ASSERT_OK_AND_ASSIGN(ParquetPreview more,
                       ReadParquetPreview(*OpenCounting("s3://lake/data/t.parquet"), 1001));
  EXPECT_EQ(more.row_groups_read, 2u);
  ASSERT_EQ(more.rows.size(), 1001u);
  EXPECT_EQ(more.rows[1000][0], "1000");
}

TEST_F(ObjectPreviewTest, ReadsOnlyTheRowGroupsItNeeds) {
  auto few = OpenCounting("s3://lake/data/t.parquet");
  ASSERT_OK(ReadParquetPreview(*few, 5));
  auto all = OpenCounting("s3://lake/data/t.parquet");
  ASSERT_OK(ReadParquetPreview(*all, kGroups * kGroupRows));
  // The footer read (the file's last 64 KiB) and the first row group's
  // column chunks, no more; all rows read every row group.
  ASSERT_OK_AND_ASSIGN(
      formats::parquet::FileMetaData footer,
      formats::parquet::ReadParquetFooter(*OpenCounting("s3://lake/data/t.parquet")));
  ASSERT_EQ(footer.row_groups.size(), static_cast<size_t>(kGroups));
  int64_t first_group = 0;
  for (const formats::parquet::ColumnChunk& chunk : footer.row_groups[0].columns) {
    first_group += chunk.meta_data->total_compressed_size;
  }
  EXPECT_GT(few->size(), 250'000u);
  EXPECT_LE(few->bytes_read(), 64 * 1024 + static_cast<uint64_t>(first_group));
  EXPECT_GT(all->bytes_read(), few->bytes_read() + static_cast<uint64_t>(first_group));
}

TEST_F(ObjectPreviewTest, MissingObjectIs404) {
  Answer answer = Get("uri=s3://lake/data/nope.parquet");
  EXPECT_EQ(answer.status, 404);
  EXPECT_EQ(answer.body["code"], "NoSuchKey");
  EXPECT_NE(answer.body["message"].get<std::string>().find("s3://lake/data/nope.parquet"),
            std::string::npos);
}

TEST_F(ObjectPreviewTest, NotParquetIs400WithAClearMessage) {
  Answer answer = Get("uri=s3://lake/data/t.csv");
  EXPECT_EQ(answer.status, 400);
  EXPECT_EQ(answer.body["code"], "InvalidArgument");
  EXPECT_NE(answer.body["message"].get<std::string>().find("not a Parquet file"),
            std::string::npos);
}

TEST_F(ObjectPreviewTest, BadParametersAre400) {
  EXPECT_EQ(Get("uri=s3://lake/data/t.parquet&rows=1001").status, 400);
  EXPECT_EQ(Get("uri=s3://lake/data/t.parquet&rows=ten").status, 400);
  EXPECT_EQ(Get("uri=s3://lake/data/t.parquet&rows=-1").status, 400);
  EXPECT_EQ(Get("rows=5").status, 400);
  EXPECT_EQ(Get("uri=s3://lake").status, 400);
  // Only S3 objects: never the server's own files.
  Answer file = Get("uri=file:///lake/data/t.parquet");
  EXPECT_EQ(file.status, 400);
  EXPECT_EQ(file.body["code"], "InvalidArgument");
}

TEST_F(ObjectPreviewTest, RefusedWhenTheServerVerifiesSignatures) {
  // The endpoint cannot check keys: it must not show objects to anyone.
  Result<std::unique_ptr<Console>> verified =
      Console::Open(ConsoleContext{.lake = &lake_, .signatures_verified = true});
  ASSERT_OK(verified);
  console_ = std::move(verified).value();
  Answer answer = Get("uri=s3://lake/data/t.parquet");
  EXPECT_EQ(answer.status, 403);
  EXPECT_EQ(answer.body["code"], "AccessDenied");
  EXPECT_FALSE(answer.body.contains("rows"));
}

TEST_F(ObjectPreviewTest, ZeroRowsAnswersTheColumnsAlone) {
  Answer answer = Get("uri=s3://lake/data/t.parquet&rows=0");
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body["columns"].size(), 2u);
  EXPECT_TRUE(answer.body["rows"].empty());
}

}  // namespace
}  // namespace stratus::console
