#include "io/posix_file_system.h"

#include <memory>
#include <string>

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "base/file_contents.h"
#include "io/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::io {
namespace {

using ::testing::HasSubstr;

class PosixFileSystemTest : public ::testing::Test {
 protected:
  std::string Path(std::string_view name) const { return dir_.path() + "/" + std::string(name); }

  TempDir dir_;
  PosixFileSystem fs_;
};

TEST_F(PosixFileSystemTest, FilesAreOrdinaryFilesOnDisk) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, fs_.NewWritableFile(Path("a")));
  ASSERT_OK(file->Append("on disk"));
  ASSERT_OK(file->Close());
  ASSERT_OK_AND_ASSIGN(const std::string contents, ReadFileContents(Path("a")));
  EXPECT_EQ(contents, "on disk");
}

TEST_F(PosixFileSystemTest, SyncWritesBufferedBytesToTheFile) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, fs_.NewWritableFile(Path("a")));
  ASSERT_OK(file->Append("abc"));
  ASSERT_OK(file->Sync());
  ASSERT_OK_AND_ASSIGN(const uint64_t size, fs_.FileSize(Path("a")));
  EXPECT_EQ(size, 3u);
  ASSERT_OK(file->Close());
}

TEST_F(PosixFileSystemTest, ReaderExposesItsDescriptorWithCloseOnExec) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> file, fs_.NewWritableFile(Path("a")));
  ASSERT_OK(file->Append("12345"));
  ASSERT_OK(file->Close());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RandomAccessFile> reader, fs_.OpenForRead(Path("a")));
  const int fd = reader->native_handle();
  ASSERT_GE(fd, 0);
  EXPECT_NE(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
  struct stat info = {};
  ASSERT_EQ(fstat(fd, &info), 0);
  EXPECT_EQ(info.st_size, 5);
}

TEST_F(PosixFileSystemTest, ErrorsCarryTheOperationPathAndSystemMessage) {
  const Result<std::unique_ptr<RandomAccessFile>> missing = fs_.OpenForRead(Path("missing"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "open " + Path("missing") + ": No such file or directory");
  const Status rename = fs_.Rename(Path("missing"), Path("b"));
  EXPECT_THAT(rename.message(), HasSubstr("rename " + Path("missing") + " to " + Path("b")));
}

}  // namespace
}  // namespace stratus::io
