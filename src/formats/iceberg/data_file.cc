#include "formats/iceberg/data_file.h"

#include "formats/iceberg/single_value.h"

namespace stratus::formats::iceberg {
namespace {

template <typename T>
std::optional<T> Lookup(const std::map<int32_t, T>& map, int32_t id) {
  auto it = map.find(id);
  return it == map.end() ? std::optional<T>() : std::optional<T>(it->second);
}

void CollectPrimitives(const std::vector<NestedField>& fields,
                       std::vector<const NestedField*>* out) {
  for (const NestedField& field : fields) {
    if (field.type.is_primitive()) {
      out->push_back(&field);
    } else {
      CollectPrimitives(field.type.fields, out);
    }
  }
}

}  // namespace

std::map<int32_t, ColumnStats> DecodeColumnStats(const DataFile& file, const Schema& schema) {
  std::vector<const NestedField*> fields;
  CollectPrimitives(schema.fields, &fields);
  std::map<int32_t, ColumnStats> out;
  for (const NestedField* field : fields) {
    ColumnStats stats;
    stats.value_count = Lookup(file.value_counts, field->id);
    stats.null_count = Lookup(file.null_value_counts, field->id);
    stats.nan_count = Lookup(file.nan_value_counts, field->id);
    if (auto it = file.lower_bounds.find(field->id); it != file.lower_bounds.end()) {
      auto value = DeserializeSingleValue(it->second, field->type);
      if (value.ok()) {
        stats.lower = std::move(*value);
      }
    }
    if (auto it = file.upper_bounds.find(field->id); it != file.upper_bounds.end()) {
      auto value = DeserializeSingleValue(it->second, field->type);
      if (value.ok()) {
        stats.upper = std::move(*value);
      }
    }
    if (stats.value_count.has_value() || stats.null_count.has_value() || stats.lower.has_value() ||
        stats.upper.has_value()) {
      out[field->id] = std::move(stats);
    }
  }
  return out;
}

}  // namespace stratus::formats::iceberg
