#include "sql/types/type_names.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::sql {
namespace {

LogicalType RowAB() {
  return LogicalType::Row({{.name = "a", .type = LogicalType::Integer()},
                           {.name = "b", .type = LogicalType::Varchar()}});
}

TEST(TypeNamesTest, TrinoDisplayNames) {
  EXPECT_EQ(LogicalType::Varchar().ToString(), "varchar");
  EXPECT_EQ(LogicalType::Varchar(10).ToString(), "varchar(10)");
  EXPECT_EQ(LogicalType::Decimal(10, 2).ToString(), "decimal(10,2)");
  EXPECT_EQ(LogicalType::Array(LogicalType::Varchar()).ToString(), "array(varchar)");
  EXPECT_EQ(LogicalType::Map(LogicalType::Varchar(), LogicalType::Bigint()).ToString(),
            "map(varchar, bigint)");
  EXPECT_EQ(RowAB().ToString(), "row(a integer, b varchar)");
  EXPECT_EQ(LogicalType::Timestamp(3).ToString(), "timestamp(3)");
  EXPECT_EQ(LogicalType::TimestampWithTimeZone(3).ToString(), "timestamp(3) with time zone");
  EXPECT_EQ(LogicalType::Real().ToString(), "real");
  EXPECT_EQ(LogicalType::Char(3).ToString(), "char(3)");
  EXPECT_EQ(LogicalType::IntervalDayToSecond().ToString(), "interval day to second");
}

TEST(TypeNamesTest, HiveNamesAsGlueStoresThem) {
  const auto hive = [](const LogicalType& type) {
    return HiveTypeName(type).value();
  };
  EXPECT_EQ(hive(LogicalType::Varchar()), "string");
  EXPECT_EQ(hive(LogicalType::Integer()), "int");
  EXPECT_EQ(hive(LogicalType::Real()), "float");
  EXPECT_EQ(hive(LogicalType::Varbinary()), "binary");
  EXPECT_EQ(hive(LogicalType::Timestamp(3)), "timestamp");
  EXPECT_EQ(hive(LogicalType::Decimal(10, 2)), "decimal(10,2)");
  EXPECT_EQ(hive(LogicalType::Varchar(10)), "varchar(10)");
  EXPECT_EQ(hive(LogicalType::Char(3)), "char(3)");
  EXPECT_EQ(hive(LogicalType::Array(LogicalType::Varchar())), "array<string>");
  EXPECT_EQ(hive(LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer())),
            "map<string,int>");
  EXPECT_EQ(hive(RowAB()), "struct<a:int,b:string>");
  EXPECT_STATUS(StatusCode::kInvalidArgument, HiveTypeName(LogicalType::Json()));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                HiveTypeName(LogicalType::Row({{.name = "", .type = LogicalType::Integer()}})));
}

TEST(TypeNamesTest, ParsesHiveNamesFromGlue) {
  const auto parse = [](std::string_view text) {
    return ParseHiveType(text).value();
  };
  EXPECT_EQ(parse("string"), LogicalType::Varchar());
  EXPECT_EQ(parse("INT"), LogicalType::Integer());
  EXPECT_EQ(parse("integer"), LogicalType::Integer());
  EXPECT_EQ(parse("float"), LogicalType::Real());
  EXPECT_EQ(parse("decimal"), LogicalType::Decimal(10, 0));
  EXPECT_EQ(parse("decimal(12)"), LogicalType::Decimal(12, 0));
  EXPECT_EQ(parse(" decimal ( 10 , 2 ) "), LogicalType::Decimal(10, 2));
  EXPECT_EQ(parse("timestamp"), LogicalType::Timestamp(3));
  EXPECT_EQ(parse("binary"), LogicalType::Varbinary());
  EXPECT_EQ(parse("array<string>"), LogicalType::Array(LogicalType::Varchar()));
  EXPECT_EQ(parse("map<string,int>"),
            LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer()));
  EXPECT_EQ(parse("struct<a:int,b:string>"), RowAB());
  EXPECT_EQ(parse("struct<`a`:int, b : string>"), RowAB());
  EXPECT_EQ(parse("array<struct<a:int,b:string>>"), LogicalType::Array(RowAB()));
}

TEST(TypeNamesTest, HiveNamesRoundTrip) {
  for (const char* name : {"string", "int", "bigint", "double", "float", "boolean", "date",
                           "timestamp", "decimal(10,2)", "array<string>", "map<string,int>",
                           "struct<a:int,b:string>", "varchar(10)", "char(3)", "binary", "tinyint",
                           "smallint", "map<string,array<struct<x:decimal(38,9)>>>"}) {
    ASSERT_OK_AND_ASSIGN(LogicalType type, ParseHiveType(name));
    EXPECT_EQ(HiveTypeName(type).value(), name);
  }
}

TEST(TypeNamesTest, TrinoNamesRoundTrip) {
  for (const char* name :
       {"varchar", "varchar(10)", "decimal(10,2)", "array(varchar)", "map(varchar, bigint)",
        "row(a integer, b varchar)", "timestamp(3)", "timestamp(6) with time zone", "json",
        "varbinary", "real", "double", "interval year to month", "row(integer, varchar)",
        "array(row(x map(varchar, array(double))))"}) {
    ASSERT_OK_AND_ASSIGN(LogicalType type, ParseTrinoType(name));
    EXPECT_EQ(type.ToString(), name);
  }
  EXPECT_EQ(ParseTrinoType("INT").value(), LogicalType::Integer());
  EXPECT_EQ(ParseTrinoType("timestamp").value(), LogicalType::Timestamp(3));
  EXPECT_EQ(ParseTrinoType("double precision").value(), LogicalType::Double());
  EXPECT_EQ(ParseTrinoType("TEXT").value(), LogicalType::Varchar());
  EXPECT_EQ(ParseTrinoType("row(\"a b\" integer)").value().children()[0].name, "a b");
}

TEST(TypeNamesTest, RejectsGarbageWithAClearMessage) {
  for (const char* garbage :
       {"", "strin", "array<string", "map<string>", "decimal(0,0)", "decimal(39,2)", "decimal(5,6)",
        "struct<:int>", "int int", "varchar(0)", "char(256)", "array<>", "uniontype<int,string>",
        "string)", "timestamp with time zone", "json"}) {
    const Result<LogicalType> parsed = ParseHiveType(garbage);
    EXPECT_FALSE(parsed.ok()) << garbage;
    EXPECT_STATUS(StatusCode::kInvalidArgument, parsed);
  }
  const Result<LogicalType> bad = ParseHiveType("map<string,strng>");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown type 'strng'"), std::string::npos)
      << bad.status().message();
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseTrinoType("array<varchar>"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseTrinoType("string"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseTrinoType("timestamp(3) with zone"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseHiveType(std::string(1000, '<')));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                ParseHiveType(std::string(200, 'a') + std::string(200, '<')));
}

TEST(TypeNamesTest, RejectsTypesNestedTooDeeply) {
  std::string deep;
  for (int i = 0; i < 150; ++i) {
    deep += "array<";
  }
  deep += "int";
  deep += std::string(150, '>');
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseHiveType(deep));
}

}  // namespace
}  // namespace stratus::sql
