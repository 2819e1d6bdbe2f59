#include "io/atomic_file.h"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/fault_injecting_file_system.h"
#include "io/in_memory_file_system.h"
#include "testing/status_matchers.h"

namespace stratus::io {
namespace {

using ::testing::ElementsAre;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(base_.CreateDirectories("/d")); }

  std::string Read(const std::string& path) {
    Result<std::string> contents = ReadFileToString(base_, path);
    return contents.ok() ? *contents : "<" + contents.status().ToString() + ">";
  }

  InMemoryFileSystem base_;
  FaultInjectingFileSystem fs_{&base_};
};

TEST_F(AtomicFileTest, WritesTheFileAndLeavesNoTemporaryFile) {
  ASSERT_OK(WriteFileAtomically(fs_, "/d/f", "contents"));
  EXPECT_EQ(Read("/d/f"), "contents");
  EXPECT_THAT(base_.ListDirectory("/d").value(), ElementsAre("f"));
}

TEST_F(AtomicFileTest, ReplacesAnExistingFile) {
  ASSERT_OK(WriteFileAtomically(fs_, "/d/f", "old"));
  ASSERT_OK(WriteFileAtomically(fs_, "/d/f", "new"));
  EXPECT_EQ(Read("/d/f"), "new");
}

TEST_F(AtomicFileTest, IsDurableWhenItReturns) {
  ASSERT_OK(WriteFileAtomically(fs_, "/d/f", "durable"));
  ASSERT_OK(fs_.DropUnsyncedData());
  EXPECT_EQ(Read("/d/f"), "durable");
}

TEST_F(AtomicFileTest, StaleTemporaryFileFromAnEarlierCrashIsReplaced) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<WritableFile> stale, base_.NewWritableFile("/d/f.tmp"));
  ASSERT_OK(stale->Append("half-written"));
  ASSERT_OK(stale->Close());
  ASSERT_OK(WriteFileAtomically(fs_, "/d/f", "whole"));
  EXPECT_EQ(Read("/d/f"), "whole");
  EXPECT_THAT(base_.ListDirectory("/d").value(), ElementsAre("f"));
}

TEST_F(AtomicFileTest, FailureRemovesTheTemporaryFileAndKeepsTheOldContents) {
  ASSERT_OK(WriteFileAtomically(fs_, "/d/f", "old"));
  fs_.AddFaultRule({.operation = FileOperation::kRename});
  EXPECT_STATUS(StatusCode::kIoError, WriteFileAtomically(fs_, "/d/f", "new"));
  EXPECT_EQ(Read("/d/f"), "old");
  EXPECT_THAT(base_.ListDirectory("/d").value(), ElementsAre("f"));
}

// Fails each step in turn, then crashes: the file holds the old or the new
// contents, never anything else, and the new ones whenever the call succeeded.
TEST_F(AtomicFileTest, AFaultAtAnyStepFollowedByACrashLeavesOldOrNewContents) {
  ASSERT_OK(WriteFileAtomically(fs_, "/d/f", "old"));
  for (uint64_t step = 0; step < 10; ++step) {
    ASSERT_OK(WriteFileAtomically(fs_, "/d/f", "old"));
    fs_.AddFaultRule({.skip = step});
    const Status status = WriteFileAtomically(fs_, "/d/f", "new");
    fs_.ClearFaultRules();
    ASSERT_OK(fs_.DropUnsyncedData());
    const std::string contents = Read("/d/f");
    if (status.ok()) {
      EXPECT_EQ(contents, "new") << "step " << step;
    } else {
      EXPECT_TRUE(contents == "old" || contents == "new") << "step " << step << ": " << contents;
    }
  }
}

}  // namespace
}  // namespace stratus::io
