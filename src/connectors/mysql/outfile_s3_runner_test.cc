// INTO OUTFILE S3 against the server's own INTO OUTFILE: the same SELECT,
// the same FIELDS and LINES options, byte for byte the same file.

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "connectors/mysql/mysql_front_fixture_for_test.h"

namespace stratus::connectors::mysql {
namespace {

class OutfileS3RunnerTest : public MySqlFrontTest {
 protected:
  // A table with a column of every type MariaDB has a text form for, and
  // rows of NULLs, extremes, empty values and the characters that the
  // export's options make special.
  void CreateEveryTypeTable() {
    ASSERT_EQ(Exec("CREATE OR REPLACE TABLE myschema.every_type ("
                   "id INT PRIMARY KEY, ti TINYINT, su SMALLINT UNSIGNED, mi MEDIUMINT, "
                   "bi BIGINT, bu BIGINT UNSIGNED, de DECIMAL(30,10), fl FLOAT, do DOUBLE, "
                   "bt BIT(10), da DATE, tm TIME(3), dt DATETIME(6), ts TIMESTAMP(2) NULL, "
                   "yr YEAR, ch CHAR(6), vc VARCHAR(64), tx TEXT, bn BINARY(4), "
                   "vb VARBINARY(300), bl BLOB, en ENUM('plain','with,comma','tab\\there'), "
                   "st SET('a','b','c'), js JSON, u8 VARCHAR(20) CHARACTER SET utf8mb4, "
                   "l1 VARCHAR(20) CHARACTER SET latin1)"),
              "");
    ASSERT_EQ(Exec("INSERT INTO myschema.every_type (id) VALUES (1)"), "");
    ASSERT_EQ(Exec("INSERT INTO myschema.every_type VALUES (2, -128, 65535, -8388608, "
                   "-9223372036854775808, 18446744073709551615, "
                   "-12345678901234567890.0123456789, -3.25e10, 1e300, b'1010101010', "
                   "'2023-01-31', '-838:59:59.000', '9999-12-31 23:59:59.999999', "
                   "'2024-02-29 12:34:56.78', 1901, 'ab', "
                   "CONCAT('a,b', CHAR(9), 'c', CHAR(10), 'd', CHAR(13), 'e\\\\f\"q\"''s''', "
                   "CHAR(0), 'z'), '\\\\N', UNHEX('00FF5C2C'), UNHEX(CONCAT("
                   "'000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F',"
                   "'202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F',"
                   "'404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F',"
                   "'606162636465666768696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F',"
                   "'808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9F',"
                   "'A0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF',"
                   "'C0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF',"
                   "'E0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF')), "
                   "UNHEX('0A0D09225C27002C3A7C3E23'), 'with,comma', 'a,c', "
                   "'{\"k\": \"v,\\\\n\"}', 'héllo, wörld ☃', CONVERT('café' USING latin1))"),
              "");
    ASSERT_EQ(Exec("INSERT INTO myschema.every_type VALUES (3, 0, 0, 0, 0, 0, 0, 0, -0.0, "
                   "b'0', '1000-01-01', '00:00:00', '1000-01-01 00:00:00', "
                   "'1970-01-02 00:00:00', 2000, '', '', '', '', '', '', 'tab\\there', '', "
                   "'[]', '', '')"),
              "");
    ASSERT_EQ(Exec("INSERT INTO myschema.every_type (id, fl, do, ch, vc, tx, vb, js) VALUES "
                   "(4, 1.17549435e-38, 2.2250738585072014e-308, '::', '##\\r\\n|>', "
                   "'NULL', UNHEX('5C4E'), '\"\\\\\\\\\"'), "
                   "(5, 123456789, 0.1, 'N', '''''', REPEAT('x,y', 1000), UNHEX('22'), "
                   "'null')"),
              "");
  }

  // The server's own INTO OUTFILE of `select` with `options`.
  std::string LocalExport(const std::string& select, const std::string& options, int n) {
    const std::string path = server_->dir() + "/local_" + std::to_string(n) + ".txt";
    std::remove(path.c_str());
    const std::string error = Exec(select + " INTO OUTFILE '" + path + "' " + options);
    if (!error.empty()) {
      return "local INTO OUTFILE failed: " + error;
    }
    std::ifstream file(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  }

  // The front's INTO OUTFILE S3 of the same.
  std::string S3Export(const std::string& select, const std::string& options, int n) {
    const std::string uri = "s3://datalake/identity/" + std::to_string(n);
    const std::string error =
        Exec(select + " INTO OUTFILE S3 '" + uri + "' " + options + " OVERWRITE ON");
    if (!error.empty()) {
      return "INTO OUTFILE S3 failed: " + error;
    }
    return LakeText(uri + ".part_00000");
  }
};

TEST_F(OutfileS3RunnerTest, ExportIsByteForByteTheServersOwnIntoOutfileForEveryTypeAndOption) {
  CreateEveryTypeTable();
  const std::vector<std::string> option_sets = {
      "",
      "FIELDS TERMINATED BY ','",
      "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"'",
      "FIELDS TERMINATED BY ',' ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n'",
      "FIELDS TERMINATED BY '|' ENCLOSED BY '''' ESCAPED BY '' LINES STARTING BY '>'",
      "FIELDS TERMINATED BY '::' ESCAPED BY '\\\\' LINES STARTING BY '##' TERMINATED BY '##\\n'",
      "FIELDS TERMINATED BY ',' ESCAPED BY ''",
      "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '^'",
      "COLUMNS TERMINATED BY '\\t' ENCLOSED BY '' LINES TERMINATED BY '\\n\\n'",
      "FIELDS TERMINATED BY ';' LINES TERMINATED BY ''",
      "FIELDS TERMINATED BY '-'",
      "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY 'Z'",
      "FIELDS TERMINATED BY 'n'",
  };
  const std::string select = "SELECT * FROM myschema.every_type ORDER BY id";
  for (size_t i = 0; i < option_sets.size(); ++i) {
    SCOPED_TRACE(option_sets[i]);
    const std::string local = LocalExport(select, option_sets[i], static_cast<int>(i));
    ASSERT_EQ(local.rfind("local INTO OUTFILE failed", 0), std::string::npos) << local;
    EXPECT_EQ(S3Export(select, option_sets[i], static_cast<int>(i)), local);
  }
}

TEST_F(OutfileS3RunnerTest, CharacterSetConvertsTextAsTheServersOwnIntoOutfileDoes) {
  CreateEveryTypeTable();
  // Without CHARACTER SET each column's bytes as they are (the latin1 one
  // too); with it, text converted. Binary values are left out: MariaDB
  // writes '?' for their bytes that the set has no character for.
  const std::string select =
      "SELECT id, de, da, ch, vc, tx, en, st, js, u8, l1 FROM myschema.every_type ORDER BY id";
  for (const std::string& options :
       {std::string("FIELDS TERMINATED BY ','"),
        std::string("CHARACTER SET utf8mb4 FIELDS TERMINATED BY ','"),
        std::string("CHARACTER SET latin1 FIELDS TERMINATED BY ','")}) {
    SCOPED_TRACE(options);
    const std::string local = LocalExport(select, options, 200);
    ASSERT_EQ(local.rfind("local INTO OUTFILE failed", 0), std::string::npos) << local;
    EXPECT_EQ(S3Export(select, options, 200), local);
  }
  EXPECT_EQ(
      Exec("SELECT 1 INTO OUTFILE S3 's3://datalake/cs/x' CHARACTER SET `x;y`").rfind("1115: ", 0),
      0u);
}

TEST_F(OutfileS3RunnerTest, ExportOfExpressionsMatchesTheServersOwnIntoOutfile) {
  // Computed columns: no table behind them, types from the expressions.
  const std::string select =
      "SELECT seq, seq / 7, seq * 1.5e10, -seq, CONCAT('r', seq, ',', CHAR(seq)), "
      "IF(seq % 3 = 0, NULL, seq), DATE('2020-02-28') + INTERVAL seq DAY, "
      "SEC_TO_TIME(seq * 3601.5), CAST(seq AS CHAR), UNHEX(HEX(seq)), seq % 2 = 0 "
      "FROM seq_1_to_300";
  for (const std::string& options :
       {std::string(), std::string("FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"'")}) {
    SCOPED_TRACE(options);
    ASSERT_EQ(Exec("USE myschema"), "");
    const std::string local = LocalExport(select, options, 100);
    ASSERT_EQ(local.rfind("local INTO OUTFILE failed", 0), std::string::npos) << local;
    EXPECT_EQ(S3Export(select, options, 100), local);
  }
}

}  // namespace
}  // namespace stratus::connectors::mysql
