#include "lake/stratus_process_for_test.h"

#include <chrono>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/format.h"

extern char** environ;  // NOLINT: POSIX declares it nowhere else.

namespace stratus::lake {

Result<std::unique_ptr<StratusProcess>> StratusProcess::Start(const Options& options) {
  if (options.binary.empty() || ::access(options.binary.c_str(), X_OK) != 0) {
    return Status::FailedPrecondition(
        Format("no stratus binary at '{}': build the `stratus` target (or set STRATUS_BIN)",
               options.binary));
  }
  std::unique_ptr<StratusProcess> process(new StratusProcess());  // STRATUS_LINT_ALLOW(test)
  // Everything the child needs is built before fork(): after it, only
  // async-signal-safe calls.
  std::vector<std::string> arguments = {
      options.binary,      "serve",  "--port",   "0", "--data-dir",
      process->data_dir(), "--host", "127.0.0.1"};
  std::vector<char*> argv;
  for (std::string& argument : arguments) {
    argv.push_back(argument.data());
  }
  argv.push_back(nullptr);
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    environment.emplace_back(*entry);
  }
  for (const auto& [name, value] : options.environment) {
    environment.push_back(name + "=" + value);
  }
  std::vector<char*> envp;
  for (std::string& entry : environment) {
    envp.push_back(entry.data());
  }
  envp.push_back(nullptr);
  const std::string log_path = process->data_dir() + "/stratus.log";
  const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int pipe_fds[2] = {-1, -1};
  if (log_fd < 0 || ::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return Status::IoError("cannot set up the stratus child's output");
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) {
      ::_exit(126);
    }
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  ::close(log_fd);
  if (pid < 0) {
    ::close(pipe_fds[0]);
    return Status::IoError("fork failed");
  }
  process->pid_ = pid;
  process->stdout_fd_ = pipe_fds[0];

  std::string output;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  constexpr std::string_view kMarker = "listening on http://127.0.0.1:";
  while (true) {
    const size_t at = output.find(kMarker);
    if (at != std::string::npos && output.find('\n', at) != std::string::npos) {
      process->port_ = std::stoi(output.substr(at + kMarker.size()));
      return process;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd poll_fd{.fd = process->stdout_fd_, .events = POLLIN, .revents = 0};
    if (left.count() <= 0 || ::poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) {
      break;
    }
    char buffer[512];
    const ssize_t got = ::read(process->stdout_fd_, buffer, sizeof(buffer));
    if (got <= 0) {
      break;
    }
    output.append(buffer, static_cast<size_t>(got));
  }
  return Status::IoError(Format("stratus did not start (stdout: '{}'; log: {})", output, log_path));
}

StratusProcess::~StratusProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 1000 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (i == 999) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
  }
  if (stdout_fd_ >= 0) {
    ::close(stdout_fd_);
  }
}

}  // namespace stratus::lake
