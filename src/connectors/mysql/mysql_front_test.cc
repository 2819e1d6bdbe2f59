// The front against real MariaDB servers (mariadb-install-db + mariadbd in
// a temp dir), driven by MariaDB Connector/C, with a lake over a real S3
// engine in a temp dir.
#include "connectors/mysql/mysql_front.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include "base/format.h"
#include "connectors/mysql/handshake.h"
#include "connectors/mysql/mysql_front_fixture_for_test.h"
#include "connectors/mysql/mysql_front_internal.h"
#include "connectors/mysql/packet.h"
#include "connectors/mysql/packet_channel_internal.h"
#include "connectors/mysql/socket_internal.h"
#include "lake/lake.h"

namespace stratus::connectors::mysql {
namespace {

TEST_F(MySqlFrontTest, RelaysQueriesToTheServer) {
  EXPECT_EQ(One("SELECT 1"), "1");
  EXPECT_EQ(One("SELECT CONCAT('a', 'b'), NULL"), "ab|NULL");
  EXPECT_EQ(One("SELECT 'mentions s3 but is no S3 statement'"),
            "mentions s3 but is no S3 statement");
}

TEST_F(MySqlFrontTest, ServerErrorsReachTheClient) {
  EXPECT_EQ(Exec("SELECT * FROM myschema.no_such_table"),
            "1146: Table 'myschema.no_such_table' doesn't exist");
  EXPECT_EQ(One("SELECT 2"), "2");
}

TEST_F(MySqlFrontTest, PortInUseIsAlreadyExists) {
  EXPECT_STATUS(StatusCode::kAlreadyExists,
                MySqlFront::Start(MySqlFrontOptions{.port = front_->port(),
                                                    .backend_socket = server_->socket_path()}));
}

TEST_F(MySqlFrontTest, StopClosesOpenConnections) {
  EXPECT_EQ(One("SELECT 2"), "2");
  front_->Stop();
  EXPECT_NE(mysql_query(mysql_, "SELECT 3"), 0);
  front_->Stop();  // Idempotent.
}

TEST_F(MySqlFrontTest, PreparedStatementsPassThrough) {
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.prepared (id INT, name VARCHAR(20))"), "");
  MYSQL_STMT* insert = mysql_stmt_init(mysql_);
  const std::string sql = "INSERT INTO myschema.prepared VALUES (?, ?)";
  ASSERT_EQ(mysql_stmt_prepare(insert, sql.c_str(), sql.size()), 0) << mysql_stmt_error(insert);
  int id = 0;
  char name[20] = {};
  unsigned long name_length = 0;
  MYSQL_BIND params[2] = {};
  params[0].buffer_type = MYSQL_TYPE_LONG;
  params[0].buffer = &id;
  params[1].buffer_type = MYSQL_TYPE_STRING;
  params[1].buffer = name;
  params[1].length = &name_length;
  ASSERT_EQ(mysql_stmt_bind_param(insert, params), 0);
  for (id = 1; id <= 3; ++id) {
    name_length = static_cast<unsigned long>(snprintf(name, sizeof(name), "name-%d", id));
    ASSERT_EQ(mysql_stmt_execute(insert), 0) << mysql_stmt_error(insert);
  }
  mysql_stmt_close(insert);
  EXPECT_EQ(Rows("SELECT id, name FROM myschema.prepared ORDER BY id"),
            (std::vector<std::string>{"1|name-1", "2|name-2", "3|name-3"}));
}

TEST_F(MySqlFrontTest, MultiStatementsPassThrough) {
  MYSQL* mysql = Connect(CLIENT_MULTI_STATEMENTS);
  ASSERT_NE(mysql, nullptr);
  ASSERT_EQ(mysql_query(mysql, "SELECT 1; SELECT 2, 3; DO 4"), 0) << mysql_error(mysql);
  std::vector<std::string> seen;
  do {
    MYSQL_RES* result = mysql_store_result(mysql);
    if (result != nullptr) {
      MYSQL_ROW row = mysql_fetch_row(result);
      seen.push_back(row[0]);
      mysql_free_result(result);
    }
  } while (mysql_next_result(mysql) == 0);
  EXPECT_EQ(seen, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(Exec("SELECT 5", mysql), "");
  mysql_close(mysql);
}

TEST_F(MySqlFrontTest, A20MegabyteRowCrossesBothWays) {
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.big (id INT, body LONGTEXT)"), "");
  std::string body(20 << 20, 'x');
  for (size_t i = 0; i < body.size(); i += 4096) {
    body[i] = static_cast<char>('a' + (i / 4096) % 26);
  }
  ASSERT_EQ(Exec("INSERT INTO myschema.big VALUES (1, '" + body + "')"), "");
  std::vector<std::string> rows = Rows("SELECT id, body FROM myschema.big");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0] == "1|" + body) << "row of " << rows[0].size() << " bytes differs";
  // The same row exported: a message of several packets on the way in.
  ASSERT_EQ(Exec("SELECT body FROM myschema.big INTO OUTFILE S3 's3://datalake/big/body' "
                 "OVERWRITE ON"),
            "");
  EXPECT_TRUE(LakeText("s3://datalake/big/body.part_00000") == body + "\n");
}

TEST_F(MySqlFrontTest, ExportsTheBatchEtlTransactionsAsAuroraDoes) {
  PopulateBatchEtlTables();
  const std::string sql =
      "SELECT * FROM myschema.transactions INTO OUTFILE S3 "
      "'s3://datalake/data/myschema/transactions/transactions.scv' FIELDS TERMINATED BY ',' "
      "LINES TERMINATED BY '\\n' OVERWRITE ON;";
  ASSERT_EQ(Exec(sql), "");
  EXPECT_EQ(mysql_affected_rows(mysql_), 6u);
  EXPECT_EQ(LakeText("s3://datalake/data/myschema/transactions/transactions.scv.part_00000"),
            "1,1,10.99,2023-01-01\n"
            "2,2,4.99,2023-01-01\n"
            "3,2,4.99,2023-01-01\n"
            "4,1,4.99,2023-01-02\n"
            "5,1,5.99,2023-01-02\n"
            "6,3,15.99,2023-01-02\n");
  // No manifest unless asked for.
  EXPECT_NE(LakeText("s3://datalake/data/myschema/transactions/transactions.scv.manifest")
                .rfind("missing", 0),
            std::string::npos);
  // The connection goes on as before.
  EXPECT_EQ(One("SELECT COUNT(*) FROM myschema.users"), "3");
}

TEST_F(MySqlFrontTest, ExportEscapesAndEnclosesAsMySqlDoes) {
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.awkward (id INT, s VARCHAR(40))"), "");
  ASSERT_EQ(Exec("INSERT INTO myschema.awkward VALUES (1, 'a,b'), (2, NULL), "
                 "(3, 'line\\nbreak'), (4, 'back\\\\slash'), (5, 'quote\"d')"),
            "");
  ASSERT_EQ(Exec("select id, s from myschema.awkward order by id into outfile s3 "
                 "'s3-us-west-2://datalake/awkward/text' fields terminated by ','"),
            "");
  EXPECT_EQ(LakeText("s3://datalake/awkward/text.part_00000"),
            "1,a\\,b\n2,\\N\n3,line\\\nbreak\n4,back\\\\slash\n5,quote\"d\n");
  ASSERT_EQ(Exec("/* export */ SELECT id, s INTO OUTFILE S3 's3://datalake/awkward/csv' "
                 "FORMAT CSV HEADER FIELDS OPTIONALLY ENCLOSED BY '\"' MANIFEST ON "
                 "FROM myschema.awkward -- trailing comment\n ORDER BY id"),
            "");
  // As MariaDB's own INTO OUTFILE: the line terminator is escaped inside
  // enclosed fields too (OutfileS3RunnerTest compares with the server).
  EXPECT_EQ(LakeText("s3://datalake/awkward/csv.part_00000"),
            "\"id\",\"s\"\n1,\"a,b\"\n2,\\N\n3,\"line\\\nbreak\"\n4,\"back\\\\slash\"\n"
            "5,\"quote\\\"d\"\n");
  EXPECT_EQ(LakeText("s3://datalake/awkward/csv.manifest"),
            "{\n  \"entries\": [\n    {\n      \"url\":\"s3://datalake/awkward/csv.part_00000\"\n"
            "    }\n  ]\n}\n");
}

TEST_F(MySqlFrontTest, OverwriteOffFailsWhenTheFileExists) {
  PopulateBatchEtlTables();
  ASSERT_EQ(Exec("SELECT * FROM myschema.users INTO OUTFILE S3 's3://datalake/u/users'"), "");
  EXPECT_EQ(Exec("SELECT * FROM myschema.users INTO OUTFILE S3 's3://datalake/u/users'"),
            "1086: File 's3://datalake/u/users.part_00000' already exists");
  EXPECT_EQ(Exec("SELECT * FROM myschema.users INTO OUTFILE S3 's3://datalake/u/users' "
                 "OVERWRITE OFF"),
            "1086: File 's3://datalake/u/users.part_00000' already exists");
  ASSERT_EQ(Exec("SELECT user_id FROM myschema.users WHERE user_id = 2 INTO OUTFILE S3 "
                 "'s3://datalake/u/users' OVERWRITE ON"),
            "");
  EXPECT_EQ(LakeText("s3://datalake/u/users.part_00000"), "2\n");
}

TEST_F(MySqlFrontTest, LakeErrorsAreErrPacketsAndLeaveNoFile) {
  EXPECT_EQ(Exec("SELECT 1 INTO OUTFILE S3 's3://no-such-bucket/x'").rfind("1105: ", 0), 0u);
  EXPECT_EQ(Exec("SELECT 1 INTO OUTFILE S3 'http://datalake/x'").rfind("1105: ", 0), 0u);
  EXPECT_EQ(Exec("SELECT 1 INTO OUTFILE S3 's3://datalake/x' FIELDS").rfind("1064: ", 0), 0u);
  EXPECT_EQ(Exec("SELECT * FROM myschema.nothing INTO OUTFILE S3 's3://datalake/n/x'"),
            "1146: Table 'myschema.nothing' doesn't exist");
  EXPECT_NE(LakeText("s3://datalake/n/x.part_00000").rfind("missing", 0), std::string::npos);
  EXPECT_EQ(One("SELECT 7"), "7");
}

TEST_F(MySqlFrontTest, LoadDataFromS3ReadsFilesPrefixesAndManifests) {
  PopulateBatchEtlTables();
  ASSERT_EQ(Exec("SELECT * FROM myschema.transactions WHERE dt = '2023-01-01' INTO OUTFILE S3 "
                 "'s3://datalake/load/day1' FIELDS TERMINATED BY ','"),
            "");
  ASSERT_EQ(Exec("SELECT * FROM myschema.transactions WHERE dt = '2023-01-01' INTO OUTFILE S3 "
                 "'s3://datalake/listed/day1' FIELDS TERMINATED BY ',' MANIFEST ON"),
            "");
  ASSERT_EQ(Exec("SELECT * FROM myschema.transactions WHERE dt = '2023-01-02' INTO OUTFILE S3 "
                 "'s3://datalake/load/day2' FIELDS TERMINATED BY ','"),
            "");
  ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.loaded LIKE myschema.transactions"), "");

  ASSERT_EQ(Exec("LOAD DATA FROM S3 's3://datalake/load/day1.part_00000' INTO TABLE "
                 "myschema.loaded FIELDS TERMINATED BY ','"),
            "");
  EXPECT_EQ(mysql_affected_rows(mysql_), 3u);
  EXPECT_EQ(One("SELECT COUNT(*), SUM(total_cost_usd) FROM myschema.loaded"), "3|20.97");

  ASSERT_EQ(Exec("TRUNCATE TABLE myschema.loaded"), "");
  ASSERT_EQ(Exec("load data from s3 prefix 's3-us-east-1://datalake/load/day' replace into "
                 "table myschema.loaded fields terminated by ',' (transaction_id, user_id, "
                 "total_cost_usd, dt)"),
            "");
  EXPECT_EQ(Rows("SELECT * FROM myschema.loaded ORDER BY transaction_id"),
            Rows("SELECT * FROM myschema.transactions ORDER BY transaction_id"));

  ASSERT_EQ(Exec("TRUNCATE TABLE myschema.loaded"), "");
  ASSERT_EQ(Exec("LOAD DATA FROM S3 MANIFEST 's3://datalake/listed/day1.manifest' INTO TABLE "
                 "myschema.loaded FIELDS TERMINATED BY ','"),
            "");
  EXPECT_EQ(One("SELECT COUNT(*) FROM myschema.loaded"), "3");

  EXPECT_EQ(Exec("LOAD DATA FROM S3 's3://datalake/load/nothing' INTO TABLE myschema.loaded")
                .rfind("1105: ", 0),
            0u);
  EXPECT_EQ(Exec("LOAD DATA FROM S3 's3://datalake/load/day1.part_00000' INTO TABLE "
                 "myschema.no_such_table"),
            "1146: Table 'myschema.no_such_table' doesn't exist");
  EXPECT_EQ(One("SELECT COUNT(*) FROM myschema.loaded"), "3");
}

TEST_F(MySqlFrontTest, AKilledBackendConnectionClosesTheClientConnection) {
  const std::string id = One("SELECT CONNECTION_ID()");
  MYSQL* direct = mysql_init(nullptr);
  ASSERT_NE(mysql_real_connect(direct, nullptr, "root", "", nullptr, 0,
                               server_->socket_path().c_str(), 0),
            nullptr)
      << mysql_error(direct);
  EXPECT_EQ(Exec("KILL CONNECTION " + id, direct), "");
  mysql_close(direct);
  // The client, sending nothing, sees its connection end (after the
  // server's ERR, if it sends one).
  const int fd = mysql_get_socket(mysql_);
  bool ended = false;
  char buffer[4096];
  while (true) {
    pollfd ready{.fd = fd, .events = POLLIN, .revents = 0};
    if (::poll(&ready, 1, 10'000) != 1) {
      break;
    }
    const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got <= 0) {
      ended = got == 0;
      break;
    }
  }
  EXPECT_TRUE(ended);
}

TEST_F(MySqlFrontTest, ExportSplitsPartsAtTheSizeLimitAndListsThemInTheManifest) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<MySqlFront> small_parts,
                       StartMySqlFront(MySqlFrontOptions{.backend_socket = server_->socket_path(),
                                                         .lake = &lake_.lake()},
                                       MySqlFrontTuning{.max_part_bytes = 100}));
  MYSQL* mysql = mysql_init(nullptr);
  ASSERT_NE(
      mysql_real_connect(mysql, "127.0.0.1", "root", "", nullptr, small_parts->port(), nullptr, 0),
      nullptr);
  // 40 lines of 10 bytes: 10 lines fill a 100-byte part.
  ASSERT_EQ(Exec("SELECT LPAD(seq, 9, '0') FROM myschema.seq_1_to_40 INTO OUTFILE S3 "
                 "'s3-eu-west-1://datalake/split/x' MANIFEST ON",
                 mysql),
            "");
  EXPECT_EQ(mysql_affected_rows(mysql), 40u);
  std::string joined;
  std::string manifest_urls;
  for (int part = 0; part < 4; ++part) {
    const std::string text = LakeText(Format("s3://datalake/split/x.part_{:05d}", part));
    EXPECT_LE(text.size(), 100u);
    joined += text;
    manifest_urls +=
        Format("    {{\n      \"url\":\"s3-eu-west-1://datalake/split/x.part_{:05d}\"\n    }}{}\n",
               part, part < 3 ? "," : "");
  }
  std::string expected;
  for (int i = 1; i <= 40; ++i) {
    expected += Format("{:09d}\n", i);
  }
  EXPECT_EQ(joined, expected);
  EXPECT_EQ(LakeText("s3://datalake/split/x.manifest"),
            "{\n  \"entries\": [\n" + manifest_urls + "  ]\n}\n");
  EXPECT_NE(LakeText("s3://datalake/split/x.part_00004").rfind("missing", 0), std::string::npos);
  mysql_close(mysql);
  small_parts->Stop();
}

TEST_F(MySqlFrontTest, OverwriteOnRemovesTheEarlierExportsExtraPartsAndManifest) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<MySqlFront> small_parts,
                       StartMySqlFront(MySqlFrontOptions{.backend_socket = server_->socket_path(),
                                                         .lake = &lake_.lake()},
                                       MySqlFrontTuning{.max_part_bytes = 100}));
  MYSQL* mysql = mysql_init(nullptr);
  ASSERT_NE(
      mysql_real_connect(mysql, "127.0.0.1", "root", "", nullptr, small_parts->port(), nullptr, 0),
      nullptr);
  // A neighbour that shares the name's beginning is no part of the export.
  ASSERT_OK(lake_.lake().Write("s3://datalake/redo/x.part_00001.keep", "other").status());
  ASSERT_OK(lake_.lake().Write("s3://datalake/redo/xy.part_00002", "other").status());
  // 30 lines of 10 bytes: three parts and a manifest.
  ASSERT_EQ(Exec("SELECT LPAD(seq, 9, '0') FROM myschema.seq_1_to_30 INTO OUTFILE S3 "
                 "'s3://datalake/redo/x' MANIFEST ON",
                 mysql),
            "");
  auto keys = [&] {
    std::vector<std::string> found;
    Result<lake::ListPage> page = lake_.lake().List("s3://datalake/redo/");
    EXPECT_OK(page.status());
    for (const lake::ObjectInfo& object : page.ok() ? page->objects : lake::ListPage{}.objects) {
      found.push_back(object.key);
    }
    return found;
  };
  EXPECT_EQ(keys(), (std::vector<std::string>{"redo/x.manifest", "redo/x.part_00000",
                                              "redo/x.part_00001", "redo/x.part_00001.keep",
                                              "redo/x.part_00002", "redo/xy.part_00002"}));
  // Then one part, without a manifest: the old parts 1 and 2 and the old
  // manifest go.
  ASSERT_EQ(Exec("SELECT 'new' INTO OUTFILE S3 's3://datalake/redo/x' OVERWRITE ON", mysql), "");
  EXPECT_EQ(keys(), (std::vector<std::string>{"redo/x.part_00000", "redo/x.part_00001.keep",
                                              "redo/xy.part_00002"}));
  EXPECT_EQ(LakeText("s3://datalake/redo/x.part_00000"), "new\n");
  // Two parts with a manifest over one: the manifest lists the new parts.
  ASSERT_EQ(Exec("SELECT LPAD(seq, 9, '0') FROM myschema.seq_1_to_20 INTO OUTFILE S3 "
                 "'s3://datalake/redo/x' MANIFEST ON OVERWRITE ON",
                 mysql),
            "");
  ASSERT_EQ(Exec("SELECT LPAD(seq, 9, '0') FROM myschema.seq_1_to_10 INTO OUTFILE S3 "
                 "'s3://datalake/redo/x' MANIFEST ON OVERWRITE ON",
                 mysql),
            "");
  EXPECT_EQ(keys(), (std::vector<std::string>{"redo/x.manifest", "redo/x.part_00000",
                                              "redo/x.part_00001.keep", "redo/xy.part_00002"}));
  EXPECT_EQ(LakeText("s3://datalake/redo/x.manifest"),
            "{\n  \"entries\": [\n    {\n      \"url\":\"s3://datalake/redo/x.part_00000\"\n"
            "    }\n  ]\n}\n");
  mysql_close(mysql);
  small_parts->Stop();
}

TEST_F(MySqlFrontTest, TlsIsNotOfferedAndAnSslRequestIsRefused) {
  UniqueFd socket(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_port = htons(front_->port());
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)),
            0);
  PacketChannel channel(socket.get());
  ASSERT_OK_AND_ASSIGN(Message greeting, channel.ReadMessage());
  std::optional<Greeting> parsed = ParseGreeting(greeting.payload);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->capabilities & (kClientSsl | kClientCompress), 0u);
  EXPECT_NE(parsed->capabilities & kClientProtocol41, 0u);
  std::string ssl_request;
  AppendFixedInt(&ssl_request, kClientProtocol41 | kClientSsl | kClientSecureConnection, 4);
  ssl_request += std::string(28, '\0');
  ASSERT_OK(channel.WritePayload(ssl_request, 1).status());
  ASSERT_OK_AND_ASSIGN(Message answer, channel.ReadMessage());
  std::optional<ErrFields> err = ParseErr(answer.payload);
  ASSERT_TRUE(err.has_value());
  EXPECT_EQ(err->code, 1043);
  EXPECT_EQ(answer.first_sequence(), 2);
  EXPECT_EQ(One("SELECT 'still serving'"), "still serving");
}

TEST_F(MySqlFrontTest, TheMariadbClientWorksThroughTheFront) {
  PopulateBatchEtlTables();
  const std::string command =
      "mariadb --no-defaults -h127.0.0.1 -P" + std::to_string(front_->port()) +
      " -uroot --batch -e \"SELECT 1 + 1 AS two; SELECT user_id FROM myschema.users INTO OUTFILE "
      "S3 's3://datalake/cli/users' OVERWRITE ON; SELECT COUNT(*) AS n FROM myschema.users\" 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (size_t got = fread(buffer, 1, sizeof(buffer), pipe)) {
    output.append(buffer, got);
  }
  EXPECT_EQ(pclose(pipe), 0) << output;
  EXPECT_EQ(output, "two\n2\nn\n3\n");
  EXPECT_EQ(LakeText("s3://datalake/cli/users.part_00000"), "1\n2\n3\n");
}

// pymysql speaks the protocol without CLIENT_DEPRECATE_EOF (EOF packets
// after columns and rows), unlike Connector/C.
TEST_F(MySqlFrontTest, PyMySqlRunsQueriesExportsAndLoads) {
  PopulateBatchEtlTables();
  const std::string script = R"(
import sys, pymysql
c = pymysql.connect(host="127.0.0.1", port=int(sys.argv[1]), user="root", password="",
                    database="myschema", local_infile=False)
cur = c.cursor()
cur.execute("SELECT user_id, registration_date FROM users WHERE user_id = %s", (2,))
print(cur.fetchall()[0][0])
n = cur.execute("SELECT * FROM transactions INTO OUTFILE S3 's3://datalake/py/t' "
                "FORMAT CSV HEADER OVERWRITE ON")
print(n)
cur.execute("CREATE OR REPLACE TABLE t2 LIKE transactions")
n = cur.execute("LOAD DATA FROM S3 's3://datalake/py/t.part_00000' INTO TABLE t2 "
                'FIELDS TERMINATED BY "," ENCLOSED BY \'"\' IGNORE 1 LINES')
print(n)
c.commit()
try:
    cur.execute("SELECT 1 INTO OUTFILE S3 's3://datalake/py/t'")
except pymysql.err.MySQLError as e:
    print(e.args[0])
cur.execute("SELECT COUNT(*) FROM t2")
print(cur.fetchone()[0])
)";
  const std::string path = server_->dir() + "/pymysql_test.py";
  FILE* file = fopen(path.c_str(), "w");
  ASSERT_NE(file, nullptr);
  fputs(script.c_str(), file);
  fclose(file);
  const std::string command =
      "/usr/bin/python3 " + path + " " + std::to_string(front_->port()) + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (size_t got = fread(buffer, 1, sizeof(buffer), pipe)) {
    output.append(buffer, got);
  }
  EXPECT_EQ(pclose(pipe), 0) << output;
  EXPECT_EQ(output, "2\n6\n6\n1086\n6\n");
  EXPECT_EQ(LakeText("s3://datalake/py/t.part_00000")
                .rfind("\"transaction_id\",\"user_id\",\"total_cost_usd\",\"dt\"\n\"1\",\"1\"", 0),
            0u);
}

TEST(MySqlFrontServerTest, AServerKilledMidConnectionClosesTheClientConnection) {
  Result<std::unique_ptr<MariaDbServerForTest>> server = MariaDbServerForTest::Start();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<MySqlFront> front,
      MySqlFront::Start(MySqlFrontOptions{.backend_socket = (*server)->socket_path()}));
  MYSQL* mysql = mysql_init(nullptr);
  ASSERT_NE(mysql_real_connect(mysql, "127.0.0.1", "root", "", nullptr, front->port(), nullptr, 0),
            nullptr)
      << mysql_error(mysql);
  ASSERT_EQ(mysql_query(mysql, "SELECT 1"), 0);
  mysql_free_result(mysql_store_result(mysql));
  (*server)->Kill();
  EXPECT_NE(mysql_query(mysql, "SELECT 1"), 0);
  EXPECT_EQ(mysql_errno(mysql), 2013u) << mysql_error(mysql);  // CR_SERVER_LOST
  mysql_close(mysql);
  // A new connection is refused cleanly: the front answers with an ERR.
  MYSQL* again = mysql_init(nullptr);
  EXPECT_EQ(mysql_real_connect(again, "127.0.0.1", "root", "", nullptr, front->port(), nullptr, 0),
            nullptr);
  mysql_close(again);
  front->Stop();
}

}  // namespace
}  // namespace stratus::connectors::mysql
