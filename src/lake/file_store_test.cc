// FileStore: the lake contract over a temporary directory (PosixFileSystem)
// and over an InMemoryFileSystem, and what is FileStore's own: paths as
// keys, hidden temporary files, listings that skip empty directories.
#include "lake/file_store.h"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/in_memory_file_system.h"
#include "io/posix_file_system.h"
#include "io/temp_dir_for_test.h"
#include "lake/object_store_contract.h"
#include "testing/status_matchers.h"

namespace stratus::lake {
namespace {

using contract::ObjectStoreContract;

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class PosixContractStore final : public contract::ContractStore {
 public:
  ObjectStore& store() override { return store_; }

  std::string bucket() const override { return ""; }

  std::string key_root() const override { return dir_.path() + "/"; }

 private:
  io::TempDir dir_;
  io::PosixFileSystem files_;
  FileStore store_{files_, FileStoreOptions{.sync = false}};
};

class InMemoryContractStore final : public contract::ContractStore {
 public:
  InMemoryContractStore() { STRATUS_CHECK(files_.CreateDirectories("/lake").ok(), "setup"); }

  ObjectStore& store() override { return store_; }

  std::string bucket() const override { return ""; }

  std::string key_root() const override { return "/lake/"; }

 private:
  io::InMemoryFileSystem files_;
  FileStore store_{files_, FileStoreOptions{.sync = true}};
};

contract::ContractTarget PosixTarget() {
  return contract::ContractTarget{
      .name = "FileStoreOnDisk",
      .capabilities = {.arbitrary_keys = false,
                       .reader_keeps_replaced_bytes = true,
                       .multipart_etags = false,
                       .modification_times = true},
      .make = []() -> Result<std::unique_ptr<contract::ContractStore>> {
        return std::unique_ptr<contract::ContractStore>(std::make_unique<PosixContractStore>());
      }};
}

contract::ContractTarget InMemoryTarget() {
  return contract::ContractTarget{
      .name = "FileStoreInMemory",
      .capabilities = {.arbitrary_keys = false,
                       .reader_keeps_replaced_bytes = true,
                       .multipart_etags = false,
                       .modification_times = false},
      .make = []() -> Result<std::unique_ptr<contract::ContractStore>> {
        return std::unique_ptr<contract::ContractStore>(std::make_unique<InMemoryContractStore>());
      }};
}

INSTANTIATE_TEST_SUITE_P(File,
                         ObjectStoreContract,
                         ::testing::Values(PosixTarget(), InMemoryTarget()),
                         contract::ContractTargetName);

class FileStoreTest : public ::testing::Test {
 protected:
  FileStoreTest() { STRATUS_CHECK(files_.CreateDirectories("/r").ok(), "setup"); }

  std::vector<std::string> Names(const std::string& directory) {
    return files_.ListDirectory(directory).value_or(std::vector<std::string>{"<error>"});
  }

  io::InMemoryFileSystem files_;
  FileStore store_{files_};
};

TEST_F(FileStoreTest, KeysAreAbsoluteNormalizedPathsInTheNamelessBucket) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, store_.Write("bucket", "/r/a", "x", {}));
  for (const char* key : {"r/a", "/r/./a", "/r//a", "/r/a/", "/", "", "/r/../a"}) {
    SCOPED_TRACE(key);
    EXPECT_STATUS(StatusCode::kInvalidArgument, store_.Write("", key, "x", {}));
    EXPECT_STATUS(StatusCode::kInvalidArgument, store_.Head("", key));
  }
  EXPECT_STATUS(
      StatusCode::kInvalidArgument,
      store_.List("", ListOptions{.prefix = "r/", .delimiter = {}, .after = {}, .max_keys = 10}));
}

TEST_F(FileStoreTest, ParentDirectoriesAreCreatedAndAFileInTheWayIsInvalid) {
  ASSERT_OK(store_.Write("", "/r/x/y/z.csv", "data", {}));
  EXPECT_EQ(ReadFileToString(files_, "/r/x/y/z.csv").value_or("<error>"), "data");
  EXPECT_STATUS(StatusCode::kInvalidArgument, store_.Write("", "/r/x/y/z.csv/below", "x", {}));
  // A directory is no object.
  EXPECT_STATUS(StatusCode::kNotFound, store_.Head("", "/r/x"));
  EXPECT_STATUS(StatusCode::kNotFound, store_.Read("", "/r/x", std::nullopt));
  ASSERT_OK(store_.Delete("", "/r/x"));
}

TEST_F(FileStoreTest, TemporaryFilesAreHiddenAndRemovedWhenAbandoned) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<ObjectWriter> writer, store_.Create("", "/r/t", {}));
    ASSERT_OK(writer->Append("partial"));
    ASSERT_EQ(Names("/r").size(), 1U);  // The temporary file.
    EXPECT_THAT(Names("/r")[0], ::testing::HasSubstr(".t.stratus-tmp-"));
    ASSERT_OK_AND_ASSIGN(
        ListPage page,
        store_.List("",
                    ListOptions{.prefix = "/r/", .delimiter = {}, .after = {}, .max_keys = 10}));
    EXPECT_THAT(page.objects, IsEmpty());
  }
  EXPECT_THAT(Names("/r"), IsEmpty());
}

TEST_F(FileStoreTest, ListingSkipsDirectoriesWithoutFiles) {
  ASSERT_OK(files_.CreateDirectories("/r/empty/deeper"));
  ASSERT_OK(store_.Write("", "/r/full/f", "x", {}));
  ASSERT_OK_AND_ASSIGN(
      ListPage page,
      store_.List("", ListOptions{.prefix = "/r/", .delimiter = "/", .after = {}, .max_keys = 10}));
  EXPECT_THAT(page.common_prefixes, ElementsAre("/r/full/"));
  ASSERT_OK_AND_ASSIGN(
      ListPage missing,
      store_.List(
          "", ListOptions{.prefix = "/nowhere/x", .delimiter = {}, .after = {}, .max_keys = 10}));
  EXPECT_THAT(missing.objects, IsEmpty());
}

TEST_F(FileStoreTest, ReplacedFileGetsANewETagEvenWithTheSameSize) {
  ASSERT_OK_AND_ASSIGN(ObjectInfo first, store_.Write("", "/r/p", "aaaa", {}));
  ASSERT_OK_AND_ASSIGN(ObjectInfo second, store_.Write("", "/r/p", "bbbb", {}));
  EXPECT_NE(first.etag, second.etag);
  EXPECT_STATUS(StatusCode::kFailedPrecondition,
                store_.Write("", "/r/p", "cccc",
                             WriteOptions{.condition = {.if_absent = false, .if_match = first.etag},
                                          .content_type = {}}));
}

}  // namespace
}  // namespace stratus::lake
