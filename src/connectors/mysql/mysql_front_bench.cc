// Measures the MySQL front side by side with MariaDB on its own:
//   (a) SELECT ... INTO OUTFILE S3 through the front vs the server's own
//       SELECT ... INTO OUTFILE to a local file;
//   (b) the extract engine (stratus extract) vs `mariadb --batch -e` > file;
//   (c) a relayed round trip (SELECT 1 over the front's TCP port) vs one
//       straight to the server's socket.
// Targets: (a) ≥ 0.8× the local rate, (b) ≥ 1.0× the client's rows/s,
// (c) < 50 µs added per round trip.
//
// Usage: stratus_mysql_front_bench [ROWS] [export]   (default 300000; "export":
// part (a) only)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <string>

#include <mysql.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/check.h"
#include "base/fake_clock.h"
#include "base/random.h"
#include "connectors/mysql/extract.h"
#include "connectors/mysql/mariadb_server_for_test.h"
#include "connectors/mysql/mysql_front.h"
#include "io/posix_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "s3/engine.h"
#include "s3/lake_store.h"
#include "storage/temp_dir_for_test.h"

namespace stratus::connectors::mysql {
namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

MYSQL* ConnectTcp(uint16_t port) {
  MYSQL* mysql = mysql_init(nullptr);
  STRATUS_CHECK(
      mysql_real_connect(mysql, "127.0.0.1", "root", "", "bench", port, nullptr, 0) != nullptr,
      "connect: {}", mysql_error(mysql));
  return mysql;
}

MYSQL* ConnectSocket(const std::string& socket) {
  MYSQL* mysql = mysql_init(nullptr);
  STRATUS_CHECK(
      mysql_real_connect(mysql, "localhost", "root", "", "bench", 0, socket.c_str(), 0) != nullptr,
      "connect: {}", mysql_error(mysql));
  return mysql;
}

void Run(MYSQL* mysql, const std::string& sql) {
  STRATUS_CHECK(mysql_query(mysql, sql.c_str()) == 0, "{}: {}", sql, mysql_error(mysql));
  MYSQL_RES* result = mysql_store_result(mysql);
  if (result != nullptr) {
    mysql_free_result(result);
  }
}

double RoundTripMicros(MYSQL* mysql, int count) {
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    Run(mysql, "SELECT 1");
  }
  return Seconds(started) * 1e6 / count;
}

double ProcessCpuSeconds() {
  rusage usage = {};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// A process's CPU time (user + system, all threads) from /proc/PID/stat.
double ProcessCpuSecondsOf(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const size_t name_end = text.rfind(')');
  STRATUS_CHECK(name_end != std::string::npos, "/proc/{}/stat unreadable", pid);
  std::istringstream fields(text.substr(name_end + 2));
  std::string skipped;
  for (int i = 3; i < 14; ++i) {  // state .. cmajflt; utime is field 14.
    fields >> skipped;
  }
  double user_ticks = 0;
  double system_ticks = 0;
  fields >> user_ticks >> system_ticks;
  return (user_ticks + system_ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Reads a result set and throws it away (the server's cost of streaming
// the rows to a client that keeps up); returns the rows read.
long Drain(MYSQL* mysql, const std::string& sql) {
  STRATUS_CHECK(mysql_query(mysql, sql.c_str()) == 0, "{}: {}", sql, mysql_error(mysql));
  MYSQL_RES* result = mysql_use_result(mysql);
  STRATUS_CHECK(result != nullptr, "{}: {}", sql, mysql_error(mysql));
  long rows = 0;
  while (mysql_fetch_row(result) != nullptr) {
    ++rows;
  }
  mysql_free_result(result);
  return rows;
}

// Best (smallest) wall and CPU seconds of one side over the timed rounds.
struct Best {
  double wall = 1e9;
  double server_cpu = 1e9;
  double front_cpu = 1e9;

  void Add(double wall_seconds, double server_seconds, double front_seconds) {
    wall = std::min(wall, wall_seconds);
    server_cpu = std::min(server_cpu, server_seconds);
    front_cpu = std::min(front_cpu, front_seconds);
  }
};

// Runs `run` and adds its wall time, mariadbd's CPU time and this
// process's CPU time (the front's threads: the bench's own thread waits
// meanwhile) to *best when `timed`.
template <typename Fn>
void Measure(pid_t server_pid, bool timed, Best* best, Fn run) {
  const double server_before = ProcessCpuSecondsOf(server_pid);
  const double front_before = ProcessCpuSeconds();
  const auto started = std::chrono::steady_clock::now();
  run();
  const double wall = Seconds(started);
  if (timed) {
    best->Add(wall, ProcessCpuSecondsOf(server_pid) - server_before,
              ProcessCpuSeconds() - front_before);
  }
}

void Line(const char* what, double ours, double theirs, const char* target) {
  std::printf("%-44s %14.0f %14.0f %8.2fx  %s\n", what, ours, theirs,
              theirs > 0 ? ours / theirs : 0.0, target);
}

int Main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 300000;
  const bool export_only = argc > 2 && std::string(argv[2]) == "export";
  std::unique_ptr<MariaDbServerForTest> server = MariaDbServerForTest::Start().value();
  storage::TempDir dir;
  io::PosixFileSystem files;
  FakeClock clock;
  IdGenerator ids(1);
  std::unique_ptr<s3::Engine> engine =
      s3::Engine::Open(s3::EngineOptions{.data_dir = dir.path(), .fsync = false}, files, clock, ids)
          .value();
  auto created = std::make_shared<std::promise<Result<s3::BucketInfo>>>();
  engine->CreateBucket(
      s3::BucketInfo{.name = "bench", .region = "us-east-1", .owner_account = "000000000000"},
      [created](Result<s3::BucketInfo> result) { created->set_value(std::move(result)); });
  STRATUS_CHECK(created->get_future().get().ok(), "bucket");
  s3::LakeStore store(*engine);
  lake::FileStore file_store(files, lake::FileStoreOptions{.sync = false});
  lake::Lake lake(store, file_store);
  std::unique_ptr<MySqlFront> front =
      MySqlFront::Start(MySqlFrontOptions{.backend_socket = server->socket_path(), .lake = &lake})
          .value();

  MYSQL* direct = mysql_init(nullptr);
  STRATUS_CHECK(mysql_real_connect(direct, "localhost", "root", "", nullptr, 0,
                                   server->socket_path().c_str(), 0) != nullptr,
                "connect");
  Run(direct, "CREATE DATABASE bench");
  Run(direct, "USE bench");
  Run(direct,
      "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(12,2), "
      "day DATE) AS SELECT seq AS id, CONCAT('customer-', seq) AS name, "
      "seq * 1.25 AS amount, DATE('2023-01-01') + INTERVAL seq % 365 DAY AS day "
      "FROM seq_1_to_" +
          std::to_string(rows));
  mysql_close(direct);
  std::printf("%ld rows (id, name, amount, day); lake: local S3 engine without fsync\n\n", rows);
  std::printf("%-44s %14s %14s %9s  %s\n", "", "stratus", "mariadb", "ratio", "target");

  // (a) Export: a first, untimed run of each side (the first run of either
  // pays for cold pages and allocations, and one timed run of each on a
  // shared machine varied 0.4x-0.8x), then three rounds, interleaved, best
  // of three, of: the server's own INTO OUTFILE to a local file; INTO
  // OUTFILE S3 through the front; and the same SELECT read by a client that
  // throws the rows away (what streaming the rows costs the server, the
  // floor of any export through a connection). Wall time, mariadbd's CPU
  // time and the front's (this process's rusage) for each.
  MYSQL* socket = ConnectSocket(server->socket_path());
  MYSQL* relayed = ConnectTcp(front->port());
  const std::string local_sql =
      "SELECT * FROM t INTO OUTFILE '" + server->dir() + "/local.txt' FIELDS TERMINATED BY ','";
  const std::string s3_sql =
      "SELECT * FROM t INTO OUTFILE S3 's3://bench/export/t' FIELDS TERMINATED BY ',' "
      "OVERWRITE ON";
  const std::string local_file = server->dir() + "/local.txt";
  Best local;
  Best s3;
  Best drained;
  for (int round = 0; round < 4; ++round) {
    std::remove(local_file.c_str());
    Measure(server->pid(), round > 0, &local, [&] { Run(socket, local_sql); });
    Measure(server->pid(), round > 0, &s3, [&] { Run(relayed, s3_sql); });
    Measure(server->pid(), round > 0, &drained,
            [&] { STRATUS_CHECK(Drain(socket, "SELECT * FROM t") == rows, "rows"); });
  }
  const auto rate = [rows](double seconds) {
    return static_cast<double>(rows) / seconds;
  };
  Line("(a) export rows/s: INTO OUTFILE S3 vs local", rate(s3.wall), rate(local.wall), ">= 0.8x");
  std::printf("%-44s %14.0f %14.0f\n", "    server CPU ns per row (S3 / local)",
              s3.server_cpu * 1e9 / static_cast<double>(rows),
              local.server_cpu * 1e9 / static_cast<double>(rows));
  std::printf("%-44s %14.0f\n", "    front CPU ns per exported row",
              s3.front_cpu * 1e9 / static_cast<double>(rows));
  std::printf("%-44s %14.2f\n", "    CPU-time ratio local / (server + front)",
              local.server_cpu / (s3.server_cpu + s3.front_cpu));
  std::printf("%-44s %14.0f %14.0f\n", "    rows/s, server CPU ns/row: read and dropped",
              rate(drained.wall), drained.server_cpu * 1e9 / static_cast<double>(rows));
  if (export_only) {
    mysql_close(socket);
    mysql_close(relayed);
    front->Stop();
    engine->Stop();
    return 0;
  }

  // (b) Extract.
  auto started = std::chrono::steady_clock::now();
  const std::string client = "mariadb --no-defaults -uroot --socket=" + server->socket_path() +
                             " --batch -e 'SELECT * FROM bench.t' > " + server->dir() +
                             "/client.tsv";
  STRATUS_CHECK(std::system(client.c_str()) == 0, "mariadb client failed");
  const double client_rate = static_cast<double>(rows) / Seconds(started);
  ExtractOptions options;
  options.source =
      MySqlUrl{.user = "root", .host = "127.0.0.1", .port = front->port(), .database = "bench"};
  options.table = "t";
  options.to = "s3://bench/extract/";
  started = std::chrono::steady_clock::now();
  STRATUS_CHECK(RunExtract(options, lake).ok(), "extract failed");
  const double extract_rate = static_cast<double>(rows) / Seconds(started);
  Line("(b) extract rows/s: extract vs mariadb --batch", extract_rate, client_rate, ">= 1.0x");

  // (c) Round trips.
  constexpr int kTrips = 5000;
  RoundTripMicros(socket, 200);
  RoundTripMicros(relayed, 200);
  const double direct_micros = RoundTripMicros(socket, kTrips);
  const double relayed_micros = RoundTripMicros(relayed, kTrips);
  std::printf("%-44s %14.1f %14.1f %8.1fus  %s\n", "(c) SELECT 1 round trip, us (added)",
              relayed_micros, direct_micros, relayed_micros - direct_micros, "< 50us added");
  mysql_close(socket);
  mysql_close(relayed);
  front->Stop();
  engine->Stop();
  return 0;
}

}  // namespace
}  // namespace stratus::connectors::mysql

int main(int argc, char** argv) {
  return stratus::connectors::mysql::Main(argc, argv);
}
