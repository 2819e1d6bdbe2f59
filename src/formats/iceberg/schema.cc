#include "formats/iceberg/schema.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <utility>

#include "base/format.h"
#include "formats/iceberg/schema_json_internal.h"

namespace stratus::formats::iceberg {
namespace {

constexpr int kMaxTypeDepth = 64;

struct PrimitiveName {
  TypeId id;
  const char* name;
};

constexpr PrimitiveName kPrimitiveNames[] = {
    {TypeId::kBoolean, "boolean"},
    {TypeId::kInt, "int"},
    {TypeId::kLong, "long"},
    {TypeId::kFloat, "float"},
    {TypeId::kDouble, "double"},
    {TypeId::kDate, "date"},
    {TypeId::kTime, "time"},
    {TypeId::kTimestamp, "timestamp"},
    {TypeId::kTimestampTz, "timestamptz"},
    {TypeId::kString, "string"},
    {TypeId::kUuid, "uuid"},
    {TypeId::kBinary, "binary"},
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

const NestedField* FindIn(const std::vector<NestedField>& fields, int32_t field_id) {
  for (const NestedField& field : fields) {
    if (field.id == field_id) {
      return &field;
    }
    if (const NestedField* found = FindIn(field.type.fields, field_id)) {
      return found;
    }
  }
  return nullptr;
}

int32_t HighestIn(const std::vector<NestedField>& fields) {
  int32_t highest = 0;
  for (const NestedField& field : fields) {
    highest = std::max({highest, field.id, HighestIn(field.type.fields)});
  }
  return highest;
}

Result<Type> ParsePrimitive(std::string_view text) {
  for (const PrimitiveName& entry : kPrimitiveNames) {
    if (text == entry.name) {
      return Type::Primitive(entry.id);
    }
  }
  int a = 0;
  int b = 0;
  char tail = 0;
  const std::string copy(text);
  if (std::sscanf(copy.c_str(), "decimal(%d,%d%c", &a, &b, &tail) == 3 && tail == ')') {
    if (a < 1 || a > 38 || b < 0 || b > a) {
      return Status::Corruption(fmt::format("iceberg: bad decimal type {}", text));
    }
    return Type::Decimal(a, b);
  }
  if (std::sscanf(copy.c_str(), "decimal( %d , %d %c", &a, &b, &tail) == 3 && tail == ')') {
    return Type::Decimal(a, b);
  }
  if (std::sscanf(copy.c_str(), "fixed[%d%c", &a, &tail) == 2 && tail == ']' && a > 0) {
    return Type::Fixed(a);
  }
  return Status::Corruption(fmt::format("iceberg: unknown type {}", text));
}

OrderedJson FieldToJson(const NestedField& field) {
  OrderedJson out = OrderedJson::object();
  out["id"] = field.id;
  out["name"] = field.name;
  out["required"] = field.required;
  out["type"] = TypeToJsonValue(field.type);
  if (!field.doc.empty()) {
    out["doc"] = field.doc;
  }
  return out;
}

Result<NestedField> FieldFromJson(const OrderedJson& value, int depth) {
  NestedField field;
  STRATUS_ASSIGN_OR_RETURN(int64_t id, JsonInt(value, "id"));
  field.id = static_cast<int32_t>(id);
  STRATUS_ASSIGN_OR_RETURN(field.name, JsonString(value, "name"));
  STRATUS_ASSIGN_OR_RETURN(field.required, JsonBool(value, "required"));
  STRATUS_ASSIGN_OR_RETURN(const OrderedJson* type, JsonMember(value, "type"));
  STRATUS_ASSIGN_OR_RETURN(field.type, TypeFromJsonValue(*type, depth + 1));
  STRATUS_ASSIGN_OR_RETURN(field.doc, JsonOptionalString(value, "doc", ""));
  return field;
}

Result<std::vector<NestedField>> FieldsFromJson(const OrderedJson& value, int depth) {
  STRATUS_ASSIGN_OR_RETURN(const OrderedJson* fields, JsonMember(value, "fields"));
  if (!fields->is_array()) {
    return Status::Corruption("iceberg: struct fields is not a list");
  }
  std::vector<NestedField> out;
  for (const OrderedJson& field : *fields) {
    STRATUS_ASSIGN_OR_RETURN(NestedField parsed, FieldFromJson(field, depth));
    out.push_back(std::move(parsed));
  }
  return out;
}

// Converts a SQL type; nested children get ids as Java's AssignFreshIds:
// all of a struct's fields first, then each field's own children.
Result<Type> Convert(const sql::LogicalType& type, int32_t* next_id) {
  using sql::TypeKind;
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return Type::Primitive(TypeId::kBoolean);
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
      return Type::Primitive(TypeId::kInt);
    case TypeKind::kBigint:
      return Type::Primitive(TypeId::kLong);
    case TypeKind::kReal:
      return Type::Primitive(TypeId::kFloat);
    case TypeKind::kDouble:
      return Type::Primitive(TypeId::kDouble);
    case TypeKind::kDecimal:
      return Type::Decimal(type.precision(), type.scale());
    case TypeKind::kVarchar:
    case TypeKind::kChar:
    case TypeKind::kJson:
      return Type::Primitive(TypeId::kString);
    case TypeKind::kVarbinary:
      return Type::Primitive(TypeId::kBinary);
    case TypeKind::kDate:
      return Type::Primitive(TypeId::kDate);
    case TypeKind::kTimestamp:
      return Type::Primitive(TypeId::kTimestamp);
    case TypeKind::kTimestampWithTimeZone:
      return Type::Primitive(TypeId::kTimestampTz);
    case TypeKind::kArray: {
      const int32_t element_id = (*next_id)++;
      STRATUS_ASSIGN_OR_RETURN(Type element, Convert(type.child(0), next_id));
      return Type::List(element_id, false, std::move(element));
    }
    case TypeKind::kMap: {
      const int32_t key_id = (*next_id)++;
      const int32_t value_id = (*next_id)++;
      STRATUS_ASSIGN_OR_RETURN(Type key, Convert(type.child(0), next_id));
      STRATUS_ASSIGN_OR_RETURN(Type value, Convert(type.child(1), next_id));
      return Type::Map(key_id, std::move(key), value_id, false, std::move(value));
    }
    case TypeKind::kRow: {
      std::vector<NestedField> fields;
      for (size_t i = 0; i < type.num_children(); ++i) {
        const std::string& name = type.children()[i].name;
        fields.push_back(NestedField{.id = (*next_id)++,
                                     .name = name.empty() ? fmt::format("field{}", i) : name,
                                     .required = false,
                                     .type = {},
                                     .doc = {}});
      }
      for (size_t i = 0; i < fields.size(); ++i) {
        STRATUS_ASSIGN_OR_RETURN(fields[i].type, Convert(type.child(i), next_id));
      }
      return Type::Struct(std::move(fields));
    }
    default:
      return Status::NotImplemented(
          fmt::format("iceberg: type {} is not supported in Iceberg tables", type.ToString()));
  }
}

}  // namespace

Type Type::Primitive(TypeId id) {
  Type out;
  out.id = id;
  return out;
}

Type Type::Decimal(int32_t precision, int32_t scale) {
  Type out;
  out.id = TypeId::kDecimal;
  out.precision = precision;
  out.scale = scale;
  return out;
}

Type Type::Fixed(int32_t length) {
  Type out;
  out.id = TypeId::kFixed;
  out.length = length;
  return out;
}

Type Type::Struct(std::vector<NestedField> fields) {
  Type out;
  out.id = TypeId::kStruct;
  out.fields = std::move(fields);
  return out;
}

Type Type::List(int32_t element_id, bool element_required, Type element) {
  Type out;
  out.id = TypeId::kList;
  out.fields.push_back(NestedField{.id = element_id,
                                   .name = "element",
                                   .required = element_required,
                                   .type = std::move(element),
                                   .doc = {}});
  return out;
}

Type Type::Map(int32_t key_id, Type key, int32_t value_id, bool value_required, Type value) {
  Type out;
  out.id = TypeId::kMap;
  out.fields.push_back(NestedField{
      .id = key_id, .name = "key", .required = true, .type = std::move(key), .doc = {}});
  out.fields.push_back(NestedField{.id = value_id,
                                   .name = "value",
                                   .required = value_required,
                                   .type = std::move(value),
                                   .doc = {}});
  return out;
}

std::string Type::ToString() const {
  switch (id) {
    case TypeId::kDecimal:
      return fmt::format("decimal({}, {})", precision, scale);
    case TypeId::kFixed:
      return fmt::format("fixed[{}]", length);
    case TypeId::kStruct:
      return "struct";
    case TypeId::kList:
      return "list";
    case TypeId::kMap:
      return "map";
    default:
      for (const PrimitiveName& entry : kPrimitiveNames) {
        if (entry.id == id) {
          return entry.name;
        }
      }
      return "unknown";
  }
}

bool operator==(const Type& a, const Type& b) {
  return a.id == b.id && a.precision == b.precision && a.scale == b.scale && a.length == b.length &&
         a.fields == b.fields;
}

bool operator==(const NestedField& a, const NestedField& b) {
  return a.id == b.id && a.name == b.name && a.required == b.required && a.type == b.type &&
         a.doc == b.doc;
}

bool operator==(const Schema& a, const Schema& b) {
  return a.schema_id == b.schema_id && a.fields == b.fields &&
         a.identifier_field_ids == b.identifier_field_ids;
}

const NestedField* Schema::FindField(int32_t field_id) const {
  return FindIn(fields, field_id);
}

const NestedField* Schema::FindColumn(std::string_view name) const {
  for (const NestedField& field : fields) {
    if (EqualsIgnoreCase(field.name, name)) {
      return &field;
    }
  }
  return nullptr;
}

int32_t Schema::HighestFieldId() const {
  return HighestIn(fields);
}

Result<sql::LogicalType> ToLogicalType(const Type& type) {
  switch (type.id) {
    case TypeId::kBoolean:
      return sql::LogicalType::Boolean();
    case TypeId::kInt:
      return sql::LogicalType::Integer();
    case TypeId::kLong:
    case TypeId::kTime:
      return sql::LogicalType::Bigint();
    case TypeId::kFloat:
      return sql::LogicalType::Real();
    case TypeId::kDouble:
      return sql::LogicalType::Double();
    case TypeId::kDecimal:
      if (type.precision < 1 || type.precision > 38 || type.scale < 0 ||
          type.scale > type.precision) {
        return Status::Corruption(fmt::format("iceberg: bad decimal {}", type.ToString()));
      }
      return sql::LogicalType::Decimal(type.precision, type.scale);
    case TypeId::kDate:
      return sql::LogicalType::Date();
    case TypeId::kTimestamp:
      return sql::LogicalType::Timestamp(6);
    case TypeId::kTimestampTz:
      return sql::LogicalType::TimestampWithTimeZone(6);
    case TypeId::kString:
    case TypeId::kUuid:
      return sql::LogicalType::Varchar();
    case TypeId::kFixed:
    case TypeId::kBinary:
      return sql::LogicalType::Varbinary();
    case TypeId::kList: {
      STRATUS_ASSIGN_OR_RETURN(sql::LogicalType element, ToLogicalType(type.fields.at(0).type));
      return sql::LogicalType::Array(std::move(element));
    }
    case TypeId::kMap: {
      STRATUS_ASSIGN_OR_RETURN(sql::LogicalType key, ToLogicalType(type.fields.at(0).type));
      STRATUS_ASSIGN_OR_RETURN(sql::LogicalType value, ToLogicalType(type.fields.at(1).type));
      return sql::LogicalType::Map(std::move(key), std::move(value));
    }
    case TypeId::kStruct: {
      std::vector<sql::RowField> fields;
      for (const NestedField& field : type.fields) {
        STRATUS_ASSIGN_OR_RETURN(sql::LogicalType child, ToLogicalType(field.type));
        fields.push_back(sql::RowField{.name = field.name, .type = std::move(child)});
      }
      return sql::LogicalType::Row(std::move(fields));
    }
  }
  return Status::Corruption("iceberg: unknown type id");
}

Result<Type> FromLogicalType(const sql::LogicalType& type, int32_t* next_id) {
  return Convert(type, next_id);
}

Result<Schema> SchemaFromColumns(const std::vector<ColumnDefinition>& columns, int32_t schema_id) {
  Schema schema;
  schema.schema_id = schema_id;
  int32_t next_id = 1;
  for (const ColumnDefinition& column : columns) {
    if (schema.FindColumn(column.name) != nullptr) {
      return Status::InvalidArgument(
          fmt::format("Column name '{}' specified more than once", column.name));
    }
    schema.fields.push_back(NestedField{.id = next_id++,
                                        .name = column.name,
                                        .required = column.required,
                                        .type = {},
                                        .doc = column.comment});
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    STRATUS_ASSIGN_OR_RETURN(schema.fields[i].type, Convert(columns[i].type, &next_id));
  }
  return schema;
}

Result<std::vector<ColumnDefinition>> SchemaToColumns(const Schema& schema) {
  std::vector<ColumnDefinition> out;
  for (const NestedField& field : schema.fields) {
    STRATUS_ASSIGN_OR_RETURN(sql::LogicalType type, ToLogicalType(field.type));
    out.push_back(ColumnDefinition{.name = field.name,
                                   .type = std::move(type),
                                   .comment = field.doc,
                                   .required = field.required});
  }
  return out;
}

OrderedJson TypeToJsonValue(const Type& type) {
  switch (type.id) {
    case TypeId::kStruct: {
      OrderedJson out = OrderedJson::object();
      out["type"] = "struct";
      out["fields"] = OrderedJson::array();
      for (const NestedField& field : type.fields) {
        out["fields"].push_back(FieldToJson(field));
      }
      return out;
    }
    case TypeId::kList: {
      OrderedJson out = OrderedJson::object();
      out["type"] = "list";
      out["element-id"] = type.fields.at(0).id;
      out["element"] = TypeToJsonValue(type.fields.at(0).type);
      out["element-required"] = type.fields.at(0).required;
      return out;
    }
    case TypeId::kMap: {
      OrderedJson out = OrderedJson::object();
      out["type"] = "map";
      out["key-id"] = type.fields.at(0).id;
      out["key"] = TypeToJsonValue(type.fields.at(0).type);
      out["value-id"] = type.fields.at(1).id;
      out["value"] = TypeToJsonValue(type.fields.at(1).type);
      out["value-required"] = type.fields.at(1).required;
      return out;
    }
    case TypeId::kDecimal:
      return fmt::format("decimal({}, {})", type.precision, type.scale);
    default:
      return type.ToString();
  }
}

Result<Type> TypeFromJsonValue(const OrderedJson& value, int depth) {
  if (depth > kMaxTypeDepth) {
    return Status::Corruption("iceberg: type nested too deeply");
  }
  if (value.is_string()) {
    return ParsePrimitive(value.get<std::string>());
  }
  STRATUS_ASSIGN_OR_RETURN(std::string kind, JsonString(value, "type"));
  if (kind == "struct") {
    STRATUS_ASSIGN_OR_RETURN(std::vector<NestedField> fields, FieldsFromJson(value, depth));
    return Type::Struct(std::move(fields));
  }
  if (kind == "list") {
    STRATUS_ASSIGN_OR_RETURN(int64_t id, JsonInt(value, "element-id"));
    STRATUS_ASSIGN_OR_RETURN(bool required, JsonBool(value, "element-required"));
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* element, JsonMember(value, "element"));
    STRATUS_ASSIGN_OR_RETURN(Type element_type, TypeFromJsonValue(*element, depth + 1));
    return Type::List(static_cast<int32_t>(id), required, std::move(element_type));
  }
  if (kind == "map") {
    STRATUS_ASSIGN_OR_RETURN(int64_t key_id, JsonInt(value, "key-id"));
    STRATUS_ASSIGN_OR_RETURN(int64_t value_id, JsonInt(value, "value-id"));
    STRATUS_ASSIGN_OR_RETURN(bool required, JsonBool(value, "value-required"));
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* key, JsonMember(value, "key"));
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* val, JsonMember(value, "value"));
    STRATUS_ASSIGN_OR_RETURN(Type key_type, TypeFromJsonValue(*key, depth + 1));
    STRATUS_ASSIGN_OR_RETURN(Type value_type, TypeFromJsonValue(*val, depth + 1));
    return Type::Map(static_cast<int32_t>(key_id), std::move(key_type),
                     static_cast<int32_t>(value_id), required, std::move(value_type));
  }
  return Status::Corruption(fmt::format("iceberg: unknown type {}", kind));
}

OrderedJson SchemaToJsonValue(const Schema& schema) {
  OrderedJson out = OrderedJson::object();
  out["type"] = "struct";
  out["schema-id"] = schema.schema_id;
  if (!schema.identifier_field_ids.empty()) {
    out["identifier-field-ids"] = schema.identifier_field_ids;
  }
  out["fields"] = OrderedJson::array();
  for (const NestedField& field : schema.fields) {
    out["fields"].push_back(FieldToJson(field));
  }
  return out;
}

Result<Schema> SchemaFromJsonValue(const OrderedJson& value) {
  Schema schema;
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> id, JsonOptionalInt(value, "schema-id"));
  schema.schema_id = static_cast<int32_t>(id.value_or(0));
  STRATUS_ASSIGN_OR_RETURN(schema.fields, FieldsFromJson(value, 0));
  if (value.contains("identifier-field-ids") && value["identifier-field-ids"].is_array()) {
    for (const OrderedJson& item : value["identifier-field-ids"]) {
      if (item.is_number_integer()) {
        schema.identifier_field_ids.push_back(item.get<int32_t>());
      }
    }
  }
  return schema;
}

std::string SchemaToJson(const Schema& schema) {
  return DumpJsonText(SchemaToJsonValue(schema), -1);
}

Result<Schema> ParseSchemaJson(std::string_view json) {
  STRATUS_ASSIGN_OR_RETURN(OrderedJson value, ParseJsonText(json, "schema"));
  return SchemaFromJsonValue(value);
}

}  // namespace stratus::formats::iceberg
