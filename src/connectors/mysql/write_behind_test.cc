#include <atomic>
#include <string>

#include <gtest/gtest.h>

#include "connectors/mysql/write_behind_internal.h"

namespace stratus::connectors::mysql {
namespace {

TEST(WriteBehindTest, WritesEveryBufferInOrder) {
  std::string written;
  WriteBehind behind([&](std::string_view bytes) { written.append(bytes); }, 2);
  std::string sent;
  std::string buffer;
  for (int i = 0; i < 1000; ++i) {
    buffer = std::to_string(i) + ",";
    sent += buffer;
    behind.Swap(&buffer);
    EXPECT_TRUE(buffer.empty());
  }
  std::string nothing;
  behind.Swap(&nothing);
  behind.Drain();
  EXPECT_EQ(written, sent);
}

TEST(WriteBehindTest, SwapHandsBackTheMemoryOfAWrittenBuffer) {
  std::string written;
  WriteBehind behind([&](std::string_view bytes) { written.append(bytes); }, 1);
  std::string buffer(1 << 16, 'a');
  const char* first_memory = buffer.data();
  behind.Swap(&buffer);
  behind.Drain();
  buffer.assign(10, 'b');
  behind.Swap(&buffer);  // The written 64 KiB buffer comes back.
  EXPECT_TRUE(buffer.empty());
  EXPECT_GE(buffer.capacity(), size_t{1} << 16);
  EXPECT_EQ(buffer.data(), first_memory);
  behind.Drain();
  EXPECT_EQ(written, std::string(1 << 16, 'a') + std::string(10, 'b'));
}

TEST(WriteBehindTest, DestroyingDropsWhatIsQueuedAndJoins) {
  std::atomic<int> written{0};
  {
    WriteBehind behind([&](std::string_view) { written.fetch_add(1); }, 100);
    for (int i = 0; i < 50; ++i) {
      std::string buffer = "piece";
      behind.Swap(&buffer);
    }
  }
  EXPECT_LE(written.load(), 50);
}

}  // namespace
}  // namespace stratus::connectors::mysql
