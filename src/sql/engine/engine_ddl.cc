// DDL: databases, tables (Hive external and our text tables), views,
// partitions and MSCK REPAIR TABLE, stored in the catalog as Athena stores
// them in Glue.

#include <map>
#include <set>
#include <utility>

#include "base/clock.h"
#include "lake/lake.h"
#include "sql/binder/binder.h"
#include "sql/catalog/catalog.h"
#include "sql/catalog/memory_catalog.h"
#include "sql/engine/engine_internal.h"
#include "sql/parser/to_sql.h"
#include "sql/types/sql_error.h"
#include "sql/types/type_names.h"
#include "sql/types/value.h"

namespace stratus::sql {
namespace {

constexpr std::string_view kLazySimpleSerde = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
constexpr std::string_view kTextInputFormat = "org.apache.hadoop.mapred.TextInputFormat";
constexpr std::string_view kTextOutputFormat =
    "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

std::string PositionPrefix(parser::SourcePosition position) {
  return "line " + std::to_string(position.line) + ":" + std::to_string(position.column) + ": ";
}

struct StorageFormat {
  std::string input_format;
  std::string output_format;
  std::string serde;
};

// AWS: the formats Athena's CREATE TABLE ... STORED AS writes to Glue.
std::optional<StorageFormat> FormatFor(std::string_view format) {
  if (format == "TEXTFILE") {
    return StorageFormat{std::string(kTextInputFormat), std::string(kTextOutputFormat),
                         std::string(kLazySimpleSerde)};
  }
  if (format == "PARQUET") {
    return StorageFormat{"org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                         "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                         "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"};
  }
  if (format == "ORC") {
    return StorageFormat{"org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                         "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
                         "org.apache.hadoop.hive.ql.io.orc.OrcSerde"};
  }
  if (format == "JSON" || format == "JSONFILE") {
    return StorageFormat{std::string(kTextInputFormat), std::string(kTextOutputFormat),
                         "org.apache.hadoop.hive.serde2.JsonSerDe"};
  }
  if (format == "AVRO") {
    return StorageFormat{"org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                         "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
                         "org.apache.hadoop.hive.serde2.avro.AvroSerDe"};
  }
  if (format == "SEQUENCEFILE") {
    return StorageFormat{"org.apache.hadoop.mapred.SequenceFileInputFormat",
                         "org.apache.hadoop.hive.ql.io.HiveSequenceFileOutputFormat",
                         std::string(kLazySimpleSerde)};
  }
  return std::nullopt;
}

Result<catalog::ColumnDescriptor> ToColumn(const parser::ColumnDefinition& definition,
                                           binder::Binder& binder) {
  auto type = binder.ResolveType(definition.type);
  if (!type.ok()) {
    return type.status();
  }
  return catalog::ColumnDescriptor{.name = definition.name.name,
                                   .type = *type,
                                   .hive_type = HiveTypeOf(*type),
                                   .comment = definition.comment.value_or("")};
}

// Renders a partition value literal as Hive keeps it: the text of strings,
// the digits of numbers, the ISO form of dates.
Result<std::string> PartitionValueText(const parser::Expression& expression,
                                       binder::Binder& binder) {
  if (expression.kind == parser::ExpressionKind::kLiteral) {
    const auto& literal = expression.As<parser::LiteralExpression>();
    if (literal.literal_kind == parser::LiteralKind::kString ||
        literal.literal_kind == parser::LiteralKind::kTyped ||
        literal.literal_kind == parser::LiteralKind::kInteger ||
        literal.literal_kind == parser::LiteralKind::kDecimal) {
      return literal.value;
    }
  }
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, binder.BindConstantExpression(expression));
  if (bound->kind != plan::ExprKind::kConstant) {
    return SqlError(kInvalidLiteral,
                    PositionPrefix(expression.position) + "Partition values must be literals");
  }
  return bound->constant.is_null() ? std::string("__HIVE_DEFAULT_PARTITION__")
                                   : bound->constant.ToString();
}

Result<std::vector<std::string>> PartitionValues(const parser::PartitionSpec& spec,
                                                 const catalog::TableDescriptor& table,
                                                 binder::Binder& binder) {
  std::vector<std::string> values(table.partition_keys.size());
  std::vector<bool> seen(table.partition_keys.size(), false);
  for (const parser::PartitionSpec::Value& value : spec.values) {
    size_t key = 0;
    while (key < table.partition_keys.size() &&
           table.partition_keys[key].name != value.column.name) {
      ++key;
    }
    if (key == table.partition_keys.size()) {
      return SqlError(kGenericUserError, PositionPrefix(value.column.position) + "Column '" +
                                             value.column.name + "' is not a partition key of " +
                                             table.name);
    }
    STRATUS_ASSIGN_OR_RETURN(values[key], PartitionValueText(*value.value, binder));
    seen[key] = true;
  }
  for (size_t key = 0; key < seen.size(); ++key) {
    if (!seen[key]) {
      return SqlError(kGenericUserError, PositionPrefix(spec.position) +
                                             "Partition spec lacks key " +
                                             table.partition_keys[key].name);
    }
  }
  return values;
}

std::string PartitionPath(const catalog::TableDescriptor& table,
                          const std::vector<std::string>& values) {
  std::string path;
  for (size_t i = 0; i < values.size(); ++i) {
    path += table.partition_keys[i].name + "=" + values[i] + "/";
  }
  return path;
}

std::string UnescapePathValue(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      auto hex = [](char c) {
        return c >= '0' && c <= '9'                     ? c - '0'
               : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                        : -1;
      };
      int high = hex(text[i + 1]);
      int low = hex(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Returns the URI of a listed key in the store `location` names.
std::string ObjectUriOf(std::string_view location, std::string_view key) {
  size_t scheme = location.find("://");
  if (location.rfind("file://", 0) == 0) {
    return "file://" + std::string(key);
  }
  size_t bucket_end = location.find('/', scheme + 3);
  std::string base(
      location.substr(0, bucket_end == std::string_view::npos ? location.size() : bucket_end));
  return base + "/" + std::string(key);
}

}  // namespace

std::string HiveTypeOf(const LogicalType& type) {
  auto hive = HiveTypeName(type);
  return hive.ok() ? *hive : type.ToString();
}

Status Engine::Impl::CreateSchema(const parser::CreateSchemaStatement& statement,
                                  StatementContext& context) {
  catalog::DatabaseDescriptor database;
  database.name = statement.name.parts.empty() ? "" : statement.name.parts.back().name;
  database.description = statement.comment.value_or("");
  database.location = statement.location.value_or("");
  for (const parser::StringProperty& property : statement.db_properties) {
    database.properties[property.key] = property.value;
  }
  Status status = options.catalog->CreateDatabase(database, statement.if_not_exists);
  if (!status.ok()) {
    return SqlError(SqlErrorName(status), PositionPrefix(statement.position) + status.message());
  }
  return context.sink->Begin(DdlDescription("CREATE_DATABASE"));
}

Status Engine::Impl::DropSchema(const parser::DropSchemaStatement& statement,
                                StatementContext& context) {
  std::string name = statement.name.parts.empty() ? "" : statement.name.parts.back().name;
  Status status = options.catalog->DropDatabase(name, statement.if_exists, statement.cascade);
  if (!status.ok()) {
    return SqlError(SqlErrorName(status), PositionPrefix(statement.position) + status.message());
  }
  return context.sink->Begin(DdlDescription("DROP_DATABASE"));
}

Status Engine::Impl::CreateTable(const parser::CreateTableStatement& statement,
                                 StatementContext& context) {
  binder::Binder binder(BinderOptionsFor(context));
  auto [database, name] = ResolveName(statement.name, context);
  catalog::TableDescriptor table;
  table.database = database;
  table.name = name;
  table.comment = statement.comment.value_or("");
  table.created_millis = context.functions.query_start_millis;
  for (const parser::ColumnDefinition& column : statement.columns) {
    STRATUS_ASSIGN_OR_RETURN(catalog::ColumnDescriptor descriptor, ToColumn(column, binder));
    table.columns.push_back(std::move(descriptor));
  }
  for (const parser::ColumnDefinition& column : statement.partition_columns) {
    STRATUS_ASSIGN_OR_RETURN(catalog::ColumnDescriptor descriptor, ToColumn(column, binder));
    table.partition_keys.push_back(std::move(descriptor));
  }
  for (const parser::StringProperty& property : statement.table_properties) {
    table.table_properties[property.key] = property.value;
  }
  auto table_type = table.table_properties.find("table_type");
  if (table_type != table.table_properties.end() &&
      catalog::LowercaseName(table_type->second) == "iceberg") {
    if (statement.external) {
      // Athena's message for CREATE EXTERNAL TABLE ... 'table_type'='ICEBERG'.
      return SqlError(kNotSupported, PositionPrefix(statement.position) +
                                         "Cannot create an external Iceberg table: use CREATE "
                                         "TABLE without EXTERNAL");
    }
    return CreateIcebergTable(statement, std::move(table), context);
  }
  if (!statement.partition_transforms.empty() || !statement.properties.empty()) {
    return SqlError(kNotSupported, PositionPrefix(statement.position) +
                                       "Partition transforms and WITH properties need an "
                                       "Iceberg table (TBLPROPERTIES ('table_type'='ICEBERG'))");
  }
  // Storage: ROW FORMAT and STORED AS, with LazySimpleSerDe text as the default.
  StorageFormat format = *FormatFor("TEXTFILE");
  bool explicit_serde = false;
  if (statement.stored_as.has_value()) {
    const parser::StorageFormat& stored = *statement.stored_as;
    if (!stored.format.empty()) {
      std::optional<StorageFormat> known = FormatFor(stored.format);
      if (!known.has_value()) {
        return SqlError(kNotSupported, PositionPrefix(statement.position) +
                                           "Unsupported storage format: " + stored.format);
      }
      format = *known;
    } else {
      format.input_format = stored.input_format;
      format.output_format = stored.output_format;
    }
  }
  if (statement.row_format.has_value()) {
    const parser::RowFormat& row = *statement.row_format;
    if (row.kind == parser::RowFormatKind::kSerde) {
      format.serde = row.serde_class;
      explicit_serde = true;
      for (const parser::StringProperty& property : row.serde_properties) {
        table.serde_properties[property.key] = property.value;
      }
    } else {
      format.serde = std::string(kLazySimpleSerde);
      // AWS: Athena stores FIELDS TERMINATED BY as field.delim and serialization.format.
      if (row.fields_terminated_by.has_value()) {
        table.serde_properties["field.delim"] = *row.fields_terminated_by;
        table.serde_properties["serialization.format"] = *row.fields_terminated_by;
      }
      if (row.escaped_by.has_value()) {
        table.serde_properties["escape.delim"] = *row.escaped_by;
      }
      if (row.collection_items_terminated_by.has_value()) {
        table.serde_properties["collection.delim"] = *row.collection_items_terminated_by;
      }
      if (row.map_keys_terminated_by.has_value()) {
        table.serde_properties["mapkey.delim"] = *row.map_keys_terminated_by;
      }
      if (row.lines_terminated_by.has_value()) {
        table.serde_properties["line.delim"] = *row.lines_terminated_by;
      }
      if (row.null_defined_as.has_value()) {
        table.serde_properties["serialization.null.format"] = *row.null_defined_as;
      }
    }
  }
  if (!explicit_serde && format.serde == kLazySimpleSerde &&
      !table.serde_properties.contains("serialization.format")) {
    table.serde_properties["serialization.format"] = "1";
  }
  table.input_format = format.input_format;
  table.output_format = format.output_format;
  table.serde_library = format.serde;
  if (statement.external) {
    if (!statement.location.has_value()) {
      return SqlError(kGenericUserError,
                      PositionPrefix(statement.position) + "External tables must have a LOCATION");
    }
    table.kind = catalog::TableKind::kExternal;
    table.location = *statement.location;
    table.table_properties["EXTERNAL"] = "TRUE";
  } else {
    // A text table we own (Athena allows plain CREATE TABLE only for Iceberg;
    // the engine keeps Hive text tables for CREATE TABLE + INSERT).
    table.kind = catalog::TableKind::kManaged;
    if (statement.location.has_value()) {
      table.location = *statement.location;
    } else if (!options.default_table_location.empty()) {
      table.location =
          JoinLocation(JoinLocation(options.default_table_location, database), name) + "/";
    } else {
      return SqlError(kGenericUserError, PositionPrefix(statement.position) +
                                             "CREATE TABLE needs a LOCATION (no default table "
                                             "location is configured)");
    }
    if (!statement.row_format.has_value() && !statement.stored_as.has_value()) {
      table.serde_properties["field.delim"] = "\x01";
    }
  }
  table.table_properties["transient_lastDdlTime"] =
      std::to_string(context.functions.query_start_millis / 1000);
  Status status = options.catalog->CreateTable(table, statement.if_not_exists);
  if (!status.ok()) {
    return SqlError(SqlErrorName(status),
                    PositionPrefix(statement.name.position()) + status.message());
  }
  return context.sink->Begin(DdlDescription("CREATE_TABLE"));
}

Status Engine::Impl::DropTable(const parser::DropTableStatement& statement,
                               StatementContext& context) {
  auto [database, name] = ResolveName(statement.name, context);
  auto found = options.catalog->GetTable(database, name);
  if (!found.ok()) {
    return SqlError(SqlErrorName(found.status()),
                    PositionPrefix(statement.name.position()) + found.status().message());
  }
  if (!found->has_value()) {
    if (statement.if_exists) {
      return context.sink->Begin(DdlDescription("DROP_TABLE"));
    }
    return SqlError(kTableNotFound, PositionPrefix(statement.name.position()) + "Table '" +
                                        context.session->catalog + "." + database + "." + name +
                                        "' does not exist");
  }
  const catalog::TableDescriptor& table = **found;
  if (table.kind == catalog::TableKind::kView) {
    return SqlError(kGenericUserError, PositionPrefix(statement.name.position()) + "'" + database +
                                           "." + name + "' is a view; use DROP VIEW");
  }
  STRATUS_RETURN_IF_ERROR(options.catalog->DropTable(database, name, statement.if_exists));
  // Our own tables take their files along (external tables keep them, as in
  // Athena; Athena deletes an Iceberg table's data with the table).
  if ((table.kind == catalog::TableKind::kManaged || table.kind == catalog::TableKind::kIceberg) &&
      options.lake != nullptr && !table.location.empty()) {
    std::string prefix = table.location;
    lake::ListOptions list_options;
    while (true) {
      auto page = options.lake->List(prefix, list_options);
      if (!page.ok()) {
        break;
      }
      for (const lake::ObjectInfo& object : page->objects) {
        (void)options.lake->Delete(ObjectUriOf(prefix, object.key));
      }
      if (!page->next_after.has_value()) {
        break;
      }
      list_options.after = *page->next_after;
    }
  }
  return context.sink->Begin(DdlDescription("DROP_TABLE"));
}

Status Engine::Impl::CreateView(const parser::CreateViewStatement& statement,
                                StatementContext& context) {
  auto [database, name] = ResolveName(statement.name, context);
  STRATUS_ASSIGN_OR_RETURN(plan::NodePtr root, PlanQuery(*statement.query, context));
  catalog::TableDescriptor view;
  view.database = database;
  view.name = name;
  view.kind = catalog::TableKind::kView;
  view.view_sql = statement.query_text;
  view.comment = statement.comment.value_or("");
  for (const plan::Column& column : root->columns) {
    view.columns.push_back({.name = column.name,
                            .type = column.type,
                            .hive_type = column.type.ToString(),
                            .comment = {}});
  }
  auto existing = options.catalog->GetTable(database, name);
  if (!existing.ok()) {
    return SqlError(SqlErrorName(existing.status()),
                    PositionPrefix(statement.name.position()) + existing.status().message());
  }
  if (existing->has_value()) {
    if (!statement.or_replace || (*existing)->kind != catalog::TableKind::kView) {
      return SqlError(kTableAlreadyExists, PositionPrefix(statement.name.position()) + "View '" +
                                               context.session->catalog + "." + database + "." +
                                               name + "' already exists");
    }
    view.version = (*existing)->version;
    STRATUS_RETURN_IF_ERROR(options.catalog->UpdateTable(view));
  } else {
    STRATUS_RETURN_IF_ERROR(options.catalog->CreateTable(view, false));
  }
  return context.sink->Begin(DdlDescription("CREATE_VIEW"));
}

Status Engine::Impl::DropView(const parser::DropViewStatement& statement,
                              StatementContext& context) {
  auto [database, name] = ResolveName(statement.name, context);
  auto found = options.catalog->GetTable(database, name);
  if (!found.ok()) {
    return SqlError(SqlErrorName(found.status()),
                    PositionPrefix(statement.name.position()) + found.status().message());
  }
  if (!found->has_value() || (*found)->kind != catalog::TableKind::kView) {
    if (statement.if_exists && !found->has_value()) {
      return context.sink->Begin(DdlDescription("DROP_VIEW"));
    }
    return SqlError(kTableNotFound, PositionPrefix(statement.name.position()) + "View '" +
                                        context.session->catalog + "." + database + "." + name +
                                        "' does not exist");
  }
  STRATUS_RETURN_IF_ERROR(options.catalog->DropTable(database, name, false));
  return context.sink->Begin(DdlDescription("DROP_VIEW"));
}

Status Engine::Impl::AlterTable(const parser::AlterTableStatement& statement,
                                StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor table, RequireTable(statement.table, context));
  if (table.kind == catalog::TableKind::kIceberg) {
    return AlterIcebergTable(statement, std::move(table), context);
  }
  binder::Binder binder(BinderOptionsFor(context));
  switch (statement.action) {
    case parser::AlterTableAction::kAddPartitions: {
      std::vector<catalog::PartitionDescriptor> partitions;
      for (const parser::PartitionSpec& spec : statement.partitions) {
        STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> values,
                                 PartitionValues(spec, table, binder));
        std::string location = spec.location.has_value()
                                   ? *spec.location
                                   : JoinLocation(table.location, PartitionPath(table, values));
        partitions.push_back({.values = std::move(values), .location = std::move(location)});
      }
      Status status = options.catalog->AddPartitions(table.database, table.name, partitions,
                                                     statement.if_not_exists);
      if (!status.ok()) {
        return SqlError(SqlErrorName(status),
                        PositionPrefix(statement.position) + status.message());
      }
      return context.sink->Begin(DdlDescription("ALTER_TABLE_ADD_PARTITION"));
    }
    case parser::AlterTableAction::kDropPartitions: {
      std::vector<std::vector<std::string>> values;
      for (const parser::PartitionSpec& spec : statement.partitions) {
        STRATUS_ASSIGN_OR_RETURN(std::vector<std::string> one,
                                 PartitionValues(spec, table, binder));
        values.push_back(std::move(one));
      }
      Status status =
          options.catalog->DropPartitions(table.database, table.name, values, statement.if_exists);
      if (!status.ok()) {
        return SqlError(SqlErrorName(status),
                        PositionPrefix(statement.position) + status.message());
      }
      return context.sink->Begin(DdlDescription("ALTER_TABLE_DROP_PARTITION"));
    }
    case parser::AlterTableAction::kSetTableProperties: {
      for (const parser::StringProperty& property : statement.table_properties) {
        table.table_properties[property.key] = property.value;
      }
      STRATUS_RETURN_IF_ERROR(options.catalog->UpdateTable(table));
      return context.sink->Begin(DdlDescription("ALTER_TABLE_SET_TBLPROPERTIES"));
    }
    case parser::AlterTableAction::kSetLocation: {
      table.location = statement.location.value_or(table.location);
      STRATUS_RETURN_IF_ERROR(options.catalog->UpdateTable(table));
      return context.sink->Begin(DdlDescription("ALTER_TABLE_SET_LOCATION"));
    }
    case parser::AlterTableAction::kAddColumns:
    case parser::AlterTableAction::kReplaceColumns: {
      if (statement.action == parser::AlterTableAction::kReplaceColumns) {
        table.columns.clear();
      }
      for (const parser::ColumnDefinition& column : statement.columns) {
        STRATUS_ASSIGN_OR_RETURN(catalog::ColumnDescriptor descriptor, ToColumn(column, binder));
        table.columns.push_back(std::move(descriptor));
      }
      STRATUS_RETURN_IF_ERROR(options.catalog->UpdateTable(table));
      return context.sink->Begin(DdlDescription("ALTER_TABLE_ADD_COLUMNS"));
    }
    default:
      return SqlError(kNotSupported,
                      PositionPrefix(statement.position) + "This ALTER TABLE is not supported");
  }
}

Result<std::vector<catalog::PartitionDescriptor>> Engine::Impl::DiscoverPartitions(
    const catalog::TableDescriptor& table) {
  std::vector<catalog::PartitionDescriptor> added;
  if (options.lake == nullptr || table.partition_keys.empty() || table.location.empty()) {
    return added;
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<catalog::PartitionDescriptor> existing,
                           options.catalog->ListPartitions(table.database, table.name));
  std::set<std::vector<std::string>> known;
  for (const catalog::PartitionDescriptor& partition : existing) {
    known.insert(partition.values);
  }
  std::string prefix = table.location;
  if (prefix.back() != '/') {
    prefix.push_back('/');
  }
  // The key part of the location, to cut listed keys down to their relative paths.
  size_t scheme = prefix.find("://");
  std::string location_key = scheme == std::string::npos ? prefix : prefix.substr(scheme + 3);
  if (prefix.rfind("s3", 0) == 0) {
    size_t slash = location_key.find('/');
    location_key = slash == std::string::npos ? "" : location_key.substr(slash + 1);
  }
  std::map<std::vector<std::string>, bool> found;
  lake::ListOptions list_options;
  while (true) {
    auto page = options.lake->List(prefix, list_options);
    if (!page.ok()) {
      if (page.status().code() == StatusCode::kNotFound) {
        break;
      }
      return page.status();
    }
    for (const lake::ObjectInfo& object : page->objects) {
      std::string_view relative = object.key;
      if (relative.rfind(location_key, 0) == 0) {
        relative.remove_prefix(location_key.size());
      }
      std::vector<std::string> values;
      for (const catalog::ColumnDescriptor& key : table.partition_keys) {
        size_t slash = relative.find('/');
        if (slash == std::string_view::npos) {
          break;
        }
        std::string_view segment = relative.substr(0, slash);
        std::string expected = key.name + "=";
        if (segment.size() < expected.size() ||
            catalog::LowercaseName(segment.substr(0, expected.size())) != expected) {
          break;
        }
        values.push_back(UnescapePathValue(segment.substr(expected.size())));
        relative.remove_prefix(slash + 1);
      }
      if (values.size() == table.partition_keys.size() && !known.contains(values)) {
        found[values] = true;
      }
    }
    if (!page->next_after.has_value()) {
      break;
    }
    list_options.after = *page->next_after;
  }
  for (const auto& [values, unused] : found) {
    added.push_back({.values = values, .location = prefix + PartitionPath(table, values)});
  }
  if (!added.empty()) {
    STRATUS_RETURN_IF_ERROR(
        options.catalog->AddPartitions(table.database, table.name, added, true));
  }
  return added;
}

Status Engine::Impl::RepairTable(const parser::RepairTableStatement& statement,
                                 StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor table, RequireTable(statement.table, context));
  STRATUS_ASSIGN_OR_RETURN(std::vector<catalog::PartitionDescriptor> added,
                           DiscoverPartitions(table));
  // AWS: Athena lists the partitions it found and added, one message a line.
  std::vector<std::vector<std::string>> rows;
  std::string missing;
  for (const catalog::PartitionDescriptor& partition : added) {
    std::string path = PartitionPath(table, partition.values);
    path.pop_back();
    missing += (missing.empty() ? "" : "\t") + path;
  }
  if (!added.empty()) {
    rows.push_back({"Partitions not in metastore:\t" + missing});
    for (const catalog::PartitionDescriptor& partition : added) {
      std::string path = PartitionPath(table, partition.values);
      path.pop_back();
      rows.push_back({"Repair: Added partition to metastore " + table.name + ":" + path});
    }
  }
  ResultDescription description = DdlDescription("MSCK_REPAIR_TABLE");
  description.columns = {{.name = "result", .type = LogicalType::Varchar()}};
  return SendStringRows(*context.sink, std::move(description), rows);
}

}  // namespace stratus::sql
