#include "lambda/runtime/batching_log_sink.h"

#include <chrono>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

namespace stratus::lambda {
namespace {

struct Appended {
  std::string group;
  std::string stream;
  std::vector<std::string> messages;
};

class RecordingSink final : public LogSink {
 public:
  void Append(const std::string& group,
              const std::string& stream,
              std::vector<LogLine> lines) override {
    Appended appended{.group = group, .stream = stream, .messages = {}};
    for (LogLine& line : lines) {
      appended.messages.push_back(std::move(line.message));
    }
    std::lock_guard<std::mutex> lock(mu);
    calls.push_back(std::move(appended));
  }

  std::vector<Appended> Calls() {
    std::lock_guard<std::mutex> lock(mu);
    return calls;
  }

  std::mutex mu;
  std::vector<Appended> calls;
};

std::vector<LogLine> Lines(std::initializer_list<const char*> messages) {
  std::vector<LogLine> lines;
  for (const char* message : messages) {
    lines.push_back(LogLine{.timestamp_millis = 1, .message = message});
  }
  return lines;
}

TEST(BatchingLogSinkTest, HandsOnOneAppendPerStreamInOrder) {
  RecordingSink inner;
  BatchingLogSink sink(inner, BatchingLogSinkOptions{.interval = std::chrono::hours(1)});
  sink.Append("/aws/lambda/a", "s1", Lines({"START", "hello"}));
  sink.Append("/aws/lambda/b", "s2", Lines({"other"}));
  sink.Append("/aws/lambda/a", "s1", Lines({"END", "REPORT"}));
  EXPECT_TRUE(inner.Calls().empty());
  sink.Stop();
  const std::vector<Appended> calls = inner.Calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].group, "/aws/lambda/a");
  EXPECT_EQ(calls[0].messages, (std::vector<std::string>{"START", "hello", "END", "REPORT"}));
  EXPECT_EQ(calls[1].stream, "s2");
  EXPECT_EQ(calls[1].messages, (std::vector<std::string>{"other"}));
}

TEST(BatchingLogSinkTest, HandsOnWithinTheInterval) {
  RecordingSink inner;
  BatchingLogSink sink(inner, BatchingLogSinkOptions{.interval = std::chrono::milliseconds(5)});
  sink.Append("g", "s", Lines({"line"}));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (inner.Calls().empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(inner.Calls().size(), 1u);
  sink.Stop();
}

TEST(BatchingLogSinkTest, AppendsAfterStopGoStraightThrough) {
  RecordingSink inner;
  BatchingLogSink sink(inner, BatchingLogSinkOptions{.interval = std::chrono::hours(1)});
  sink.Stop();
  sink.Append("g", "s", Lines({"late"}));
  ASSERT_EQ(inner.Calls().size(), 1u);
  EXPECT_EQ(inner.Calls()[0].messages, (std::vector<std::string>{"late"}));
}

}  // namespace
}  // namespace stratus::lambda
