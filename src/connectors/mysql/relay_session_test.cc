// The front against a scripted server on a unix socket: replies a real
// MariaDB sends only now and then (a progress report ahead of a LOAD DATA's
// OK) and backend connections that end at chosen points, every time.
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <mysql.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "base/check.h"
#include "connectors/mysql/mysql_front.h"
#include "connectors/mysql/mysql_front_fixture_for_test.h"
#include "connectors/mysql/packet.h"
#include "connectors/mysql/packet_channel_internal.h"
#include "connectors/mysql/socket_internal.h"
#include "storage/temp_dir_for_test.h"

namespace stratus::connectors::mysql {
namespace {

// What the scripted server does next on its connection.
enum class Step {
  // Answers a LOAD DATA LOCAL INFILE: asks for the file, reads it, then
  // sends a progress report and the OK in one write.
  kLoadThenProgressAndOk,
  // Asks for the file, reads it, and closes the connection unanswered.
  kLoadThenClose,
  // Closes the connection without waiting for a command (as the end of
  // the script does).
  kClose,
};

// A HandshakeV10 for mysql_native_password, as a MySQL server sends it.
std::string Greeting() {
  const uint32_t capabilities = kClientLongPassword | kClientLocalFiles | kClientProtocol41 |
                                kClientTransactions | kClientSecureConnection |
                                kClientMultiResults | kClientPluginAuth;
  std::string greeting(1, '\x0a');
  greeting += "10.11.6-scripted";
  greeting.push_back('\0');
  AppendFixedInt(&greeting, 7, 4);  // Connection id.
  greeting += "abcdefgh";
  greeting.push_back('\0');
  AppendFixedInt(&greeting, capabilities & 0xffff, 2);
  AppendFixedInt(&greeting, 0x21, 1);    // utf8_general_ci.
  AppendFixedInt(&greeting, 0x0002, 2);  // Autocommit.
  AppendFixedInt(&greeting, capabilities >> 16, 2);
  AppendFixedInt(&greeting, 21, 1);  // Scramble length.
  greeting += std::string(10, '\0');
  greeting += "ijklmnopqrst";
  greeting.push_back('\0');
  greeting += "mysql_native_password";
  greeting.push_back('\0');
  return greeting;
}

// MariaDB's progress report: stage 2 of 2, 0%, with the stage's name.
std::string ProgressReport() {
  std::string report(1, static_cast<char>(kErrHeader));
  AppendFixedInt(&report, kProgressReportCode, 2);
  AppendFixedInt(&report, 1, 1);  // One string follows.
  AppendFixedInt(&report, 2, 1);  // Stage.
  AppendFixedInt(&report, 2, 1);  // Stages.
  AppendFixedInt(&report, 0, 3);  // Per mille * 1000.
  AppendLengthEncodedString(&report, "End bulk insert");
  return report;
}

// Serves one connection on a unix socket by a script of steps.
class ScriptedServer {
 public:
  explicit ScriptedServer(std::vector<Step> steps) : path_(dir_.path() + "/sock") {
    listener_ = UniqueFd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    path_.copy(address.sun_path, sizeof(address.sun_path) - 1);
    STRATUS_CHECK(::bind(listener_.get(), reinterpret_cast<const sockaddr*>(&address),
                         sizeof(address)) == 0 &&
                      ::listen(listener_.get(), 4) == 0,
                  "listen on {}", path_);
    thread_ = std::thread([this, steps = std::move(steps)] { Serve(steps); });
  }

  ~ScriptedServer() {
    listener_.Shutdown();
    thread_.join();
  }

  const std::string& path() const { return path_; }

  // The LOCAL INFILE contents received, one entry per load.
  std::vector<std::string> loaded() {
    std::lock_guard<std::mutex> lock(mu_);
    return loaded_;
  }

 private:
  void Serve(const std::vector<Step>& steps) {
    UniqueFd connection(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!connection.valid()) {
      return;
    }
    PacketChannel channel(connection.get());
    if (!channel.WritePayload(Greeting(), 0).ok()) {
      return;
    }
    Result<Message> response = channel.ReadMessage();
    if (!response.ok() ||
        !channel.WritePayload(OkPayload(OkFields{}), response->last_sequence() + 1).ok()) {
      return;
    }
    for (Step step : steps) {
      if (step == Step::kClose) {
        return;
      }
      Result<Message> query = channel.ReadMessage();
      if (!query.ok() || HeaderByte(query->payload) != kComQuery ||
          query->payload.find("LOCAL INFILE") == std::string::npos) {
        return;
      }
      if (!channel
               .WritePayload("\xfb"
                             "file",
                             1)
               .ok()) {
        return;
      }
      std::string contents;
      uint8_t sequence = 0;
      while (true) {
        Result<Message> data = channel.ReadMessage();
        if (!data.ok()) {
          return;
        }
        sequence = data->last_sequence() + 1;
        if (data->payload.empty()) {
          break;
        }
        contents += data->payload;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        loaded_.push_back(contents);
      }
      if (step == Step::kLoadThenClose) {
        return;
      }
      uint8_t after_report = 0;
      std::string reply = EncodePackets(ProgressReport(), sequence, &after_report);
      reply += EncodePackets(OkPayload(OkFields{.affected_rows = 3}), after_report, nullptr);
      if (!channel.Write(reply).ok()) {
        return;
      }
    }
    // The script ran out: the connection closes.
  }

  storage::TempDir dir_;
  std::string path_;
  UniqueFd listener_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> loaded_;  // Guarded by mu_.
};

// Whether the socket reaches end of stream within 10 s (bytes before the
// end are read and dropped).
bool SeesEndOfStream(int fd) {
  char buffer[4096];
  while (true) {
    pollfd ready{.fd = fd, .events = POLLIN, .revents = 0};
    if (::poll(&ready, 1, 10'000) != 1) {
      return false;
    }
    const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got <= 0) {
      return got == 0;
    }
  }
}

class RelaySessionTest : public ::testing::Test {
 protected:
  // A front on `server` and a Connector/C connection through it (reads
  // time out after 10 s, so that a hang fails the test).
  MYSQL* Connect(const ScriptedServer& server) {
    Result<std::unique_ptr<MySqlFront>> front = MySqlFront::Start(
        MySqlFrontOptions{.backend_socket = server.path(), .lake = &lake_.lake()});
    EXPECT_TRUE(front.ok()) << front.status().ToString();
    if (!front.ok()) {
      return nullptr;
    }
    front_ = std::move(*front);
    mysql_ = mysql_init(nullptr);
    const unsigned int timeout = 10;
    mysql_optionsv(mysql_, MYSQL_OPT_READ_TIMEOUT, &timeout);
    if (mysql_real_connect(mysql_, "127.0.0.1", "root", "", nullptr, front_->port(), nullptr, 0) ==
        nullptr) {
      ADD_FAILURE() << "connect: " << mysql_error(mysql_);
      return nullptr;
    }
    return mysql_;
  }

  void TearDown() override {
    if (mysql_ != nullptr) {
      mysql_close(mysql_);
    }
    if (front_ != nullptr) {
      front_->Stop();
    }
  }

  LakeForTest lake_;
  std::unique_ptr<MySqlFront> front_;
  MYSQL* mysql_ = nullptr;
};

TEST_F(RelaySessionTest, AProgressReportAheadOfTheLoadReplyIsSkipped) {
  ASSERT_OK(lake_.lake().Write("s3://datalake/in/rows", "1\n2\n3\n").status());
  ScriptedServer server({Step::kLoadThenProgressAndOk, Step::kLoadThenProgressAndOk});
  MYSQL* mysql = Connect(server);
  ASSERT_NE(mysql, nullptr);
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(mysql_query(mysql, "LOAD DATA FROM S3 's3://datalake/in/rows' INTO TABLE t"), 0)
        << mysql_error(mysql);
    EXPECT_EQ(mysql_affected_rows(mysql), 3u);
  }
  EXPECT_EQ(server.loaded(), (std::vector<std::string>{"1\n2\n3\n", "1\n2\n3\n"}));
}

TEST_F(RelaySessionTest, ABackendThatClosesDuringALoadEndsTheClientConnectionWithAnError) {
  ASSERT_OK(lake_.lake().Write("s3://datalake/in/rows", "1\n2\n3\n").status());
  ScriptedServer server({Step::kLoadThenClose});
  MYSQL* mysql = Connect(server);
  ASSERT_NE(mysql, nullptr);
  EXPECT_NE(mysql_query(mysql, "LOAD DATA FROM S3 's3://datalake/in/rows' INTO TABLE t"), 0);
  EXPECT_EQ(mysql_errno(mysql), 1105u) << mysql_error(mysql);
  EXPECT_TRUE(SeesEndOfStream(mysql_get_socket(mysql)));
}

TEST_F(RelaySessionTest, ABackendThatClosesBetweenCommandsEndsTheClientConnection) {
  ScriptedServer server({Step::kClose});
  MYSQL* mysql = Connect(server);
  ASSERT_NE(mysql, nullptr);
  EXPECT_TRUE(SeesEndOfStream(mysql_get_socket(mysql)));
}

}  // namespace
}  // namespace stratus::connectors::mysql
