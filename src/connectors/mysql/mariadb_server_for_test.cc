#include "connectors/mysql/mariadb_server_for_test.h"

#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/format.h"
#include "connectors/mysql/socket_internal.h"

extern char** environ;

namespace stratus::connectors::mysql {
namespace {

Result<pid_t> Spawn(const std::vector<std::string>& args, const std::string& log_path) {
  std::vector<char*> argv;
  for (const std::string& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int error = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    return Status::IoError(fmt::format("cannot run {}: error {}", args[0], error));
  }
  return pid;
}

Status WaitExit(pid_t pid, const std::string& what) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status::Internal(what + " failed");
  }
  return Status::Ok();
}

std::string UserName() {
  const char* user = ::getenv("USER");
  return user != nullptr && *user != '\0' ? user : (::geteuid() == 0 ? "root" : "nobody");
}

// A data directory made by mariadb-install-db once per user and machine
// (seconds) and copied for each server (a tenth of a second). Concurrent
// test processes race to publish it with rename(), which is atomic.
Result<std::string> TemplateDataDir() {
  const std::string published = "/tmp/smdb-template-" + std::to_string(::geteuid());
  if (std::filesystem::exists(published + "/data/mysql")) {
    return published + "/data";
  }
  std::string pattern = "/tmp/smdb-tmpl.XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::IoError("mkdtemp failed");
  }
  const std::string log = pattern + "/log";
  STRATUS_ASSIGN_OR_RETURN(
      pid_t install,
      Spawn({"mariadb-install-db", "--no-defaults", "--datadir=" + pattern + "/data",
             "--user=" + UserName(), "--auth-root-authentication-method=normal", "--skip-test-db"},
            log));
  STRATUS_RETURN_IF_ERROR(WaitExit(install, "mariadb-install-db (see " + log + ")"));
  if (::rename(pattern.c_str(), published.c_str()) != 0) {
    std::error_code error;
    std::filesystem::remove_all(pattern, error);  // Another process published first.
  }
  return published + "/data";
}

}  // namespace

MariaDbServerForTest::MariaDbServerForTest(std::string dir)
    : dir_(std::move(dir)), socket_path_(dir_ + "/sock") {}

Result<std::unique_ptr<MariaDbServerForTest>> MariaDbServerForTest::Start() {
  std::string pattern = "/tmp/smdb.XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::IoError("mkdtemp failed");
  }
  std::unique_ptr<MariaDbServerForTest> server(
      new MariaDbServerForTest(pattern));  // STRATUS_LINT_ALLOW(private constructor)
  const std::string& dir = server->dir_;
  const std::string log = dir + "/log";
  STRATUS_ASSIGN_OR_RETURN(std::string template_data, TemplateDataDir());
  std::error_code copy_error;
  std::filesystem::copy(template_data, dir + "/data", std::filesystem::copy_options::recursive,
                        copy_error);
  if (copy_error) {
    return Status::IoError("copying " + template_data + ": " + copy_error.message());
  }
  STRATUS_ASSIGN_OR_RETURN(
      server->pid_, Spawn({"/usr/sbin/mariadbd", "--no-defaults", "--user=" + UserName(),
                           "--datadir=" + dir + "/data", "--socket=" + server->socket_path_,
                           "--skip-networking", "--pid-file=" + dir + "/pid", "--log-error=" + log,
                           "--skip-name-resolve", "--local-infile=1", "--max-allowed-packet=64M",
                           "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M"},
                          log));
  for (int attempt = 0; attempt < 600; ++attempt) {
    if (ConnectUnix(server->socket_path_).ok()) {
      return server;
    }
    int status = 0;
    if (::waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
      server->pid_ = -1;
      return Status::Internal("mariadbd exited; see " + log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // STRATUS_LINT_ALLOW(test wait)
  }
  return Status::Timeout("mariadbd not ready after 30 s; see " + log);
}

MariaDbServerForTest::~MariaDbServerForTest() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::error_code error;
  std::filesystem::remove_all(dir_, error);
}

void MariaDbServerForTest::Kill() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
}

}  // namespace stratus::connectors::mysql
