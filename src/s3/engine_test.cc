#include "s3/engine.h"

#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "base/digest.h"
#include "base/fake_clock.h"
#include "base/random.h"
#include "io/checksum.h"
#include "io/file_system.h"
#include "io/posix_file_system.h"
#include "s3/blob_store.h"
#include "s3/object_reader.h"
#include "storage/database.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::s3 {
namespace {

using namespace std::chrono_literals;

// Waits for an engine callback and returns its result.
template <typename T>
Result<T> Wait(const std::function<void(Done<T>)>& start) {
  auto promise = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> future = promise->get_future();
  start([promise](Result<T> result) { promise->set_value(std::move(result)); });
  return future.get();
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void TearDown() override { Close(); }

  void Open() {
    ASSERT_OK_AND_ASSIGN(
        engine_,
        Engine::Open(EngineOptions{.data_dir = dir_.path(), .max_inline_bytes = 16, .fsync = false},
                     files_, clock_, ids_));
  }

  void Close() {
    if (engine_ != nullptr) {
      engine_->Stop();
      engine_.reset();
    }
  }

  void Reopen() {
    Close();
    Open();
  }

  Result<BucketInfo> CreateBucket(const std::string& name, const std::string& owner = "111") {
    return Wait<BucketInfo>([&](Done<BucketInfo> done) {
      engine_->CreateBucket(BucketInfo{.name = name, .region = "us-east-1", .owner_account = owner},
                            std::move(done));
    });
  }

  Status SetVersioning(const std::string& bucket, VersioningState state) {
    return Wait<bool>(
               [&](Done<bool> done) { engine_->SetVersioning(bucket, state, std::move(done)); })
        .status();
  }

  Result<WriteResult> Put(const std::string& bucket,
                          const std::string& key,
                          const std::string& bytes,
                          WriteConditions conditions = {}) {
    PutObjectRequest request{.bucket = bucket,
                             .key = key,
                             .body = {},
                             .etag = "\"" + bytes + "-etag\"",
                             .attributes = {},
                             .conditions = std::move(conditions)};
    if (bytes.size() > engine_->max_inline_bytes()) {
      STRATUS_ASSIGN_OR_RETURN(request.body.blob, engine_->NewBlob());
      STRATUS_RETURN_IF_ERROR(request.body.blob->Append(bytes));
    } else {
      request.body.bytes = bytes;
    }
    auto shared = std::make_shared<PutObjectRequest>(std::move(request));
    return Wait<WriteResult>(
        [&](Done<WriteResult> done) { engine_->PutObject(std::move(*shared), std::move(done)); });
  }

  // Returns the bytes of the latest (or named) version.
  Result<std::string> Read(const std::string& bucket,
                           const std::string& key,
                           std::optional<std::string> version_id = std::nullopt) {
    STRATUS_ASSIGN_OR_RETURN(ObjectVersion version,
                             engine_->GetObject(bucket, key, version_id, /*with_bytes=*/true));
    if (version.delete_marker) {
      return Status::NotFound("delete marker");
    }
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<ObjectReader> reader, engine_->OpenObject(version));
    std::string bytes(reader->size(), '\0');
    STRATUS_ASSIGN_OR_RETURN(size_t got, reader->ReadAt(0, std::span(bytes.data(), bytes.size())));
    bytes.resize(got);
    return bytes;
  }

  Result<DeleteResult> Delete(const std::string& bucket,
                              const std::string& key,
                              std::optional<std::string> version_id = std::nullopt) {
    return Wait<DeleteResult>([&](Done<DeleteResult> done) {
      engine_->DeleteObject(bucket, key, version_id, std::move(done));
    });
  }

  size_t NumBlobFiles() {
    size_t count = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(dir_.path() + "/s3/blobs")) {
      count += entry.is_regular_file() ? 1 : 0;
    }
    return count;
  }

  std::vector<std::string> Keys(const ListPage& page) {
    std::vector<std::string> keys;
    for (const ObjectVersion& object : page.objects) {
      keys.push_back(object.key);
    }
    return keys;
  }

  storage::TempDir dir_;
  io::PosixFileSystem files_;
  FakeClock clock_;
  IdGenerator ids_{7};
  std::unique_ptr<Engine> engine_;
};

TEST_F(EngineTest, BucketNamesAreUniqueAndOwnedByTheirCreator) {
  ASSERT_OK(CreateBucket("lake").status());
  EXPECT_EQ(CreateBucket("lake").status().aws_type(), "BucketAlreadyOwnedByYou");
  EXPECT_EQ(CreateBucket("lake", "222").status().aws_type(), "BucketAlreadyExists");
  EXPECT_EQ(engine_->Buckets().size(), 1u);
  Reopen();
  ASSERT_OK_AND_ASSIGN(BucketInfo bucket, engine_->FindBucket("lake"));
  EXPECT_EQ(bucket.owner_account, "111");
  EXPECT_EQ(engine_->FindBucket("other").status().aws_type(), "NoSuchBucket");
}

TEST_F(EngineTest, SmallObjectsAreInlineAndLargeOnesAreBlobs) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK(Put("lake", "small", "tiny").status());
  ASSERT_OK(Put("lake", "large", std::string(100, 'x')).status());
  EXPECT_EQ(NumBlobFiles(), 1u);
  Reopen();
  EXPECT_EQ(Read("lake", "small").value(), "tiny");
  EXPECT_EQ(Read("lake", "large").value(), std::string(100, 'x'));
  EXPECT_EQ(Read("lake", "missing").status().aws_type(), "NoSuchKey");
}

TEST_F(EngineTest, OverwritingAnUnversionedObjectFreesItsBlob) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK(Put("lake", "k", std::string(100, 'a')).status());
  ASSERT_OK(Put("lake", "k", std::string(100, 'b')).status());
  ASSERT_OK(Put("lake", "k", "small now").status());
  Reopen();  // Removal runs on a file thread; Stop() finishes it.
  EXPECT_EQ(NumBlobFiles(), 0u);
  EXPECT_EQ(Read("lake", "k").value(), "small now");
}

TEST_F(EngineTest, UnnamedBlobsAreSweptAtStartUp) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK(Put("lake", "kept", std::string(100, 'k')).status());
  {
    // A blob whose PUT never committed (the writer is kept, as a crash would).
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<BlobWriter> orphan, engine_->NewBlob());
    ASSERT_OK(orphan->Append("lost"));
    orphan->Keep();
  }
  EXPECT_EQ(NumBlobFiles(), 2u);
  Reopen();
  EXPECT_EQ(NumBlobFiles(), 1u);
  EXPECT_EQ(Read("lake", "kept").value(), std::string(100, 'k'));
}

TEST_F(EngineTest, VersioningKeepsEveryVersionAndDeleteMarkers) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK(Put("lake", "k", "unversioned").status());
  ASSERT_OK(SetVersioning("lake", VersioningState::kEnabled));
  ASSERT_OK_AND_ASSIGN(WriteResult first, Put("lake", "k", "first"));
  ASSERT_OK_AND_ASSIGN(WriteResult second, Put("lake", "k", "second"));
  EXPECT_EQ(first.version_id.size(), 32u);
  EXPECT_NE(first.version_id, second.version_id);
  EXPECT_EQ(Read("lake", "k").value(), "second");
  EXPECT_EQ(Read("lake", "k", first.version_id).value(), "first");
  EXPECT_EQ(Read("lake", "k", std::string("null")).value(), "unversioned");

  ASSERT_OK_AND_ASSIGN(DeleteResult marker, Delete("lake", "k"));
  EXPECT_TRUE(marker.delete_marker);
  ASSERT_OK_AND_ASSIGN(ObjectVersion latest, engine_->GetObject("lake", "k", std::nullopt, false));
  EXPECT_TRUE(latest.delete_marker);
  ASSERT_OK_AND_ASSIGN(ListPage listed, engine_->ListObjects("lake", ListQuery{}));
  EXPECT_TRUE(listed.objects.empty());

  // Removing the marker brings the previous version back.
  ASSERT_OK_AND_ASSIGN(DeleteResult removed, Delete("lake", "k", marker.version_id));
  EXPECT_TRUE(removed.delete_marker);
  EXPECT_EQ(Read("lake", "k").value(), "second");

  ASSERT_OK_AND_ASSIGN(ListVersionsPage versions,
                       engine_->ListObjectVersions("lake", ListVersionsQuery{}));
  ASSERT_EQ(versions.versions.size(), 3u);
  EXPECT_EQ(versions.versions[0].version_id, second.version_id);
  EXPECT_TRUE(versions.versions[0].latest);
  EXPECT_EQ(versions.versions[1].version_id, first.version_id);
  EXPECT_EQ(versions.versions[2].version_id, "null");
  EXPECT_EQ(engine_->GetObject("lake", "k", std::string("bogus"), false).status().aws_type(),
            "InvalidArgument");
  EXPECT_EQ(engine_->GetObject("lake", "k", std::string(32, 'A'), false).status().aws_type(),
            "NoSuchVersion");
}

TEST_F(EngineTest, SuspendedVersioningReplacesOnlyTheNullVersion) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK(SetVersioning("lake", VersioningState::kEnabled));
  ASSERT_OK_AND_ASSIGN(WriteResult kept, Put("lake", "k", "kept"));
  ASSERT_OK(SetVersioning("lake", VersioningState::kSuspended));
  ASSERT_OK(Put("lake", "k", "null one").status());
  ASSERT_OK(Put("lake", "k", "null two").status());
  ASSERT_OK_AND_ASSIGN(ListVersionsPage versions,
                       engine_->ListObjectVersions("lake", ListVersionsQuery{}));
  ASSERT_EQ(versions.versions.size(), 2u);
  EXPECT_EQ(versions.versions[0].version_id, "null");
  EXPECT_EQ(Read("lake", "k").value(), "null two");
  EXPECT_EQ(Read("lake", "k", kept.version_id).value(), "kept");
}

TEST_F(EngineTest, ConditionalWritesFollowS3) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK_AND_ASSIGN(WriteResult created,
                       Put("lake", "pointer", "v1", WriteConditions{.if_none_match_any = true}));
  EXPECT_EQ(
      Put("lake", "pointer", "v2", WriteConditions{.if_none_match_any = true}).status().aws_type(),
      "PreconditionFailed");
  EXPECT_EQ(
      Put("lake", "pointer", "v2", WriteConditions{.if_match = "\"other\""}).status().aws_type(),
      "PreconditionFailed");
  EXPECT_EQ(
      Put("lake", "absent", "v2", WriteConditions{.if_match = created.etag}).status().aws_type(),
      "NoSuchKey");
  ASSERT_OK(Put("lake", "pointer", "v2", WriteConditions{.if_match = created.etag}).status());
  EXPECT_EQ(Read("lake", "pointer").value(), "v2");
}

TEST_F(EngineTest, ExactlyOneOfRacingCreatesWins) {
  ASSERT_OK(CreateBucket("lake").status());
  constexpr int kWriters = 16;
  std::vector<std::thread> threads;
  std::atomic<int> wins{0};
  std::atomic<int> refused{0};
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      Result<WriteResult> written = Put("lake", "commit", "writer " + std::to_string(i),
                                        WriteConditions{.if_none_match_any = true});
      (written.ok() ? wins : refused).fetch_add(1);
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(refused.load(), kWriters - 1);
}

TEST_F(EngineTest, ListingFoldsCommonPrefixesAndPages) {
  ASSERT_OK(CreateBucket("lake").status());
  for (const char* key : {"a/1", "a/2", "b", "c/x/1", "c/y", "d"}) {
    ASSERT_OK(Put("lake", key, "x").status());
  }
  ASSERT_OK_AND_ASSIGN(ListPage all, engine_->ListObjects("lake", ListQuery{}));
  EXPECT_EQ(Keys(all), (std::vector<std::string>{"a/1", "a/2", "b", "c/x/1", "c/y", "d"}));

  ASSERT_OK_AND_ASSIGN(ListPage folded,
                       engine_->ListObjects("lake", ListQuery{.delimiter = "/", .max_keys = 2}));
  EXPECT_EQ(Keys(folded), (std::vector<std::string>{"b"}));
  EXPECT_EQ(folded.common_prefixes, (std::vector<std::string>{"a/"}));
  EXPECT_TRUE(folded.truncated);
  EXPECT_EQ(folded.last, "b");
  ASSERT_OK_AND_ASSIGN(
      ListPage rest, engine_->ListObjects(
                         "lake", ListQuery{.delimiter = "/", .after = folded.last, .max_keys = 2}));
  EXPECT_EQ(Keys(rest), (std::vector<std::string>{"d"}));
  EXPECT_EQ(rest.common_prefixes, (std::vector<std::string>{"c/"}));
  EXPECT_FALSE(rest.truncated);

  // A page that ends on a common prefix resumes after everything under it.
  ASSERT_OK_AND_ASSIGN(ListPage one,
                       engine_->ListObjects("lake", ListQuery{.delimiter = "/", .max_keys = 1}));
  EXPECT_EQ(one.last, "a/");
  ASSERT_OK_AND_ASSIGN(
      ListPage next,
      engine_->ListObjects("lake", ListQuery{.delimiter = "/", .after = one.last, .max_keys = 1}));
  EXPECT_EQ(Keys(next), (std::vector<std::string>{"b"}));

  ASSERT_OK_AND_ASSIGN(ListPage under_c,
                       engine_->ListObjects("lake", ListQuery{.prefix = "c/", .delimiter = "/"}));
  EXPECT_EQ(Keys(under_c), (std::vector<std::string>{"c/y"}));
  EXPECT_EQ(under_c.common_prefixes, (std::vector<std::string>{"c/x/"}));
}

TEST_F(EngineTest, HostileKeysAreJustKeys) {
  ASSERT_OK(CreateBucket("lake").status());
  const std::vector<std::string> keys = {"../../etc/passwd", "//double",     ".",
                                         "trailing/",        "ctrl\x01\x1f", std::string(1024, 'k'),
                                         "日本語/キー"};
  for (const std::string& key : keys) {
    ASSERT_TRUE(Put("lake", key, std::string(100, 'h') + key).ok()) << key;
  }
  for (const std::string& key : keys) {
    EXPECT_EQ(Read("lake", key).value(), std::string(100, 'h') + key);
  }
  EXPECT_EQ(Put("lake", std::string(1025, 'k'), "x").status().aws_type(), "KeyTooLongError");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/etc"));
}

TEST_F(EngineTest, DeleteBucketRequiresAnEmptyBucket) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK(Put("lake", "k", "x").status());
  auto delete_bucket = [&] {
    return Wait<bool>([&](Done<bool> done) { engine_->DeleteBucket("lake", std::move(done)); })
        .status();
  };
  EXPECT_EQ(delete_bucket().aws_type(), "BucketNotEmpty");
  ASSERT_OK(Delete("lake", "k").status());
  ASSERT_OK(delete_bucket());
  EXPECT_EQ(engine_->FindBucket("lake").status().aws_type(), "NoSuchBucket");
}

TEST_F(EngineTest, MultipartUploadsAssembleTheirPartsInOrder) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK_AND_ASSIGN(UploadInfo upload, Wait<UploadInfo>([&](Done<UploadInfo> done) {
                         engine_->CreateUpload("lake", "big", {}, std::move(done));
                       }));
  auto upload_part = [&](int number, const std::string& bytes) -> Result<PartInfo> {
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<BlobWriter> blob, engine_->NewBlob());
    STRATUS_RETURN_IF_ERROR(blob->Append(bytes));
    auto request = std::make_shared<UploadPartRequest>(
        UploadPartRequest{.bucket = "lake",
                          .key = "big",
                          .upload_id = upload.upload_id,
                          .part_number = number,
                          .blob = std::move(blob),
                          .etag = "\"" + std::string(32, static_cast<char>('0' + number)) + "\"",
                          .checksum_value = ""});
    return Wait<PartInfo>(
        [&](Done<PartInfo> done) { engine_->UploadPart(std::move(*request), std::move(done)); });
  };
  const std::string first(5 << 20, 'a');
  ASSERT_OK(upload_part(2, "tail").status());
  ASSERT_OK(upload_part(1, first).status());
  ASSERT_OK(upload_part(3, "unused").status());
  auto complete = [&](std::vector<CompletedPart> parts) {
    auto request = std::make_shared<CompleteUploadRequest>(CompleteUploadRequest{
        .bucket = "lake", .key = "big", .upload_id = upload.upload_id, .parts = std::move(parts)});
    return Wait<WriteResult>([&](Done<WriteResult> done) {
      engine_->CompleteUpload(std::move(*request), std::move(done));
    });
  };
  const std::string etag1 = "\"" + std::string(32, '1') + "\"";
  const std::string etag2 = "\"" + std::string(32, '2') + "\"";
  EXPECT_EQ(complete({{.part_number = 2, .etag = etag2}, {.part_number = 1, .etag = etag1}})
                .status()
                .aws_type(),
            "InvalidPartOrder");
  EXPECT_EQ(complete({{.part_number = 1, .etag = etag2}}).status().aws_type(), "InvalidPart");
  EXPECT_EQ(complete({{.part_number = 2, .etag = etag2}, {.part_number = 3, .etag = etag1}})
                .status()
                .aws_type(),
            "InvalidPart");
  ASSERT_OK_AND_ASSIGN(WriteResult written, complete({{.part_number = 1, .etag = etag1},
                                                      {.part_number = 2, .etag = etag2}}));
  EXPECT_TRUE(written.etag.ends_with("-2\""));
  EXPECT_EQ(Read("lake", "big").value(), first + "tail");
  ASSERT_OK_AND_ASSIGN(ObjectVersion version,
                       engine_->GetObject("lake", "big", std::nullopt, false));
  ASSERT_EQ(version.parts.size(), 2u);
  EXPECT_EQ(version.parts[1].size, 4u);
  Reopen();
  EXPECT_EQ(NumBlobFiles(), 2u);  // The unused part went with the upload.
  EXPECT_EQ(engine_->FindUpload("lake", "big", upload.upload_id).status().aws_type(),
            "NoSuchUpload");
}

TEST_F(EngineTest, PartsButTheLastMustBeFiveMebibytes) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK_AND_ASSIGN(UploadInfo upload, Wait<UploadInfo>([&](Done<UploadInfo> done) {
                         engine_->CreateUpload("lake", "k", {}, std::move(done));
                       }));
  for (int number : {1, 2}) {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<BlobWriter> blob, engine_->NewBlob());
    ASSERT_OK(blob->Append("small"));
    auto request = std::make_shared<UploadPartRequest>(
        UploadPartRequest{.bucket = "lake",
                          .key = "k",
                          .upload_id = upload.upload_id,
                          .part_number = number,
                          .blob = std::move(blob),
                          .etag = "\"" + std::string(32, 'e') + "\"",
                          .checksum_value = ""});
    ASSERT_OK(Wait<PartInfo>([&](Done<PartInfo> done) {
                engine_->UploadPart(std::move(*request), std::move(done));
              }).status());
  }
  auto request = std::make_shared<CompleteUploadRequest>(
      CompleteUploadRequest{.bucket = "lake",
                            .key = "k",
                            .upload_id = upload.upload_id,
                            .parts = {{.part_number = 1, .etag = std::string(32, 'e')},
                                      {.part_number = 2, .etag = std::string(32, 'e')}}});
  EXPECT_EQ(Wait<WriteResult>([&](Done<WriteResult> done) {
              engine_->CompleteUpload(std::move(*request), std::move(done));
            })
                .status()
                .aws_type(),
            "EntityTooSmall");
}

TEST_F(EngineTest, WritesMatchingANotificationRuleRecordEvents) {
  ASSERT_OK(CreateBucket("lake").status());
  std::atomic<int> wakeups{0};
  engine_->SetEventListener([&] { wakeups.fetch_add(1); });
  engine_->SetNotificationRules(
      "lake", {NotificationRule{.id = "csv",
                                .destination = "arn:aws:sqs:us-east-1:111:q",
                                .events = {"s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"},
                                .prefix = "in/",
                                .suffix = ".csv"}});
  ASSERT_OK(Put("lake", "in/a.csv", "x").status());
  ASSERT_OK(Put("lake", "in/a.txt", "x").status());
  ASSERT_OK(Put("lake", "out/a.csv", "x").status());
  ASSERT_OK(Delete("lake", "in/a.csv").status());
  ASSERT_OK_AND_ASSIGN(std::vector<StoredEvent> events, engine_->PendingEvents(10));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event_name, "ObjectCreated:Put");
  EXPECT_EQ(events[0].key, "in/a.csv");
  EXPECT_EQ(events[1].event_name, "ObjectRemoved:Delete");
  EXPECT_EQ(wakeups.load(), 2);
  ASSERT_OK(Wait<bool>([&](Done<bool> done) {
              engine_->AckEvents({events[0].id, events[1].id}, std::move(done));
            }).status());
  EXPECT_TRUE(engine_->PendingEvents(10).value().empty());
}

TEST_F(EngineTest, LifecycleExpiresAtTheMidnightAfterTheDays) {
  ASSERT_OK(CreateBucket("lake").status());
  clock_.Set(FromUnixMillis(int64_t{1'700'000'000'000}));
  ASSERT_OK(Put("lake", "logs/old", "x").status());
  ASSERT_OK(Put("lake", "data/keep", "x").status());
  const std::vector<LifecycleRule> rules = {
      LifecycleRule{.id = "logs", .prefix = "logs/", .expiration_days = 1}};
  auto apply = [&](int64_t now) {
    return Wait<LifecycleReport>([&](Done<LifecycleReport> done) {
      engine_->ApplyLifecycle("lake", rules, now, std::move(done));
    });
  };
  // Created 22:13 on the 14th + 1 day = 22:13 on the 15th, rounded to midnight of the 16th.
  ASSERT_OK_AND_ASSIGN(LifecycleReport early, apply(int64_t{1'700'092'799'000}));
  EXPECT_EQ(early.expired, 0u);
  ASSERT_OK_AND_ASSIGN(LifecycleReport due, apply(int64_t{1'700'092'800'000}));
  EXPECT_EQ(due.expired, 1u);
  EXPECT_EQ(Read("lake", "logs/old").status().aws_type(), "NoSuchKey");
  EXPECT_EQ(Read("lake", "data/keep").value(), "x");
}

TEST_F(EngineTest, LifecycleRemovesNoncurrentVersionsAndLoneMarkers) {
  ASSERT_OK(CreateBucket("lake").status());
  ASSERT_OK(SetVersioning("lake", VersioningState::kEnabled));
  clock_.Set(FromUnixMillis(int64_t{1'700'000'000'000}));
  ASSERT_OK(Put("lake", "k", "v1").status());
  ASSERT_OK(Put("lake", "k", "v2").status());
  ASSERT_OK(Put("lake", "gone", "v1").status());
  ASSERT_OK(Delete("lake", "gone").status());
  const int64_t later = int64_t{1'700'000'000'000} + int64_t{10} * 24 * 3600 * 1000;
  auto apply = [&](std::vector<LifecycleRule> rules) {
    return Wait<LifecycleReport>([&](Done<LifecycleReport> done) {
      engine_->ApplyLifecycle("lake", std::move(rules), later, std::move(done));
    });
  };
  ASSERT_OK_AND_ASSIGN(LifecycleReport first,
                       apply({LifecycleRule{.id = "old", .noncurrent_days = 1}}));
  EXPECT_EQ(first.noncurrent_removed, 2u);  // k's v1 and gone's v1.
  ASSERT_OK_AND_ASSIGN(
      LifecycleReport second,
      apply({LifecycleRule{.id = "markers", .expired_object_delete_marker = true}}));
  EXPECT_EQ(second.delete_markers_removed, 1u);
  ASSERT_OK_AND_ASSIGN(ListVersionsPage versions,
                       engine_->ListObjectVersions("lake", ListVersionsQuery{}));
  ASSERT_EQ(versions.versions.size(), 1u);
  EXPECT_EQ(Read("lake", "k").value(), "v2");
}

// Loads src/s3/testdata/s3_v1.sql (and its blobs), written by version 1 of
// the engine, and reads every kind of row back (docs/formats/s3.md).
TEST(EngineFormatTest, ReadsTheCheckedInVersionOneFixture) {
  storage::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/s3");
  std::filesystem::copy(std::string(STRATUS_S3_TESTDATA) + "/s3_v1_blobs", dir.path() + "/s3/blobs",
                        std::filesystem::copy_options::recursive);
  {
    io::PosixFileSystem reader;
    Result<std::string> script =
        io::ReadFileToString(reader, std::string(STRATUS_S3_TESTDATA) + "/s3_v1.sql");
    ASSERT_OK(script.status());
    ASSERT_OK_AND_ASSIGN(
        std::unique_ptr<storage::Database> database,
        storage::Database::Open(dir.path() + "/s3.db", storage::DatabaseOptions{.fsync = false}));
    ASSERT_OK(database->Write(
        [&](storage::Transaction& transaction) { return transaction.Exec(*script).status(); }));
    database->Stop();
  }
  io::PosixFileSystem files;
  FakeClock clock;
  IdGenerator ids(1);
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<Engine> engine,
      Engine::Open(EngineOptions{.data_dir = dir.path(), .fsync = false}, files, clock, ids));
  auto read = [&](const std::string& key, std::optional<std::string> version_id) {
    Result<ObjectVersion> version = engine->GetObject("fixture", key, version_id, true);
    EXPECT_OK(version.status());
    Result<std::unique_ptr<ObjectReader>> reader = engine->OpenObject(*version);
    EXPECT_OK(reader.status());
    std::string bytes((*reader)->size(), '\0');
    EXPECT_OK((*reader)->ReadAt(0, std::span(bytes.data(), bytes.size())).status());
    return bytes;
  };
  ASSERT_OK_AND_ASSIGN(BucketInfo bucket, engine->FindBucket("fixture"));
  EXPECT_EQ(bucket.versioning, VersioningState::kEnabled);
  EXPECT_EQ(bucket.region, "us-east-1");

  ASSERT_OK_AND_ASSIGN(ListVersionsPage versions,
                       engine->ListObjectVersions("fixture", ListVersionsQuery{}));
  ASSERT_EQ(versions.versions.size(), 6u);  // blob, marker + deleted, 2 inline, multi.
  EXPECT_EQ(read("inline.txt", std::nullopt), "second version");
  const ObjectVersion& first_inline = versions.versions[4];
  ASSERT_EQ(first_inline.key, "inline.txt");
  EXPECT_FALSE(first_inline.latest);
  EXPECT_EQ(read("inline.txt", first_inline.version_id), "small and inline");
  EXPECT_EQ(first_inline.attributes.system.at("ContentType"), "text/plain");
  EXPECT_EQ(first_inline.attributes.user_metadata, (Pairs{{"owner", "data team"}}));
  EXPECT_EQ(first_inline.attributes.tags, (Pairs{{"env", "staging"}}));

  std::string expected_blob;
  for (int i = 0; i < 300; ++i) {
    for (int c = 0; c < 256; ++c) {
      expected_blob.push_back(static_cast<char>(c));
    }
  }
  EXPECT_EQ(read("blob.bin", std::nullopt), expected_blob);
  ASSERT_OK_AND_ASSIGN(ObjectVersion blob,
                       engine->GetObject("fixture", "blob.bin", std::nullopt, false));
  EXPECT_FALSE(blob.stored_inline);
  EXPECT_EQ(blob.attributes.checksum_algorithm, "CRC32");
  EXPECT_EQ(blob.attributes.checksum_value,
            Base64Encode(io::ComputeChecksum(io::ChecksumAlgorithm::kCrc32, expected_blob)));
  EXPECT_EQ(blob.attributes.checksum_type, "FULL_OBJECT");

  ASSERT_OK_AND_ASSIGN(ObjectVersion marker,
                       engine->GetObject("fixture", "deleted.txt", std::nullopt, false));
  EXPECT_TRUE(marker.delete_marker);

  EXPECT_EQ(read("multi.bin", std::nullopt), std::string(70000, 'm'));
  ASSERT_OK_AND_ASSIGN(ObjectVersion multi,
                       engine->GetObject("fixture", "multi.bin", std::nullopt, false));
  ASSERT_EQ(multi.parts.size(), 1u);
  EXPECT_TRUE(multi.etag.ends_with("-1\""));
  EXPECT_EQ(multi.attributes.checksum_type, "COMPOSITE");

  ASSERT_OK_AND_ASSIGN(ListUploadsPage uploads, engine->ListUploads("fixture", ListUploadsQuery{}));
  ASSERT_EQ(uploads.uploads.size(), 1u);
  EXPECT_EQ(uploads.uploads[0].key, "pending.bin");
  ASSERT_OK_AND_ASSIGN(std::vector<PartInfo> parts,
                       engine->UploadParts(uploads.uploads[0].upload_id));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].size, 1000u);

  EXPECT_TRUE(engine->GetBucketConfig("fixture", "cors", "").ok());
  engine->Stop();
  size_t num_blobs = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(dir.path() + "/s3/blobs")) {
    num_blobs += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(num_blobs, 3u);  // None swept: every blob is named.
}

}  // namespace
}  // namespace stratus::s3
