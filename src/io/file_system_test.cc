// The FileSystem contract, run against every implementation: PosixFileSystem
// in a temporary directory, InMemoryFileSystem, and FaultInjectingFileSystem
// (with no rules) over an InMemoryFileSystem.
#include "io/file_system.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/fault_injecting_file_system.h"
#include "io/in_memory_file_system.h"
#include "io/posix_file_system.h"
#include "io/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::io {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct PosixEnvironment {
  TempDir temp_dir;
  PosixFileSystem file_system;

  FileSystem& fs() { return file_system; }

  std::string root() const { return temp_dir.path(); }
};

struct InMemoryEnvironment {
  InMemoryFileSystem file_system;

  InMemoryEnvironment() { STRATUS_CHECK(file_system.CreateDirectories("/data").ok(), "setup"); }

  FileSystem& fs() { return file_system; }

  std::string root() const { return "/data"; }
};

struct FaultInjectingEnvironment {
  InMemoryFileSystem base;
  FaultInjectingFileSystem file_system{&base};

  FaultInjectingEnvironment() { STRATUS_CHECK(base.CreateDirectories("/data").ok(), "setup"); }

  FileSystem& fs() { return file_system; }

  std::string root() const { return "/data"; }
};

template <typename Environment>
class FileSystemTest : public ::testing::Test {
 protected:
  FileSystem& fs() { return environment_.fs(); }

  std::string Path(std::string_view name) const {
    return environment_.root() + "/" + std::string(name);
  }

  // Writes a whole file and closes it.
  void Write(const std::string& path, std::string_view contents) {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, fs().NewWritableFile(path));
    ASSERT_OK(file->Append(contents));
    ASSERT_OK(file->Close());
  }

  std::string Read(const std::string& path) {
    Result<std::string> contents = ReadFileToString(fs(), path);
    return contents.ok() ? *contents : "<" + contents.status().ToString() + ">";
  }

 private:
  Environment environment_;
};

using Implementations =
    ::testing::Types<PosixEnvironment, InMemoryEnvironment, FaultInjectingEnvironment>;
TYPED_TEST_SUITE(FileSystemTest, Implementations);

TYPED_TEST(FileSystemTest, WrittenFileReadsBack) {
  this->Write(this->Path("a"), "hello");
  EXPECT_EQ(this->Read(this->Path("a")), "hello");
  ASSERT_OK_AND_ASSIGN(const uint64_t size, this->fs().FileSize(this->Path("a")));
  EXPECT_EQ(size, 5u);
}

TYPED_TEST(FileSystemTest, SizeCountsSmallAndLargeAppendsInOrder) {
  const std::string large(200 * 1024, 'x');
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file,
                       this->fs().NewWritableFile(this->Path("a")));
  ASSERT_OK(file->Append("head"));
  ASSERT_OK(file->Append(large));
  ASSERT_OK(file->Append("tail"));
  EXPECT_EQ(file->size(), large.size() + 8);
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Close());
  EXPECT_EQ(this->Read(this->Path("a")), "head" + large + "tail");
}

TYPED_TEST(FileSystemTest, CloseIsIdempotentAndAppendAfterCloseFails) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file,
                       this->fs().NewWritableFile(this->Path("a")));
  ASSERT_OK(file->Append("x"));
  ASSERT_OK(file->Close());
  EXPECT_OK(file->Close());
  EXPECT_STATUS(StatusCode::kInternal, file->Append("y"));
  EXPECT_EQ(this->Read(this->Path("a")), "x");
}

TYPED_TEST(FileSystemTest, DestroyingAnUnclosedFileKeepsItsBytes) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file,
                         this->fs().NewWritableFile(this->Path("a")));
    ASSERT_OK(file->Append("kept"));
  }
  EXPECT_EQ(this->Read(this->Path("a")), "kept");
}

TYPED_TEST(FileSystemTest, NewWritableFileRefusesAnExistingFileOrDirectory) {
  this->Write(this->Path("a"), "old");
  EXPECT_STATUS(StatusCode::kAlreadyExists, this->fs().NewWritableFile(this->Path("a")));
  EXPECT_EQ(this->Read(this->Path("a")), "old");
  ASSERT_OK(this->fs().CreateDirectories(this->Path("d")));
  EXPECT_STATUS(StatusCode::kAlreadyExists, this->fs().NewWritableFile(this->Path("d")));
}

TYPED_TEST(FileSystemTest, NewWritableFileNeedsItsDirectory) {
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().NewWritableFile(this->Path("missing/a")));
  this->Write(this->Path("file"), "");
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().NewWritableFile(this->Path("file/a")));
}

TYPED_TEST(FileSystemTest, OpeningAMissingFileIsNotFoundAndADirectoryIsAnIoError) {
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().OpenForRead(this->Path("missing")));
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().FileSize(this->Path("missing")));
  ASSERT_OK(this->fs().CreateDirectories(this->Path("d")));
  EXPECT_STATUS(StatusCode::kIoError, this->fs().OpenForRead(this->Path("d")));
  EXPECT_STATUS(StatusCode::kIoError, this->fs().FileSize(this->Path("d")));
}

TYPED_TEST(FileSystemTest, ReadAtIsShortOnlyAtTheEnd) {
  this->Write(this->Path("a"), "0123456789");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RandomAccessFile> file,
                       this->fs().OpenForRead(this->Path("a")));
  EXPECT_EQ(file->size(), 10u);
  std::string buffer(4, '\0');
  ASSERT_OK_AND_ASSIGN(size_t num_read, file->ReadAt(3, buffer));
  EXPECT_EQ(num_read, 4u);
  EXPECT_EQ(buffer, "3456");
  ASSERT_OK_AND_ASSIGN(num_read, file->ReadAt(8, buffer));
  EXPECT_EQ(num_read, 2u);
  EXPECT_EQ(buffer.substr(0, 2), "89");
  ASSERT_OK_AND_ASSIGN(num_read, file->ReadAt(10, buffer));
  EXPECT_EQ(num_read, 0u);
  ASSERT_OK_AND_ASSIGN(num_read, file->ReadAt(1000, buffer));
  EXPECT_EQ(num_read, 0u);
}

TYPED_TEST(FileSystemTest, ConcurrentReadsSeeTheSameBytes) {
  std::string contents(64 * 1024, '\0');
  for (size_t i = 0; i < contents.size(); ++i) {
    contents[i] = static_cast<char>(i * 7);
  }
  this->Write(this->Path("a"), contents);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RandomAccessFile> file,
                       this->fs().OpenForRead(this->Path("a")));
  std::vector<std::thread> readers;
  std::vector<int> mismatches(4, 0);
  for (size_t t = 0; t < mismatches.size(); ++t) {
    readers.emplace_back([&, t] {
      std::string chunk(1000, '\0');
      for (uint64_t offset = t * 100; offset + chunk.size() <= contents.size(); offset += 997) {
        const Result<size_t> num_read = file->ReadAt(offset, chunk);
        if (!num_read.ok() || *num_read != chunk.size() ||
            chunk != contents.substr(offset, chunk.size())) {
          ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& reader : readers) {
    reader.join();
  }
  EXPECT_THAT(mismatches, ElementsAre(0, 0, 0, 0));
}

TYPED_TEST(FileSystemTest, RenameReplacesTheTargetWhileOpenReadersKeepTheOldBytes) {
  this->Write(this->Path("target"), "old");
  this->Write(this->Path("source"), "new");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RandomAccessFile> old_reader,
                       this->fs().OpenForRead(this->Path("target")));
  ASSERT_OK(this->fs().Rename(this->Path("source"), this->Path("target")));
  EXPECT_EQ(this->Read(this->Path("target")), "new");
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().FileSize(this->Path("source")));
  std::string buffer(3, '\0');
  ASSERT_OK_AND_ASSIGN(const size_t num_read, old_reader->ReadAt(0, buffer));
  EXPECT_EQ(buffer.substr(0, num_read), "old");
}

TYPED_TEST(FileSystemTest, RenameIntoAnotherDirectoryAndOntoItselfWork) {
  ASSERT_OK(this->fs().CreateDirectories(this->Path("d")));
  this->Write(this->Path("a"), "x");
  ASSERT_OK(this->fs().Rename(this->Path("a"), this->Path("a")));
  EXPECT_EQ(this->Read(this->Path("a")), "x");
  ASSERT_OK(this->fs().Rename(this->Path("a"), this->Path("d/b")));
  EXPECT_EQ(this->Read(this->Path("d/b")), "x");
}

TYPED_TEST(FileSystemTest, RenameFailures) {
  EXPECT_STATUS(StatusCode::kNotFound,
                this->fs().Rename(this->Path("missing"), this->Path("target")));
  this->Write(this->Path("a"), "x");
  EXPECT_STATUS(StatusCode::kNotFound,
                this->fs().Rename(this->Path("a"), this->Path("missing/target")));
  ASSERT_OK(this->fs().CreateDirectories(this->Path("d")));
  EXPECT_STATUS(StatusCode::kIoError, this->fs().Rename(this->Path("a"), this->Path("d")));
  EXPECT_EQ(this->Read(this->Path("a")), "x");
}

TYPED_TEST(FileSystemTest, RemoveDeletesTheNameButNotAnOpenReadersBytes) {
  this->Write(this->Path("a"), "bytes");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RandomAccessFile> reader,
                       this->fs().OpenForRead(this->Path("a")));
  ASSERT_OK(this->fs().Remove(this->Path("a")));
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().OpenForRead(this->Path("a")));
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().Remove(this->Path("a")));
  std::string buffer(5, '\0');
  ASSERT_OK_AND_ASSIGN(const size_t num_read, reader->ReadAt(0, buffer));
  EXPECT_EQ(num_read, 5u);
  EXPECT_EQ(buffer, "bytes");
}

TYPED_TEST(FileSystemTest, RemoveRefusesADirectory) {
  ASSERT_OK(this->fs().CreateDirectories(this->Path("d")));
  EXPECT_STATUS(StatusCode::kIoError, this->fs().Remove(this->Path("d")));
}

TYPED_TEST(FileSystemTest, CreateDirectoriesMakesEveryLevelAndIsIdempotent) {
  ASSERT_OK(this->fs().CreateDirectories(this->Path("x/y/z")));
  ASSERT_OK(this->fs().CreateDirectories(this->Path("x/y/z")));
  ASSERT_OK(this->fs().CreateDirectories(this->Path("x/y/z/")));
  this->Write(this->Path("x/y/z/f"), "deep");
  EXPECT_EQ(this->Read(this->Path("x//y/./z/f")), "deep");
}

TYPED_TEST(FileSystemTest, CreateDirectoriesStopsAtAFile) {
  this->Write(this->Path("f"), "");
  EXPECT_STATUS(StatusCode::kAlreadyExists, this->fs().CreateDirectories(this->Path("f")));
  EXPECT_STATUS(StatusCode::kAlreadyExists, this->fs().CreateDirectories(this->Path("f/g")));
}

TYPED_TEST(FileSystemTest, ListDirectoryNamesFilesAndDirectoriesInByteOrder) {
  ASSERT_OK(this->fs().CreateDirectories(this->Path("d/sub/deeper")));
  this->Write(this->Path("d/b"), "");
  this->Write(this->Path("d/a"), "");
  this->Write(this->Path("d/sub/not-listed"), "");
  this->Write(this->Path("d/B"), "");
  EXPECT_THAT(this->fs().ListDirectory(this->Path("d")).value(), ElementsAre("B", "a", "b", "sub"));
  ASSERT_OK(this->fs().CreateDirectories(this->Path("empty")));
  EXPECT_THAT(this->fs().ListDirectory(this->Path("empty")).value(), IsEmpty());
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().ListDirectory(this->Path("missing")));
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().ListDirectory(this->Path("d/a")));
}

TYPED_TEST(FileSystemTest, RemoveDirectoryNeedsAnEmptyDirectory) {
  ASSERT_OK(this->fs().CreateDirectories(this->Path("d")));
  this->Write(this->Path("d/a"), "");
  EXPECT_STATUS(StatusCode::kIoError, this->fs().RemoveDirectory(this->Path("d")));
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().RemoveDirectory(this->Path("d/a")));
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().RemoveDirectory(this->Path("missing")));
  ASSERT_OK(this->fs().Remove(this->Path("d/a")));
  ASSERT_OK(this->fs().RemoveDirectory(this->Path("d")));
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().ListDirectory(this->Path("d")));
}

TYPED_TEST(FileSystemTest, SyncDirectoryNeedsADirectory) {
  ASSERT_OK(this->fs().SyncDirectory(this->Path("")));
  this->Write(this->Path("a"), "");
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().SyncDirectory(this->Path("a")));
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().SyncDirectory(this->Path("missing")));
}

TYPED_TEST(FileSystemTest, StatTellsFilesFromDirectoriesAndNamesTheReplacedFileApart) {
  ASSERT_OK(this->fs().CreateDirectories(this->Path("d")));
  this->Write(this->Path("d/a"), "abc");
  this->Write(this->Path("d/b"), "wxyz");
  ASSERT_OK_AND_ASSIGN(FileStat directory, this->fs().Stat(this->Path("d")));
  EXPECT_TRUE(directory.is_directory);
  ASSERT_OK_AND_ASSIGN(FileStat before, this->fs().Stat(this->Path("d/a")));
  EXPECT_FALSE(before.is_directory);
  EXPECT_EQ(before.size, 3U);
  ASSERT_OK(this->fs().Rename(this->Path("d/b"), this->Path("d/a")));
  ASSERT_OK_AND_ASSIGN(FileStat after, this->fs().Stat(this->Path("d/a")));
  EXPECT_EQ(after.size, 4U);
  if (before.file_id != 0) {
    EXPECT_NE(after.file_id, before.file_id);
  }
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().Stat(this->Path("missing")));
  EXPECT_STATUS(StatusCode::kNotFound, this->fs().Stat(this->Path("d/a/below-a-file")));
}

TYPED_TEST(FileSystemTest, ErrorMessagesNameThePath) {
  const Result<uint64_t> size = this->fs().FileSize(this->Path("missing-file"));
  ASSERT_FALSE(size.ok());
  EXPECT_THAT(size.status().message(), ::testing::HasSubstr(this->Path("missing-file")));
}

}  // namespace
}  // namespace stratus::io
