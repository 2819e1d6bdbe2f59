#include "lambda/runtime/sandbox.h"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/format.h"
#include "base/json.h"
#include "http/server.h"
#include "lambda/log.h"

namespace stratus::lambda {
namespace {

constexpr std::string_view kNextPath = "/2018-06-01/runtime/invocation/next";
constexpr std::string_view kInvocationPrefix = "/2018-06-01/runtime/invocation/";
constexpr std::string_view kInitErrorPath = "/2018-06-01/runtime/init/error";
// AWS: a synchronous response is at most 6 MB.
constexpr size_t kMaxResponseBytes = 6291556;
constexpr size_t kReadChunkBytes = 64 * 1024;
constexpr int kPollMillis = 200;
constexpr std::string_view kOutOfMemory = "Runtime.OutOfMemory";

http::Response JsonResponse(int status, const Json& body) {
  http::Response response{.status = status};
  response.headers.Set("Content-Type", "application/json");
  response.body = DumpJson(body);
  return response;
}

http::Response Accepted() {
  return JsonResponse(202, Json{{"status", "OK"}});
}

std::string ErrorDocument(std::string_view type, std::string_view message) {
  return DumpJson(Json{{"errorType", type}, {"errorMessage", message}});
}

// Returns "2024-06-10T12:00:00.000Z" for a wall-clock time in milliseconds.
std::string IsoTime(int64_t millis) {
  const time_t seconds = static_cast<time_t>(millis / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &parts);
  return Format("{}.{:03d}Z", text.data(), static_cast<int>(millis % 1000));
}

std::string ExitDescription(int status) {
  if (WIFSIGNALED(status)) {
    return Format("signal: {}",
                  WTERMSIG(status) == SIGKILL ? "killed" : strsignal(WTERMSIG(status)));
  }
  return Format("exit status {}", WIFEXITED(status) ? WEXITSTATUS(status) : status);
}

}  // namespace

Sandbox::Sandbox(SandboxOptions options) : options_(std::move(options)) {}

Sandbox::~Sandbox() {
  Stop();
  if (status_fd_ >= 0) {
    ::close(status_fd_);
  }
}

Result<std::unique_ptr<Sandbox>> Sandbox::Start(SandboxOptions options) {
  std::unique_ptr<Sandbox> sandbox(
      new Sandbox(std::move(options)));  // STRATUS_LINT_ALLOW(private constructor)
  Sandbox* self = sandbox.get();
  STRATUS_ASSIGN_OR_RETURN(
      sandbox->server_,
      http::Server::Start(http::ServerOptions{.host = "127.0.0.1",
                                              .port = 0,
                                              .num_threads = 1,
                                              .idle_timeout = std::chrono::hours(24),
                                              .max_connections = 16},
                          [self](http::Request request, http::Responder respond) {
                            self->HandleRuntimeApi(std::move(request), std::move(respond));
                          }));
  if (Status spawned = sandbox->Spawn(sandbox->server_->port()); !spawned.ok()) {
    sandbox->server_->Stop();
    return spawned;
  }
  sandbox->reader_ = std::thread([self] { self->ReadOutput(); });
  return sandbox;
}

Status Sandbox::Spawn(uint16_t port) {
  std::vector<std::string> argv = options_.isolation;
  argv.insert(argv.end(), options_.argv.begin(), options_.argv.end());
  std::vector<std::string> environment;
  for (const auto& [name, value] : options_.environment) {
    environment.push_back(Format("{}={}", name, value));
  }
  environment.push_back(Format("AWS_LAMBDA_RUNTIME_API=127.0.0.1:{}", port));
  std::vector<char*> argv_pointers;
  for (std::string& arg : argv) {
    argv_pointers.push_back(arg.data());
  }
  argv_pointers.push_back(nullptr);
  std::vector<char*> env_pointers;
  for (std::string& entry : environment) {
    env_pointers.push_back(entry.data());
  }
  env_pointers.push_back(nullptr);

  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
    return Status::IoError(Format("pipe2: {}", std::strerror(errno)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  if (!options_.working_directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, options_.working_directory.c_str());
  }
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigset_t mask;
  sigemptyset(&mask);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &mask);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  const int spawned = posix_spawnp(&pid_, argv_pointers[0], &actions, &attributes,
                                   argv_pointers.data(), env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    pid_ = -1;
    return Status::FailedPrecondition(
        Format("cannot start {}: {}", argv.front(), std::strerror(spawned)));
  }
  output_fd_ = fds[0];
  ::fcntl(output_fd_, F_SETFL, ::fcntl(output_fd_, F_GETFL) | O_NONBLOCK);
  return Status::Ok();
}

http::Response Sandbox::DeliverLocked() {
  phase_ = Phase::kDelivered;
  http::Response response{.status = 200};
  response.headers.Set("Content-Type", "application/json");
  response.headers.Set("Lambda-Runtime-Aws-Request-Id", current_.request_id);
  response.headers.Set("Lambda-Runtime-Deadline-Ms", std::to_string(deadline_millis_));
  response.headers.Set("Lambda-Runtime-Invoked-Function-Arn", current_.function_arn);
  response.headers.Set("Lambda-Runtime-Trace-Id", current_.trace_id);
  response.body = current_.payload;
  return response;
}

void Sandbox::HandleRuntimeApi(http::Request request, http::Responder respond) {
  if (request.method == "GET" && request.path == kNextPath) {
    std::unique_lock<std::mutex> lock(mu_);
    if (phase_ == Phase::kQueued) {
      http::Response response = DeliverLocked();
      lock.unlock();
      respond(std::move(response));
      return;
    }
    if (parked_next_.has_value()) {
      lock.unlock();
      respond(JsonResponse(400, Json{{"errorType", "InvalidRequest"},
                                     {"errorMessage", "another /next is already waiting"}}));
      return;
    }
    parked_next_ = std::move(respond);
    return;
  }
  if (request.method == "POST" && request.path == kInitErrorPath) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      init_error_ = request.body.empty()
                        ? ErrorDocument("Runtime.Unknown", "The runtime failed to initialize")
                        : request.body;
    }
    cv_.notify_all();
    respond(Accepted());
    return;
  }
  if (request.method == "POST" && request.path.starts_with(kInvocationPrefix)) {
    std::string_view rest = std::string_view(request.path).substr(kInvocationPrefix.size());
    const size_t slash = rest.find('/');
    const std::string_view id = rest.substr(0, slash);
    const std::string_view verb = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    if (verb == "response" || verb == "error") {
      std::unique_lock<std::mutex> lock(mu_);
      if (phase_ != Phase::kDelivered || id != current_.request_id) {
        lock.unlock();
        respond(JsonResponse(
            400, Json{{"errorType", "InvalidRequestID"}, {"errorMessage", "Invalid request ID"}}));
        return;
      }
      if (verb == "response" && request.body.size() > kMaxResponseBytes) {
        result_payload_ = ErrorDocument(
            "Function.ResponseSizeTooLarge",
            Format("Response payload size exceeded maximum allowed payload size ({} bytes).",
                   kMaxResponseBytes));
        result_error_ = "Unhandled";
      } else if (verb == "response") {
        result_payload_ = std::move(request.body);
        result_error_.clear();
      } else {
        const std::string type(
            request.headers.Get("Lambda-Runtime-Function-Error-Type").value_or("Runtime.Unknown"));
        result_payload_ = request.body.empty() || !ParseJson(request.body).ok()
                              ? ErrorDocument(type, "The function returned an error")
                              : std::move(request.body);
        result_error_ = "Unhandled";
        if (type == kOutOfMemory) {
          // AWS: a process out of memory is killed; the pool replaces it.
          out_of_memory_ = true;
          killed_ = true;
          ::kill(-pid_, SIGKILL);
        }
      }
      phase_ = Phase::kFinished;
      lock.unlock();
      cv_.notify_all();
      respond(Accepted());
      return;
    }
  }
  respond(JsonResponse(
      404, Json{{"errorType", "NotFound"}, {"errorMessage", "no such Runtime API route"}}));
}

SandboxOutcome Sandbox::Invoke(const SandboxInvocation& invocation) {
  const auto started = std::chrono::steady_clock::now();
  const auto deadline = started + invocation.timeout;
  {
    std::lock_guard<std::mutex> lock(mu_);
    current_ = invocation;
    phase_ = Phase::kQueued;
    result_payload_.clear();
    result_error_.clear();
    invocation_log_.clear();
    collecting_log_ = true;
    deadline_millis_ = options_.clock->NowMillis() + invocation.timeout.count();
  }
  Emit(Format("START RequestId: {} Version: {}", invocation.request_id, options_.function_version));
  std::optional<http::Response> delivery;
  std::optional<http::Responder> parked;
  bool timed_out = false;
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (parked_next_.has_value() && !exited_) {
      delivery = DeliverLocked();
      parked = std::move(parked_next_);
      parked_next_.reset();
    }
    lock.unlock();
    if (delivery.has_value()) {
      (*parked)(*std::move(delivery));
    }
    lock.lock();
    timed_out = !cv_.wait_until(lock, deadline, [this] {
      return phase_ == Phase::kFinished || exited_ || init_error_.has_value();
    });
  }
  SandboxOutcome outcome;
  const std::string& id = invocation.request_id;
  const double seconds = static_cast<double>(invocation.timeout.count()) / 1000.0;
  if (timed_out) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      killed_ = true;
    }
    ::kill(-pid_, SIGKILL);
    ReadAvailable();
    // AWS: "<time> <request id> Task timed out after 3.00 seconds".
    Emit(Format("{} {} Task timed out after {:.2f} seconds", IsoTime(options_.clock->NowMillis()),
                id, seconds));
    outcome.payload = ErrorDocument(
        "Sandbox.Timedout",
        Format("RequestId: {} Error: Task timed out after {:.2f} seconds", id, seconds));
    outcome.function_error = "Unhandled";
  } else {
    ReadAvailable();
    std::unique_lock<std::mutex> lock(mu_);
    if (phase_ == Phase::kFinished) {
      outcome.payload = result_payload_;
      outcome.function_error = result_error_;
    } else if (init_error_.has_value()) {
      outcome.payload = *init_error_;
      outcome.function_error = "Unhandled";
      killed_ = true;
      lock.unlock();
      ::kill(-pid_, SIGKILL);
    } else {
      outcome.payload = ErrorDocument(
          "Runtime.ExitError", Format("RequestId: {} Error: Runtime exited with error: {}", id,
                                      ExitDescription(exit_status_)));
      outcome.function_error = "Unhandled";
    }
  }
  outcome.duration_millis =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  Emit(Format("END RequestId: {}", id));
  const int64_t billed = static_cast<int64_t>(outcome.duration_millis) + 1;
  const bool out_of_memory = [this] {
    std::lock_guard<std::mutex> lock(mu_);
    return out_of_memory_;
  }();
  Emit(
      Format("REPORT RequestId: {}\tDuration: {:.2f} ms\tBilled Duration: {} ms\tMemory Size: "
             "{} MB\tMax Memory Used: {} MB\t",
             id, outcome.duration_millis, billed, options_.memory_mb,
             out_of_memory ? options_.memory_mb : MaxMemoryUsedMb()));
  std::lock_guard<std::mutex> lock(mu_);
  collecting_log_ = false;
  phase_ = Phase::kIdle;
  outcome.log = std::move(invocation_log_);
  invocation_log_.clear();
  return outcome;
}

bool Sandbox::alive() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !exited_ && !killed_ && !stopped_ && !init_error_.has_value();
}

void Sandbox::Kill() {
  std::lock_guard<std::mutex> lock(mu_);
  if (pid_ > 0 && !exited_) {
    killed_ = true;
    ::kill(-pid_, SIGKILL);
  }
}

void Sandbox::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) {
      return;
    }
    stopped_ = true;
    if (pid_ > 0 && !exited_) {
      ::kill(-pid_, SIGKILL);
    }
  }
  if (reader_.joinable()) {
    reader_.join();
  }
  if (server_ != nullptr) {
    server_->Stop(std::chrono::milliseconds(100));
  }
  std::lock_guard<std::mutex> lock(mu_);
  parked_next_.reset();
}

void Sandbox::ReadOutput() {
  while (true) {
    pollfd ready{.fd = output_fd_, .events = POLLIN, .revents = 0};
    ::poll(&ready, 1, kPollMillis);
    if (!ReadAvailable()) {
      break;
    }
  }
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  ::close(output_fd_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    exited_ = true;
    exit_status_ = status;
  }
  cv_.notify_all();
}

bool Sandbox::ReadAvailable() {
  std::lock_guard<std::mutex> lock(output_mu_);
  std::array<char, kReadChunkBytes> buffer{};
  bool open = true;
  std::vector<std::string> lines;
  while (true) {
    const ssize_t n = ::read(output_fd_, buffer.data(), buffer.size());
    if (n > 0) {
      partial_line_.append(buffer.data(), static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    open = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    break;
  }
  size_t start = 0;
  for (size_t newline = partial_line_.find('\n'); newline != std::string::npos;
       newline = partial_line_.find('\n', start)) {
    lines.push_back(partial_line_.substr(start, newline - start));
    start = newline + 1;
  }
  partial_line_.erase(0, start);
  if (!open && !partial_line_.empty()) {
    lines.push_back(std::move(partial_line_));
    partial_line_.clear();
  }
  EmitLines(std::move(lines));
  return open;
}

void Sandbox::EmitLines(std::vector<std::string> lines) {
  if (lines.empty()) {
    return;
  }
  const int64_t now = options_.clock->NowMillis();
  std::vector<LogLine> events;
  events.reserve(lines.size());
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (std::string& line : lines) {
      if (collecting_log_) {
        invocation_log_ += line;
        invocation_log_ += '\n';
      }
      events.push_back(LogLine{.timestamp_millis = now, .message = std::move(line)});
    }
  }
  if (options_.logs != nullptr) {
    options_.logs->Append(options_.log_group, options_.log_stream, std::move(events));
  }
}

void Sandbox::Emit(std::string line) {
  std::vector<std::string> lines;
  lines.push_back(std::move(line));
  EmitLines(std::move(lines));
}

int64_t Sandbox::MaxMemoryUsedMb() {
  if (status_fd_ < 0) {
    // With bubblewrap the child is bwrap; the function's interpreter is its child.
    pid_t measured = pid_;
    std::ifstream children(Format("/proc/{}/task/{}/children", pid_, pid_));
    pid_t child = 0;
    if (!options_.isolation.empty() && children >> child && child > 0) {
      measured = child;
    }
    status_fd_ = ::open(Format("/proc/{}/status", measured).c_str(), O_RDONLY | O_CLOEXEC);
    if (status_fd_ < 0) {
      return 0;
    }
  }
  // One pread of a file kept open: opening /proc files per invocation costs
  // more than the rest of a warm invoke.
  std::array<char, 4096> buffer{};
  const ssize_t n = ::pread(status_fd_, buffer.data(), buffer.size() - 1, 0);
  if (n <= 0) {
    return 0;
  }
  const std::string_view text(buffer.data(), static_cast<size_t>(n));
  const size_t at = text.find("VmHWM:");
  if (at == std::string_view::npos) {
    return 0;
  }
  return std::strtoll(buffer.data() + at + 6, nullptr, 10) / 1024;
}

}  // namespace stratus::lambda
