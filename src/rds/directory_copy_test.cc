#include "rds/directory_copy.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "base/file_contents.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::rds {
namespace {

void Write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

TEST(DirectoryCopyTest, CopiesTheTreeAndLeavesNoPartialCopy) {
  storage::TempDir dir;
  Write(dir.File("from/ibdata1"), "pages");
  Write(dir.File("from/myschema/users.ibd"), "rows");
  ASSERT_OK(CopyDirectoryWhole(dir.File("from"), dir.File("snap/data")));
  ASSERT_OK_AND_ASSIGN(std::string rows,
                       ReadFileContents(dir.File("snap/data/myschema/users.ibd")));
  EXPECT_EQ(rows, "rows");
  EXPECT_FALSE(std::filesystem::exists(dir.File("snap/data.partial")));
}

TEST(DirectoryCopyTest, ReplacesAnEarlierCopyAndALeftoverPartialOne) {
  storage::TempDir dir;
  Write(dir.File("from/ibdata1"), "new");
  Write(dir.File("snap/data/stale"), "old");
  Write(dir.File("snap/data.partial/half"), "interrupted");
  ASSERT_OK(CopyDirectoryWhole(dir.File("from"), dir.File("snap/data")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("snap/data/stale")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("snap/data.partial")));
  ASSERT_OK_AND_ASSIGN(std::string text, ReadFileContents(dir.File("snap/data/ibdata1")));
  EXPECT_EQ(text, "new");
}

TEST(DirectoryCopyTest, AMissingSourceIsNotFoundAndLeavesNothing) {
  storage::TempDir dir;
  EXPECT_EQ(CopyDirectoryWhole(dir.File("absent"), dir.File("snap/data")).code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.File("snap/data")));
}

}  // namespace
}  // namespace stratus::rds
