// Writes: CREATE TABLE AS SELECT and INSERT INTO, through TableWriteNode.

#include <utility>

#include "sql/binder/binder.h"
#include "sql/binder/optimizer.h"
#include "sql/catalog/catalog.h"
#include "sql/catalog/memory_catalog.h"
#include "sql/engine/engine_internal.h"
#include "sql/exec/table_writer.h"
#include "sql/functions/coercion.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"

namespace stratus::sql {
namespace {

std::string PositionPrefix(parser::SourcePosition position) {
  return "line " + std::to_string(position.line) + ":" + std::to_string(position.column) + ": ";
}

Result<std::string> StringProperty(const parser::Property& property, binder::Binder& binder) {
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, binder.BindConstantExpression(*property.value));
  if (value->kind != plan::ExprKind::kConstant || !value->type.is_string() ||
      value->constant.is_null()) {
    return SqlError(kInvalidTableProperty, PositionPrefix(property.name.position) +
                                               "Table property '" + property.name.name +
                                               "' must be a string");
  }
  return value->constant.string_value();
}

// partitioned_by = ARRAY['a', 'b'].
Result<std::vector<std::string>> StringArrayProperty(const parser::Property& property) {
  std::vector<std::string> out;
  const parser::Expression& value = *property.value;
  if (value.kind != parser::ExpressionKind::kArray) {
    return SqlError(kInvalidTableProperty, PositionPrefix(property.name.position) +
                                               "Table property '" + property.name.name +
                                               "' must be an ARRAY of column names");
  }
  for (const auto& element : value.As<parser::ArrayExpression>().elements) {
    if (element->kind != parser::ExpressionKind::kLiteral ||
        element->As<parser::LiteralExpression>().literal_kind != parser::LiteralKind::kString) {
      return SqlError(kInvalidTableProperty,
                      PositionPrefix(element->position) + "partitioned_by must list column names");
    }
    out.push_back(catalog::LowercaseName(element->As<parser::LiteralExpression>().value));
  }
  return out;
}

// CTAS's WITH (...) properties.
struct CtasOptions {
  // AWS: Athena's CTAS writes Parquet unless told otherwise ("CTAS table properties").
  std::string format = "PARQUET";
  std::string location = {};
  std::string delimiter = "\x01";
  std::vector<std::string> partitioned_by = {};
  // write_compression (or parquet_compression), upper case; "" for the format's default.
  std::string compression = {};
  // Iceberg CTAS: table_type = 'ICEBERG', location, partitioning = ARRAY['dt', 'bucket(id, 16)'],
  // and the table properties Athena passes through (vacuum_*, optimize_*, ...).
  std::string table_type = {};
  std::string iceberg_location = {};
  std::vector<std::string> partitioning = {};
  catalog::Properties iceberg_properties = {};
};

std::string Upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

Result<CtasOptions> ParseCtasProperties(const std::vector<parser::Property>& properties,
                                        binder::Binder& binder) {
  CtasOptions out;
  for (const parser::Property& property : properties) {
    const std::string& key = property.name.name;
    if (key == "format") {
      STRATUS_ASSIGN_OR_RETURN(std::string format, StringProperty(property, binder));
      out.format = Upper(std::move(format));
    } else if (key == "external_location") {
      STRATUS_ASSIGN_OR_RETURN(out.location, StringProperty(property, binder));
    } else if (key == "field_delimiter") {
      STRATUS_ASSIGN_OR_RETURN(out.delimiter, StringProperty(property, binder));
    } else if (key == "partitioned_by") {
      STRATUS_ASSIGN_OR_RETURN(out.partitioned_by, StringArrayProperty(property));
    } else if (key == "write_compression" || key == "parquet_compression") {
      STRATUS_ASSIGN_OR_RETURN(std::string compression, StringProperty(property, binder));
      out.compression = Upper(std::move(compression));
    } else if (key == "table_type") {
      STRATUS_ASSIGN_OR_RETURN(std::string type, StringProperty(property, binder));
      out.table_type = Upper(std::move(type));
    } else if (key == "location") {
      STRATUS_ASSIGN_OR_RETURN(out.iceberg_location, StringProperty(property, binder));
    } else if (key == "partitioning") {
      STRATUS_ASSIGN_OR_RETURN(out.partitioning, StringArrayProperty(property));
    } else if (key == "is_external") {
      continue;  // Athena requires false for Iceberg; nothing to keep.
    } else if (key.rfind("vacuum_", 0) == 0 || key.rfind("optimize_", 0) == 0 ||
               key == "write_target_data_file_size_bytes") {
      STRATUS_ASSIGN_OR_RETURN(out.iceberg_properties[key], StringProperty(property, binder));
    } else if (key != "bucketed_by" && key != "bucket_count") {
      return SqlError(kInvalidTableProperty, PositionPrefix(property.name.position) +
                                                 "Catalog 'awsdatacatalog' table property '" + key +
                                                 "' does not exist");
    }
  }
  return out;
}

}  // namespace

Status SendRowCount(ResultSink& sink, std::string substatement, uint64_t rows) {
  ResultDescription description{.statement_type = StatementType::kDml,
                                .substatement_type = std::move(substatement),
                                .columns = {{.name = "rows", .type = LogicalType::Bigint()}},
                                .header_row = true};
  STRATUS_RETURN_IF_ERROR(sink.Begin(description));
  Vector count(LogicalType::Bigint(), 1);
  count.set_size(1);
  count.SetValue(0, Value::Bigint(static_cast<int64_t>(rows)));
  std::vector<Vector> columns;
  columns.push_back(std::move(count));
  return sink.Append(Batch(std::move(columns), 1));
}

namespace {

// Collects the single bigint a TableWriteNode outputs.
class CountSink : public ResultSink {
 public:
  Status Begin(const ResultDescription& /*description*/) override { return Status::Ok(); }

  Status Append(const Batch& batch) override {
    for (size_t r = 0; r < batch.num_rows(); ++r) {
      Value value = batch.column(0).GetValue(r);
      if (!value.is_null()) {
        count_ += static_cast<uint64_t>(value.int64_value());
      }
    }
    return Status::Ok();
  }

  uint64_t count() const { return count_; }

 private:
  uint64_t count_ = 0;
};

}  // namespace

Result<uint64_t> Engine::Impl::WriteRows(
    const std::shared_ptr<const catalog::TableDescriptor>& table,
    plan::NodePtr input,
    StatementContext& context) {
  auto write = std::make_shared<plan::TableWriteNode>();
  write->table = table;
  write->file_prefix = context.query_id;
  write->columns = {{.name = "rows", .type = LogicalType::Bigint()}};
  write->inputs.push_back(std::move(input));
  CountSink counter;
  STRATUS_RETURN_IF_ERROR(RunPlan(*write, context, &counter));
  context.statistics.rows_output = 0;
  context.statistics.rows_written += counter.count();
  if (!table->partition_keys.empty() && !context.written_partitions.empty()) {
    // Registers the partitions the write created (existing ones stay).
    std::vector<catalog::PartitionDescriptor> partitions;
    for (const std::vector<std::string>& values : context.written_partitions) {
      std::string path;
      for (size_t i = 0; i < values.size() && i < table->partition_keys.size(); ++i) {
        path += table->partition_keys[i].name + "=" + values[i] + "/";
      }
      partitions.push_back({.values = values, .location = JoinLocation(table->location, path)});
    }
    STRATUS_RETURN_IF_ERROR(
        options.catalog->AddPartitions(table->database, table->name, partitions, true));
  }
  return counter.count();
}

Status Engine::Impl::Insert(const parser::InsertStatement& statement, StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor table, RequireTable(statement.table, context));
  if (table.kind == catalog::TableKind::kView) {
    return SqlError(kNotSupported,
                    PositionPrefix(statement.position) + "Inserting into views is not supported");
  }
  STRATUS_ASSIGN_OR_RETURN(plan::NodePtr query, PlanQuery(*statement.query, context));
  std::vector<const catalog::ColumnDescriptor*> targets;
  for (const catalog::ColumnDescriptor& column : table.columns) {
    targets.push_back(&column);
  }
  for (const catalog::ColumnDescriptor& column : table.partition_keys) {
    targets.push_back(&column);
  }
  // Which query column feeds each table column (none: NULL).
  std::vector<std::optional<size_t>> sources(targets.size());
  if (statement.columns.empty()) {
    for (size_t i = 0; i < targets.size() && i < query->columns.size(); ++i) {
      sources[i] = i;
    }
  } else {
    for (size_t i = 0; i < statement.columns.size(); ++i) {
      const parser::Identifier& name = statement.columns[i];
      size_t target = 0;
      while (target < targets.size() && targets[target]->name != name.name) {
        ++target;
      }
      if (target == targets.size()) {
        return SqlError(kColumnNotFound, PositionPrefix(name.position) + "Insert column name '" +
                                             name.name + "' does not exist in table");
      }
      sources[target] = i;
    }
  }
  size_t expected = statement.columns.empty() ? targets.size() : statement.columns.size();
  if (query->columns.size() != expected) {
    std::string table_types;
    std::string query_types;
    for (const catalog::ColumnDescriptor* target : targets) {
      table_types += (table_types.empty() ? "" : ", ") + target->type.ToString();
    }
    for (const plan::Column& column : query->columns) {
      query_types += (query_types.empty() ? "" : ", ") + column.type.ToString();
    }
    return SqlError(kTypeMismatch, PositionPrefix(statement.position) +
                                       "Insert query has mismatched column types: Table: [" +
                                       table_types + "], Query: [" + query_types + "]");
  }
  std::vector<plan::ExprPtr> expressions;
  std::vector<std::string> names;
  for (size_t i = 0; i < targets.size(); ++i) {
    const LogicalType& type = targets[i]->type;
    plan::ExprPtr value;
    if (sources[i].has_value()) {
      const plan::Column& column = query->columns[*sources[i]];
      if (!functions::CanCoerce(column.type, type)) {
        return SqlError(kTypeMismatch, PositionPrefix(statement.position) +
                                           "Insert query has mismatched column types: Table: [" +
                                           type.ToString() + "], Query: [" +
                                           column.type.ToString() + "]");
      }
      STRATUS_ASSIGN_OR_RETURN(
          value, binder::CastTo(plan::MakeColumn(*sources[i], column.type, column.name), type));
    } else {
      value = plan::MakeConstant(Value::Null(type));
    }
    expressions.push_back(std::move(value));
    names.push_back(targets[i]->name);
  }
  auto project = std::make_shared<plan::ProjectNode>();
  for (size_t i = 0; i < expressions.size(); ++i) {
    project->columns.push_back({.name = names[i], .type = expressions[i]->type});
  }
  project->expressions = std::move(expressions);
  project->inputs.push_back(query);
  auto descriptor = std::make_shared<const catalog::TableDescriptor>(std::move(table));
  if (descriptor->kind == catalog::TableKind::kIceberg) {
    STRATUS_ASSIGN_OR_RETURN(uint64_t rows, AppendIcebergRows(*descriptor, project, context));
    return SendRowCount(*context.sink, "INSERT", rows);
  }
  STRATUS_ASSIGN_OR_RETURN(uint64_t rows, WriteRows(descriptor, project, context));
  return SendRowCount(*context.sink, "INSERT", rows);
}

Status Engine::Impl::CreateTableAsSelect(const parser::CreateTableAsSelectStatement& statement,
                                         StatementContext& context) {
  auto [database, name] = ResolveName(statement.name, context);
  binder::Binder binder(BinderOptionsFor(context));
  STRATUS_ASSIGN_OR_RETURN(plan::NodePtr query, PlanQuery(*statement.query, context));
  STRATUS_ASSIGN_OR_RETURN(CtasOptions ctas, ParseCtasProperties(statement.properties, binder));
  std::string format = ctas.format;
  std::string location = ctas.location;
  std::string delimiter = ctas.delimiter;
  std::vector<std::string> partitioned_by = ctas.partitioned_by;
  if (format != "TEXTFILE" && format != "PARQUET") {
    return SqlError(kNotSupported, PositionPrefix(statement.position) + "CTAS format '" + format +
                                       "' is not supported yet; use format = 'PARQUET' or "
                                       "'TEXTFILE'");
  }
  if (format == "TEXTFILE" && !ctas.compression.empty() && ctas.compression != "GZIP" &&
      ctas.compression != "ZSTD" && ctas.compression != "BZIP2" && ctas.compression != "NONE") {
    return SqlError(kInvalidTableProperty,
                    PositionPrefix(statement.position) +
                        "Unsupported TEXTFILE write_compression: " + ctas.compression);
  }
  if (format == "PARQUET") {
    // Rejects an unknown codec before anything is created.
    Result<formats::parquet::Codec> codec = exec::ParquetCodecByName(ctas.compression);
    if (!codec.ok()) {
      return SqlError(kInvalidTableProperty,
                      PositionPrefix(statement.position) + codec.status().message());
    }
  }
  if (location.empty()) {
    if (!context.session->output_location.empty()) {
      // AWS: Athena puts CTAS tables under <OutputLocation>/tables/<query id>/.
      location =
          JoinLocation(JoinLocation(context.session->output_location, "tables"), context.query_id) +
          "/";
    } else if (!options.default_table_location.empty()) {
      location = JoinLocation(JoinLocation(options.default_table_location, database), name) + "/";
    } else {
      return SqlError(kGenericUserError, PositionPrefix(statement.position) +
                                             "CREATE TABLE AS needs external_location");
    }
  }
  catalog::TableDescriptor table;
  table.database = database;
  table.name = name;
  table.kind = catalog::TableKind::kExternal;
  table.location = location;
  table.comment = statement.comment.value_or("");
  table.table_properties = {{"EXTERNAL", "TRUE"}, {"has_encrypted_data", "false"}};
  if (format == "PARQUET") {
    // AWS: the Glue table of a Parquet CTAS, with the codec as parquet.compression.
    table.input_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    table.output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    table.serde_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    table.serde_properties = {{"serialization.format", "1"}};
    table.table_properties["parquet.compression"] =
        ctas.compression.empty() ? "GZIP" : ctas.compression;
  } else {
    table.input_format = "org.apache.hadoop.mapred.TextInputFormat";
    table.output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    table.serde_library = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    table.serde_properties = {{"field.delim", delimiter}, {"serialization.format", delimiter}};
    if (!ctas.compression.empty()) {
      table.table_properties["write.compression"] = ctas.compression;
    }
  }
  table.created_millis = context.functions.query_start_millis;
  if (!statement.column_names.empty() && statement.column_names.size() != query->columns.size()) {
    return SqlError(kMismatchedColumnAliases,
                    PositionPrefix(statement.position) + "Column alias list has " +
                        std::to_string(statement.column_names.size()) + " entries but query has " +
                        std::to_string(query->columns.size()) + " columns");
  }
  std::vector<catalog::ColumnDescriptor> columns;
  for (size_t i = 0; i < query->columns.size(); ++i) {
    const plan::Column& column = query->columns[i];
    std::string column_name =
        statement.column_names.empty() ? column.name : statement.column_names[i].name;
    LogicalType type = column.type;
    if (type.kind() == TypeKind::kUnknown) {
      type = LogicalType::Varchar();
    }
    if (type.kind() == TypeKind::kVarchar && type.length() != LogicalType::kUnboundedLength) {
      type = LogicalType::Varchar();
    }
    columns.push_back(
        {.name = column_name, .type = type, .hive_type = HiveTypeOf(type), .comment = {}});
  }
  // Partition columns must be the query's last columns, in partitioned_by's order.
  size_t num_data = columns.size() - std::min(columns.size(), partitioned_by.size());
  for (size_t i = 0; i < partitioned_by.size(); ++i) {
    if (num_data + i >= columns.size() || columns[num_data + i].name != partitioned_by[i]) {
      return SqlError(kGenericUserError,
                      PositionPrefix(statement.position) +
                          "Partition columns must be the last columns of the query, in the order "
                          "of partitioned_by");
    }
  }
  table.columns.assign(columns.begin(), columns.begin() + static_cast<ptrdiff_t>(num_data));
  table.partition_keys.assign(columns.begin() + static_cast<ptrdiff_t>(num_data), columns.end());
  auto existing = options.catalog->GetTable(database, name);
  if (!existing.ok()) {
    return SqlError(SqlErrorName(existing.status()),
                    PositionPrefix(statement.name.position()) + existing.status().message());
  }
  if (existing->has_value()) {
    if (statement.if_not_exists) {
      return SendRowCount(*context.sink, "CREATE_TABLE_AS_SELECT", 0);
    }
    return SqlError(kTableAlreadyExists, PositionPrefix(statement.name.position()) + "Table '" +
                                             context.session->catalog + "." + database + "." +
                                             name + "' already exists");
  }
  if (ctas.table_type == "ICEBERG") {
    catalog::TableDescriptor iceberg_table;
    iceberg_table.database = database;
    iceberg_table.name = name;
    iceberg_table.comment = table.comment;
    iceberg_table.columns = columns;
    iceberg_table.created_millis = table.created_millis;
    iceberg_table.table_properties = ctas.iceberg_properties;
    iceberg_table.table_properties["format"] = format;
    if (!ctas.compression.empty()) {
      iceberg_table.table_properties["write_compression"] = ctas.compression;
    }
    std::vector<plan::ExprPtr> expressions;
    for (size_t i = 0; i < columns.size(); ++i) {
      STRATUS_ASSIGN_OR_RETURN(
          plan::ExprPtr value,
          binder::CastTo(plan::MakeColumn(i, query->columns[i].type, query->columns[i].name),
                         columns[i].type));
      expressions.push_back(std::move(value));
    }
    auto project = std::make_shared<plan::ProjectNode>();
    for (const catalog::ColumnDescriptor& column : columns) {
      project->columns.push_back({.name = column.name, .type = column.type});
    }
    project->expressions = std::move(expressions);
    project->inputs.push_back(query);
    if (!statement.with_data) {
      // WITH NO DATA: the table and its columns only.
      auto limit = std::make_shared<plan::LimitNode>();
      limit->columns = query->columns;
      limit->limit = 0;
      limit->inputs.push_back(query);
      project->inputs[0] = limit;
    }
    std::optional<std::string> iceberg_location;
    if (!ctas.iceberg_location.empty()) {
      iceberg_location = ctas.iceberg_location;
    }
    auto rows = CreateIcebergTableAs(std::move(iceberg_table), iceberg_location, ctas.partitioning,
                                     project, context);
    if (!rows.ok()) {
      std::string error = SqlErrorName(rows.status());
      return SqlError(error.empty() ? std::string(kGenericInternalError) : error,
                      PositionPrefix(statement.position) + rows.status().message());
    }
    return SendRowCount(*context.sink, "CREATE_TABLE_AS_SELECT", *rows);
  }
  if (!ctas.table_type.empty() && ctas.table_type != "HIVE") {
    return SqlError(kInvalidTableProperty, PositionPrefix(statement.position) +
                                               "Unsupported table_type: " + ctas.table_type);
  }
  STRATUS_RETURN_IF_ERROR(options.catalog->CreateTable(table, false));
  uint64_t rows = 0;
  if (statement.with_data) {
    // Casts the query's columns to the stored types (bounded varchars become varchar).
    std::vector<plan::ExprPtr> expressions;
    for (size_t i = 0; i < columns.size(); ++i) {
      STRATUS_ASSIGN_OR_RETURN(
          plan::ExprPtr value,
          binder::CastTo(plan::MakeColumn(i, query->columns[i].type, query->columns[i].name),
                         columns[i].type));
      expressions.push_back(std::move(value));
    }
    auto project = std::make_shared<plan::ProjectNode>();
    for (const catalog::ColumnDescriptor& column : columns) {
      project->columns.push_back({.name = column.name, .type = column.type});
    }
    project->expressions = std::move(expressions);
    project->inputs.push_back(query);
    STRATUS_ASSIGN_OR_RETURN(auto stored, options.catalog->GetTable(database, name));
    auto descriptor = std::make_shared<const catalog::TableDescriptor>(
        stored.has_value() ? std::move(*stored) : table);
    STRATUS_ASSIGN_OR_RETURN(rows, WriteRows(descriptor, project, context));
  }
  return SendRowCount(*context.sink, "CREATE_TABLE_AS_SELECT", rows);
}

}  // namespace stratus::sql
