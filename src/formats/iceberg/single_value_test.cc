#include "formats/iceberg/single_value.h"

#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::formats::iceberg {
namespace {

using sql::LogicalType;
using sql::Value;

struct Case {
  Type type;
  Value value;
  std::string bytes;
};

TEST(SingleValueTest, ValuesRoundTripThroughTheSpecEncoding) {
  const std::vector<Case> cases = {
      {Type::Primitive(TypeId::kBoolean), Value::Boolean(true), std::string("\x01", 1)},
      {Type::Primitive(TypeId::kInt), Value::Integer(1), std::string("\x01\x00\x00\x00", 4)},
      {Type::Primitive(TypeId::kInt), Value::Integer(-2), std::string("\xfe\xff\xff\xff", 4)},
      {Type::Primitive(TypeId::kLong), Value::Bigint(258),
       std::string("\x02\x01\x00\x00\x00\x00\x00\x00", 8)},
      {Type::Primitive(TypeId::kDate), Value::Date(19723), std::string("\x0b\x4d\x00\x00", 4)},
      {Type::Primitive(TypeId::kDouble), Value::Double(1.5),
       std::string("\x00\x00\x00\x00\x00\x00\xf8\x3f", 8)},
      {Type::Primitive(TypeId::kFloat), Value::Real(1.5f), std::string("\x00\x00\xc0\x3f", 4)},
      {Type::Primitive(TypeId::kString), Value::Varchar("Alice"), "Alice"},
      {Type::Primitive(TypeId::kBinary), Value::Varbinary(std::string("\x00\xff", 2)),
       std::string("\x00\xff", 2)},
      {Type::Decimal(9, 2), Value::Decimal(LogicalType::Decimal(9, 2), 1420),
       std::string("\x05\x8c", 2)},
      {Type::Decimal(9, 2), Value::Decimal(LogicalType::Decimal(9, 2), -1), std::string("\xff", 1)},
      {Type::Decimal(9, 2), Value::Decimal(LogicalType::Decimal(9, 2), 128),
       std::string("\x00\x80", 2)},
      {Type::Primitive(TypeId::kUuid), Value::Varchar("f79c3e09-677c-4bbd-a479-3f349cb785e7"),
       std::string("\xf7\x9c\x3e\x09\x67\x7c\x4b\xbd\xa4\x79\x3f\x34\x9c\xb7\x85\xe7", 16)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type.ToString() + " " + c.value.ToString());
    ASSERT_OK_AND_ASSIGN(std::string bytes, SerializeSingleValue(c.value, c.type));
    EXPECT_EQ(bytes, c.bytes);
    ASSERT_OK_AND_ASSIGN(Value back, DeserializeSingleValue(bytes, c.type));
    EXPECT_EQ(back.ToString(), c.value.ToString());
  }
}

TEST(SingleValueTest, TimestampsAreMicrosecondsOnDiskAndMillisInTheEngine) {
  const Type type = Type::Primitive(TypeId::kTimestamp);
  ASSERT_OK_AND_ASSIGN(std::string bytes, SerializeSingleValue(Value::Timestamp(1500), type));
  ASSERT_EQ(bytes.size(), 8u);
  int64_t micros = 0;
  std::memcpy(&micros, bytes.data(), 8);
  EXPECT_EQ(micros, 1500000);
  // Sub-millisecond values round down, before the epoch too.
  micros = -1;
  std::string negative(8, '\0');
  std::memcpy(negative.data(), &micros, 8);
  ASSERT_OK_AND_ASSIGN(Value back, DeserializeSingleValue(negative, type));
  EXPECT_EQ(back.int64_value(), -1);
}

TEST(SingleValueTest, WrongLengthIsCorruption) {
  EXPECT_STATUS(StatusCode::kCorruption,
                DeserializeSingleValue("abc", Type::Primitive(TypeId::kInt)).status());
  EXPECT_STATUS(StatusCode::kCorruption, DeserializeSingleValue("", Type::Decimal(9, 2)).status());
}

}  // namespace
}  // namespace stratus::formats::iceberg
