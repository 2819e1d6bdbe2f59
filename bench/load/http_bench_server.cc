// http_bench_server: a stratus::http::Server that answers every request with a
// small canned SQS-shaped JSON response, to measure the HTTP layer alone with
// sqs_load (for example `--mode send`).
//
//   http_bench_server [--port 4580] [--threads 2] [--deferred]
//
// --deferred answers from a separate thread in batches, the way a group
// commit would, instead of inside the handler. Runs until SIGINT or SIGTERM.

#include <charconv>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "http/server.h"

namespace {

using stratus::http::Request;
using stratus::http::Responder;
using stratus::http::Response;

Response CannedResponse(const Request& request) {
  Response response;
  response.headers.Add("Content-Type", "application/x-amz-json-1.0");
  response.headers.Add("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
  const std::string_view target = request.headers.Get("X-Amz-Target").value_or("");
  if (target == "AmazonSQS.ReceiveMessage") {
    response.body = "{}";
  } else {
    response.body = R"({"MD5OfMessageBody":"0cc175b9c0f1b6a831c399e269772661",)"
                    R"("MessageId":"5fea7756-0ea4-451a-a703-a558b933e274"})";
  }
  return response;
}

// Answers parked requests from its own thread, a batch at a time.
class DeferredResponder {
 public:
  DeferredResponder() : thread_([this] { Loop(); }) {}

  DeferredResponder(const DeferredResponder&) = delete;
  DeferredResponder& operator=(const DeferredResponder&) = delete;

  ~DeferredResponder() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    changed_.notify_one();
    thread_.join();
  }

  void Park(Response response, Responder respond) {
    {
      std::lock_guard lock(mu_);
      parked_.emplace_back(std::move(response), std::move(respond));
    }
    changed_.notify_one();
  }

 private:
  void Loop() {
    std::vector<std::pair<Response, Responder>> batch;
    for (;;) {
      {
        std::unique_lock lock(mu_);
        changed_.wait(lock, [this] { return stop_ || !parked_.empty(); });
        if (stop_) {
          return;
        }
        batch.assign(std::make_move_iterator(parked_.begin()),
                     std::make_move_iterator(parked_.end()));
        parked_.clear();
      }
      for (auto& [response, respond] : batch) {
        respond(std::move(response));
      }
      batch.clear();
    }
  }

  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::pair<Response, Responder>> parked_;  // Guarded by mu_.
  bool stop_ = false;                                  // Guarded by mu_.
  std::thread thread_;
};

}  // namespace

int main(int argc, char** argv) {
  stratus::http::ServerOptions options;
  options.port = 4580;
  bool deferred = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--deferred") {
      deferred = true;
    } else if ((flag == "--port" || flag == "--threads") && i + 1 < argc) {
      const std::string_view value = argv[++i];
      int number = 0;
      std::from_chars(value.data(), value.data() + value.size(), number);
      if (flag == "--port") {
        options.port = static_cast<uint16_t>(number);
      } else {
        options.num_threads = number;
      }
    } else {
      std::fprintf(stderr, "usage: http_bench_server [--port 4580] [--threads 2] [--deferred]\n");
      return 2;
    }
  }

  // Blocks the stop signals before any thread starts, so that only sigwait sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  DeferredResponder deferred_responder;
  auto server = stratus::http::Server::Start(
      options, [&deferred_responder, deferred](const Request& request, Responder respond) {
        Response response = CannedResponse(request);
        if (deferred) {
          deferred_responder.Park(std::move(response), std::move(respond));
        } else {
          respond(std::move(response));
        }
      });
  if (!server.ok()) {
    std::fprintf(stderr, "http_bench_server: %s\n", server.status().ToString().c_str());
    return 1;
  }
  std::printf("listening on 127.0.0.1:%u\n", static_cast<unsigned>((*server)->port()));
  std::fflush(stdout);
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  (*server)->Stop();
  return 0;
}
