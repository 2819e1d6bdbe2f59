#include "formats/iceberg/transform.h"

#include <cctype>
#include <cstdio>
#include <string>

#include "base/digest.h"
#include "base/format.h"
#include "formats/iceberg/decimal_bytes_internal.h"
#include "sql/types/calendar.h"
#include "sql/types/decimal.h"

namespace stratus::formats::iceberg {
namespace {

constexpr int64_t kMillisPerHour = 3'600'000;

uint32_t RotateLeft(uint32_t x, int r) {
  return (x << r) | (x >> (32 - r));
}

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t FloorMod(int64_t a, int64_t b) {
  return a - FloorDiv(a, b) * b;
}

std::string LongBytes(int64_t value) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<char>(static_cast<uint64_t>(value) >> (8 * i));
  }
  return out;
}

bool IsTemporal(TypeId id) {
  return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz;
}

// Days since the epoch of a date or timestamp value (millis for timestamps).
int64_t DaysOf(const sql::Value& value, const Type& source) {
  if (source.id == TypeId::kDate) {
    return value.int64_value();
  }
  return FloorDiv(value.int64_value(), sql::kMillisPerDay);
}

// Truncates a UTF-8 string to at most `width` code points.
std::string TruncateUtf8(const std::string& text, int32_t width) {
  size_t pos = 0;
  int32_t count = 0;
  while (pos < text.size() && count < width) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    size_t length = 1;
    if (lead >= 0xf0) {
      length = 4;
    } else if (lead >= 0xe0) {
      length = 3;
    } else if (lead >= 0xc0) {
      length = 2;
    }
    pos = std::min(text.size(), pos + length);
    ++count;
  }
  return text.substr(0, pos);
}

Result<std::string> UuidBytes(const std::string& text) {
  std::string hex;
  for (char c : text) {
    if (c != '-') {
      hex.push_back(c);
    }
  }
  std::string out;
  if (hex.size() != 32 || !HexDecode(hex, &out)) {
    return Status::InvalidArgument(fmt::format("iceberg: bad uuid {}", text));
  }
  return out;
}

// Java's LocalDateTime.toString for whole milliseconds.
std::string HumanTimestamp(int64_t millis) {
  int64_t days = 0;
  int64_t millis_of_day = 0;
  sql::SplitMillis(millis, &days, &millis_of_day);
  const int64_t hour = millis_of_day / kMillisPerHour;
  const int64_t minute = millis_of_day / 60000 % 60;
  const int64_t second = millis_of_day / 1000 % 60;
  const int64_t milli = millis_of_day % 1000;
  std::string out = fmt::format("{}T{:02}:{:02}", sql::FormatDate(days), hour, minute);
  if (second != 0 || milli != 0) {
    out += fmt::format(":{:02}", second);
  }
  if (milli != 0) {
    out += fmt::format(".{:03}", milli);
  }
  return out;
}

}  // namespace

int32_t Murmur3Hash32(std::string_view bytes) {
  constexpr uint32_t kC1 = 0xcc9e2d51;
  constexpr uint32_t kC2 = 0x1b873593;
  uint32_t h = 0;
  const size_t blocks = bytes.size() / 4;
  for (size_t i = 0; i < blocks; ++i) {
    uint32_t k = 0;
    for (int b = 0; b < 4; ++b) {
      k |= uint32_t{static_cast<unsigned char>(bytes[i * 4 + b])} << (8 * b);
    }
    k *= kC1;
    k = RotateLeft(k, 15);
    k *= kC2;
    h ^= k;
    h = RotateLeft(h, 13);
    h = h * 5 + 0xe6546b64;
  }
  uint32_t k = 0;
  const size_t tail = blocks * 4;
  switch (bytes.size() & 3) {
    case 3:
      k ^= uint32_t{static_cast<unsigned char>(bytes[tail + 2])} << 16;
      [[fallthrough]];
    case 2:
      k ^= uint32_t{static_cast<unsigned char>(bytes[tail + 1])} << 8;
      [[fallthrough]];
    case 1:
      k ^= uint32_t{static_cast<unsigned char>(bytes[tail])};
      k *= kC1;
      k = RotateLeft(k, 15);
      k *= kC2;
      h ^= k;
      break;
    default:
      break;
  }
  h ^= static_cast<uint32_t>(bytes.size());
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return static_cast<int32_t>(h);
}

Result<int32_t> BucketHash(const sql::Value& value, const Type& source) {
  switch (source.id) {
    case TypeId::kInt:
    case TypeId::kLong:
    case TypeId::kDate:
    case TypeId::kTime:
      return Murmur3Hash32(LongBytes(value.int64_value()));
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return Murmur3Hash32(LongBytes(value.int64_value() * 1000));
    case TypeId::kDecimal:
      return Murmur3Hash32(MinimalBigEndian(value.decimal_value()));
    case TypeId::kString:
    case TypeId::kFixed:
    case TypeId::kBinary:
      return Murmur3Hash32(value.string_value());
    case TypeId::kUuid: {
      STRATUS_ASSIGN_OR_RETURN(std::string bytes, UuidBytes(value.string_value()));
      return Murmur3Hash32(bytes);
    }
    default:
      return Status::InvalidArgument(
          fmt::format("iceberg: cannot bucket a {} value", source.ToString()));
  }
}

Result<Transform> Transform::Parse(std::string_view text) {
  std::string lower;
  for (char c : text) {
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (lower == "identity") {
    return Transform{.kind = TransformKind::kIdentity, .param = 0};
  }
  if (lower == "year" || lower == "years") {
    return Transform{.kind = TransformKind::kYear, .param = 0};
  }
  if (lower == "month" || lower == "months") {
    return Transform{.kind = TransformKind::kMonth, .param = 0};
  }
  if (lower == "day" || lower == "days") {
    return Transform{.kind = TransformKind::kDay, .param = 0};
  }
  if (lower == "hour" || lower == "hours") {
    return Transform{.kind = TransformKind::kHour, .param = 0};
  }
  if (lower == "void") {
    return Transform{.kind = TransformKind::kVoid, .param = 0};
  }
  int param = 0;
  char tail = 0;
  if (std::sscanf(lower.c_str(), "bucket[%d%c", &param, &tail) == 2 && tail == ']' && param > 0) {
    return Transform{.kind = TransformKind::kBucket, .param = param};
  }
  if (std::sscanf(lower.c_str(), "truncate[%d%c", &param, &tail) == 2 && tail == ']' && param > 0) {
    return Transform{.kind = TransformKind::kTruncate, .param = param};
  }
  return Status::InvalidArgument(fmt::format("iceberg: unknown transform {}", text));
}

std::string Transform::ToString() const {
  switch (kind) {
    case TransformKind::kIdentity:
      return "identity";
    case TransformKind::kYear:
      return "year";
    case TransformKind::kMonth:
      return "month";
    case TransformKind::kDay:
      return "day";
    case TransformKind::kHour:
      return "hour";
    case TransformKind::kBucket:
      return fmt::format("bucket[{}]", param);
    case TransformKind::kTruncate:
      return fmt::format("truncate[{}]", param);
    case TransformKind::kVoid:
      return "void";
  }
  return "void";
}

Result<Type> Transform::ResultType(const Type& source) const {
  auto invalid = [&] {
    return Status::InvalidArgument(
        fmt::format("Invalid source type {} for transform: {}", source.ToString(), ToString()));
  };
  switch (kind) {
    case TransformKind::kIdentity:
    case TransformKind::kVoid:
      if (!source.is_primitive()) {
        return invalid();
      }
      return source;
    case TransformKind::kYear:
    case TransformKind::kMonth:
      return IsTemporal(source.id) ? Result<Type>(Type::Primitive(TypeId::kInt)) : invalid();
    case TransformKind::kDay:
      return IsTemporal(source.id) ? Result<Type>(Type::Primitive(TypeId::kDate)) : invalid();
    case TransformKind::kHour:
      return source.id == TypeId::kTimestamp || source.id == TypeId::kTimestampTz
                 ? Result<Type>(Type::Primitive(TypeId::kInt))
                 : invalid();
    case TransformKind::kBucket:
      switch (source.id) {
        case TypeId::kInt:
        case TypeId::kLong:
        case TypeId::kDecimal:
        case TypeId::kDate:
        case TypeId::kTime:
        case TypeId::kTimestamp:
        case TypeId::kTimestampTz:
        case TypeId::kString:
        case TypeId::kUuid:
        case TypeId::kFixed:
        case TypeId::kBinary:
          return Type::Primitive(TypeId::kInt);
        default:
          return invalid();
      }
    case TransformKind::kTruncate:
      switch (source.id) {
        case TypeId::kInt:
        case TypeId::kLong:
        case TypeId::kDecimal:
        case TypeId::kString:
        case TypeId::kBinary:
          return source;
        default:
          return invalid();
      }
  }
  return invalid();
}

Result<sql::Value> Transform::Apply(const sql::Value& value, const Type& source) const {
  STRATUS_ASSIGN_OR_RETURN(Type result_type, ResultType(source));
  if (value.is_null() || kind == TransformKind::kVoid) {
    STRATUS_ASSIGN_OR_RETURN(sql::LogicalType type, ToLogicalType(result_type));
    return sql::Value::Null(type);
  }
  switch (kind) {
    case TransformKind::kIdentity:
      return value;
    case TransformKind::kYear:
      return sql::Value::Integer(
          static_cast<int32_t>(sql::CivilFromDays(DaysOf(value, source)).year - 1970));
    case TransformKind::kMonth: {
      const sql::CivilDate date = sql::CivilFromDays(DaysOf(value, source));
      return sql::Value::Integer(static_cast<int32_t>((date.year - 1970) * 12 + date.month - 1));
    }
    case TransformKind::kDay:
      return sql::Value::Date(static_cast<int32_t>(DaysOf(value, source)));
    case TransformKind::kHour:
      return sql::Value::Integer(
          static_cast<int32_t>(FloorDiv(value.int64_value(), kMillisPerHour)));
    case TransformKind::kBucket: {
      STRATUS_ASSIGN_OR_RETURN(int32_t hash, BucketHash(value, source));
      return sql::Value::Integer((hash & 0x7fffffff) % param);
    }
    case TransformKind::kTruncate:
      switch (source.id) {
        case TypeId::kInt:
          return sql::Value::Integer(
              static_cast<int32_t>(value.int64_value() - FloorMod(value.int64_value(), param)));
        case TypeId::kLong:
          return sql::Value::Bigint(value.int64_value() - FloorMod(value.int64_value(), param));
        case TypeId::kDecimal: {
          const sql::Int128 unscaled = value.decimal_value();
          const sql::Int128 width = param;
          const sql::Int128 mod = ((unscaled % width) + width) % width;
          STRATUS_ASSIGN_OR_RETURN(sql::LogicalType type, ToLogicalType(source));
          return sql::Value::Decimal(type, unscaled - mod);
        }
        case TypeId::kString:
          return sql::Value::Varchar(TruncateUtf8(value.string_value(), param));
        default:
          return sql::Value::Varbinary(value.string_value().substr(0, static_cast<size_t>(param)));
      }
    case TransformKind::kVoid:
      break;
  }
  return Status::Internal("iceberg: unknown transform");
}

bool Transform::PreservesOrder() const {
  return kind != TransformKind::kBucket && kind != TransformKind::kVoid;
}

std::string PartitionValueToString(const sql::Value& value, const Transform& transform) {
  if (value.is_null()) {
    return "null";
  }
  switch (transform.kind) {
    case TransformKind::kYear:
      return fmt::format("{:04}", 1970 + value.int64_value());
    case TransformKind::kMonth: {
      const int64_t months = value.int64_value();
      return fmt::format("{:04}-{:02}", 1970 + FloorDiv(months, 12), FloorMod(months, 12) + 1);
    }
    case TransformKind::kDay:
      return sql::FormatDate(value.int64_value());
    case TransformKind::kHour: {
      const int64_t hours = value.int64_value();
      return fmt::format("{}-{:02}", sql::FormatDate(FloorDiv(hours, 24)), FloorMod(hours, 24));
    }
    default:
      break;
  }
  switch (value.type().kind()) {
    case sql::TypeKind::kDate:
      return sql::FormatDate(value.int64_value());
    case sql::TypeKind::kTimestamp:
      return HumanTimestamp(value.int64_value());
    case sql::TypeKind::kTimestampWithTimeZone:
      return HumanTimestamp(value.int64_value()) + "Z";
    case sql::TypeKind::kVarbinary:
      return Base64Encode(value.string_value());
    case sql::TypeKind::kDecimal:
      return sql::DecimalToString(value.decimal_value(), value.type().scale());
    case sql::TypeKind::kVarchar:
    case sql::TypeKind::kChar:
      return value.string_value();
    default:
      return value.ToString();
  }
}

}  // namespace stratus::formats::iceberg
