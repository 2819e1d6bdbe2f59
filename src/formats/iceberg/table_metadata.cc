#include "formats/iceberg/table_metadata.h"

#include <utility>

#include "base/check.h"
#include "base/format.h"
#include "formats/iceberg/json_internal.h"
#include "formats/iceberg/schema_json_internal.h"

namespace stratus::formats::iceberg {
namespace {

Result<const OrderedJson*> JsonArray(const OrderedJson& object, std::string_view key) {
  STRATUS_ASSIGN_OR_RETURN(const OrderedJson* member, JsonMember(object, key));
  if (!member->is_array()) {
    return Status::Corruption(fmt::format("iceberg: field {} is not a list", key));
  }
  return member;
}

Result<PartitionSpec> SpecFromJson(const OrderedJson& value) {
  PartitionSpec spec;
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> id, JsonOptionalInt(value, "spec-id"));
  spec.spec_id = static_cast<int32_t>(id.value_or(0));
  STRATUS_ASSIGN_OR_RETURN(const OrderedJson* fields, JsonArray(value, "fields"));
  int32_t next_id = kFirstPartitionFieldId;
  for (const OrderedJson& field : *fields) {
    PartitionField out;
    STRATUS_ASSIGN_OR_RETURN(out.name, JsonString(field, "name"));
    STRATUS_ASSIGN_OR_RETURN(std::string transform, JsonString(field, "transform"));
    auto parsed = Transform::Parse(transform);
    if (!parsed.ok()) {
      return Status::Corruption(parsed.status().message());
    }
    out.transform = *parsed;
    STRATUS_ASSIGN_OR_RETURN(int64_t source_id, JsonInt(field, "source-id"));
    out.source_id = static_cast<int32_t>(source_id);
    // v1 specs may leave field ids out: they count up from 1000.
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> field_id, JsonOptionalInt(field, "field-id"));
    out.field_id = static_cast<int32_t>(field_id.value_or(next_id));
    next_id = out.field_id + 1;
    spec.fields.push_back(std::move(out));
  }
  return spec;
}

OrderedJson SpecToJson(const PartitionSpec& spec) {
  OrderedJson out = OrderedJson::object();
  out["spec-id"] = spec.spec_id;
  out["fields"] = OrderedJson::array();
  for (const PartitionField& field : spec.fields) {
    OrderedJson item = OrderedJson::object();
    item["name"] = field.name;
    item["transform"] = field.transform.ToString();
    item["source-id"] = field.source_id;
    item["field-id"] = field.field_id;
    out["fields"].push_back(std::move(item));
  }
  return out;
}

Result<SortOrder> SortOrderFromJson(const OrderedJson& value) {
  SortOrder order;
  STRATUS_ASSIGN_OR_RETURN(int64_t id, JsonInt(value, "order-id"));
  order.order_id = static_cast<int32_t>(id);
  STRATUS_ASSIGN_OR_RETURN(const OrderedJson* fields, JsonArray(value, "fields"));
  for (const OrderedJson& field : *fields) {
    SortField out;
    STRATUS_ASSIGN_OR_RETURN(std::string transform, JsonString(field, "transform"));
    auto parsed = Transform::Parse(transform);
    if (!parsed.ok()) {
      return Status::Corruption(parsed.status().message());
    }
    out.transform = *parsed;
    STRATUS_ASSIGN_OR_RETURN(int64_t source_id, JsonInt(field, "source-id"));
    out.source_id = static_cast<int32_t>(source_id);
    STRATUS_ASSIGN_OR_RETURN(std::string direction, JsonString(field, "direction"));
    out.direction = direction == "desc" ? SortDirection::kDescending : SortDirection::kAscending;
    STRATUS_ASSIGN_OR_RETURN(std::string nulls, JsonString(field, "null-order"));
    out.null_order = nulls == "nulls-last" ? NullOrder::kNullsLast : NullOrder::kNullsFirst;
    order.fields.push_back(out);
  }
  return order;
}

OrderedJson SortOrderToJson(const SortOrder& order) {
  OrderedJson out = OrderedJson::object();
  out["order-id"] = order.order_id;
  out["fields"] = OrderedJson::array();
  for (const SortField& field : order.fields) {
    OrderedJson item = OrderedJson::object();
    item["transform"] = field.transform.ToString();
    item["source-id"] = field.source_id;
    item["direction"] = field.direction == SortDirection::kDescending ? "desc" : "asc";
    item["null-order"] = field.null_order == NullOrder::kNullsLast ? "nulls-last" : "nulls-first";
    out["fields"].push_back(std::move(item));
  }
  return out;
}

Result<Snapshot> SnapshotFromJson(const OrderedJson& value) {
  Snapshot snapshot;
  STRATUS_ASSIGN_OR_RETURN(snapshot.snapshot_id, JsonInt(value, "snapshot-id"));
  STRATUS_ASSIGN_OR_RETURN(snapshot.parent_snapshot_id,
                           JsonOptionalInt(value, "parent-snapshot-id"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> sequence,
                           JsonOptionalInt(value, "sequence-number"));
  snapshot.sequence_number = sequence.value_or(0);
  STRATUS_ASSIGN_OR_RETURN(snapshot.timestamp_ms, JsonInt(value, "timestamp-ms"));
  // v1 snapshots may list manifests inline instead of a manifest list.
  STRATUS_ASSIGN_OR_RETURN(snapshot.manifest_list, JsonOptionalString(value, "manifest-list", ""));
  if (snapshot.manifest_list.empty()) {
    return Status::NotImplemented("iceberg: v1 snapshots without a manifest list");
  }
  if (value.contains("summary") && value["summary"].is_object()) {
    for (const auto& [key, item] : value["summary"].items()) {
      if (!item.is_string()) {
        continue;
      }
      if (key == "operation") {
        snapshot.operation = item.get<std::string>();
      } else {
        snapshot.summary.emplace_back(key, item.get<std::string>());
      }
    }
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> schema_id, JsonOptionalInt(value, "schema-id"));
  if (schema_id.has_value()) {
    snapshot.schema_id = static_cast<int32_t>(*schema_id);
  }
  return snapshot;
}

OrderedJson SnapshotToJson(const Snapshot& snapshot) {
  OrderedJson out = OrderedJson::object();
  out["sequence-number"] = snapshot.sequence_number;
  out["snapshot-id"] = snapshot.snapshot_id;
  if (snapshot.parent_snapshot_id.has_value()) {
    out["parent-snapshot-id"] = *snapshot.parent_snapshot_id;
  }
  out["timestamp-ms"] = snapshot.timestamp_ms;
  OrderedJson summary = OrderedJson::object();
  summary["operation"] = snapshot.operation;
  for (const auto& [key, value] : snapshot.summary) {
    summary[key] = value;
  }
  out["summary"] = std::move(summary);
  out["manifest-list"] = snapshot.manifest_list;
  if (snapshot.schema_id.has_value()) {
    out["schema-id"] = *snapshot.schema_id;
  }
  return out;
}

Status ParseSchemasAndSpecs(const OrderedJson& root, TableMetadata* metadata) {
  if (root.contains("schemas")) {
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* schemas, JsonArray(root, "schemas"));
    for (const OrderedJson& schema : *schemas) {
      STRATUS_ASSIGN_OR_RETURN(Schema parsed, SchemaFromJsonValue(schema));
      metadata->schemas.push_back(std::move(parsed));
    }
    STRATUS_ASSIGN_OR_RETURN(int64_t current, JsonInt(root, "current-schema-id"));
    metadata->current_schema_id = static_cast<int32_t>(current);
  } else {
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* schema, JsonMember(root, "schema"));
    STRATUS_ASSIGN_OR_RETURN(Schema parsed, SchemaFromJsonValue(*schema));
    metadata->current_schema_id = parsed.schema_id;
    metadata->schemas.push_back(std::move(parsed));
  }
  if (root.contains("partition-specs")) {
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* specs, JsonArray(root, "partition-specs"));
    for (const OrderedJson& spec : *specs) {
      STRATUS_ASSIGN_OR_RETURN(PartitionSpec parsed, SpecFromJson(spec));
      metadata->partition_specs.push_back(std::move(parsed));
    }
    STRATUS_ASSIGN_OR_RETURN(int64_t default_spec, JsonInt(root, "default-spec-id"));
    metadata->default_spec_id = static_cast<int32_t>(default_spec);
  } else {
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* fields, JsonArray(root, "partition-spec"));
    OrderedJson wrapped = OrderedJson::object();
    wrapped["spec-id"] = 0;
    wrapped["fields"] = *fields;
    STRATUS_ASSIGN_OR_RETURN(PartitionSpec parsed, SpecFromJson(wrapped));
    metadata->partition_specs.push_back(std::move(parsed));
    metadata->default_spec_id = 0;
  }
  int32_t highest_partition_id = kFirstPartitionFieldId - 1;
  for (const PartitionSpec& spec : metadata->partition_specs) {
    for (const PartitionField& field : spec.fields) {
      highest_partition_id = std::max(highest_partition_id, field.field_id);
    }
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> last_partition_id,
                           JsonOptionalInt(root, "last-partition-id"));
  metadata->last_partition_id =
      static_cast<int32_t>(last_partition_id.value_or(highest_partition_id));
  if (metadata->FindSchema(metadata->current_schema_id) == nullptr) {
    return Status::Corruption("iceberg: current-schema-id names no schema");
  }
  if (metadata->FindSpec(metadata->default_spec_id) == nullptr) {
    return Status::Corruption("iceberg: default-spec-id names no partition spec");
  }
  return Status::Ok();
}

Status ParseSnapshotsAndLogs(const OrderedJson& root, TableMetadata* metadata) {
  if (root.contains("snapshots")) {
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* snapshots, JsonArray(root, "snapshots"));
    for (const OrderedJson& snapshot : *snapshots) {
      STRATUS_ASSIGN_OR_RETURN(Snapshot parsed, SnapshotFromJson(snapshot));
      metadata->snapshots.push_back(std::move(parsed));
    }
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> current,
                           JsonOptionalInt(root, "current-snapshot-id"));
  if (current.has_value() && *current != -1) {
    if (metadata->FindSnapshot(*current) == nullptr) {
      return Status::Corruption("iceberg: current-snapshot-id names no snapshot");
    }
    metadata->current_snapshot_id = *current;
  }
  if (root.contains("snapshot-log")) {
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* log, JsonArray(root, "snapshot-log"));
    for (const OrderedJson& entry : *log) {
      SnapshotLogEntry out;
      STRATUS_ASSIGN_OR_RETURN(out.timestamp_ms, JsonInt(entry, "timestamp-ms"));
      STRATUS_ASSIGN_OR_RETURN(out.snapshot_id, JsonInt(entry, "snapshot-id"));
      metadata->snapshot_log.push_back(out);
    }
  }
  if (root.contains("metadata-log")) {
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* log, JsonArray(root, "metadata-log"));
    for (const OrderedJson& entry : *log) {
      MetadataLogEntry out;
      STRATUS_ASSIGN_OR_RETURN(out.timestamp_ms, JsonInt(entry, "timestamp-ms"));
      STRATUS_ASSIGN_OR_RETURN(out.metadata_file, JsonString(entry, "metadata-file"));
      metadata->metadata_log.push_back(std::move(out));
    }
  }
  if (root.contains("refs") && root["refs"].is_object()) {
    for (const auto& [name, ref] : root["refs"].items()) {
      SnapshotRef out;
      STRATUS_ASSIGN_OR_RETURN(out.snapshot_id, JsonInt(ref, "snapshot-id"));
      STRATUS_ASSIGN_OR_RETURN(out.type, JsonOptionalString(ref, "type", "branch"));
      STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> keep,
                               JsonOptionalInt(ref, "min-snapshots-to-keep"));
      if (keep.has_value()) {
        out.min_snapshots_to_keep = static_cast<int32_t>(*keep);
      }
      STRATUS_ASSIGN_OR_RETURN(out.max_snapshot_age_ms,
                               JsonOptionalInt(ref, "max-snapshot-age-ms"));
      STRATUS_ASSIGN_OR_RETURN(out.max_ref_age_ms, JsonOptionalInt(ref, "max-ref-age-ms"));
      metadata->refs[name] = out;
    }
  } else if (metadata->current_snapshot_id.has_value()) {
    metadata->refs["main"] = SnapshotRef{.snapshot_id = *metadata->current_snapshot_id};
  }
  return Status::Ok();
}

}  // namespace

const std::string* Snapshot::FindSummary(std::string_view key) const {
  if (key == "operation") {
    return &operation;
  }
  for (const auto& [name, value] : summary) {
    if (name == key) {
      return &value;
    }
  }
  return nullptr;
}

const Schema& TableMetadata::current_schema() const {
  const Schema* schema = FindSchema(current_schema_id);
  STRATUS_CHECK(schema != nullptr, "iceberg: no schema {}", current_schema_id);
  return *schema;
}

const PartitionSpec& TableMetadata::default_spec() const {
  const PartitionSpec* spec = FindSpec(default_spec_id);
  STRATUS_CHECK(spec != nullptr, "iceberg: no partition spec {}", default_spec_id);
  return *spec;
}

const Schema* TableMetadata::FindSchema(int32_t schema_id) const {
  for (const Schema& schema : schemas) {
    if (schema.schema_id == schema_id) {
      return &schema;
    }
  }
  return nullptr;
}

const PartitionSpec* TableMetadata::FindSpec(int32_t spec_id) const {
  for (const PartitionSpec& spec : partition_specs) {
    if (spec.spec_id == spec_id) {
      return &spec;
    }
  }
  return nullptr;
}

const Snapshot* TableMetadata::FindSnapshot(int64_t snapshot_id) const {
  for (const Snapshot& snapshot : snapshots) {
    if (snapshot.snapshot_id == snapshot_id) {
      return &snapshot;
    }
  }
  return nullptr;
}

const Snapshot* TableMetadata::current_snapshot() const {
  return current_snapshot_id.has_value() ? FindSnapshot(*current_snapshot_id) : nullptr;
}

std::string TableMetadata::Property(std::string_view key, std::string_view fallback) const {
  auto it = properties.find(std::string(key));
  return it == properties.end() ? std::string(fallback) : it->second;
}

Result<TableMetadata> ParseTableMetadata(std::string_view json) {
  STRATUS_ASSIGN_OR_RETURN(OrderedJson root, ParseJsonText(json, "table metadata"));
  TableMetadata metadata;
  STRATUS_ASSIGN_OR_RETURN(int64_t version, JsonInt(root, "format-version"));
  if (version != 1 && version != 2) {
    return Status::NotImplemented(fmt::format("iceberg: format version {}", version));
  }
  metadata.format_version = static_cast<int32_t>(version);
  STRATUS_ASSIGN_OR_RETURN(metadata.table_uuid, JsonOptionalString(root, "table-uuid", ""));
  STRATUS_ASSIGN_OR_RETURN(metadata.location, JsonString(root, "location"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> sequence,
                           JsonOptionalInt(root, "last-sequence-number"));
  metadata.last_sequence_number = sequence.value_or(0);
  STRATUS_ASSIGN_OR_RETURN(metadata.last_updated_ms, JsonInt(root, "last-updated-ms"));
  STRATUS_ASSIGN_OR_RETURN(int64_t last_column_id, JsonInt(root, "last-column-id"));
  metadata.last_column_id = static_cast<int32_t>(last_column_id);
  STRATUS_RETURN_IF_ERROR(ParseSchemasAndSpecs(root, &metadata));
  if (root.contains("properties") && root["properties"].is_object()) {
    for (const auto& [key, value] : root["properties"].items()) {
      if (value.is_string()) {
        metadata.properties[key] = value.get<std::string>();
      }
    }
  }
  STRATUS_RETURN_IF_ERROR(ParseSnapshotsAndLogs(root, &metadata));
  if (root.contains("sort-orders")) {
    STRATUS_ASSIGN_OR_RETURN(const OrderedJson* orders, JsonArray(root, "sort-orders"));
    for (const OrderedJson& order : *orders) {
      STRATUS_ASSIGN_OR_RETURN(SortOrder parsed, SortOrderFromJson(order));
      metadata.sort_orders.push_back(std::move(parsed));
    }
  }
  if (metadata.sort_orders.empty()) {
    metadata.sort_orders.push_back(SortOrder{});
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> sort_order,
                           JsonOptionalInt(root, "default-sort-order-id"));
  metadata.default_sort_order_id = static_cast<int32_t>(sort_order.value_or(0));
  return metadata;
}

std::string SerializeTableMetadata(const TableMetadata& metadata) {
  OrderedJson root = OrderedJson::object();
  root["format-version"] = 2;
  root["table-uuid"] = metadata.table_uuid;
  root["location"] = metadata.location;
  root["last-sequence-number"] = metadata.last_sequence_number;
  root["last-updated-ms"] = metadata.last_updated_ms;
  root["last-column-id"] = metadata.last_column_id;
  root["current-schema-id"] = metadata.current_schema_id;
  root["schemas"] = OrderedJson::array();
  for (const Schema& schema : metadata.schemas) {
    root["schemas"].push_back(SchemaToJsonValue(schema));
  }
  root["default-spec-id"] = metadata.default_spec_id;
  root["partition-specs"] = OrderedJson::array();
  for (const PartitionSpec& spec : metadata.partition_specs) {
    root["partition-specs"].push_back(SpecToJson(spec));
  }
  root["last-partition-id"] = metadata.last_partition_id;
  root["default-sort-order-id"] = metadata.default_sort_order_id;
  root["sort-orders"] = OrderedJson::array();
  for (const SortOrder& order : metadata.sort_orders) {
    root["sort-orders"].push_back(SortOrderToJson(order));
  }
  root["properties"] = OrderedJson::object();
  for (const auto& [key, value] : metadata.properties) {
    root["properties"][key] = value;
  }
  root["current-snapshot-id"] = metadata.current_snapshot_id.value_or(-1);
  root["refs"] = OrderedJson::object();
  for (const auto& [name, ref] : metadata.refs) {
    OrderedJson item = OrderedJson::object();
    item["snapshot-id"] = ref.snapshot_id;
    item["type"] = ref.type;
    if (ref.min_snapshots_to_keep.has_value()) {
      item["min-snapshots-to-keep"] = *ref.min_snapshots_to_keep;
    }
    if (ref.max_snapshot_age_ms.has_value()) {
      item["max-snapshot-age-ms"] = *ref.max_snapshot_age_ms;
    }
    if (ref.max_ref_age_ms.has_value()) {
      item["max-ref-age-ms"] = *ref.max_ref_age_ms;
    }
    root["refs"][name] = std::move(item);
  }
  root["snapshots"] = OrderedJson::array();
  for (const Snapshot& snapshot : metadata.snapshots) {
    root["snapshots"].push_back(SnapshotToJson(snapshot));
  }
  root["statistics"] = OrderedJson::array();
  root["snapshot-log"] = OrderedJson::array();
  for (const SnapshotLogEntry& entry : metadata.snapshot_log) {
    OrderedJson item = OrderedJson::object();
    item["timestamp-ms"] = entry.timestamp_ms;
    item["snapshot-id"] = entry.snapshot_id;
    root["snapshot-log"].push_back(std::move(item));
  }
  root["metadata-log"] = OrderedJson::array();
  for (const MetadataLogEntry& entry : metadata.metadata_log) {
    OrderedJson item = OrderedJson::object();
    item["timestamp-ms"] = entry.timestamp_ms;
    item["metadata-file"] = entry.metadata_file;
    root["metadata-log"].push_back(std::move(item));
  }
  return DumpJsonText(root, 2);
}

}  // namespace stratus::formats::iceberg
