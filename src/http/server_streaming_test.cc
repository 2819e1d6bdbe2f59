// Bodies streamed through a real server on loopback: request bodies into a
// BodySink, response bodies from a BodyStream (memory and sendfile pieces).

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

// A file with fixed contents, unlinked at once (it lives while open).
class TempFile {
 public:
  explicit TempFile(std::string_view contents) {
    std::string path = ::testing::TempDir() + "stratus_http_XXXXXX";
    fd_ = ::mkstemp(path.data());
    EXPECT_GE(fd_, 0) << path;
    ::unlink(path.c_str());
    while (!contents.empty()) {
      const ssize_t written = ::write(fd_, contents.data(), contents.size());
      if (written <= 0) {
        ADD_FAILURE() << "cannot write " << path;
        return;
      }
      contents.remove_prefix(static_cast<size_t>(written));
    }
  }

  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  ~TempFile() { ::close(fd_); }

  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

BodyPiece FilePiece(const TempFile& file, uint64_t offset, uint64_t length) {
  return BodyPiece{.bytes = {}, .fd = file.fd(), .offset = offset, .length = length};
}

BodyPiece MemoryPiece(std::string bytes) {
  return BodyPiece{.bytes = std::move(bytes), .fd = -1, .offset = 0, .length = 0};
}

// Yields fixed pieces, then the end piece; announces `size`. With
// `fail_at`, Next() fails when it would yield that piece. Reports "next" and
// "stream destroyed" events.
class PieceStream final : public BodyStream {
 public:
  PieceStream(uint64_t size,
              std::vector<BodyPiece> pieces,
              Events* events,
              std::optional<size_t> fail_at = std::nullopt)
      : size_(size), pieces_(std::move(pieces)), events_(events), fail_at_(fail_at) {}

  ~PieceStream() override { events_->Add("stream destroyed"); }

  uint64_t size() const override { return size_; }

  Result<BodyPiece> Next() override {
    events_->Add("next");
    if (fail_at_ == next_) {
      return Status::IoError("the disk went away");
    }
    if (next_ == pieces_.size()) {
      return BodyPiece{};
    }
    return pieces_[next_++];
  }

 private:
  const uint64_t size_;
  const std::vector<BodyPiece> pieces_;
  Events* events_;
  const std::optional<size_t> fail_at_;
  size_t next_ = 0;
};

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

// Responds to every request with `make_stream()` (and X-Path).
Handler StreamingHandler(std::function<std::shared_ptr<BodyStream>(const Request&)> make_stream,
                         int status = 200) {
  return [make_stream = std::move(make_stream), status](const Request& request,
                                                        const Responder& respond) {
    Response response;
    response.status = status;
    response.headers.Add("X-Path", request.path);
    response.body_stream = make_stream(request);
    respond(std::move(response));
  };
}

TEST_F(ServerStreamingTest, StreamOfFileAndMemoryPiecesArrivesWholeAndKeepsTheConnection) {
  const std::string first = PatternBytes(0, 3 * kMiB);
  const std::string second = PatternBytes(7777, kMiB);
  const TempFile first_file(first);
  const TempFile second_file(second);
  const std::vector<BodyPiece> pieces = {
      FilePiece(first_file, 100, kMiB),      MemoryPiece("hello"), FilePiece(second_file, 0, kMiB),
      FilePiece(first_file, 2 * kMiB, kMiB), MemoryPiece("!"),
  };
  const std::string expected =
      first.substr(100, kMiB) + "hello" + second + first.substr(2 * kMiB, kMiB) + "!";
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), StreamingHandler([&](const Request&) {
                                        return std::make_shared<PieceStream>(expected.size(),
                                                                             pieces, &events_);
                                      })));
  RawClient client(port());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(client.Send("GET /object HTTP/1.1\r\nHost: h\r\n\r\n"));
    std::optional<Reply> reply = client.Read();
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->Header("content-length"), std::to_string(expected.size()));
    EXPECT_EQ(reply->body.size(), expected.size());
    EXPECT_TRUE(reply->body == expected);
    ASSERT_TRUE(events_.WaitFor("stream destroyed", i + 1));
  }
  // Next() is not asked again once size() bytes came.
  EXPECT_EQ(events_.Count("next"), 2 * 5);
}

TEST_F(ServerStreamingTest, LargeFileStreamWaitsForASlowReaderWithoutTimingOut) {
  const std::string contents = PatternBytes(0, 16 * kMiB);
  const TempFile file(contents);
  ServerOptions options = TestOptions();
  options.request_timeout = 1s;
  options.idle_timeout = 1s;
  ASSERT_NO_FATAL_FAILURE(
      StartServer(options, StreamingHandler([&](const Request&) {
                    return std::make_shared<PieceStream>(
                        contents.size(),
                        std::vector<BodyPiece>{FilePiece(file, 0, 8 * kMiB),
                                               FilePiece(file, 8 * kMiB, 8 * kMiB)},
                        &events_);
                  })));
  RawClient client(port(), /*receive_buffer_bytes=*/64 * 1024);
  ASSERT_TRUE(client.Send("GET /large HTTP/1.1\r\nHost: h\r\n\r\n"));
  // Reading in six steps 250 ms apart takes longer than the write timeout in
  // all; the server waits on a full socket in between.
  for (int i = 1; i <= 6; ++i) {
    ASSERT_TRUE(client.Buffer(static_cast<size_t>(i) * kMiB));
    ::poll(nullptr, 0, 250);
  }
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->body.size(), contents.size());
  EXPECT_EQ(ChecksumOf(reply->body), ChecksumOf(contents));
}

TEST_F(ServerStreamingTest, HeadAnd304AnnounceTheStreamLengthWithoutABody) {
  const std::string body = "0123456789";
  ASSERT_NO_FATAL_FAILURE(
      StartServer(TestOptions(), [&](const Request& request, const Responder& respond) {
        Response response;
        if (request.path == "/plain") {
          // A HEAD answer without a stream may announce a length itself.
          response.headers.Add("Content-Length", "12345");
        } else {
          response.status = request.path == "/304" ? 304 : request.path == "/204" ? 204 : 200;
          response.body_stream = std::make_shared<PieceStream>(
              body.size(), std::vector<BodyPiece>{MemoryPiece(body)}, &events_);
        }
        respond(std::move(response));
      }));
  RawClient client(port());
  ASSERT_TRUE(client.Send("HEAD /object HTTP/1.1\r\nHost: h\r\n\r\n"));
  std::optional<Reply> reply = client.Read(/*head_request=*/true);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("content-length"), "10");
  ASSERT_TRUE(client.Send("HEAD /plain HTTP/1.1\r\nHost: h\r\n\r\n"));
  reply = client.Read(/*head_request=*/true);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("content-length"), "12345");
  ASSERT_TRUE(client.Send("GET /304 HTTP/1.1\r\nHost: h\r\n\r\n"));
  reply = client.Read(/*head_request=*/true);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 304);
  EXPECT_EQ(reply->Header("content-length"), "10");
  ASSERT_TRUE(client.Send("GET /204 HTTP/1.1\r\nHost: h\r\n\r\n"));
  reply = client.Read(/*head_request=*/true);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 204);
  EXPECT_FALSE(reply->Header("content-length").has_value());
  EXPECT_EQ(events_.Count("next"), 0);
  // No body bytes went out before this response.
  ASSERT_TRUE(client.Send("GET /object HTTP/1.1\r\nHost: h\r\n\r\n"));
  reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, body);
}

TEST_F(ServerStreamingTest, StreamThatFailsMidwayClosesTheConnection) {
  struct Case {
    std::string name = {};
    uint64_t size = 0;
    std::vector<BodyPiece> pieces = {};
    std::optional<size_t> fail_at = std::nullopt;
  };

  const TempFile file("0123456789");
  const std::vector<Case> cases = {
      {.name = "error", .size = 20, .pieces = {MemoryPiece("abc")}, .fail_at = 1},
      {.name = "short", .size = 20, .pieces = {MemoryPiece("abc")}, .fail_at = std::nullopt},
      {.name = "long", .size = 5, .pieces = {MemoryPiece("abc"), MemoryPiece("def")}},
      {.name = "past the file", .size = 20, .pieces = {FilePiece(file, 5, 15)}},
      {.name = "bad file", .size = 20, .pieces = {BodyPiece{.fd = 999999, .length = 20}}},
  };
  size_t index = 0;
  std::mutex mu;
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), StreamingHandler([&](const Request&) {
                                        std::lock_guard lock(mu);
                                        const Case& now = cases[index];
                                        return std::make_shared<PieceStream>(now.size, now.pieces,
                                                                             &events_, now.fail_at);
                                      })));
  for (const Case& now : cases) {
    SCOPED_TRACE(now.name);
    RawClient client(port());
    ASSERT_TRUE(client.Send("GET /failing HTTP/1.1\r\nHost: h\r\n\r\n"));
    std::optional<std::string> received = client.ReadToClose();
    ASSERT_TRUE(received.has_value());
    EXPECT_THAT(*received, ::testing::StartsWith("HTTP/1.1 200 OK\r\n"));
    EXPECT_THAT(*received, ::testing::HasSubstr("Content-Length: " + std::to_string(now.size)));
    const size_t body_start = received->find("\r\n\r\n") + 4;
    EXPECT_LT(received->size() - body_start, now.size);
    std::lock_guard lock(mu);
    ++index;
  }
  ASSERT_TRUE(events_.WaitFor("stream destroyed", static_cast<int>(cases.size())));
}

TEST_F(ServerStreamingTest, ClientLeavingMidStreamDropsTheStream) {
  const std::string contents = PatternBytes(0, 32 * kMiB);
  const TempFile file(contents);
  ASSERT_NO_FATAL_FAILURE(StartServer(
      TestOptions(), StreamingHandler([&](const Request&) {
        return std::make_shared<PieceStream>(
            contents.size(), std::vector<BodyPiece>{FilePiece(file, 0, contents.size())}, &events_);
      })));
  {
    RawClient client(port(), /*receive_buffer_bytes=*/64 * 1024);
    ASSERT_TRUE(client.Send("GET /leave HTTP/1.1\r\nHost: h\r\n\r\n"));
    ASSERT_TRUE(client.Buffer(kMiB));
  }
  ASSERT_TRUE(events_.WaitFor("stream destroyed"));
  // The server serves on.
  RawClient client(port());
  ASSERT_TRUE(client.Send("HEAD /again HTTP/1.1\r\nHost: h\r\n\r\n"));
  std::optional<Reply> reply = client.Read(/*head_request=*/true);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("content-length"), std::to_string(contents.size()));
}

}  // namespace
}  // namespace stratus::http
