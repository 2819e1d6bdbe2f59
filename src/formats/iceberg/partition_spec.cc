#include "formats/iceberg/partition_spec.h"

#include <cctype>
#include <string>

#include "base/format.h"

namespace stratus::formats::iceberg {
namespace {

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) {
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// Java's URLEncoder.encode(value, UTF_8).
std::string UrlEncode(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '.' || c == '-' || c == '*' || c == '_') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

Result<Transform> TransformOf(const PartitionColumn& column) {
  const std::string name = Lower(column.transform);
  if (name == "bucket" || name == "truncate") {
    if (!column.argument.has_value() || *column.argument <= 0) {
      return Status::InvalidArgument(
          fmt::format("Invalid partition field declaration: {}({}) needs a positive width", name,
                      column.column));
    }
    return Transform{.kind = name == "bucket" ? TransformKind::kBucket : TransformKind::kTruncate,
                     .param = *column.argument};
  }
  if (name.empty()) {
    return Transform{.kind = TransformKind::kIdentity, .param = 0};
  }
  if (column.argument.has_value()) {
    return Status::InvalidArgument(
        fmt::format("Invalid partition field declaration: {} takes no argument", name));
  }
  return Transform::Parse(name);
}

std::string FieldName(const std::string& source, const Transform& transform) {
  switch (transform.kind) {
    case TransformKind::kIdentity:
      return source;
    case TransformKind::kYear:
      return source + "_year";
    case TransformKind::kMonth:
      return source + "_month";
    case TransformKind::kDay:
      return source + "_day";
    case TransformKind::kHour:
      return source + "_hour";
    case TransformKind::kBucket:
      return source + "_bucket";
    case TransformKind::kTruncate:
      return source + "_trunc";
    case TransformKind::kVoid:
      return source + "_null";
  }
  return source;
}

}  // namespace

Result<PartitionSpec> BuildPartitionSpec(const Schema& schema,
                                         std::span<const PartitionColumn> columns,
                                         int32_t spec_id,
                                         int32_t last_partition_id) {
  PartitionSpec spec;
  spec.spec_id = spec_id;
  int32_t next_id = last_partition_id + 1;
  for (const PartitionColumn& column : columns) {
    const NestedField* source = schema.FindColumn(column.column);
    if (source == nullptr) {
      return Status::InvalidArgument(
          fmt::format("Column '{}' does not exist (in PARTITIONED BY)", column.column));
    }
    STRATUS_ASSIGN_OR_RETURN(Transform transform, TransformOf(column));
    STRATUS_RETURN_IF_ERROR(transform.ResultType(source->type).status());
    for (const PartitionField& existing : spec.fields) {
      if (existing.source_id == source->id && existing.transform == transform) {
        return Status::InvalidArgument(fmt::format("Cannot add redundant partition: {}({})",
                                                   transform.ToString(), source->name));
      }
    }
    spec.fields.push_back(PartitionField{.source_id = source->id,
                                         .field_id = next_id++,
                                         .name = FieldName(source->name, transform),
                                         .transform = transform});
  }
  return spec;
}

Result<std::vector<NestedField>> PartitionType(const PartitionSpec& spec, const Schema& schema) {
  std::vector<NestedField> out;
  for (const PartitionField& field : spec.fields) {
    const NestedField* source = schema.FindField(field.source_id);
    Type result = Type::Primitive(TypeId::kInt);
    if (source != nullptr) {
      STRATUS_ASSIGN_OR_RETURN(result, field.transform.ResultType(source->type));
    } else if (field.transform.kind != TransformKind::kVoid) {
      return Status::Corruption(fmt::format("iceberg: partition field {} has no source column {}",
                                            field.name, field.source_id));
    }
    out.push_back(NestedField{
        .id = field.field_id, .name = field.name, .required = false, .type = result, .doc = {}});
  }
  return out;
}

Result<std::vector<sql::Value>> PartitionTuple(const PartitionSpec& spec,
                                               const Schema& schema,
                                               std::span<const sql::Value> row) {
  std::vector<sql::Value> out;
  out.reserve(spec.fields.size());
  for (const PartitionField& field : spec.fields) {
    size_t index = 0;
    while (index < schema.fields.size() && schema.fields[index].id != field.source_id) {
      ++index;
    }
    if (index == schema.fields.size() || index >= row.size()) {
      return Status::InvalidArgument(
          fmt::format("iceberg: partition source {} is not a top-level column", field.source_id));
    }
    STRATUS_ASSIGN_OR_RETURN(sql::Value value,
                             field.transform.Apply(row[index], schema.fields[index].type));
    out.push_back(std::move(value));
  }
  return out;
}

std::string PartitionPath(const PartitionSpec& spec, std::span<const sql::Value> tuple) {
  std::string out;
  for (size_t i = 0; i < spec.fields.size() && i < tuple.size(); ++i) {
    if (i > 0) {
      out.push_back('/');
    }
    out += spec.fields[i].name;
    out.push_back('=');
    out += UrlEncode(PartitionValueToString(tuple[i], spec.fields[i].transform));
  }
  return out;
}

}  // namespace stratus::formats::iceberg
