#include "rds/server_supervisor.h"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "rds/child_process.h"
#include "rds/mariadb_server.h"
#include "storage/temp_dir_for_test.h"
#include "testing/status_matchers.h"

namespace stratus::rds {
namespace {

bool HaveMariaDb() {
  return std::filesystem::exists(MariaDbPrograms{}.server) &&
         std::filesystem::exists(MariaDbPrograms{}.install_db);
}

TEST(ServerSupervisorTest, LongDirectoriesGetShortSocketPaths) {
  const std::string long_dir = "/tmp/" + std::string(120, 'x');
  const MariaDbPaths paths = MariaDbPaths::For(long_dir);
  EXPECT_LE(paths.socket.size(), 107u);
  EXPECT_TRUE(paths.socket.starts_with("/tmp/stratus-rds-"));
  EXPECT_EQ(paths.data_dir, long_dir + "/data");
  EXPECT_EQ(MariaDbPaths::For("/tmp/short").socket, "/tmp/short/mysqld.sock");
  EXPECT_NE(MariaDbPaths::For(long_dir + "a").socket, paths.socket);
}

TEST(ServerSupervisorTest, SqlStringEscapesQuotesAndBackslashes) {
  EXPECT_EQ(SqlString("it's a\\b"), "'it\\'s a\\\\b'");
}

TEST(ServerSupervisorTest, FailedRestartsBackOff) {
  storage::TempDir dir;
  MariaDbPrograms missing;
  missing.server = "/nonexistent/mariadbd";
  auto server =
      std::make_shared<MariaDbServer>(MariaDbPaths::For(dir.File("server")), missing, "adminpw");
  std::filesystem::create_directories(dir.File("server"));
  EXPECT_FALSE(server->Start().ok());  // Wanted, but it cannot run.
  int failures = 0;
  ServerSupervisor supervisor(SupervisorOptions{
      .first_retry_delay = std::chrono::hours(1),
      .on_restart_failed = [&](const std::string& /*name*/, const Status& /*error*/) {
        ++failures;
      }});
  supervisor.Watch("db:broken", server);
  supervisor.ProbeAll();
  supervisor.ProbeAll();
  supervisor.ProbeAll();
  EXPECT_EQ(failures, 1);  // The next attempt waits for its delay.
  supervisor.Stop();
}

// One real server through its whole life (an init costs seconds): init with
// a master user, data written, kill -9, restart by the supervisor with the
// data intact, then a second control plane finding the first one's server
// as an orphan on the same data dir.
TEST(ServerSupervisorTest, RestartsAKilledServerAndStopsOrphans) {
  if (!HaveMariaDb()) {
    GTEST_SKIP() << "mariadb-server is not installed";
  }
  storage::TempDir dir;
  const std::string server_dir = dir.File("server");
  std::filesystem::create_directories(server_dir);
  auto server =
      std::make_shared<MariaDbServer>(MariaDbPaths::For(server_dir), MariaDbPrograms{}, "adminpw");
  EXPECT_FALSE(server->initialized());
  ASSERT_OK(server->Initialize("root", "AmazingPassword", "initial"));
  EXPECT_TRUE(server->initialized());
  ASSERT_OK(server
                ->RunSql("USE initial; CREATE DATABASE myschema; CREATE TABLE myschema.t(x INT); "
                         "INSERT INTO myschema.t VALUES (42);")
                .status());
  ASSERT_OK_AND_ASSIGN(std::string users,
                       server->RunSql("SELECT CONCAT(User, '@', Host) FROM mysql.user "
                                      "WHERE User = 'root' ORDER BY Host;"));
  EXPECT_EQ(users, "root@%\nroot@localhost\n");
  ASSERT_OK_AND_ASSIGN(std::string zone,
                       server->RunSql("SET time_zone = 'US/Eastern'; SELECT @@time_zone;"));
  EXPECT_EQ(zone, "US/Eastern\n");

  std::atomic<int> restarts{0};
  ServerSupervisor supervisor(SupervisorOptions{.on_restarted = [&](const std::string& name) {
    EXPECT_EQ(name, "db:one");
    ++restarts;
  }});
  supervisor.Watch("db:one", server);
  const pid_t first = server->pid();
  ASSERT_GT(first, 0);
  ::kill(first, SIGKILL);
  while (ProcessAlive(first)) {
  }
  supervisor.ProbeAll();
  EXPECT_EQ(restarts.load(), 1);
  EXPECT_TRUE(server->Alive());
  EXPECT_NE(server->pid(), first);
  ASSERT_OK_AND_ASSIGN(std::string rows, server->RunSql("SELECT x FROM myschema.t;"));
  EXPECT_EQ(rows, "42\n");
  supervisor.ProbeAll();
  EXPECT_EQ(restarts.load(), 1);  // A live server is left alone.

  // A new control plane (after a kill -9 of the old one) on the same dir.
  const pid_t orphan = server->pid();
  MariaDbServer successor(MariaDbPaths::For(server_dir), MariaDbPrograms{}, "adminpw");
  ASSERT_OK(successor.Start());
  EXPECT_FALSE(ProcessAlive(orphan));
  EXPECT_NE(successor.pid(), orphan);
  ASSERT_OK_AND_ASSIGN(rows, successor.RunSql("SELECT x FROM myschema.t;"));
  EXPECT_EQ(rows, "42\n");
  successor.Stop();
  EXPECT_FALSE(successor.Alive());
  supervisor.Unwatch("db:one");
  supervisor.Stop();
}

}  // namespace
}  // namespace stratus::rds
