// Position delete files read into sorted positions per data file: files that
// name one data file (equal file_path bounds) and files that name many, paths
// too long for Parquet statistics, unsorted and repeated positions, and many
// delete files over many data files merged.

#include "formats/iceberg/delete_files.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/iceberg/test_table_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::formats::iceberg {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A data file path longer than the 64 bytes our Parquet writer keeps
// statistics for: its delete files carry no file_path bounds.
std::string LongPath(int n) {
  return "s3://bucket/warehouse/db/table/data/dt=2024-01-01/00000-0-1f2e3d4c-5b6a-7988-"
         "a7b6-c5d4e3f2a1b0-" +
         std::to_string(n) + ".parquet";
}

class DeleteFilesTest : public ::testing::Test {
 protected:
  Result<DataFile> Write(const std::string& path,
                         const std::vector<std::pair<std::string, int64_t>>& rows) {
    return table_.WritePositionDeletes(Schema{}, path, {}, rows);
  }

  TestTable table_;
};

TEST_F(DeleteFilesTest, AFileNamingOneDataFileIsMatchedByItsBounds) {
  const std::string data = "file:///w/t/data/a.parquet";
  ASSERT_OK_AND_ASSIGN(DataFile file,
                       Write("file:///w/t/data/a-deletes.parquet",
                             {{data, 7}, {data, 3}, {data, 7}, {data, 0}, {data, 12}}));
  ASSERT_EQ(file.lower_bounds.at(kDeleteFilePathFieldId), data);
  ASSERT_EQ(file.upper_bounds.at(kDeleteFilePathFieldId), data);
  ASSERT_OK_AND_ASSIGN(PositionDeletes all, ReadPositionDeleteFile(table_.io(), file));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_THAT(all[data], ElementsAre(0, 3, 7, 12));
  ASSERT_OK_AND_ASSIGN(PositionDeletes own, ReadPositionDeleteFile(table_.io(), file, data));
  EXPECT_THAT(own[data], ElementsAre(0, 3, 7, 12));
  ASSERT_OK_AND_ASSIGN(PositionDeletes other,
                       ReadPositionDeleteFile(table_.io(), file, "file:///w/t/data/b.parquet"));
  EXPECT_THAT(other, IsEmpty());
}

TEST_F(DeleteFilesTest, EqualBoundsNameTheDataFileWithoutReadingThePathColumn) {
  // Bounds are the contract: equal ones leave no other path in the file.
  ASSERT_OK_AND_ASSIGN(DataFile file, Write("file:///w/t/data/x-deletes.parquet",
                                            {{"file:///w/t/data/x.parquet", 1}}));
  file.lower_bounds[kDeleteFilePathFieldId] = "file:///w/t/data/y.parquet";
  file.upper_bounds[kDeleteFilePathFieldId] = "file:///w/t/data/y.parquet";
  ASSERT_OK_AND_ASSIGN(PositionDeletes all, ReadPositionDeleteFile(table_.io(), file));
  EXPECT_THAT(all["file:///w/t/data/y.parquet"], ElementsAre(1));
  EXPECT_EQ(all.count("file:///w/t/data/x.parquet"), 0u);
}

TEST_F(DeleteFilesTest, LongPathsWithoutBoundsAreReadFromThePathColumn) {
  const std::string a = LongPath(1);
  const std::string b = LongPath(2);
  ASSERT_GT(a.size(), 64u);
  ASSERT_OK_AND_ASSIGN(DataFile file, Write("file:///w/t/data/ab-deletes.parquet",
                                            {{a, 5}, {a, 2}, {b, 9}, {b, 1}, {b, 9}}));
  EXPECT_EQ(file.lower_bounds.count(kDeleteFilePathFieldId), 0u);
  ASSERT_OK_AND_ASSIGN(PositionDeletes all, ReadPositionDeleteFile(table_.io(), file));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_THAT(all[a], ElementsAre(2, 5));
  EXPECT_THAT(all[b], ElementsAre(1, 9));
  ASSERT_OK_AND_ASSIGN(PositionDeletes only_b, ReadPositionDeleteFile(table_.io(), file, b));
  ASSERT_EQ(only_b.size(), 1u);
  EXPECT_THAT(only_b[b], ElementsAre(1, 9));
}

TEST_F(DeleteFilesTest, ManyDeleteFilesOverManyDataFilesMerge) {
  // 12 data files; 30 delete files, each naming one or three of them (some
  // short paths with bounds, some long ones without), positions overlapping.
  std::vector<std::string> data;
  for (int i = 0; i < 12; ++i) {
    data.push_back(i % 2 == 0 ? "file:///w/t/data/f" + std::to_string(i) + ".parquet"
                              : LongPath(100 + i));
  }
  std::map<std::string, std::set<int64_t>> expected;
  std::vector<DataFile> files;
  for (int d = 0; d < 30; ++d) {
    std::vector<std::pair<std::string, int64_t>> rows;
    const int names = d % 3 == 0 ? 3 : 1;
    for (int k = 0; k < names; ++k) {
      const std::string& path = data[static_cast<size_t>((d * 5 + k * 7) % 12)];
      for (int64_t p = 0; p < 2000; p += 3 + d % 5) {
        const int64_t pos = (p * 7 + d) % 2000;
        rows.emplace_back(path, pos);
        expected[path].insert(pos);
      }
    }
    std::sort(rows.begin(), rows.end());  // As the spec asks: by path, then pos.
    ASSERT_OK_AND_ASSIGN(
        DataFile file, Write("file:///w/t/data/d" + std::to_string(d) + "-deletes.parquet", rows));
    files.push_back(std::move(file));
  }
  ASSERT_OK_AND_ASSIGN(PositionDeletes merged, ReadPositionDeletes(table_.io(), files));
  ASSERT_EQ(merged.size(), expected.size());
  for (const auto& [path, positions] : expected) {
    EXPECT_EQ(merged[path], std::vector<int64_t>(positions.begin(), positions.end())) << path;
  }
  // One data file at a time, as a reader of a single file asks.
  for (const std::string& path : data) {
    ASSERT_OK_AND_ASSIGN(PositionDeletes one, ReadPositionDeletes(table_.io(), files, path));
    const std::set<int64_t>& want = expected[path];
    EXPECT_EQ(one[path], std::vector<int64_t>(want.begin(), want.end())) << path;
    EXPECT_LE(one.size(), 1u);
  }
}

TEST_F(DeleteFilesTest, MergeKeepsListsSortedAndUnique) {
  PositionDeletes into = {{"a", {1, 4, 9}}};
  MergePositionDeletes({{"a", {0, 4, 10}}, {"b", {3}}}, &into);
  EXPECT_THAT(into["a"], ElementsAre(0, 1, 4, 9, 10));
  EXPECT_THAT(into["b"], ElementsAre(3));
}

}  // namespace
}  // namespace stratus::formats::iceberg
