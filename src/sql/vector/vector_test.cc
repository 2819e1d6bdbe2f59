#include "sql/vector/vector.h"

#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "sql/types/value.h"
#include "sql/vector/buffer.h"
#include "sql/vector/string_heap.h"

namespace stratus::sql {
namespace {

Vector BigintVector(std::initializer_list<std::optional<int64_t>> values) {
  Vector vector(LogicalType::Bigint(), values.size());
  vector.set_size(values.size());
  size_t row = 0;
  for (const std::optional<int64_t>& value : values) {
    vector.SetValue(row++, value ? Value::Bigint(*value) : Value::Null(LogicalType::Bigint()));
  }
  return vector;
}

TEST(VectorTest, FlatVectorHasNoBitmapUntilANullIsSet) {
  Vector vector(LogicalType::Bigint(), 4);
  vector.set_size(4);
  int64_t* values = vector.mutable_values<int64_t>();
  for (int i = 0; i < 4; ++i) {
    values[i] = i * 10;
  }
  EXPECT_EQ(vector.validity(), nullptr);
  EXPECT_FALSE(vector.HasNulls());
  vector.SetNull(2, true);
  ASSERT_NE(vector.validity(), nullptr);
  EXPECT_TRUE(vector.IsNull(2));
  EXPECT_FALSE(vector.IsNull(1));
  EXPECT_EQ(vector.ToString(), "bigint flat[0, 10, NULL, 30]");
}

TEST(VectorTest, ReserveKeepsValuesAndNulls) {
  Vector vector = BigintVector({1, std::nullopt, 3});
  vector.Reserve(5000);
  vector.set_size(5000);
  vector.SetValue(4999, Value::Bigint(7));
  EXPECT_EQ(vector.GetValue(0), Value::Bigint(1));
  EXPECT_TRUE(vector.IsNull(1));
  EXPECT_EQ(vector.GetValue(2), Value::Bigint(3));
  EXPECT_FALSE(vector.IsNull(4000));
  EXPECT_EQ(vector.GetValue(4999), Value::Bigint(7));
}

TEST(VectorTest, SelectGathersRowsAndNulls) {
  const Vector vector = BigintVector({1, std::nullopt, 3, 4});
  const Vector selected = vector.Select(SelectionVector({3, 1, 0}));
  EXPECT_EQ(selected.ToString(), "bigint flat[4, NULL, 1]");
  EXPECT_EQ(vector.Slice(1, 2).ToString(), "bigint flat[NULL, 3]");
  EXPECT_EQ(BigintVector({1, 2}).Select(SelectionVector({1})).validity(), nullptr);
}

TEST(VectorTest, ConstantAndDictionaryResolveToTheirBase) {
  const Vector constant = Vector::Constant(Value::Varchar("a long constant string"), 3);
  EXPECT_EQ(constant.encoding(), VectorEncoding::kConstant);
  EXPECT_EQ(constant.size(), 3u);
  EXPECT_EQ(constant.GetValue(2), Value::Varchar("a long constant string"));
  EXPECT_EQ(constant.Flatten().encoding(), VectorEncoding::kFlat);
  EXPECT_EQ(constant.Flatten().ToString(),
            "varchar flat[a long constant string, a long constant string, a long constant "
            "string]");
  EXPECT_TRUE(Vector::Constant(Value::Null(LogicalType::Bigint()), 2).IsNull(1));

  const Vector dictionary =
      Vector::Dictionary(BigintVector({10, 20, std::nullopt}), SelectionVector({2, 0, 0, 1}));
  EXPECT_EQ(dictionary.ToString(), "bigint dictionary[NULL, 10, 10, 20]");
  EXPECT_TRUE(dictionary.IsNull(0));
  const Vector nested = Vector::Dictionary(dictionary, SelectionVector({3, 0}));
  EXPECT_EQ(nested.Select(SelectionVector({0, 1})).ToString(), "bigint flat[20, NULL]");
}

TEST(VectorTest, StringsMayPointIntoABufferTheVectorKeepsAlive) {
  Vector vector(LogicalType::Varchar(), 2);
  vector.set_size(2);
  {
    std::shared_ptr<Buffer> scan_buffer = Buffer::Allocate(64);
    const std::string text = "a string longer than twelve bytes";
    std::memcpy(scan_buffer->data(), text.data(), text.size());
    const char* bytes = reinterpret_cast<const char*>(scan_buffer->data());
    vector.mutable_values<StringView>()[0] = StringView(bytes, static_cast<uint32_t>(text.size()));
    vector.mutable_values<StringView>()[1] = StringView(bytes, 8);
    vector.KeepAlive(scan_buffer);
  }
  // The selected copy outlives the original and still reads the buffer.
  Vector copy = vector.Select(SelectionVector({1, 0}));
  vector = Vector();
  EXPECT_EQ(copy.ToString(), "varchar flat[a string, a string longer than twelve bytes]");
}

TEST(VectorTest, ValuesRoundTripThroughEveryType) {
  const LogicalType row_type = LogicalType::Row({{.name = "x", .type = LogicalType::Integer()},
                                                 {.name = "y", .type = LogicalType::Varchar()}});
  const std::vector<Value> values = {
      Value::Boolean(true),
      Value::Tinyint(-5),
      Value::Smallint(300),
      Value::Integer(-70000),
      Value::Bigint(1LL << 40),
      Value::Real(1.5f),
      Value::Double(-2.25),
      Value::Decimal(LogicalType::Decimal(10, 2), 1234),
      Value::Decimal(LogicalType::Decimal(38, 5), Int128(1) << 90),
      Value::Varchar("short"),
      Value::Varchar("a varchar long enough for the heap"),
      Value::Varbinary(std::string("\x00\x01", 2)),
      Value::Date(19724),
      Value::Timestamp(-123456789),
      Value::TimestampWithTimeZone(1704164645000, 0),
      Value::IntervalDayToSecond(-5000),
      Value::IntervalYearToMonth(14),
      Value::Array(LogicalType::Bigint(), {Value::Bigint(1), Value::Null(LogicalType::Bigint())}),
      Value::Map(LogicalType::Varchar(), LogicalType::Double(), {Value::Varchar("k")},
                 {Value::Double(0.5)}),
      Value::Row(row_type, {Value::Integer(1), Value::Varchar("a")}),
      Value::Array(LogicalType::Array(LogicalType::Varchar()),
                   {Value::Array(LogicalType::Varchar(), {Value::Varchar("deep")})}),
  };
  for (const Value& value : values) {
    Vector vector(value.type(), 2);
    vector.set_size(2);
    vector.SetValue(0, value);
    vector.SetValue(1, Value::Null(value.type()));
    EXPECT_EQ(vector.GetValue(0), value) << value.type().ToString() << " " << value.ToString();
    EXPECT_TRUE(vector.GetValue(1).is_null()) << value.type().ToString();
    const Vector swapped = vector.Select(SelectionVector({1, 0}));
    EXPECT_EQ(swapped.GetValue(1), value) << value.type().ToString();
    EXPECT_TRUE(swapped.IsNull(0)) << value.type().ToString();
  }
}

TEST(VectorTest, NestedVectorsUseEntriesOverChildren) {
  Vector arrays(LogicalType::Array(LogicalType::Bigint()), 3);
  arrays.set_size(3);
  arrays.SetValue(0, Value::Array(LogicalType::Bigint(), {Value::Bigint(1), Value::Bigint(2)}));
  arrays.SetValue(1, Value::Array(LogicalType::Bigint(), {}));
  arrays.SetValue(2, Value::Array(LogicalType::Bigint(), {Value::Bigint(3)}));
  EXPECT_EQ(arrays.child(0).size(), 3u);
  EXPECT_EQ(arrays.values<ListEntry>()[2].offset, 2u);
  EXPECT_EQ(arrays.ToString(), "array(bigint) flat[[1, 2], [], [3]]");
  // Selecting shares the child: only the entries are gathered.
  const Vector selected = arrays.Select(SelectionVector({2, 0}));
  EXPECT_EQ(&selected.child(0), &arrays.child(0));
  EXPECT_EQ(selected.ToString(), "array(bigint) flat[[3], [1, 2]]");
}

}  // namespace
}  // namespace stratus::sql
