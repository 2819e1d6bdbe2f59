#include "sql/exec/zeroed_pages.h"

#include <algorithm>
#include <utility>

#include <gtest/gtest.h>

namespace stratus::sql::exec {
namespace {

bool AllZero(const ZeroedPages& pages) {
  return std::all_of(pages.data(), pages.data() + pages.size(), [](uint8_t b) { return b == 0; });
}

TEST(ZeroedPagesTest, HeapAndMappedBuffersStartZeroedAndAreWritable) {
  const size_t sizes[] = {24, ZeroedPages::kMapThreshold - 1, ZeroedPages::kMapThreshold,
                          3 * ZeroedPages::kMapThreshold + 5, ZeroedPages::kHugePageThreshold};
  for (const size_t bytes : sizes) {
    for (const ZeroedPages::Fill fill :
         {ZeroedPages::Fill::kOnFirstTouch, ZeroedPages::Fill::kNow}) {
      ZeroedPages pages(bytes, fill);
      ASSERT_NE(pages.data(), nullptr);
      EXPECT_EQ(pages.size(), bytes);
      EXPECT_TRUE(AllZero(pages)) << bytes;
      pages.data()[0] = 1;
      pages.data()[bytes - 1] = 2;
      EXPECT_EQ(pages.data()[bytes - 1], 2);
    }
  }
}

TEST(ZeroedPagesTest, MovingHandsOverTheBytesAndEmptiesTheSource) {
  ZeroedPages mapped(2 * ZeroedPages::kMapThreshold);
  mapped.data()[7] = 42;
  ZeroedPages moved(std::move(mapped));
  EXPECT_EQ(moved.data()[7], 42);
  EXPECT_EQ(mapped.data(), nullptr);  // NOLINT(bugprone-use-after-move): the moved-from state.
  EXPECT_EQ(mapped.size(), 0u);       // NOLINT(bugprone-use-after-move)
  ZeroedPages small(16);
  small.data()[3] = 9;
  moved = std::move(small);
  EXPECT_EQ(moved.size(), 16u);
  EXPECT_EQ(moved.data()[3], 9);
  moved = ZeroedPages();
  EXPECT_EQ(moved.data(), nullptr);
}

}  // namespace
}  // namespace stratus::sql::exec
