#include <string>

#include <gtest/gtest.h>

#include "sql/parser/data_type.h"
#include "sql/parser/parser.h"
#include "sql/parser/to_sql.h"
#include "testing/status_matchers.h"

namespace stratus::sql::parser {
namespace {

std::string Normalize(const std::string& sql) {
  Result<DataType> type = ParseDataType(sql);
  return type.ok() ? ToSql(*type) : "error: " + type.status().message();
}

TEST(DataTypeParserTest, ReadsTrinoSpellings) {
  EXPECT_EQ(Normalize("BIGINT"), "bigint");
  EXPECT_EQ(Normalize("decimal(10, 2)"), "decimal(10,2)");
  EXPECT_EQ(Normalize("varchar"), "varchar");
  EXPECT_EQ(Normalize("timestamp(3) with time zone"), "timestamp(3) with time zone");
  EXPECT_EQ(Normalize("time without time zone"), "time");
  EXPECT_EQ(Normalize("double precision"), "double");
  EXPECT_EQ(Normalize("interval year to month"), "interval year to month");
  EXPECT_EQ(Normalize("array(map(varchar, row(a bigint, b double)))"),
            "array(map(varchar, row(a bigint, b double)))");
  EXPECT_EQ(Normalize("row(bigint, timestamp with time zone)"),
            "row(bigint, timestamp with time zone)");
}

TEST(DataTypeParserTest, ReadsHiveSpellings) {
  EXPECT_EQ(Normalize("array<string>"), "array<string>");
  EXPECT_EQ(Normalize("map<string,array<int>>"), "map<string,array<int>>");
  EXPECT_EQ(Normalize("struct<a:int, date:string, `b c`:array<struct<x:double>>>"),
            "struct<a:int,date:string,`b c`:array<struct<x:double>>>");
}

TEST(DataTypeParserTest, KeepsStructure) {
  ASSERT_OK_AND_ASSIGN(DataType type, ParseDataType("map<string,decimal(12,4)>"));
  EXPECT_EQ(type.name, "map");
  EXPECT_EQ(type.syntax, TypeSyntax::kAngleBrackets);
  ASSERT_EQ(type.children.size(), 2u);
  EXPECT_EQ(type.children[1].name, "decimal");
  EXPECT_EQ(type.children[1].numbers, (std::vector<int64_t>{12, 4}));
  ASSERT_OK_AND_ASSIGN(DataType row, ParseDataType("row(x bigint, y varchar)"));
  ASSERT_EQ(row.field_names.size(), 2u);
  EXPECT_EQ(row.field_names[1]->name, "y");
}

TEST(DataTypeParserTest, RejectsMalformedTypes) {
  EXPECT_EQ(Normalize("array<int"),
            "error: line 1:10: mismatched input '<EOF>'. Expecting: '>', ','");
  EXPECT_EQ(Normalize("map<int>"), "error: line 1:1: map type needs a key type and a value type");
  EXPECT_EQ(Normalize("struct<a int>"), "error: line 1:10: mismatched input 'int'. Expecting: ':'");
}

}  // namespace
}  // namespace stratus::sql::parser
