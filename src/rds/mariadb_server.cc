#include "rds/mariadb_server.h"

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>
#include <vector>

#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/file_contents.h"
#include "base/format.h"
#include "rds/child_process.h"
#include "rds/directory_copy.h"
#include "rds/log.h"

namespace stratus::rds {
namespace {

constexpr size_t kMaxSocketPath = sizeof(sockaddr_un{}.sun_path) - 1;
constexpr int kStopGraceMillis = 20000;
constexpr auto kReadyTimeout = std::chrono::seconds(60);
constexpr auto kReadyPoll = std::chrono::milliseconds(25);
constexpr int kGreetingWaitMillis = 1000;
constexpr uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;
constexpr std::string_view kInitializedMarker = "initialized";

uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = kFnvOffset;
  for (const char c : text) {
    hash ^= static_cast<uint8_t>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

std::string CurrentUserName() {
  const passwd* entry = ::getpwuid(::geteuid());
  return entry != nullptr ? std::string(entry->pw_name) : std::to_string(::geteuid());
}

// Returns whether a MySQL server greets a connection on `socket_path`.
bool Greets(const std::string& socket_path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return false;
  }
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  socket_path.copy(address.sun_path, kMaxSocketPath);
  bool greeted = false;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0) {
    pollfd ready{.fd = fd, .events = POLLIN, .revents = 0};
    if (::poll(&ready, 1, kGreetingWaitMillis) == 1) {
      char header[4];
      greeted = ::recv(fd, header, sizeof(header), MSG_WAITALL) == sizeof(header);
    }
  }
  ::close(fd);
  return greeted;
}

std::string Tail(const std::string& path) {
  constexpr size_t kTailBytes = 600;
  Result<std::string> text = ReadFileContents(path);
  if (!text.ok()) {
    return {};
  }
  return text->size() > kTailBytes ? text->substr(text->size() - kTailBytes) : *text;
}

Status WriteText(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    return Status::IoError(Format("cannot write {}", path));
  }
  return Status::Ok();
}

}  // namespace

MariaDbPaths MariaDbPaths::For(const std::string& dir) {
  MariaDbPaths paths{.dir = dir,
                     .data_dir = dir + "/data",
                     .socket = dir + "/mysqld.sock",
                     .pid_file = dir + "/mysqld.pid",
                     .error_log = dir + "/error.log"};
  if (paths.socket.size() > kMaxSocketPath) {
    paths.socket = Format("/tmp/stratus-rds-{:016x}.sock", Fnv1a(dir));
  }
  return paths;
}

std::string SqlString(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\') {
      quoted.push_back('\\');
    }
    quoted.push_back(c);
  }
  quoted.push_back('\'');
  return quoted;
}

MariaDbServer::MariaDbServer(MariaDbPaths paths,
                             MariaDbPrograms programs,
                             std::string admin_password)
    : paths_(std::move(paths)),
      programs_(std::move(programs)),
      admin_password_(std::move(admin_password)) {}

MariaDbServer::~MariaDbServer() = default;

bool MariaDbServer::initialized() const {
  std::error_code error;
  return std::filesystem::exists(paths_.dir + "/" + std::string(kInitializedMarker), error);
}

Status MariaDbServer::Initialize(std::string_view master_user,
                                 std::string_view master_password,
                                 std::string_view database) {
  std::lock_guard<std::mutex> lock(mu_);
  StopLocked();
  std::error_code error;
  // A data dir without the marker is a half-done earlier attempt: start over.
  std::filesystem::remove_all(paths_.data_dir, error);
  std::filesystem::create_directories(paths_.data_dir, error);
  if (error) {
    return Status::IoError(Format("cannot create {}: {}", paths_.data_dir, error.message()));
  }
  const std::string install_log = paths_.dir + "/install.log";
  STRATUS_ASSIGN_OR_RETURN(int installed,
                           RunChild({programs_.install_db, "--no-defaults",
                                     "--datadir=" + paths_.data_dir, "--user=" + CurrentUserName(),
                                     "--auth-root-authentication-method=normal", "--skip-test-db"},
                                    ChildIo{.output_path = install_log}));
  if (installed != 0) {
    return Status::Internal(
        Format("mariadb-install-db exited with {}: {}", installed, Tail(install_log)));
  }
  STRATUS_RETURN_IF_ERROR(StartLocked());
  const std::string master = SqlString(master_user);
  const std::string password = SqlString(master_password);
  const std::string admin = Format("{}@'localhost'", SqlString(kAdminUser));
  std::string sql = Format(
      "CREATE USER {0} IDENTIFIED BY {1};\n"
      "GRANT ALL PRIVILEGES ON *.* TO {0} WITH GRANT OPTION;\n"
      "DELETE FROM mysql.global_priv WHERE User IN ('root', '');\n"
      "FLUSH PRIVILEGES;\n",
      admin, SqlString(admin_password_));
  for (std::string_view host : {"localhost", "%"}) {
    sql += Format(
        "CREATE USER {0}@'{1}' IDENTIFIED BY {2};\n"
        "GRANT ALL PRIVILEGES ON *.* TO {0}@'{1}' WITH GRANT OPTION;\n",
        master, host, password);
  }
  sql += "FLUSH PRIVILEGES;\n";
  if (!database.empty()) {
    sql += Format("CREATE DATABASE IF NOT EXISTS `{}`;\n", database);
  }
  STRATUS_RETURN_IF_ERROR(RunClient(sql, "root", "", /*force=*/false).status());
  // Named time zones ('US/Eastern') need the time zone tables.
  const std::string tz_sql = paths_.dir + "/tzinfo.sql";
  STRATUS_ASSIGN_OR_RETURN(int converted, RunChild({programs_.tzinfo_to_sql, programs_.zoneinfo},
                                                   ChildIo{.output_path = tz_sql}));
  if (converted != 0) {
    kRdsLog.Warn("mariadb-tzinfo-to-sql exited with {}; named time zones are missing", converted);
  } else {
    STRATUS_ASSIGN_OR_RETURN(std::string tz, ReadFileContents(tz_sql));
    // The converter warns on stdout's twin, stderr, about files it skips;
    // those lines are not SQL.
    STRATUS_RETURN_IF_ERROR(
        RunClient("USE mysql;\n" + tz, kAdminUser, admin_password_, /*force=*/true).status());
  }
  std::filesystem::remove(tz_sql, error);
  return WriteText(paths_.dir + "/" + std::string(kInitializedMarker), "1\n");
}

Status MariaDbServer::InitializeFrom(const std::string& data_copy) {
  std::lock_guard<std::mutex> lock(mu_);
  StopLocked();
  std::error_code error;
  std::filesystem::remove(paths_.dir + "/" + std::string(kInitializedMarker), error);
  STRATUS_RETURN_IF_ERROR(CopyDirectoryWhole(data_copy, paths_.data_dir));
  STRATUS_RETURN_IF_ERROR(WriteText(paths_.dir + "/" + std::string(kInitializedMarker), "1\n"));
  return StartLocked();
}

Status MariaDbServer::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  return StartLocked();
}

Status MariaDbServer::StartLocked() {
  wanted_ = true;
  if (pid_ != 0 && ProcessAlive(pid_)) {
    return Status::Ok();
  }
  pid_ = 0;
  STRATUS_RETURN_IF_ERROR(StopOrphan());
  std::error_code error;
  std::filesystem::remove(paths_.socket, error);
  STRATUS_ASSIGN_OR_RETURN(
      pid_t pid,
      SpawnChild(
          {programs_.server, "--no-defaults", "--user=" + CurrentUserName(),
           "--datadir=" + paths_.data_dir, "--socket=" + paths_.socket, "--skip-networking",
           "--pid-file=" + paths_.pid_file, "--log-error=" + paths_.error_log,
           "--skip-name-resolve", "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M",
           "--key-buffer-size=8M", "--performance-schema=OFF", "--character-set-server=utf8mb4",
           "--collation-server=utf8mb4_general_ci", "--local-infile=1"},
          ChildIo{.output_path = paths_.dir + "/mysqld.out", .append_output = true}));
  if (Status ready = WaitUntilReady(pid); !ready.ok()) {
    TerminateProcess(pid, kStopGraceMillis);
    return ready;
  }
  pid_ = pid;
  kRdsLog.Info("mariadb started dir={} pid={}", paths_.dir, pid);
  return Status::Ok();
}

Status MariaDbServer::WaitUntilReady(pid_t pid) {
  const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (Greets(paths_.socket)) {
      return Status::Ok();
    }
    if (!ProcessAlive(pid)) {
      return Status::Internal(Format("mariadbd exited while starting: {}", Tail(paths_.error_log)));
    }
    std::this_thread::sleep_for(kReadyPoll);  // STRATUS_LINT_ALLOW(polls a starting server)
  }
  return Status::Timeout(Format("mariadbd in {} did not accept connections", paths_.dir));
}

Status MariaDbServer::StopOrphan() {
  Result<std::string> text = ReadFileContents(paths_.pid_file);
  if (!text.ok()) {
    return Status::Ok();
  }
  pid_t orphan = 0;
  try {
    orphan = static_cast<pid_t>(std::stol(*text));
  } catch (const std::exception&) {
    return Status::Ok();  // An unreadable pid file names no live server.
  }
  if (orphan <= 0 || !ProcessAlive(orphan)) {
    return Status::Ok();
  }
  // Only a mariadbd on this very data dir is ours to stop.
  Result<std::string> command_line = ReadFileContents(Format("/proc/{}/cmdline", orphan));
  if (!command_line.ok() ||
      command_line->find("--datadir=" + paths_.data_dir + '\0') == std::string::npos) {
    return Status::Ok();
  }
  kRdsLog.Warn("stopping an orphaned mariadb dir={} pid={}", paths_.dir, orphan);
  TerminateProcess(orphan, kStopGraceMillis);
  return Status::Ok();
}

void MariaDbServer::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  StopLocked();
}

void MariaDbServer::StopLocked() {
  wanted_ = false;
  if (pid_ != 0) {
    TerminateProcess(pid_, kStopGraceMillis);
    kRdsLog.Info("mariadb stopped dir={} pid={}", paths_.dir, pid_);
    pid_ = 0;
  }
}

Result<bool> MariaDbServer::RestartIfDied() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!wanted_ || (pid_ != 0 && ProcessAlive(pid_))) {
    return false;
  }
  kRdsLog.Warn("mariadb died dir={} pid={}; restarting", paths_.dir, pid_);
  pid_ = 0;
  STRATUS_RETURN_IF_ERROR(StartLocked());
  return true;
}

bool MariaDbServer::Alive() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pid_ != 0 && ProcessAlive(pid_);
}

pid_t MariaDbServer::pid() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pid_;
}

Result<std::string> MariaDbServer::RunSql(std::string_view sql, bool force) const {
  return RunClient(sql, kAdminUser, admin_password_, force);
}

Result<std::string> MariaDbServer::RunClient(std::string_view sql,
                                             std::string_view user,
                                             std::string_view password,
                                             bool force) const {
  const std::string stem = Format("{}/client-{}-{}", paths_.dir, ::getpid(), next_script_++);
  const std::string input = stem + ".sql";
  const std::string output = stem + ".out";
  STRATUS_RETURN_IF_ERROR(WriteText(input, sql));
  std::vector<std::string> argv = {programs_.client,
                                   "--no-defaults",
                                   "--batch",
                                   "--skip-column-names",
                                   "--socket=" + paths_.socket,
                                   "--user=" + std::string(user)};
  if (force) {
    argv.emplace_back("--force");
  }
  Result<int> exit_code = RunChild(argv, ChildIo{.stdin_path = input, .output_path = output},
                                   {"MYSQL_PWD=" + std::string(password)});
  Result<std::string> text = ReadFileContents(output);
  std::error_code error;
  std::filesystem::remove(input, error);
  std::filesystem::remove(output, error);
  STRATUS_RETURN_IF_ERROR(exit_code.status());
  std::string result = text.ok() ? *std::move(text) : std::string();
  if (*exit_code != 0 && !force) {
    return Status::Internal(Format("SQL on {} failed: {}", paths_.dir, result));
  }
  return result;
}

}  // namespace stratus::rds
