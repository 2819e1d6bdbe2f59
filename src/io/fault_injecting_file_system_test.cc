#include "io/fault_injecting_file_system.h"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/atomic_file.h"
#include "io/in_memory_file_system.h"
#include "io/posix_file_system.h"
#include "io/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class FaultInjectingFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(base_.CreateDirectories("/d")); }

  // Creates `path` with `contents` through the fault-injecting file system;
  // `sync` also syncs the file, and `sync_directory` its directory.
  void Write(const std::string& path,
             std::string_view contents,
             bool sync = true,
             bool sync_directory = true) {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, fs_.NewWritableFile(path));
    ASSERT_OK(file->Append(contents));
    if (sync) {
      ASSERT_OK(file->Sync());
    }
    ASSERT_OK(file->Close());
    if (sync_directory) {
      ASSERT_OK(fs_.SyncDirectory("/d"));
    }
  }

  // Returns the contents of `path` in the wrapped file system, or "<absent>".
  std::string Read(const std::string& path) {
    Result<std::string> contents = ReadFileToString(base_, path);
    if (!contents.ok()) {
      return contents.status().code() == StatusCode::kNotFound ? "<absent>"
                                                               : contents.status().ToString();
    }
    return *contents;
  }

  InMemoryFileSystem base_;
  FaultInjectingFileSystem fs_{&base_};
};

TEST_F(FaultInjectingFileSystemTest, NthMatchingOperationFailsOnceAndDoesNothing) {
  fs_.AddFaultRule({.operation = FileOperation::kAppend, .skip = 1});
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, fs_.NewWritableFile("/d/a"));
  ASSERT_OK(file->Append("1"));
  const Status failed = file->Append("2");
  EXPECT_EQ(failed.code(), StatusCode::kIoError);
  EXPECT_THAT(failed.message(), HasSubstr("injected fault: Append /d/a"));
  ASSERT_OK(file->Append("3"));
  ASSERT_OK(file->Close());
  EXPECT_EQ(Read("/d/a"), "13");
  EXPECT_EQ(fs_.num_injected_faults(), 1u);
}

TEST_F(FaultInjectingFileSystemTest, EveryMatchingOperationFailsUntilTheRulesAreCleared) {
  fs_.AddFaultRule({.operation = FileOperation::kNewWritableFile,
                    .path_substring = "objects",
                    .count = FaultRule::kEvery});
  EXPECT_STATUS(StatusCode::kIoError, fs_.NewWritableFile("/d/objects-1"));
  EXPECT_STATUS(StatusCode::kIoError, fs_.NewWritableFile("/d/objects-2"));
  EXPECT_OK(fs_.NewWritableFile("/d/other"));
  EXPECT_EQ(Read("/d/objects-1"), "<absent>");
  fs_.ClearFaultRules();
  EXPECT_OK(fs_.NewWritableFile("/d/objects-1"));
  EXPECT_EQ(fs_.num_injected_faults(), 2u);
}

TEST_F(FaultInjectingFileSystemTest, RuleWithoutAnOperationMatchesAnyOperationOnThePath) {
  Write("/d/a", "x");
  fs_.AddFaultRule({.path_substring = "/d/a", .count = FaultRule::kEvery});
  EXPECT_STATUS(StatusCode::kIoError, fs_.FileSize("/d/a"));
  EXPECT_STATUS(StatusCode::kIoError, fs_.OpenForRead("/d/a"));
  EXPECT_STATUS(StatusCode::kIoError, fs_.Rename("/d/b", "/d/a"));  // Either path matches.
  EXPECT_STATUS(StatusCode::kNotFound, fs_.FileSize("/d/b"));
}

TEST_F(FaultInjectingFileSystemTest, FailedSyncMakesNothingDurable) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, fs_.NewWritableFile("/d/a"));
  ASSERT_OK(fs_.SyncDirectory("/d"));
  ASSERT_OK(file->Append("data"));
  fs_.AddFaultRule({.operation = FileOperation::kSync});
  EXPECT_STATUS(StatusCode::kIoError, file->Sync());
  ASSERT_OK(file->Close());
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/a"), "");
}

TEST_F(FaultInjectingFileSystemTest, CrashDropsBytesAppendedAfterTheLastSync) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, fs_.NewWritableFile("/d/a"));
  ASSERT_OK(fs_.SyncDirectory("/d"));
  ASSERT_OK(file->Append("abc"));
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Append("def"));
  ASSERT_OK(file->Close());
  EXPECT_EQ(Read("/d/a"), "abcdef");
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/a"), "abc");
}

TEST_F(FaultInjectingFileSystemTest, CrashRemovesAFileWhoseDirectoryWasNotSynced) {
  Write("/d/a", "synced bytes", /*sync=*/true, /*sync_directory=*/false);
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/a"), "<absent>");
}

TEST_F(FaultInjectingFileSystemTest, SyncedWriteRenamedWithoutDirectorySyncIsLost) {
  Write("/d/tmp", "new", /*sync=*/true, /*sync_directory=*/false);
  ASSERT_OK(fs_.Rename("/d/tmp", "/d/final"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/final"), "<absent>");
  EXPECT_EQ(Read("/d/tmp"), "<absent>");
}

TEST_F(FaultInjectingFileSystemTest, RenameOfADurableFileIsUndoneWithoutDirectorySync) {
  Write("/d/tmp", "new");
  ASSERT_OK(fs_.Rename("/d/tmp", "/d/final"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/final"), "<absent>");
  EXPECT_EQ(Read("/d/tmp"), "new");
}

TEST_F(FaultInjectingFileSystemTest, ReplacedFileComesBackWhenTheRenameWasNotSynced) {
  Write("/d/final", "old");
  Write("/d/tmp", "new", /*sync=*/true, /*sync_directory=*/false);
  ASSERT_OK(fs_.Rename("/d/tmp", "/d/final"));
  EXPECT_EQ(Read("/d/final"), "new");
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/final"), "old");
  EXPECT_EQ(Read("/d/tmp"), "<absent>");
}

TEST_F(FaultInjectingFileSystemTest, RenameMadeDurableByDirectorySyncSurvives) {
  Write("/d/final", "old");
  Write("/d/tmp", "new", /*sync=*/true, /*sync_directory=*/false);
  ASSERT_OK(fs_.Rename("/d/tmp", "/d/final"));
  ASSERT_OK(fs_.SyncDirectory("/d"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/final"), "new");
  EXPECT_EQ(Read("/d/tmp"), "<absent>");
}

TEST_F(FaultInjectingFileSystemTest, RemovalIsUndoneUnlessTheDirectoryWasSynced) {
  Write("/d/a", "a");
  Write("/d/b", "b");
  ASSERT_OK(fs_.Remove("/d/a"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/a"), "a");
  ASSERT_OK(fs_.Remove("/d/b"));
  ASSERT_OK(fs_.SyncDirectory("/d"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/b"), "<absent>");
}

TEST_F(FaultInjectingFileSystemTest, FilesThatExistedBeforeCountAsDurable) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, base_.NewWritableFile("/d/old"));
  ASSERT_OK(file->Append("pre-existing"));
  ASSERT_OK(file->Close());
  ASSERT_OK(fs_.Rename("/d/old", "/d/moved"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/old"), "pre-existing");
  EXPECT_EQ(Read("/d/moved"), "<absent>");
}

TEST_F(FaultInjectingFileSystemTest, SyncingAnotherDirectoryDoesNotHelp) {
  ASSERT_OK(fs_.CreateDirectories("/e"));
  Write("/d/a", "a", /*sync=*/true, /*sync_directory=*/false);
  ASSERT_OK(fs_.SyncDirectory("/e"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/a"), "<absent>");
}

TEST_F(FaultInjectingFileSystemTest, CrashLeavesOtherFilesAlone) {
  Write("/d/durable", "kept");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, base_.NewWritableFile("/d/untouched"));
  ASSERT_OK(file->Append("untouched"));
  ASSERT_OK(file->Close());
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_THAT(base_.ListDirectory("/d").value(), ElementsAre("durable", "untouched"));
  EXPECT_EQ(Read("/d/durable"), "kept");
  EXPECT_EQ(Read("/d/untouched"), "untouched");
}

TEST_F(FaultInjectingFileSystemTest, FilesOpenedBeforeACrashFailAfterIt) {
  Write("/d/r", "r");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RandomAccessFile> reader, fs_.OpenForRead("/d/r"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> writer, fs_.NewWritableFile("/d/w"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_STATUS(StatusCode::kIoError, writer->Append("x"));
  EXPECT_STATUS(StatusCode::kIoError, writer->Sync());
  EXPECT_OK(writer->Close());
  std::string buffer(1, '\0');
  EXPECT_STATUS(StatusCode::kIoError, reader->ReadAt(0, buffer));
  EXPECT_EQ(Read("/d/w"), "<absent>");
}

TEST_F(FaultInjectingFileSystemTest, WorksOverThePosixFileSystem) {
  TempDir dir;
  PosixFileSystem posix;
  FaultInjectingFileSystem fs(&posix);
  const std::string path = dir.path() + "/object";
  ASSERT_OK(WriteFileAtomically(fs, path, "v1"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, fs.NewWritableFile(path + ".next"));
  ASSERT_OK(file->Append("v2"));
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Close());
  ASSERT_OK(fs.Rename(path + ".next", path));
  ASSERT_OK(fs.DropUnsyncedData());
  ASSERT_OK_AND_ASSIGN(const std::string contents, ReadFileToString(posix, path));
  EXPECT_EQ(contents, "v1");
  EXPECT_THAT(posix.ListDirectory(dir.path()).value(), ElementsAre("object"));
}

}  // namespace
}  // namespace stratus::io
