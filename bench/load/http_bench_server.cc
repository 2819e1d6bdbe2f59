// http_bench_server: a stratus::http::Server that answers every request with a
// small canned SQS-shaped JSON response, to measure the HTTP layer alone with
// sqs_load (for example `--mode send`).
//
//   http_bench_server [--port 4580] [--threads 2] [--deferred] [--files DIR]
//
// --deferred answers from a separate thread in batches, the way a group
// commit would, instead of inside the handler. --files DIR serves
// /files/NAME from DIR to measure streamed bodies: GET and HEAD stream the
// file (sendfile), PUT streams the body into it through a BodySink. Runs
// until SIGINT or SIGTERM.

#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/server.h"

namespace {

using stratus::Result;
using stratus::Status;
using stratus::http::BodyPiece;
using stratus::http::BodySink;
using stratus::http::BodyStream;
using stratus::http::Request;
using stratus::http::Responder;
using stratus::http::Response;

constexpr std::string_view kFilesPrefix = "/files/";

// Returns the file a /files/NAME path names under `dir`, or nullopt for any
// other path (or a NAME that could leave `dir`).
std::optional<std::string> FilePath(const std::string& dir, std::string_view path) {
  if (dir.empty() || !path.starts_with(kFilesPrefix)) {
    return std::nullopt;
  }
  const std::string_view name = path.substr(kFilesPrefix.size());
  if (name.empty() || name.find('/') != std::string_view::npos || name.starts_with(".")) {
    return std::nullopt;
  }
  return dir + "/" + std::string(name);
}

Status ErrnoStatus(std::string_view what) {
  return Status::IoError(std::string(what) + ": " + std::strerror(errno));
}

// Writes a request body into a file as it arrives.
class FileSink final : public BodySink {
 public:
  explicit FileSink(const std::string& path)
      : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) {
    if (fd_ < 0) {
      status_ = ErrnoStatus("open " + path);
    }
  }

  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  ~FileSink() override {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }

  Status Append(std::string_view bytes) override {
    while (status_.ok() && !bytes.empty()) {
      const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
      if (written < 0 && errno != EINTR) {
        status_ = ErrnoStatus("write");
      } else if (written > 0) {
        bytes.remove_prefix(static_cast<size_t>(written));
        num_bytes_ += static_cast<uint64_t>(written);
      }
    }
    return status_;
  }

  Status Finish() override { return status_; }

  const Status& status() const { return status_; }

  uint64_t num_bytes() const { return num_bytes_; }

 private:
  int fd_;
  Status status_;
  uint64_t num_bytes_ = 0;
};

// Streams a whole file as one sendfile piece.
class FileStream final : public BodyStream {
 public:
  static Result<std::shared_ptr<FileStream>> Open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return ErrnoStatus("open " + path);
    }

    struct stat info {};

    if (::fstat(fd, &info) != 0) {
      Status status = ErrnoStatus("fstat " + path);
      ::close(fd);
      return status;
    }
    return std::make_shared<FileStream>(fd, static_cast<uint64_t>(info.st_size));
  }

  FileStream(int fd, uint64_t size) : fd_(fd), size_(size) {}

  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  ~FileStream() override { ::close(fd_); }

  uint64_t size() const override { return size_; }

  Result<BodyPiece> Next() override {
    if (sent_) {
      return BodyPiece{};
    }
    sent_ = true;
    return BodyPiece{.bytes = {}, .fd = fd_, .offset = 0, .length = size_};
  }

 private:
  int fd_;
  uint64_t size_;
  bool sent_ = false;
};

// Answers a /files/NAME request: a file stream for GET and HEAD, the sink's
// outcome for PUT.
Response FileResponse(const Request& request, const std::string& path) {
  Response response;
  if (request.method == "PUT") {
    const auto* sink = dynamic_cast<const FileSink*>(request.body_sink.get());
    if (sink == nullptr || !sink->status().ok()) {
      response.status = 500;
      response.body = sink == nullptr ? "no sink\n" : sink->status().ToString() + "\n";
      return response;
    }
    response.body = std::to_string(sink->num_bytes()) + " bytes stored\n";
    return response;
  }
  Result<std::shared_ptr<FileStream>> stream = FileStream::Open(path);
  if (!stream.ok()) {
    response.status = 404;
    response.body = stream.status().ToString() + "\n";
    return response;
  }
  response.headers.Add("Content-Type", "application/octet-stream");
  response.body_stream = std::move(stream).value();
  return response;
}

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
  std::string files_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--deferred") {
      deferred = true;
    } else if (flag == "--files" && i + 1 < argc) {
      files_dir = argv[++i];
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
      std::fprintf(stderr,
                   "usage: http_bench_server [--port 4580] [--threads 2] [--deferred] "
                   "[--files DIR]\n");
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
      options,
      [&deferred_responder, deferred, &files_dir](const Request& request, Responder respond) {
        if (std::optional<std::string> path = FilePath(files_dir, request.path)) {
          respond(FileResponse(request, *path));
          return;
        }
        Response response = CannedResponse(request);
        if (deferred) {
          deferred_responder.Park(std::move(response), std::move(respond));
        } else {
          respond(std::move(response));
        }
      },
      [&files_dir](const Request& head) -> std::shared_ptr<BodySink> {
        std::optional<std::string> path = FilePath(files_dir, head.path);
        if (!path.has_value() || head.method != "PUT") {
          return nullptr;
        }
        return std::make_shared<FileSink>(*path);
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
