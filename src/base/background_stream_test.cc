#include "base/background_stream.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace stratus {
namespace {

TEST(BackgroundStreamTest, ConsumesEveryPieceInOrder) {
  std::string seen;
  std::unique_ptr<BackgroundStream> stream =
      BackgroundStream::TryStart([&](std::string_view piece) { seen.append(piece); }, 16);
  ASSERT_NE(stream, nullptr);
  std::string sent;
  for (int i = 0; i < 1000; ++i) {
    std::string piece = std::to_string(i) + ",";
    sent += piece;
    stream->Push(piece);
  }
  stream->Push("");
  stream->Drain();
  EXPECT_EQ(seen, sent);
  stream->Push("more");
  stream->Drain();
  EXPECT_EQ(seen, sent + "more");
}

TEST(BackgroundStreamTest, PieceLargerThanTheBoundStillGoesThrough) {
  size_t consumed = 0;
  std::unique_ptr<BackgroundStream> stream =
      BackgroundStream::TryStart([&](std::string_view piece) { consumed += piece.size(); }, 4);
  ASSERT_NE(stream, nullptr);
  stream->Push(std::string(100, 'x'));
  stream->Push(std::string(3, 'y'));
  stream->Drain();
  EXPECT_EQ(consumed, 103U);
}

TEST(BackgroundStreamTest, AtMostOneStreamPerCore) {
  std::vector<std::unique_ptr<BackgroundStream>> streams;
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < cores; ++i) {
    streams.push_back(BackgroundStream::TryStart([](std::string_view) {}, 1));
    ASSERT_NE(streams.back(), nullptr);
  }
  EXPECT_EQ(BackgroundStream::TryStart([](std::string_view) {}, 1), nullptr);
  streams.pop_back();
  EXPECT_NE(BackgroundStream::TryStart([](std::string_view) {}, 1), nullptr);
}

TEST(BackgroundStreamTest, DestroyingDropsWhatIsQueued) {
  std::atomic<int> consumed{0};
  {
    std::unique_ptr<BackgroundStream> stream = BackgroundStream::TryStart(
        [&](std::string_view) { consumed.fetch_add(1); }, 1 << 20);
    ASSERT_NE(stream, nullptr);
    for (int i = 0; i < 100; ++i) {
      stream->Push("piece");
    }
  }
  EXPECT_LE(consumed.load(), 100);
}

}  // namespace
}  // namespace stratus
