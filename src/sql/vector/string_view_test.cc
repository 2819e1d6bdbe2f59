#include "sql/vector/string_view.h"

#include <string>

#include <gtest/gtest.h>

#include "sql/vector/string_heap.h"

namespace stratus::sql {
namespace {

TEST(StringViewTest, KeepsUpToTwelveBytesInline) {
  const std::string twelve = "abcdefghijkl";
  const StringView view(twelve);
  EXPECT_TRUE(view.is_inline());
  EXPECT_NE(view.data(), twelve.data());
  EXPECT_EQ(view.view(), twelve);
  const std::string thirteen = "abcdefghijklm";
  const StringView pointing(thirteen);
  EXPECT_FALSE(pointing.is_inline());
  EXPECT_EQ(pointing.data(), thirteen.data());
  EXPECT_EQ(pointing.view(), thirteen);
  EXPECT_TRUE(StringView().empty());
}

TEST(StringViewTest, ComparesByContentNotByLocation) {
  const std::string a = "the same long string";
  const std::string b = "the same long string";
  EXPECT_EQ(StringView(a), StringView(b));
  EXPECT_NE(StringView(a), StringView(std::string_view("the same long strinG")));
  EXPECT_NE(StringView(std::string_view("abc")), StringView(std::string_view("abd")));
  EXPECT_NE(StringView(std::string_view("abc")), StringView(std::string_view("abcd")));
  EXPECT_EQ(StringView(std::string_view("")), StringView());
}

TEST(StringHeapTest, CopiesLongStringsIntoStableBlocks) {
  StringHeap heap;
  std::string source(100, 'x');
  std::vector<StringView> views;
  for (int i = 0; i < 2000; ++i) {
    source[0] = static_cast<char>('a' + i % 26);
    views.push_back(heap.Add(source));
  }
  source.assign(100, '?');
  for (int i = 0; i < 2000; ++i) {
    EXPECT_EQ(views[i].view()[0], static_cast<char>('a' + i % 26));
    EXPECT_EQ(views[i].view().substr(1), std::string(99, 'x'));
  }
  EXPECT_GE(heap.allocated_bytes(), 200000u);
}

// Found by text_scan_fuzz: an empty first allocation returned a null pointer.
TEST(StringHeapTest, EmptyAllocationIsAValidPointer) {
  StringHeap heap;
  EXPECT_NE(heap.Allocate(0), nullptr);
}

}  // namespace
}  // namespace stratus::sql
