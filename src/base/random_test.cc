#include "base/random.h"

#include <set>

#include <gtest/gtest.h>

namespace stratus {
namespace {

TEST(RandomTest, UuidHasVersionFourCanonicalForm) {
  IdGenerator ids(42);
  const std::string uuid = ids.Uuid();
  ASSERT_EQ(uuid.size(), 36u);
  EXPECT_EQ(uuid[8], '-');
  EXPECT_EQ(uuid[13], '-');
  EXPECT_EQ(uuid[14], '4');
  EXPECT_EQ(uuid[18], '-');
  EXPECT_TRUE(uuid[19] == '8' || uuid[19] == '9' || uuid[19] == 'a' || uuid[19] == 'b') << uuid;
  EXPECT_EQ(uuid[23], '-');
}

TEST(RandomTest, SameSeedGivesSameSequenceAndIdsDiffer) {
  IdGenerator a(7);
  IdGenerator b(7);
  EXPECT_EQ(a.Uuid(), b.Uuid());
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    seen.insert(a.Uuid());
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RandomTest, HexHasTwoDigitsPerByte) {
  IdGenerator ids(1);
  EXPECT_EQ(ids.Hex(13).size(), 26u);
}

}  // namespace
}  // namespace stratus
