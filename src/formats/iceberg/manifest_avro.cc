#include <cmath>

#include "base/format.h"
#include "formats/iceberg/decimal_bytes_internal.h"
#include "formats/iceberg/manifest_avro_internal.h"
#include "formats/iceberg/single_value.h"

namespace stratus::formats::iceberg {
namespace {

using avro::AvroValue;

// Java's TypeUtil.decimalRequiredBytes: the fewest bytes whose signed range holds 10^precision - 1.
int32_t DecimalBytes(int32_t precision) {
  for (int32_t bytes = 1; bytes < 16; ++bytes) {
    // The largest value in `bytes` signed bytes is 2^(8*bytes-1) - 1.
    const double max = std::pow(2.0, 8.0 * bytes - 1) - 1;
    if (std::log10(max) >= precision) {
      return bytes;
    }
  }
  return 16;
}

std::string SignExtend(const std::string& minimal, int32_t size) {
  if (static_cast<int32_t>(minimal.size()) >= size) {
    return minimal.substr(minimal.size() - static_cast<size_t>(size));
  }
  const char fill =
      !minimal.empty() && (static_cast<unsigned char>(minimal[0]) & 0x80) != 0 ? '\xff' : '\0';
  return std::string(static_cast<size_t>(size) - minimal.size(), fill) + minimal;
}

}  // namespace

OrderedJson AvroTypeOf(const Type& type) {
  OrderedJson out = OrderedJson::object();
  switch (type.id) {
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kInt:
      return "int";
    case TypeId::kLong:
      return "long";
    case TypeId::kFloat:
      return "float";
    case TypeId::kDouble:
      return "double";
    case TypeId::kString:
      return "string";
    case TypeId::kBinary:
      return "bytes";
    case TypeId::kDate:
      out["type"] = "int";
      out["logicalType"] = "date";
      return out;
    case TypeId::kTime:
      out["type"] = "long";
      out["logicalType"] = "time-micros";
      return out;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      out["type"] = "long";
      out["logicalType"] = "timestamp-micros";
      out["adjust-to-utc"] = type.id == TypeId::kTimestampTz;
      return out;
    case TypeId::kUuid:
      out["type"] = "fixed";
      out["name"] = "uuid_fixed";
      out["size"] = 16;
      out["logicalType"] = "uuid";
      return out;
    case TypeId::kFixed:
      out["type"] = "fixed";
      out["name"] = fmt::format("fixed_{}", type.length);
      out["size"] = type.length;
      return out;
    case TypeId::kDecimal:
      out["type"] = "fixed";
      out["name"] = fmt::format("decimal_{}_{}", type.precision, type.scale);
      out["size"] = DecimalBytes(type.precision);
      out["logicalType"] = "decimal";
      out["precision"] = type.precision;
      out["scale"] = type.scale;
      return out;
    default:
      return "null";
  }
}

Result<AvroValue> ToAvroDatum(const sql::Value& value, const Type& type) {
  if (value.is_null()) {
    return AvroValue::Null();
  }
  switch (type.id) {
    case TypeId::kBoolean:
      return AvroValue::Boolean(value.boolean_value());
    case TypeId::kInt:
    case TypeId::kDate:
      return AvroValue::Int(static_cast<int32_t>(value.int64_value()));
    case TypeId::kLong:
    case TypeId::kTime:
      return AvroValue::Long(value.int64_value());
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return AvroValue::Long(value.int64_value() * 1000);
    case TypeId::kFloat:
      return AvroValue::Float(static_cast<float>(value.double_value()));
    case TypeId::kDouble:
      return AvroValue::Double(value.double_value());
    case TypeId::kString:
      return AvroValue::String(value.string_value());
    case TypeId::kBinary:
      return AvroValue::Bytes(value.string_value());
    case TypeId::kFixed:
      return AvroValue::Fixed(value.string_value());
    case TypeId::kUuid: {
      STRATUS_ASSIGN_OR_RETURN(std::string bytes, SerializeSingleValue(value, type));
      return AvroValue::Fixed(std::move(bytes));
    }
    case TypeId::kDecimal:
      return AvroValue::Fixed(
          SignExtend(MinimalBigEndian(value.decimal_value()), DecimalBytes(type.precision)));
    default:
      return Status::InvalidArgument(
          fmt::format("iceberg: {} cannot be a partition value", type.ToString()));
  }
}

Result<sql::Value> FromAvroDatum(const AvroValue& datum, const Type& type) {
  if (datum.is_null()) {
    STRATUS_ASSIGN_OR_RETURN(sql::LogicalType logical, ToLogicalType(type));
    return sql::Value::Null(logical);
  }
  switch (type.id) {
    case TypeId::kBoolean:
      return sql::Value::Boolean(datum.boolean);
    case TypeId::kInt:
      return sql::Value::Integer(static_cast<int32_t>(datum.number));
    case TypeId::kDate:
      return sql::Value::Date(static_cast<int32_t>(datum.number));
    case TypeId::kLong:
    case TypeId::kTime:
      return sql::Value::Bigint(datum.number);
    case TypeId::kTimestamp: {
      const int64_t micros = datum.number;
      const int64_t millis = micros / 1000 - (micros % 1000 < 0 ? 1 : 0);
      return sql::Value::FromInt64(sql::LogicalType::Timestamp(6), millis);
    }
    case TypeId::kTimestampTz: {
      const int64_t micros = datum.number;
      const int64_t millis = micros / 1000 - (micros % 1000 < 0 ? 1 : 0);
      return sql::Value::TimestampWithTimeZone(millis, 0, 6);
    }
    case TypeId::kFloat:
      return sql::Value::Real(static_cast<float>(datum.real));
    case TypeId::kDouble:
      return sql::Value::Double(datum.real);
    case TypeId::kString:
      return sql::Value::Varchar(datum.bytes);
    case TypeId::kBinary:
    case TypeId::kFixed:
      return sql::Value::Varbinary(datum.bytes);
    case TypeId::kUuid:
    case TypeId::kDecimal:
      return DeserializeSingleValue(datum.bytes, type);
    default:
      return Status::Corruption(
          fmt::format("iceberg: {} cannot be a partition value", type.ToString()));
  }
}

}  // namespace stratus::formats::iceberg
