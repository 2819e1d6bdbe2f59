#include "lake/lake.h"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "io/in_memory_file_system.h"
#include "lake/remote_s3_store.h"
#include "testing/status_matchers.h"

namespace stratus::lake {
namespace {

// Records the bucket, key and listing prefix of each call.
class RecordingStore final : public ObjectStore {
 public:
  Result<ListPage> List(std::string_view bucket, const ListOptions& options) override {
    Record(bucket, options.prefix);
    return ListPage();
  }

  Result<ObjectInfo> Head(std::string_view bucket, std::string_view key) override {
    Record(bucket, key);
    return ObjectInfo{.key = std::string(key), .size = 1, .etag = "\"e\"", .modified_millis = 1};
  }

  Result<std::string> Read(std::string_view bucket,
                           std::string_view key,
                           std::optional<ByteRange> /*range*/) override {
    Record(bucket, key);
    return std::string("bytes");
  }

  Result<std::unique_ptr<ObjectReader>> Open(std::string_view bucket,
                                             std::string_view key) override {
    Record(bucket, key);
    return Status::NotImplemented("open");
  }

  Result<std::unique_ptr<ObjectWriter>> Create(std::string_view bucket,
                                               std::string_view key,
                                               const WriteOptions& /*options*/) override {
    Record(bucket, key);
    return Status::NotImplemented("create");
  }

  Status Delete(std::string_view bucket, std::string_view key) override {
    Record(bucket, key);
    return Status::Ok();
  }

  const std::string& last() const { return last_; }

 private:
  void Record(std::string_view bucket, std::string_view key) {
    last_ = std::string(bucket) + "|" + std::string(key);
  }

  std::string last_;
};

class LakeTest : public ::testing::Test {
 protected:
  LakeTest() { STRATUS_CHECK(files_.CreateDirectories("/data").ok(), "setup"); }

  RecordingStore s3_;
  io::InMemoryFileSystem files_;
  FileStore file_store_{files_};
  Lake lake_{s3_, file_store_};
};

TEST_F(LakeTest, S3UrisGoToTheS3Store) {
  EXPECT_EQ(lake_.Read("s3://datalake/data/x.csv").value(), "bytes");
  EXPECT_EQ(s3_.last(), "datalake|data/x.csv");
  ASSERT_OK(lake_.Head("s3a://datalake/y"));
  EXPECT_EQ(s3_.last(), "datalake|y");
  ASSERT_OK(lake_.Delete("s3://datalake/z"));
  EXPECT_EQ(s3_.last(), "datalake|z");
  ASSERT_OK(lake_.List("s3://datalake/data/"));
  EXPECT_EQ(s3_.last(), "datalake|data/");
  EXPECT_EQ(&lake_.StoreFor(UriScheme::kS3), &s3_);
}

TEST_F(LakeTest, FileUrisGoToTheFileStore) {
  ASSERT_OK(lake_.Write("file:///data/t/part-0.csv", "a,b\n"));
  EXPECT_EQ(ReadFileToString(files_, "/data/t/part-0.csv").value_or("<error>"), "a,b\n");
  EXPECT_EQ(lake_.Read("file:///data/t/part-0.csv").value_or("<error>"), "a,b\n");
  ASSERT_OK_AND_ASSIGN(
      ListPage page,
      lake_.List("file:///data/", {.prefix = {}, .delimiter = "/", .after = {}, .max_keys = 10}));
  EXPECT_THAT(page.common_prefixes, ::testing::ElementsAre("/data/t/"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectReader> reader,
                       lake_.OpenReader("file:///data/t/part-0.csv"));
  EXPECT_EQ(reader->size(), 4U);
  ASSERT_OK(lake_.Delete("file:///data/t/part-0.csv"));
  EXPECT_STATUS(StatusCode::kNotFound, lake_.Head("file:///data/t/part-0.csv"));
}

TEST_F(LakeTest, MalformedUrisAndBucketsAsObjectsAreInvalid) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, lake_.Read("datalake/x"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, lake_.Read("s3://datalake"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, lake_.Write("s3://datalake/", "x"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, lake_.Delete("hdfs://nn/x"));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                lake_.List("s3://datalake/a/",
                           {.prefix = "b/", .delimiter = {}, .after = {}, .max_keys = 10}));
  EXPECT_STATUS(StatusCode::kInvalidArgument, lake_.Write("file:///data/../etc/x", "x"));
}

TEST_F(LakeTest, OpenBuildsTheStoresTheOptionsName) {
  FakeClock clock;
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                Lake::Open(LakeOptions{.local_s3 = &s3_, .file_system = nullptr}));
  EXPECT_STATUS(StatusCode::kInvalidArgument, Lake::Open(LakeOptions{.file_system = &files_}));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Lake> local,
                       Lake::Open(LakeOptions{.local_s3 = &s3_, .file_system = &files_}));
  EXPECT_EQ(&local->StoreFor(UriScheme::kS3), &s3_);
  const RemoteS3Options endpoint{.endpoint = "http://127.0.0.1:9000"};
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                Lake::Open(LakeOptions{.endpoint = endpoint, .file_system = &files_}));
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<Lake> remote,
      Lake::Open(LakeOptions{
          .local_s3 = &s3_, .endpoint = endpoint, .file_system = &files_, .clock = &clock}));
  EXPECT_NE(dynamic_cast<RemoteS3Store*>(&remote->StoreFor(UriScheme::kS3)), nullptr);
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                Lake::Open(LakeOptions{.endpoint = RemoteS3Options{.endpoint = "localhost"},
                                       .file_system = &files_,
                                       .clock = &clock}));
}

}  // namespace
}  // namespace stratus::lake
