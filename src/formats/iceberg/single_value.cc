#include "formats/iceberg/single_value.h"

#include <bit>
#include <cstring>

#include "base/digest.h"
#include "base/format.h"
#include "formats/iceberg/decimal_bytes_internal.h"
#include "sql/types/calendar.h"

namespace stratus::formats::iceberg {
namespace {

template <typename T>
std::string LittleEndian(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));  // x86-64 and arm64 are little-endian.
  return out;
}

template <typename T>
Result<T> FromLittleEndian(std::string_view bytes, const Type& type) {
  if (bytes.size() != sizeof(T)) {
    return Status::Corruption(
        fmt::format("iceberg: {} bound of {} bytes", type.ToString(), bytes.size()));
  }
  T value;
  std::memcpy(&value, bytes.data(), sizeof(T));
  return value;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::string UuidText(std::string_view bytes) {
  const std::string hex = ToHex(bytes);
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20));
}

}  // namespace

std::string MinimalBigEndian(sql::Int128 value) {
  std::string bytes(16, '\0');
  for (int i = 0; i < 16; ++i) {
    bytes[15 - i] = static_cast<char>(static_cast<sql::UInt128>(value) >> (8 * i));
  }
  size_t start = 0;
  while (start < 15) {
    const auto b = static_cast<unsigned char>(bytes[start]);
    const auto next = static_cast<unsigned char>(bytes[start + 1]);
    if ((b == 0x00 && (next & 0x80) == 0) || (b == 0xff && (next & 0x80) != 0)) {
      ++start;
    } else {
      break;
    }
  }
  return bytes.substr(start);
}

Result<sql::Int128> ParseBigEndian(std::string_view bytes) {
  if (bytes.empty() || bytes.size() > 16) {
    return Status::Corruption(fmt::format("iceberg: decimal of {} bytes", bytes.size()));
  }
  sql::UInt128 value = (static_cast<unsigned char>(bytes[0]) & 0x80) != 0 ? ~sql::UInt128{0} : 0;
  for (char c : bytes) {
    value = (value << 8) | static_cast<unsigned char>(c);
  }
  return static_cast<sql::Int128>(value);
}

Result<std::string> SerializeSingleValue(const sql::Value& value, const Type& type) {
  if (value.is_null()) {
    return Status::InvalidArgument("iceberg: cannot serialize a null bound");
  }
  switch (type.id) {
    case TypeId::kBoolean:
      return std::string(1, value.boolean_value() ? '\x01' : '\x00');
    case TypeId::kInt:
    case TypeId::kDate:
      return LittleEndian(static_cast<int32_t>(value.int64_value()));
    case TypeId::kLong:
    case TypeId::kTime:
      return LittleEndian(value.int64_value());
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return LittleEndian(value.int64_value() * 1000);
    case TypeId::kFloat:
      return LittleEndian(static_cast<float>(value.double_value()));
    case TypeId::kDouble:
      return LittleEndian(value.double_value());
    case TypeId::kString:
    case TypeId::kFixed:
    case TypeId::kBinary:
      return value.string_value();
    case TypeId::kUuid: {
      std::string hex;
      for (char c : value.string_value()) {
        if (c != '-') {
          hex.push_back(c);
        }
      }
      std::string out;
      if (hex.size() != 32 || !HexDecode(hex, &out)) {
        return Status::InvalidArgument("iceberg: bad uuid " + value.string_value());
      }
      return out;
    }
    case TypeId::kDecimal:
      return MinimalBigEndian(value.decimal_value());
    default:
      return Status::InvalidArgument(
          fmt::format("iceberg: no single-value form for {}", type.ToString()));
  }
}

Result<sql::Value> DeserializeSingleValue(std::string_view bytes, const Type& type) {
  switch (type.id) {
    case TypeId::kBoolean:
      if (bytes.size() != 1) {
        return Status::Corruption("iceberg: boolean bound is not one byte");
      }
      return sql::Value::Boolean(bytes[0] != 0);
    case TypeId::kInt: {
      STRATUS_ASSIGN_OR_RETURN(int32_t v, FromLittleEndian<int32_t>(bytes, type));
      return sql::Value::Integer(v);
    }
    case TypeId::kDate: {
      STRATUS_ASSIGN_OR_RETURN(int32_t v, FromLittleEndian<int32_t>(bytes, type));
      return sql::Value::Date(v);
    }
    case TypeId::kLong:
    case TypeId::kTime: {
      // A long bound may be written as 4 bytes after int → long promotion.
      if (bytes.size() == 4) {
        STRATUS_ASSIGN_OR_RETURN(int32_t v, FromLittleEndian<int32_t>(bytes, type));
        return sql::Value::Bigint(v);
      }
      STRATUS_ASSIGN_OR_RETURN(int64_t v, FromLittleEndian<int64_t>(bytes, type));
      return sql::Value::Bigint(v);
    }
    case TypeId::kTimestamp: {
      STRATUS_ASSIGN_OR_RETURN(int64_t micros, FromLittleEndian<int64_t>(bytes, type));
      return sql::Value::FromInt64(sql::LogicalType::Timestamp(6), FloorDiv(micros, 1000));
    }
    case TypeId::kTimestampTz: {
      STRATUS_ASSIGN_OR_RETURN(int64_t micros, FromLittleEndian<int64_t>(bytes, type));
      return sql::Value::TimestampWithTimeZone(FloorDiv(micros, 1000), 0, 6);
    }
    case TypeId::kFloat: {
      STRATUS_ASSIGN_OR_RETURN(float v, FromLittleEndian<float>(bytes, type));
      return sql::Value::Real(v);
    }
    case TypeId::kDouble: {
      if (bytes.size() == 4) {
        STRATUS_ASSIGN_OR_RETURN(float v, FromLittleEndian<float>(bytes, type));
        return sql::Value::Double(v);
      }
      STRATUS_ASSIGN_OR_RETURN(double v, FromLittleEndian<double>(bytes, type));
      return sql::Value::Double(v);
    }
    case TypeId::kString:
      return sql::Value::Varchar(std::string(bytes));
    case TypeId::kFixed:
    case TypeId::kBinary:
      return sql::Value::Varbinary(std::string(bytes));
    case TypeId::kUuid:
      if (bytes.size() != 16) {
        return Status::Corruption("iceberg: uuid bound is not 16 bytes");
      }
      return sql::Value::Varchar(UuidText(bytes));
    case TypeId::kDecimal: {
      STRATUS_ASSIGN_OR_RETURN(sql::Int128 unscaled, ParseBigEndian(bytes));
      STRATUS_ASSIGN_OR_RETURN(sql::LogicalType logical, ToLogicalType(type));
      if (logical.is_short_decimal()) {
        return sql::Value::FromInt64(logical, static_cast<int64_t>(unscaled));
      }
      return sql::Value::Decimal(logical, unscaled);
    }
    default:
      return Status::Corruption(
          fmt::format("iceberg: no single-value form for {}", type.ToString()));
  }
}

}  // namespace stratus::formats::iceberg
