#include "rds/child_process.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/file_contents.h"
#include "base/format.h"

namespace stratus::rds {
namespace {

constexpr int kSignalExitBase = 128;
constexpr auto kPollInterval = std::chrono::milliseconds(20);

int OpenOr(const std::string& path, int flags, int fallback_flags) {
  if (path.empty()) {
    return ::open("/dev/null", fallback_flags | O_CLOEXEC);
  }
  return ::open(path.c_str(), flags | O_CLOEXEC, 0600);
}

}  // namespace

Result<pid_t> SpawnChild(const std::vector<std::string>& argv,
                         const ChildIo& io,
                         const std::vector<std::string>& extra_environment) {
  if (argv.empty()) {
    return Status::InvalidArgument("no program to run");
  }
  // Everything the child needs is prepared before fork(): after it, only
  // async-signal-safe calls.
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);
  std::vector<std::string> environment_strings;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    environment_strings.emplace_back(*entry);
  }
  environment_strings.insert(environment_strings.end(), extra_environment.begin(),
                             extra_environment.end());
  std::vector<char*> environment;
  environment.reserve(environment_strings.size() + 1);
  for (std::string& entry : environment_strings) {
    environment.push_back(entry.data());
  }
  environment.push_back(nullptr);
  const int input = OpenOr(io.stdin_path, O_RDONLY, O_RDONLY);
  const int output = OpenOr(io.output_path,
                            O_WRONLY | O_CREAT | (io.append_output ? O_APPEND : O_TRUNC), O_WRONLY);
  if (input < 0 || output < 0) {
    const int error = errno;
    if (input >= 0) {
      ::close(input);
    }
    if (output >= 0) {
      ::close(output);
    }
    return Status::IoError(
        Format("cannot open the streams of {}: {}", argv[0], std::strerror(error)));
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    ::close(input);
    ::close(output);
    return Status::IoError(Format("fork for {}: {}", argv[0], std::strerror(error)));
  }
  if (pid == 0) {
    ::setsid();
    ::dup2(input, STDIN_FILENO);
    ::dup2(output, STDOUT_FILENO);
    ::dup2(output, STDERR_FILENO);
    ::close_range(3, ~0U, 0);
    sigset_t all;
    sigemptyset(&all);
    ::sigprocmask(SIG_SETMASK, &all, nullptr);
    ::execve(args[0], args.data(), environment.data());
    ::_exit(127);
  }
  ::close(input);
  ::close(output);
  return pid;
}

Result<int> RunChild(const std::vector<std::string>& argv,
                     const ChildIo& io,
                     const std::vector<std::string>& extra_environment) {
  STRATUS_ASSIGN_OR_RETURN(pid_t pid, SpawnChild(argv, io, extra_environment));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return Status::IoError(Format("waitpid for {}: {}", argv[0], std::strerror(errno)));
    }
  }
  if (WIFSIGNALED(status)) {
    return kSignalExitBase + WTERMSIG(status);
  }
  return WEXITSTATUS(status);
}

bool ProcessAlive(pid_t pid) {
  if (pid <= 0) {
    return false;
  }
  int status = 0;
  const pid_t waited = ::waitpid(pid, &status, WNOHANG);
  if (waited == pid) {
    return false;  // Our child, now reaped.
  }
  if (waited == 0) {
    return true;  // Our child, still running.
  }
  // Not our child (left by an earlier run): ask the kernel, counting a
  // zombie nobody reaped as gone.
  if (::kill(pid, 0) != 0 && errno != EPERM) {
    return false;
  }
  Result<std::string> stat = ReadFileContents(Format("/proc/{}/stat", pid));
  if (!stat.ok()) {
    return true;
  }
  const size_t end_of_name = stat->rfind(')');
  return end_of_name == std::string::npos || end_of_name + 2 >= stat->size() ||
         (*stat)[end_of_name + 2] != 'Z';
}

void TerminateProcess(pid_t pid, int grace_millis) {
  if (!ProcessAlive(pid)) {
    return;
  }
  ::kill(pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_millis);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!ProcessAlive(pid)) {
      return;
    }
    std::this_thread::sleep_for(kPollInterval);  // STRATUS_LINT_ALLOW(polls a process)
  }
  ::kill(pid, SIGKILL);
  while (ProcessAlive(pid)) {
    std::this_thread::sleep_for(kPollInterval);  // STRATUS_LINT_ALLOW(polls a process)
  }
}

}  // namespace stratus::rds
