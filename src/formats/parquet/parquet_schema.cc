#include <cstring>
#include <string>

#include "formats/parquet/parquet_schema_internal.h"
#include "sql/types/int128.h"

namespace stratus::formats::parquet {
namespace {

using Kind = LogicalAnnotation::Kind;

struct Walker {
  const FileMetaData& metadata;
  std::vector<LeafColumn>* leaves;
  size_t next = 1;

  Status Walk(const std::string& top, int definition, int repetition, bool nested, int depth) {
    if (next >= metadata.schema.size()) {
      return Status::Corruption("parquet: schema has fewer elements than its groups declare");
    }
    if (depth > 64) {
      return Status::Corruption("parquet: schema nested too deep");
    }
    const SchemaElement& element = metadata.schema[next++];
    const std::string& name = top.empty() ? element.name : top;
    if (element.repetition == Repetition::kOptional) {
      ++definition;
    } else if (element.repetition == Repetition::kRepeated) {
      ++definition;
      ++repetition;
    }
    if (!element.type || element.num_children > 0) {
      if (element.num_children < 0) {
        return Status::Corruption("parquet: negative child count");
      }
      for (int32_t i = 0; i < element.num_children; ++i) {
        STRATUS_RETURN_IF_ERROR(Walk(name, definition, repetition, true, depth + 1));
      }
      return Status::Ok();
    }
    leaves->push_back(LeafColumn{.name = name,
                                 .chunk_index = leaves->size(),
                                 .element = &element,
                                 .max_definition_level = definition,
                                 .max_repetition_level = repetition,
                                 .nested = nested || repetition > 0});
    return Status::Ok();
  }
};

const char* PhysicalName(PhysicalKind kind) {
  switch (kind) {
    case PhysicalKind::kBoolean:
      return "BOOLEAN";
    case PhysicalKind::kInt32:
      return "INT32";
    case PhysicalKind::kInt64:
      return "INT64";
    case PhysicalKind::kInt96:
      return "INT96";
    case PhysicalKind::kFloat:
      return "FLOAT";
    case PhysicalKind::kDouble:
      return "DOUBLE";
    case PhysicalKind::kByteArray:
      return "BYTE_ARRAY";
    case PhysicalKind::kFixedLenByteArray:
      return "FIXED_LEN_BYTE_ARRAY";
  }
  return "?";
}

bool IsDecimal(const SchemaElement& element) {
  return element.logical.kind == Kind::kDecimal ||
         element.converted_type == ConvertedType::kDecimal;
}

bool IsDate(const SchemaElement& element) {
  return element.logical.kind == Kind::kDate || element.converted_type == ConvertedType::kDate;
}

bool Readable(const SchemaElement& element, const sql::LogicalType& type) {
  using sql::TypeKind;
  const PhysicalKind physical = *element.type;
  const bool decimal = IsDecimal(element);
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return physical == PhysicalKind::kBoolean;
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
      return physical == PhysicalKind::kInt32 && !decimal && !IsDate(element);
    case TypeKind::kBigint:
      return (physical == PhysicalKind::kInt32 || physical == PhysicalKind::kInt64) && !decimal &&
             !IsDate(element) && element.logical.kind != Kind::kTimestamp;
    case TypeKind::kReal:
      return physical == PhysicalKind::kFloat;
    case TypeKind::kDouble:
      return physical == PhysicalKind::kFloat || physical == PhysicalKind::kDouble;
    case TypeKind::kDate:
      return physical == PhysicalKind::kInt32 && IsDate(element);
    case TypeKind::kTimestamp:
      return physical == PhysicalKind::kInt96 || (physical == PhysicalKind::kInt64 && !decimal);
    case TypeKind::kDecimal:
      return decimal && DecimalScale(element) <= type.scale() &&
             (physical == PhysicalKind::kInt32 || physical == PhysicalKind::kInt64 ||
              physical == PhysicalKind::kByteArray ||
              (physical == PhysicalKind::kFixedLenByteArray && element.type_length <= 16));
    case TypeKind::kVarchar:
    case TypeKind::kChar:
    case TypeKind::kVarbinary:
    case TypeKind::kJson:
      return physical == PhysicalKind::kByteArray ||
             (physical == PhysicalKind::kFixedLenByteArray && !decimal);
    default:
      return false;
  }
}

}  // namespace

Result<std::vector<LeafColumn>> FlattenSchema(const FileMetaData& metadata) {
  std::vector<LeafColumn> leaves;
  if (metadata.schema.empty()) {
    return Status::Corruption("parquet: empty schema");
  }
  Walker walker{.metadata = metadata, .leaves = &leaves};
  const int32_t top_count = metadata.schema[0].num_children;
  if (top_count < 0) {
    return Status::Corruption("parquet: negative child count");
  }
  for (int32_t i = 0; i < top_count; ++i) {
    STRATUS_RETURN_IF_ERROR(walker.Walk("", 0, 0, false, 0));
  }
  return leaves;
}

Status CheckReadable(const LeafColumn& leaf, const sql::LogicalType& type) {
  if (leaf.nested) {
    return Status::NotImplemented("parquet: nested column " + leaf.name);
  }
  if (!leaf.element->type || !Readable(*leaf.element, type)) {
    const std::string physical = leaf.element->type ? PhysicalName(*leaf.element->type) : "group";
    return Status::InvalidArgument("parquet: column " + leaf.name + ": cannot read " + physical +
                                   " as " + type.ToString());
  }
  return Status::Ok();
}

std::optional<sql::LogicalType> NaturalType(const SchemaElement& element) {
  using sql::LogicalType;
  if (!element.type) {
    return std::nullopt;
  }
  if (IsDecimal(element)) {
    const int precision =
        element.logical.kind == Kind::kDecimal ? element.logical.precision : element.precision;
    const int scale = DecimalScale(element);
    if (precision < 1 || precision > LogicalType::kMaxDecimalPrecision || scale < 0 ||
        scale > precision) {
      return std::nullopt;
    }
    return LogicalType::Decimal(precision, scale);
  }
  switch (*element.type) {
    case PhysicalKind::kBoolean:
      return LogicalType::Boolean();
    case PhysicalKind::kInt32:
      if (IsDate(element)) {
        return LogicalType::Date();
      }
      if (element.logical.kind == Kind::kInteger && element.logical.bit_width == 8) {
        return LogicalType::Tinyint();
      }
      if (element.logical.kind == Kind::kInteger && element.logical.bit_width == 16) {
        return LogicalType::Smallint();
      }
      return LogicalType::Integer();
    case PhysicalKind::kInt64:
      if (element.logical.kind == Kind::kTimestamp ||
          element.converted_type == ConvertedType::kTimestampMillis ||
          element.converted_type == ConvertedType::kTimestampMicros) {
        return LogicalType::Timestamp();
      }
      return LogicalType::Bigint();
    case PhysicalKind::kInt96:
      return LogicalType::Timestamp();
    case PhysicalKind::kFloat:
      return LogicalType::Real();
    case PhysicalKind::kDouble:
      return LogicalType::Double();
    case PhysicalKind::kByteArray:
      if (element.logical.kind == Kind::kString || element.logical.kind == Kind::kEnum ||
          element.logical.kind == Kind::kJson || element.converted_type == ConvertedType::kUtf8 ||
          element.converted_type == ConvertedType::kEnum ||
          element.converted_type == ConvertedType::kJson) {
        return LogicalType::Varchar();
      }
      return LogicalType::Varbinary();
    case PhysicalKind::kFixedLenByteArray:
      return LogicalType::Varbinary();
  }
  return std::nullopt;
}

std::optional<sql::Value> DecodeStatistic(const SchemaElement& element,
                                          const sql::LogicalType& type,
                                          std::string_view plain) {
  using sql::TypeKind;
  using sql::Value;
  auto fixed = [&](auto zero) -> std::optional<decltype(zero)> {
    if (plain.size() != sizeof(zero)) {
      return std::nullopt;
    }
    std::memcpy(&zero, plain.data(), sizeof(zero));
    return zero;
  };
  switch (*element.type) {
    case PhysicalKind::kBoolean:
      if (plain.size() != 1) {
        return std::nullopt;
      }
      return Value::Boolean(plain[0] != 0);
    case PhysicalKind::kInt32:
      if (auto value = fixed(int32_t{0})) {
        if (type.kind() == TypeKind::kDecimal) {
          return Value::Decimal(type, *value);
        }
        return type.kind() == TypeKind::kDate ? Value::Date(*value)
                                              : Value::FromInt64(type, *value);
      }
      return std::nullopt;
    case PhysicalKind::kInt64:
      if (auto value = fixed(int64_t{0})) {
        if (type.kind() == TypeKind::kDecimal) {
          return Value::Decimal(type, *value);
        }
        if (type.kind() == TypeKind::kTimestamp) {
          int64_t divisor = 1;
          if (element.logical.kind == Kind::kTimestamp) {
            divisor = element.logical.unit == LogicalAnnotation::TimeUnit::kMicros  ? 1000
                      : element.logical.unit == LogicalAnnotation::TimeUnit::kNanos ? 1000000
                                                                                    : 1;
          } else if (element.converted_type == ConvertedType::kTimestampMicros) {
            divisor = 1000;
          }
          const int64_t quotient = *value / divisor;
          return Value::Timestamp((*value % divisor != 0 && *value < 0) ? quotient - 1 : quotient);
        }
        return Value::Bigint(*value);
      }
      return std::nullopt;
    case PhysicalKind::kFloat:
      if (auto value = fixed(0.0F)) {
        return Value::Real(*value);
      }
      return std::nullopt;
    case PhysicalKind::kDouble:
      if (auto value = fixed(0.0)) {
        return Value::Double(*value);
      }
      return std::nullopt;
    case PhysicalKind::kByteArray:
    case PhysicalKind::kFixedLenByteArray:
      if (type.kind() == TypeKind::kDecimal) {
        if (plain.empty() || plain.size() > 16) {
          return std::nullopt;
        }
        sql::Int128 value = static_cast<int8_t>(plain[0]) < 0 ? -1 : 0;
        for (char byte : plain) {
          value = static_cast<sql::Int128>((static_cast<sql::UInt128>(value) << 8) |
                                           static_cast<uint8_t>(byte));
        }
        return Value::Decimal(type, value);
      }
      return Value::FromString(type, std::string(plain));
    case PhysicalKind::kInt96:
      break;
  }
  return std::nullopt;
}

int DecimalScale(const SchemaElement& element) {
  if (element.logical.kind == Kind::kDecimal) {
    return element.logical.scale;
  }
  return element.converted_type == ConvertedType::kDecimal ? element.scale : 0;
}

}  // namespace stratus::formats::parquet
