#include "states/integrations/map_run_storage.h"

#include <memory>
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/format.h"
#include "base/random.h"
#include "io/in_memory_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "states/integrations/in_memory_buckets_for_test.h"

namespace stratus::states::integrations {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// What a task reported.
struct Reported {
  std::optional<Json> output = std::nullopt;
  std::string error = {};
  std::string cause = {};
};

class MapRunStorageTest : public ::testing::Test {
 protected:
  // Runs `task` on the caller's thread and returns what it reported.
  Reported Run(MapRunStorage& storage, const interpreter::RunTask& task) {
    auto reported = std::make_shared<Reported>();
    auto callbacks = std::make_shared<TaskCallbacks>();
    callbacks->succeeded = [reported](Json output) {
      reported->output = std::move(output);
    };
    callbacks->failed = [reported](std::string error, std::string cause) {
      reported->error = std::move(error);
      reported->cause = std::move(cause);
    };
    storage.Run(task, callbacks);
    EXPECT_EQ(storage.RunPending(), 1u);
    return *reported;
  }

  static interpreter::RunTask Reader(std::string resource, Json parameters) {
    interpreter::RunTask task;
    task.task_id = 1;
    task.kind = interpreter::TaskKind::kItemReader;
    task.resource = std::move(resource);
    task.parameters = std::move(parameters);
    return task;
  }

  IdGenerator ids_{7};
  InMemoryBuckets buckets_;
  io::InMemoryFileSystem files_;
  lake::FileStore file_store_{files_};
  lake::Lake lake_{buckets_, file_store_};
  MapRunStorage storage_{lake_, ids_};
};

TEST_F(MapRunStorageTest, GetObjectAnswersTheObjectsText) {
  buckets_.Put("in", "data/items.csv", "a,b\n1,2\n");
  Reported read = Run(storage_, Reader("arn:aws:states:::s3:getObject",
                                       Json{{"Bucket", "in"}, {"Key", "data/items.csv"}}));
  ASSERT_TRUE(read.output.has_value()) << read.cause;
  EXPECT_EQ(*read.output, Json({{"Body", "a,b\n1,2\n"}}));
}

TEST_F(MapRunStorageTest, MissingObjectOrBucketFailsWithS3sError) {
  buckets_.CreateBucket("in");
  Reported no_key = Run(storage_, Reader("arn:aws:states:::s3:getObject",
                                         Json{{"Bucket", "in"}, {"Key", "nope.json"}}));
  EXPECT_EQ(no_key.error, "States.ItemReaderFailed");
  EXPECT_THAT(no_key.cause, StartsWith("The specified key does not exist. (Service: Amazon S3; "
                                       "Status Code: 404; Error Code: NoSuchKey; Request ID: "));
  Reported no_bucket =
      Run(storage_, Reader("arn:aws:states:::s3:listObjectsV2", Json{{"Bucket", "missing"}}));
  EXPECT_EQ(no_bucket.error, "States.ItemReaderFailed");
  EXPECT_THAT(no_bucket.cause, HasSubstr("Error Code: NoSuchBucket"));
  Reported bad = Run(storage_, Reader("arn:aws:states:::s3:getObject", Json{{"Bucket", "in"}}));
  EXPECT_THAT(bad.cause, HasSubstr("needs a Bucket and a Key"));
}

TEST_F(MapRunStorageTest, ObjectOverTheSizeLimitOrWithAVersionIdIsRefused) {
  buckets_.Put("in", "big.json", "[1, 2, 3]");
  MapRunStorage small(lake_, ids_, MapRunStorageOptions{.num_threads = 1, .max_object_bytes = 4});
  Reported too_big = Run(
      small, Reader("arn:aws:states:::s3:getObject", Json{{"Bucket", "in"}, {"Key", "big.json"}}));
  EXPECT_EQ(too_big.error, "States.ItemReaderFailed");
  EXPECT_THAT(too_big.cause, HasSubstr("has 9 bytes; stratus's ItemReader reads at most 4"));
  Reported versioned =
      Run(storage_, Reader("arn:aws:states:::s3:getObject",
                           Json{{"Bucket", "in"}, {"Key", "big.json"}, {"VersionId", "v1"}}));
  EXPECT_EQ(versioned.error, "States.ItemReaderFailed");
  EXPECT_THAT(versioned.cause, HasSubstr("VersionId is not supported"));
}

TEST_F(MapRunStorageTest, ListObjectsV2ListsEveryPageUnderThePrefix) {
  for (int i = 0; i < 1005; ++i) {
    buckets_.Put("in", Format("logs/{:04}.txt", i), "x");
  }
  buckets_.Put("in", "other/skip.txt", "y");
  Reported listed = Run(storage_, Reader("arn:aws:states:::s3:listObjectsV2",
                                         Json{{"Bucket", "in"}, {"Prefix", "logs/"}}));
  ASSERT_TRUE(listed.output.has_value()) << listed.cause;
  const Json& contents = (*listed.output)["Contents"];
  ASSERT_EQ(contents.size(), 1005u);
  EXPECT_EQ(contents[1004]["Key"], "logs/1004.txt");
  // AWS: {Etag (quoted), Key, LastModified (epoch seconds), Size, StorageClass}.
  EXPECT_THAT(contents[0]["Etag"].get<std::string>(), StartsWith("\""));
  EXPECT_EQ(contents[0]["LastModified"], 1767225600);
  EXPECT_EQ(contents[0]["Size"], 1);
  EXPECT_EQ(contents[0]["StorageClass"], "STANDARD");
}

TEST_F(MapRunStorageTest, PutObjectWritesTheObjectsInOrder) {
  buckets_.CreateBucket("out");
  interpreter::RunTask write;
  write.kind = interpreter::TaskKind::kResultWriter;
  write.resource = "arn:aws:states:::s3:putObject";
  write.parameters = Json::parse(R"({"Bucket": "out", "Objects": [
    {"Key": "p/id/SUCCEEDED_0.json", "Body": "[1]"},
    {"Key": "p/id/manifest.json", "Body": "{}"}]})");
  Reported wrote = Run(storage_, write);
  ASSERT_TRUE(wrote.output.has_value()) << wrote.cause;
  EXPECT_EQ(buckets_.Get("out", "p/id/SUCCEEDED_0.json"), "[1]");
  EXPECT_EQ(buckets_.Get("out", "p/id/manifest.json"), "{}");

  write.parameters["Bucket"] = "absent";
  Reported failed = Run(storage_, write);
  EXPECT_EQ(failed.error, "States.ResultWriterFailed");
  EXPECT_THAT(failed.cause, HasSubstr("NoSuchBucket"));
}

TEST_F(MapRunStorageTest, ACancelledTaskReportsNothing) {
  buckets_.Put("in", "k", "[]");
  auto callbacks = std::make_shared<TaskCallbacks>();
  bool reported = false;
  callbacks->succeeded = [&reported](Json) {
    reported = true;
  };
  callbacks->failed = [&reported](std::string, std::string) {
    reported = true;
  };
  callbacks->cancelled->store(true);
  storage_.Run(Reader("arn:aws:states:::s3:getObject", Json{{"Bucket", "in"}, {"Key", "k"}}),
               callbacks);
  storage_.RunPending();
  EXPECT_FALSE(reported);
}

}  // namespace
}  // namespace stratus::states::integrations
