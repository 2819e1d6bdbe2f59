// Bodies streamed through a real server on loopback: request bodies into a
// BodySink.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include "base/status.h"
#include "http/server.h"
#include "http/server_test_harness.h"
#include "testing/status_matchers.h"

namespace stratus::http {
namespace {

using namespace std::chrono_literals;

constexpr size_t kMiB = size_t{1024} * 1024;

// Returns `size` bytes of a fixed pattern from `position` on; no period is a
// power of two, so that a misplaced block shows.
std::string PatternBytes(uint64_t position, size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) {
    const uint64_t at = position + i;
    bytes[i] = static_cast<char>((at * 131 + (at >> 9) + (at >> 17)) & 0xff);
  }
  return bytes;
}

// FNV-1a, 64 bits: an order-sensitive checksum of a byte stream.
class Checksum {
 public:
  void Update(std::string_view bytes) {
    for (const char c : bytes) {
      value_ = (value_ ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
  }

  uint64_t value() const { return value_; }

 private:
  uint64_t value_ = 0xcbf29ce484222325ULL;
};

uint64_t ChecksumOf(std::string_view bytes) {
  Checksum checksum;
  checksum.Update(bytes);
  return checksum.value();
}

// Counts named events from any thread; tests wait for them.
class Events {
 public:
  void Add(const std::string& name) {
    {
      std::lock_guard lock(mu_);
      ++counts_[name];
    }
    changed_.notify_all();
  }

  int Count(const std::string& name) {
    std::lock_guard lock(mu_);
    return counts_[name];
  }

  // Waits (up to 5 s) until `name` happened `count` times.
  bool WaitFor(const std::string& name, int count = 1) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, 5s, [&] { return counts_[name] >= count; });
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::map<std::string, int> counts_;  // Guarded by mu_.
};

// Counts and checksums what it receives; fails an Append() that would go
// past `limit` bytes. Reports "append", "finish" and "destroyed" events.
class CountingSink final : public BodySink {
 public:
  CountingSink(uint64_t limit, Events* events) : limit_(limit), events_(events) {}

  ~CountingSink() override { events_->Add("destroyed"); }

  Status Append(std::string_view bytes) override {
    if (!status_.ok()) {
      return Status::Internal("Append() after an error");
    }
    if (num_bytes_ + bytes.size() > limit_) {
      status_ = Status::ResourceExhausted("the body is over the sink's limit");
      return status_;
    }
    num_bytes_ += bytes.size();
    checksum_.Update(bytes);
    events_->Add("append");
    return Status::Ok();
  }

  Status Finish() override {
    ++num_finishes_;
    events_->Add("finish");
    return Status::Ok();
  }

  uint64_t num_bytes() const { return num_bytes_; }

  uint64_t checksum() const { return checksum_.value(); }

  int num_finishes() const { return num_finishes_; }

  const Status& status() const { return status_; }

 private:
  const uint64_t limit_;
  Events* events_;
  uint64_t num_bytes_ = 0;
  Checksum checksum_;
  int num_finishes_ = 0;
  Status status_;
};

// Returns a factory that gives every request a CountingSink, except for
// paths starting with "/memory" (nullptr: the body stays in memory).
BodySinkFactory CountingSinks(Events* events, uint64_t limit = UINT64_MAX) {
  return [events, limit](const Request& head) -> std::shared_ptr<BodySink> {
    events->Add("factory");
    if (head.path.starts_with("/memory")) {
      return nullptr;
    }
    return std::make_shared<CountingSink>(limit, events);
  };
}

// Answers with what the request's sink saw (X-Bytes, X-Checksum, X-Finishes,
// X-Sink-Status), the size of Request::body (X-Body-Bytes), and the X-Trailer
// field.
void DescribeSink(const Request& request, const Responder& respond, Events* events) {
  events->Add("handler");
  Response response;
  response.headers.Add("X-Body-Bytes", std::to_string(request.body.size()));
  response.headers.Add("X-Trailer", std::string(request.headers.Get("x-trailer").value_or("")));
  const auto* sink = dynamic_cast<const CountingSink*>(request.body_sink.get());
  if (sink == nullptr) {
    response.headers.Add("X-Sink-Status", "none");
  } else {
    response.headers.Add("X-Bytes", std::to_string(sink->num_bytes()));
    response.headers.Add("X-Checksum", std::to_string(sink->checksum()));
    response.headers.Add("X-Finishes", std::to_string(sink->num_finishes()));
    response.headers.Add("X-Sink-Status", sink->status().ok() ? "ok" : sink->status().ToString());
  }
  respond(std::move(response));
}

// Sends `size` pattern bytes in 64 KiB writes, generated on the fly; returns
// their checksum.
std::optional<uint64_t> SendPattern(RawClient& client, uint64_t size) {
  Checksum checksum;
  for (uint64_t sent = 0; sent < size;) {
    const std::string block = PatternBytes(sent, std::min<uint64_t>(64 * 1024, size - sent));
    if (!client.Send(block)) {
      return std::nullopt;
    }
    checksum.Update(block);
    sent += block.size();
  }
  return checksum.value();
}

// Returns the request head of a PUT of `size` bytes to `path`.
std::string PutHead(std::string_view path, uint64_t size, std::string_view extra = "") {
  return "PUT " + std::string(path) +
         " HTTP/1.1\r\nHost: h\r\nContent-Length: " + std::to_string(size) + "\r\n" +
         std::string(extra) + "\r\n";
}

class ServerStreamingTest : public ServerFixture {
 protected:
  Events events_;
};

TEST_F(ServerStreamingTest, ContentLengthBodyStreamsIntoTheSink) {
  ASSERT_NO_FATAL_FAILURE(StartServer(
      TestOptions(),
      [this](const Request& request, const Responder& respond) {
        DescribeSink(request, respond, &events_);
      },
      CountingSinks(&events_)));
  constexpr uint64_t kSize = 64 * kMiB;  // Far over max_body_bytes (1 KiB).
  RawClient client(port());
  ASSERT_TRUE(client.Send(PutHead("/big", kSize)));
  const std::optional<uint64_t> checksum = SendPattern(client, kSize);
  ASSERT_TRUE(checksum.has_value());
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->Header("x-sink-status"), "ok");
  EXPECT_EQ(reply->Header("x-bytes"), std::to_string(kSize));
  EXPECT_EQ(reply->Header("x-checksum"), std::to_string(*checksum));
  EXPECT_EQ(reply->Header("x-finishes"), "1");
  EXPECT_EQ(reply->Header("x-body-bytes"), "0");
}

TEST_F(ServerStreamingTest, ChunkedBodyStreamsIntoTheSinkDechunked) {
  ASSERT_NO_FATAL_FAILURE(StartServer(
      TestOptions(),
      [this](const Request& request, const Responder& respond) {
        DescribeSink(request, respond, &events_);
      },
      CountingSinks(&events_)));
  constexpr uint64_t kSize = 64 * kMiB;
  constexpr uint32_t kSeed = 20261207;
  std::mt19937 random(kSeed);
  RawClient client(port());
  ASSERT_TRUE(
      client.Send("PUT /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"));
  Checksum checksum;
  for (uint64_t sent = 0; sent < kSize;) {
    // Chunks from 1 byte to 200 KiB, some with an extension.
    const uint64_t size = std::min<uint64_t>(1 + random() % (200 * 1024), kSize - sent);
    const std::string data = PatternBytes(sent, size);
    char size_hex[32];
    std::snprintf(size_hex, sizeof(size_hex), "%llx", static_cast<unsigned long long>(size));
    const std::string extension = random() % 4 == 0 ? ";name=value" : "";
    ASSERT_TRUE(client.Send(std::string(size_hex) + extension + "\r\n" + data + "\r\n"))
        << "seed " << kSeed;
    checksum.Update(data);
    sent += size;
  }
  ASSERT_TRUE(client.Send("0\r\nX-Trailer: end\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value()) << "seed " << kSeed;
  EXPECT_EQ(reply->Header("x-sink-status"), "ok");
  EXPECT_EQ(reply->Header("x-bytes"), std::to_string(kSize));
  EXPECT_EQ(reply->Header("x-checksum"), std::to_string(checksum.value())) << "seed " << kSeed;
  EXPECT_EQ(reply->Header("x-finishes"), "1");
  EXPECT_EQ(reply->Header("x-trailer"), "end");
  // The connection goes on.
  ASSERT_TRUE(client.Send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n"));
  reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("x-sink-status"), "none");
}

TEST_F(ServerStreamingTest, FactoryIsAskedOnlyForBodiesAndNullKeepsTheMemoryLimit) {
  ASSERT_NO_FATAL_FAILURE(StartServer(
      TestOptions(),
      [this](const Request& request, const Responder& respond) {
        DescribeSink(request, respond, &events_);
      },
      CountingSinks(&events_)));
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET /no-body HTTP/1.1\r\nHost: h\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("x-sink-status"), "none");
  EXPECT_EQ(events_.Count("factory"), 0);

  ASSERT_TRUE(client.Send(PutHead("/memory/small", 5) + "hello"));
  reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->Header("x-sink-status"), "none");
  EXPECT_EQ(reply->Header("x-body-bytes"), "5");
  EXPECT_EQ(events_.Count("factory"), 1);

  ASSERT_TRUE(client.Send(PutHead("/memory/big", 2000) + std::string(2000, 'x')));
  reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 413);
  EXPECT_EQ(events_.Count("handler"), 2);
}

TEST_F(ServerStreamingTest, ExpectContinueIsAnsweredAfterTheSinkIsChosen) {
  ASSERT_NO_FATAL_FAILURE(StartServer(
      TestOptions(),
      [this](const Request& request, const Responder& respond) {
        DescribeSink(request, respond, &events_);
      },
      CountingSinks(&events_)));
  RawClient client(port());
  ASSERT_TRUE(client.Send(PutHead("/e", 3000, "Expect: 100-continue\r\n")));
  std::optional<Reply> interim = client.Read();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  EXPECT_EQ(events_.Count("factory"), 1);
  ASSERT_TRUE(client.Send(std::string(3000, 'y')));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->Header("x-bytes"), "3000");
  EXPECT_EQ(reply->Header("x-checksum"), std::to_string(ChecksumOf(std::string(3000, 'y'))));
}

TEST_F(ServerStreamingTest, SinkErrorDropsTheRestButTheHandlerStillRuns) {
  ASSERT_NO_FATAL_FAILURE(StartServer(
      TestOptions(),
      [this](const Request& request, const Responder& respond) {
        DescribeSink(request, respond, &events_);
      },
      CountingSinks(&events_, /*limit=*/kMiB)));
  for (const bool chunked : {false, true}) {
    SCOPED_TRACE(chunked ? "chunked" : "content-length");
    RawClient client(port());
    constexpr uint64_t kSize = 4 * kMiB;
    if (chunked) {
      ASSERT_TRUE(client.Send(
          "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n400000\r\n"));
      ASSERT_TRUE(SendPattern(client, kSize).has_value());
      ASSERT_TRUE(client.Send("\r\n0\r\n\r\n"));
    } else {
      ASSERT_TRUE(client.Send(PutHead("/l", kSize)));
      ASSERT_TRUE(SendPattern(client, kSize).has_value());
    }
    std::optional<Reply> reply = client.Read();
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->Header("x-sink-status"),
              "ResourceExhausted: the body is over the sink's limit");
    EXPECT_LE(std::stoull(reply->Header("x-bytes").value_or("0")), kMiB);
    EXPECT_EQ(reply->Header("x-finishes"), "0");
    // The rest of the body was read: the connection goes on.
    ASSERT_TRUE(client.Send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n"));
    reply = client.Read();
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->Header("x-sink-status"), "none");
  }
}

TEST_F(ServerStreamingTest, ClientLeavingMidBodyDropsTheSinkWithoutDispatch) {
  ASSERT_NO_FATAL_FAILURE(StartServer(
      TestOptions(),
      [this](const Request& request, const Responder& respond) {
        DescribeSink(request, respond, &events_);
      },
      CountingSinks(&events_)));
  {
    RawClient client(port());
    ASSERT_TRUE(client.Send(PutHead("/gone", 8 * kMiB)));
    ASSERT_TRUE(SendPattern(client, kMiB).has_value());
    ASSERT_TRUE(events_.WaitFor("append"));
  }
  ASSERT_TRUE(events_.WaitFor("destroyed"));
  EXPECT_EQ(events_.Count("finish"), 0);
  EXPECT_EQ(events_.Count("handler"), 0);
}

TEST_F(ServerStreamingTest, MalformedChunkMidBodyDropsTheSinkWithoutDispatch) {
  ASSERT_NO_FATAL_FAILURE(StartServer(
      TestOptions(),
      [this](const Request& request, const Responder& respond) {
        DescribeSink(request, respond, &events_);
      },
      CountingSinks(&events_)));
  RawClient client(port());
  ASSERT_TRUE(client.Send(
      "PUT /bad HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 400);
  ASSERT_TRUE(events_.WaitFor("destroyed"));
  EXPECT_EQ(events_.Count("finish"), 0);
  EXPECT_EQ(events_.Count("handler"), 0);
}

TEST_F(ServerStreamingTest, StreamedBodyTimesOutOnlyWhenItStalls) {
  ServerOptions options = TestOptions();
  options.request_timeout = 1s;
  ASSERT_NO_FATAL_FAILURE(StartServer(
      options,
      [this](const Request& request, const Responder& respond) {
        DescribeSink(request, respond, &events_);
      },
      CountingSinks(&events_)));
  // Six parts 250 ms apart take longer than the request timeout in all.
  RawClient client(port());
  ASSERT_TRUE(client.Send(PutHead("/slow", 6)));
  for (int i = 0; i < 6; ++i) {
    EXPECT_TRUE(client.QuietFor(250ms)) << "the server gave up after part " << i;
    ASSERT_TRUE(client.Send("x"));
  }
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("x-bytes"), "6");

  // A body that stops moving is cut off, and its sink dropped.
  ASSERT_TRUE(client.Send(PutHead("/stalled", 10) + "abc"));
  EXPECT_TRUE(client.WaitForClose());
  ASSERT_TRUE(events_.WaitFor("destroyed", 2));
  EXPECT_EQ(events_.Count("handler"), 1);
}

}  // namespace
}  // namespace stratus::http
