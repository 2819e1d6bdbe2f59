#include "http/server.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/server_test_harness.h"
#include "testing/status_matchers.h"

namespace stratus::http {
namespace {

using namespace std::chrono_literals;

// A request a handler parked for the test to answer later.
struct Parked {
  Request request = {};
  Responder respond = nullptr;
};

// Requests a handler parked for the test to answer later.
class ParkedRequests {
 public:
  void Park(Request request, Responder respond) {
    {
      std::lock_guard lock(mu_);
      parked_.push_back(std::make_unique<Parked>(
          Parked{.request = std::move(request), .respond = std::move(respond)}));
    }
    changed_.notify_all();
  }

  // Waits (up to 5 s) for the next parked request; nullptr on timeout.
  std::unique_ptr<Parked> Take() {
    std::unique_lock lock(mu_);
    if (!changed_.wait_for(lock, 5s, [this] { return !parked_.empty(); })) {
      return nullptr;
    }
    std::unique_ptr<Parked> parked = std::move(parked_.front());
    parked_.pop_front();
    return parked;
  }

  size_t size() {
    std::lock_guard lock(mu_);
    return parked_.size();
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Parked>> parked_;  // Guarded by mu_.
};

// Answers with the request echoed: the body, and X-Method/X-Path/X-Query/X-Foo.
void Echo(Request request, const Responder& respond) {
  Response response;
  response.headers.Add("X-Method", request.method);
  response.headers.Add("X-Path", request.path);
  response.headers.Add("X-Query", request.query);
  response.headers.Add("X-Foo", std::string(request.headers.Get("x-foo").value_or("")));
  response.headers.Add("X-Remote", request.remote_address);
  response.body = std::move(request.body);
  respond(std::move(response));
}

// The suite's fixture; see ServerFixture.
class ServerTest : public ServerFixture {};

TEST_F(ServerTest, GetRoundTripCarriesPathQueryAndHeaders) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.Send("GET /a%20b/c?x=1&y=%2F HTTP/1.1\r\nHost: h\r\nX-Foo: bar\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->Header("x-method"), "GET");
  EXPECT_EQ(reply->Header("x-path"), "/a%20b/c");
  EXPECT_EQ(reply->Header("x-query"), "x=1&y=%2F");
  EXPECT_EQ(reply->Header("x-foo"), "bar");
  EXPECT_THAT(reply->Header("x-remote").value_or(""), ::testing::StartsWith("127.0.0.1:"));
  EXPECT_EQ(reply->Header("content-length"), "0");
  EXPECT_EQ(reply->Header("server"), "stratus");
  EXPECT_EQ(reply->Header("date"), "Thu, 01 Jan 2026 00:00:00 GMT");
  EXPECT_FALSE(reply->Header("connection").has_value());
}

TEST_F(ServerTest, PostBodyReachesHandlerAndComesBack) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  ASSERT_TRUE(client.Send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->Header("x-method"), "POST");
  EXPECT_EQ(reply->body, "hello world");
  EXPECT_EQ(reply->Header("content-length"), "11");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  for (int i = 0; i < 5; ++i) {
    const std::string body = "request " + std::to_string(i);
    ASSERT_TRUE(client.Send("POST /k HTTP/1.1\r\nHost: h\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\n\r\n" + body));
    std::optional<Reply> reply = client.Read();
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->body, body);
  }
  EXPECT_EQ(server_->num_connections(), 1u);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  ParkedRequests parked;
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [&](Request request, Responder respond) {
    parked.Park(std::move(request), std::move(respond));
  }));
  RawClient client(port());
  ASSERT_TRUE(
      client.Send("POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\none"
                  "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\ntwo"));
  auto first = parked.Take();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->request.body, "one");
  // The second request waits until the first is answered.
  EXPECT_TRUE(client.QuietFor(50ms));
  EXPECT_EQ(parked.size(), 0u);
  first->respond(Response{.status = 200, .headers = {}, .body = "first"});
  auto second = parked.Take();
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->request.body, "two");
  second->respond(Response{.status = 201, .headers = {}, .body = "second"});
  std::optional<Reply> reply1 = client.Read();
  std::optional<Reply> reply2 = client.Read();
  ASSERT_TRUE(reply1.has_value() && reply2.has_value());
  EXPECT_EQ(reply1->body, "first");
  EXPECT_EQ(reply2->status, 201);
  EXPECT_EQ(reply2->body, "second");
}

TEST_F(ServerTest, ChunkedRequestBodyIsDechunked) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  ASSERT_TRUE(
      client.Send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "5\r\nhello\r\n"));
  ASSERT_TRUE(client.Send("6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "hello world");
  // The connection stays usable.
  ASSERT_TRUE(client.Send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n"));
  reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("x-path"), "/after");
}

TEST_F(ServerTest, ExpectContinueGets100BeforeTheBodyIsSent) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  ASSERT_TRUE(client.Send(
      "PUT /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  std::optional<Reply> interim = client.Read();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.Send("hello"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "hello");
}

TEST_F(ServerTest, ExpectContinueWithOversizedBodyGets413WithoutContinue) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  ASSERT_TRUE(client.Send(
      "PUT /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 413);
  EXPECT_EQ(reply->Header("connection"), "close");
  EXPECT_TRUE(client.WaitForClose());
}

TEST_F(ServerTest, BodyOverTheLimitGets413AndClose) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  ASSERT_TRUE(client.Send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000\r\n\r\n" +
                          std::string(2000, 'x')));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 413);
  EXPECT_FALSE(reply->body.empty());
  EXPECT_EQ(reply->Header("connection"), "close");
  EXPECT_TRUE(client.WaitForClose());
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitGets413) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  std::string request = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) {
    request += "100\r\n" + std::string(256, 'x') + "\r\n";
  }
  request += "0\r\n\r\n";
  ASSERT_TRUE(client.Send(request));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 413);
}

TEST_F(ServerTest, HeaderOverTheLimitGets431) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  ASSERT_TRUE(
      client.Send("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + std::string(4000, 'y') + "\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 431);
  EXPECT_TRUE(client.WaitForClose());
}

TEST_F(ServerTest, MalformedRequestsGet400AndClose) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  const std::vector<std::string> malformed = {
      "GARBAGE\r\n\r\n",
      "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "GET / HTTP/1.1\r\nHost: h\x01\r\n\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 19),
  };
  for (const std::string& request : malformed) {
    RawClient client(port());
    ASSERT_TRUE(client.Send(request));
    std::optional<Reply> reply = client.Read();
    ASSERT_TRUE(reply.has_value()) << request;
    EXPECT_EQ(reply->status, 400) << request;
    EXPECT_EQ(reply->Header("connection"), "close") << request;
    EXPECT_TRUE(client.WaitForClose()) << request;
  }
  // The server is still fine.
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET /ok HTTP/1.1\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
}

TEST_F(ServerTest, RandomBytesNeverBreakTheServer) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  constexpr uint32_t kSeed = 20260101;
  std::mt19937 random(kSeed);
  const std::vector<std::string> prefixes = {
      "", "GET / HTTP/1.1\r\n", "POST / HTTP/1.1\r\n",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"};
  for (int i = 0; i < 200; ++i) {
    std::string request = prefixes[random() % prefixes.size()];
    const size_t size = random() % 300;
    for (size_t j = 0; j < size; ++j) {
      // Mostly printable bytes and line breaks, so that parsing gets somewhere.
      const uint32_t roll = random() % 10;
      request.push_back(roll == 0   ? static_cast<char>(random() % 256)
                        : roll == 1 ? '\n'
                        : roll == 2 ? '\r'
                                    : static_cast<char>(' ' + random() % 95));
    }
    request += "\r\n\r\n";
    RawClient client(port());
    ASSERT_TRUE(client.connected()) << "seed " << kSeed << " iteration " << i;
    client.Send(request);
    client.ShutdownWrite();  // A request still waiting for bytes ends with EOF.
    // Any answer or a close is fine; the server must not hang or die.
    std::optional<Reply> reply = client.Read();
    if (reply.has_value()) {
      EXPECT_GE(reply->status, 200) << "seed " << kSeed << " iteration " << i;
    }
  }
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET /alive HTTP/1.1\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("x-path"), "/alive");
}

TEST_F(ServerTest, UnsupportedHttpVersionGets505) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET / HTTP/2.0\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 505);
}

TEST_F(ServerTest, HeadResponseHasNoBody) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [](const Request&, const Responder& respond) {
    respond(Response{.status = 200, .headers = {}, .body = "hello"});
  }));
  RawClient client(port());
  ASSERT_TRUE(client.Send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"));
  std::optional<Reply> reply = client.Read(/*head_request=*/true);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("content-length"), "5");
  // No body bytes precede the next response.
  ASSERT_TRUE(client.Send("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "hello");
}

TEST_F(ServerTest, ClientConnectionCloseIsHonoured) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("connection"), "close");
  EXPECT_TRUE(client.WaitForClose());
}

TEST_F(ServerTest, Http10KeepsAliveOnlyWhenAsked) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  RawClient keep(port());
  ASSERT_TRUE(keep.Send("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  std::optional<Reply> reply = keep.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("connection"), "keep-alive");
  ASSERT_TRUE(keep.Send("GET /2 HTTP/1.0\r\n\r\n"));
  reply = keep.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("connection"), "close");
  EXPECT_TRUE(keep.WaitForClose());
}

TEST_F(ServerTest, HandlerMayRespondLaterFromAnotherThread) {
  ParkedRequests parked;
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [&](Request request, Responder respond) {
    parked.Park(std::move(request), std::move(respond));
  }));
  RawClient client(port());
  ASSERT_TRUE(client.Send("POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"));
  auto request = parked.Take();
  ASSERT_NE(request, nullptr);
  EXPECT_TRUE(client.QuietFor(20ms));
  std::thread responder_thread([respond = std::move(request->respond)] {
    Response response;
    response.status = 202;
    response.headers.Add("Content-Type", "text/plain");
    response.body = "later";
    respond(std::move(response));
  });
  responder_thread.join();
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 202);
  EXPECT_EQ(reply->Header("content-type"), "text/plain");
  EXPECT_EQ(reply->body, "later");
}

TEST_F(ServerTest, OnlyTheFirstResponderCallCounts) {
  ASSERT_NO_FATAL_FAILURE(
      StartServer(TestOptions(), [](const Request& request, const Responder& respond) {
        respond(Response{.status = 200, .headers = {}, .body = "first " + request.path});
        respond(Response{.status = 500, .headers = {}, .body = "second"});
      }));
  RawClient client(port());
  for (const std::string path : {"/a", "/b"}) {
    ASSERT_TRUE(client.Send("GET " + path + " HTTP/1.1\r\n\r\n"));
    std::optional<Reply> reply = client.Read();
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, "first " + path);
  }
  EXPECT_TRUE(client.QuietFor(20ms));
}

TEST_F(ServerTest, DroppedResponderGets500) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [](const Request&, const Responder&) {}));
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET / HTTP/1.1\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 500);
}

TEST_F(ServerTest, ThrowingHandlerGets500) {
  ASSERT_NO_FATAL_FAILURE(StartServer(
      TestOptions(), [](const Request&, const Responder&) { throw std::runtime_error("boom"); }));
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET / HTTP/1.1\r\n\r\n"));
  std::optional<Reply> reply = client.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 500);
}

TEST_F(ServerTest, StalledRequestIsClosedAfterRequestTimeout) {
  ServerOptions options = TestOptions();
  options.request_timeout = 100ms;
  ASSERT_NO_FATAL_FAILURE(StartServer(options, Echo));
  RawClient client(port());
  ASSERT_TRUE(client.Send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.WaitForClose());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAfterIdleTimeout) {
  ServerOptions options = TestOptions();
  options.idle_timeout = 1s;
  ASSERT_NO_FATAL_FAILURE(StartServer(options, Echo));
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET / HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(client.Read().has_value());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.WaitForClose());
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GT(waited, 500ms);
  EXPECT_LT(waited, 4s);
}

TEST_F(ServerTest, FurtherConnectionsWaitAtMaxConnections) {
  ServerOptions options = TestOptions();
  options.max_connections = 1;
  ASSERT_NO_FATAL_FAILURE(StartServer(options, Echo));
  auto first = std::make_unique<RawClient>(port());
  ASSERT_TRUE(first->Send("GET /1 HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(first->Read().has_value());
  RawClient second(port());  // Completes the handshake in the listen backlog.
  ASSERT_TRUE(second.Send("GET /2 HTTP/1.1\r\n\r\n"));
  EXPECT_TRUE(second.QuietFor(100ms));
  first.reset();
  std::optional<Reply> reply = second.Read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->Header("x-path"), "/2");
}

TEST_F(ServerTest, ManyClientsInParallelGetTheirOwnResponses) {
  std::mutex mu;
  std::vector<std::thread> workers;  // Guarded by mu.
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [&](Request request, Responder respond) {
    if (request.path == "/inline") {
      Echo(std::move(request), respond);
      return;
    }
    std::lock_guard lock(mu);
    workers.emplace_back([request = std::move(request), respond = std::move(respond)]() mutable {
      Echo(std::move(request), respond);
    });
  }));
  constexpr int kNumClients = 6;
  constexpr int kNumRequests = 100;
  std::atomic<int> num_ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kNumClients; ++c) {
    clients.emplace_back([&, c] {
      RawClient client(port());
      for (int i = 0; i < kNumRequests; ++i) {
        const std::string body = std::to_string(c) + ":" + std::to_string(i);
        const std::string path = i % 2 == 0 ? "/inline" : "/thread";
        std::string request = "POST " + path;
        request += " HTTP/1.1\r\nContent-Length: " + std::to_string(body.size());
        request += "\r\n\r\n" + body;
        client.Send(request);
        std::optional<Reply> reply = client.Read();
        if (reply.has_value() && reply->body == body && reply->Header("x-path") == path) {
          ++num_ok;
        }
      }
    });
  }
  for (std::thread& client : clients) {
    client.join();
  }
  EXPECT_EQ(num_ok.load(), kNumClients * kNumRequests);
  server_->Stop();
  for (std::thread& worker : workers) {
    worker.join();
  }
}

TEST_F(ServerTest, SingleIoThreadTakesResponsesFromOtherThreads) {
  ServerOptions options = TestOptions();
  options.num_threads = 1;
  ParkedRequests parked;
  ASSERT_NO_FATAL_FAILURE(StartServer(options, [&](Request request, Responder respond) {
    parked.Park(std::move(request), std::move(respond));
  }));
  std::thread answerer([&] {
    for (int i = 0; i < 50; ++i) {
      std::unique_ptr<Parked> next = parked.Take();
      if (next == nullptr) {
        return;
      }
      next->respond(Response{.status = 200, .headers = {}, .body = next->request.body});
    }
  });
  RawClient client(port());
  for (int i = 0; i < 50; ++i) {
    const std::string body = "n" + std::to_string(i);
    ASSERT_TRUE(client.Send("POST / HTTP/1.1\r\nContent-Length: " + std::to_string(body.size()) +
                            "\r\n\r\n" + body));
    std::optional<Reply> reply = client.Read();
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->body, body);
  }
  answerer.join();
}

TEST_F(ServerTest, StopLetsAnInFlightResponseFinish) {
  ParkedRequests parked;
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [&](Request request, Responder respond) {
    parked.Park(std::move(request), std::move(respond));
  }));
  RawClient idle(port());
  ASSERT_TRUE(idle.connected());
  RawClient busy(port());
  ASSERT_TRUE(busy.Send("GET /busy HTTP/1.1\r\n\r\n"));
  auto request = parked.Take();
  ASSERT_NE(request, nullptr);

  std::thread stopper([this] { server_->Stop(5s); });
  // Stop() closes idle connections and the listener before the response goes out.
  EXPECT_TRUE(idle.WaitForClose());
  const auto give_up = std::chrono::steady_clock::now() + 5s;
  while (RawClient(port()).connected() && std::chrono::steady_clock::now() < give_up) {
  }
  request->respond(Response{.status = 200, .headers = {}, .body = "finished"});
  std::optional<Reply> reply = busy.Read();
  stopper.join();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->body, "finished");
  EXPECT_EQ(reply->Header("connection"), "close");
  EXPECT_TRUE(busy.WaitForClose());
}

TEST_F(ServerTest, StopGivesUpOnAHandlerThatNeverResponds) {
  ParkedRequests parked;
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [&](Request request, Responder respond) {
    parked.Park(std::move(request), std::move(respond));
  }));
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET /never HTTP/1.1\r\n\r\n"));
  auto request = parked.Take();
  ASSERT_NE(request, nullptr);
  const auto start = std::chrono::steady_clock::now();
  server_->Stop(50ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_TRUE(client.WaitForClose());
  server_.reset();
  // A response after the server is gone is dropped quietly.
  request->respond(Response{.status = 200, .headers = {}, .body = "too late"});
}

TEST_F(ServerTest, ResponderDroppedAfterServerIsGoneIsHarmless) {
  ParkedRequests parked;
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), [&](Request request, Responder respond) {
    parked.Park(std::move(request), std::move(respond));
  }));
  RawClient client(port());
  ASSERT_TRUE(client.Send("GET / HTTP/1.1\r\n\r\n"));
  auto request = parked.Take();
  ASSERT_NE(request, nullptr);
  server_->Stop(10ms);
  server_.reset();
  request.reset();  // Drops the last responder copy: its 500 goes nowhere.
}

TEST_F(ServerTest, StartFailsWhenThePortIsTaken) {
  ASSERT_NO_FATAL_FAILURE(StartServer(TestOptions(), Echo));
  ServerOptions options = TestOptions();
  options.port = port();
  const Result<std::unique_ptr<Server>> second = Server::Start(options, Echo);
  EXPECT_STATUS(StatusCode::kIoError, second);
}

}  // namespace
}  // namespace stratus::http
