// SHOW and DESCRIBE statements, shaped as Athena returns them.

#include <algorithm>
#include <cstdio>
#include <utility>

#include "sql/catalog/catalog.h"
#include "sql/catalog/memory_catalog.h"
#include "sql/engine/engine_internal.h"
#include "sql/functions/function.h"
#include "sql/types/sql_error.h"

namespace stratus::sql {
namespace {

std::string PositionPrefix(parser::SourcePosition position) {
  return "line " + std::to_string(position.line) + ":" + std::to_string(position.column) + ": ";
}

ResultDescription UtilityDescription(std::string substatement_type,
                                     std::vector<std::string> columns) {
  ResultDescription description{.statement_type = StatementType::kUtility,
                                .substatement_type = std::move(substatement_type),
                                .columns = {},
                                .header_row = false};
  for (std::string& name : columns) {
    description.columns.push_back({.name = std::move(name), .type = LogicalType::Varchar()});
  }
  return description;
}

// Matches Hive's SHOW pattern: '*' is any run, '|' separates alternatives.
bool MatchesHivePattern(std::string_view pattern, std::string_view name) {
  size_t start = 0;
  while (start <= pattern.size()) {
    size_t bar = pattern.find('|', start);
    if (bar == std::string_view::npos) {
      bar = pattern.size();
    }
    std::string_view alternative = pattern.substr(start, bar - start);
    // Glob match with '*'.
    size_t p = 0;
    size_t n = 0;
    size_t star = std::string_view::npos;
    size_t mark = 0;
    while (n < name.size()) {
      if (p < alternative.size() && alternative[p] == '*') {
        star = p++;
        mark = n;
      } else if (p < alternative.size() &&
                 (alternative[p] == name[n] ||
                  catalog::LowercaseName(alternative.substr(p, 1)) == name.substr(n, 1))) {
        ++p;
        ++n;
      } else if (star != std::string_view::npos) {
        p = star + 1;
        n = ++mark;
      } else {
        break;
      }
    }
    while (p < alternative.size() && alternative[p] == '*') {
      ++p;
    }
    if (n == name.size() && p == alternative.size()) {
      return true;
    }
    start = bar + 1;
  }
  return false;
}

bool MatchesLike(std::string_view pattern, std::string_view name, char escape) {
  if (pattern.empty()) {
    return name.empty();
  }
  char c = pattern[0];
  if (escape != 0 && c == escape && pattern.size() > 1) {
    return !name.empty() && name[0] == pattern[1] &&
           MatchesLike(pattern.substr(2), name.substr(1), escape);
  }
  if (c == '%') {
    for (size_t i = 0; i <= name.size(); ++i) {
      if (MatchesLike(pattern.substr(1), name.substr(i), escape)) {
        return true;
      }
    }
    return false;
  }
  if (name.empty()) {
    return false;
  }
  return (c == '_' || c == name[0]) && MatchesLike(pattern.substr(1), name.substr(1), escape);
}

std::string Pad(std::string text, size_t width) {
  if (text.size() < width) {
    text.append(width - text.size(), ' ');
  }
  return text;
}

// Hive's DESCRIBE line: three fields padded to 20, tab-separated.
std::string DescribeLine(const std::string& name,
                         const std::string& type,
                         const std::string& comment) {
  return Pad(name, 20) + "\t" + Pad(type, 20) + "\t" + Pad(comment, 20);
}

std::string HiveTypeText(const catalog::ColumnDescriptor& column) {
  return column.hive_type.empty() ? HiveTypeOf(column.type) : column.hive_type;
}

std::string QuoteDelimiter(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\%03o", static_cast<unsigned char>(c));
      out += buffer;
    } else {
      out.push_back(c);
    }
  }
  return "'" + out + "'";
}

// Athena's SHOW CREATE TABLE text of a Hive table.
std::vector<std::string> CreateTableLines(const catalog::TableDescriptor& table) {
  std::vector<std::string> lines;
  lines.emplace_back(std::string(table.kind == catalog::TableKind::kExternal
                                     ? "CREATE EXTERNAL TABLE"
                                     : "CREATE TABLE") +
                     " `" + table.database + "`.`" + table.name + "`(");
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const catalog::ColumnDescriptor& column = table.columns[i];
    std::string line = "  `" + column.name + "` " + HiveTypeText(column);
    if (!column.comment.empty()) {
      line += " COMMENT '" + column.comment + "'";
    }
    line += i + 1 < table.columns.size() ? ", " : ")";
    lines.emplace_back(line);
  }
  if (!table.comment.empty()) {
    lines.emplace_back("COMMENT '" + table.comment + "'");
  }
  if (!table.partition_keys.empty()) {
    lines.emplace_back("PARTITIONED BY ( ");
    for (size_t i = 0; i < table.partition_keys.size(); ++i) {
      lines.emplace_back("  `" + table.partition_keys[i].name + "` " +
                         HiveTypeText(table.partition_keys[i]) +
                         (i + 1 < table.partition_keys.size() ? ", " : ")"));
    }
  }
  bool delimited = table.serde_library == "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
  if (delimited) {
    lines.emplace_back("ROW FORMAT DELIMITED ");
    auto add = [&](const char* key, const char* clause) {
      auto it = table.serde_properties.find(key);
      if (it != table.serde_properties.end()) {
        lines.emplace_back(std::string("  ") + clause + " " + QuoteDelimiter(it->second) + " ");
      }
    };
    add("field.delim", "FIELDS TERMINATED BY");
    add("escape.delim", "ESCAPED BY");
    add("collection.delim", "COLLECTION ITEMS TERMINATED BY");
    add("mapkey.delim", "MAP KEYS TERMINATED BY");
    add("serialization.null.format", "NULL DEFINED AS");
  } else {
    lines.emplace_back("ROW FORMAT SERDE ");
    lines.emplace_back("  '" + table.serde_library + "' ");
    if (!table.serde_properties.empty()) {
      lines.emplace_back("WITH SERDEPROPERTIES ( ");
      size_t i = 0;
      for (const auto& [key, value] : table.serde_properties) {
        lines.emplace_back("  '" + key + "'=" + QuoteDelimiter(value) +
                           (++i < table.serde_properties.size() ? ", " : ") "));
      }
    }
  }
  lines.emplace_back("STORED AS INPUTFORMAT ");
  lines.emplace_back("  '" + table.input_format + "' ");
  lines.emplace_back("OUTPUTFORMAT ");
  lines.emplace_back("  '" + table.output_format + "'");
  lines.emplace_back("LOCATION");
  lines.emplace_back("  '" + table.location + "'");
  std::vector<std::pair<std::string, std::string>> properties;
  for (const auto& [key, value] : table.table_properties) {
    if (key != "EXTERNAL" && key != "transient_lastDdlTime") {
      properties.emplace_back(key, value);
    }
  }
  if (!properties.empty()) {
    lines.emplace_back("TBLPROPERTIES (");
    for (size_t i = 0; i < properties.size(); ++i) {
      lines.emplace_back("  '" + properties[i].first + "'='" + properties[i].second + "'" +
                         (i + 1 < properties.size() ? ", " : ")"));
    }
  }
  return lines;
}

}  // namespace

bool MatchesShowFilter(const std::optional<parser::ShowFilter>& filter, std::string_view name) {
  if (!filter.has_value()) {
    return true;
  }
  if (filter->like_keyword) {
    char escape =
        filter->escape.has_value() && !filter->escape->empty() ? (*filter->escape)[0] : '\0';
    return MatchesLike(filter->pattern, name, escape);
  }
  return MatchesHivePattern(filter->pattern, name);
}

Status Engine::Impl::ShowSchemas(const parser::ShowSchemasStatement& statement,
                                 StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<catalog::DatabaseDescriptor> databases,
                           options.catalog->ListDatabases());
  std::vector<std::vector<std::string>> rows;
  for (const catalog::DatabaseDescriptor& database : databases) {
    if (MatchesShowFilter(statement.filter, database.name)) {
      rows.push_back({database.name});
    }
  }
  return SendStringRows(*context.sink, UtilityDescription("SHOW_DATABASES", {"database_name"}),
                        rows);
}

Status Engine::Impl::ShowTables(const parser::ShowTablesStatement& statement,
                                StatementContext& context) {
  std::string database = context.session->database;
  if (statement.schema.has_value() && !statement.schema->parts.empty()) {
    database = statement.schema->parts.back().name;
  }
  auto tables = options.catalog->ListTables(database);
  if (!tables.ok()) {
    return SqlError(SqlErrorName(tables.status()),
                    PositionPrefix(statement.position) + tables.status().message());
  }
  std::vector<std::vector<std::string>> rows;
  for (const std::string& name : *tables) {
    if (MatchesShowFilter(statement.filter, name)) {
      rows.push_back({name});
    }
  }
  return SendStringRows(*context.sink, UtilityDescription("SHOW_TABLES", {"tab_name"}), rows);
}

Status Engine::Impl::ShowViews(const parser::ShowViewsStatement& statement,
                               StatementContext& context) {
  std::string database = context.session->database;
  if (statement.schema.has_value() && !statement.schema->parts.empty()) {
    database = statement.schema->parts.back().name;
  }
  auto tables = options.catalog->ListTables(database);
  if (!tables.ok()) {
    return SqlError(SqlErrorName(tables.status()),
                    PositionPrefix(statement.position) + tables.status().message());
  }
  std::vector<std::vector<std::string>> rows;
  for (const std::string& name : *tables) {
    if (!MatchesShowFilter(statement.filter, name)) {
      continue;
    }
    auto table = options.catalog->GetTable(database, name);
    if (table.ok() && table->has_value() && (*table)->kind == catalog::TableKind::kView) {
      rows.push_back({name});
    }
  }
  return SendStringRows(*context.sink, UtilityDescription("SHOW_VIEWS", {"views"}), rows);
}

Status Engine::Impl::ShowColumns(const parser::ShowColumnsStatement& statement,
                                 StatementContext& context) {
  parser::QualifiedName name = statement.table;
  if (statement.schema.has_value() && !statement.schema->parts.empty() && name.parts.size() == 1) {
    name.parts.insert(name.parts.begin(), statement.schema->parts.back());
  }
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor table, RequireTable(name, context));
  std::vector<std::vector<std::string>> rows;
  for (const catalog::ColumnDescriptor& column : table.columns) {
    rows.push_back({column.name});
  }
  for (const catalog::ColumnDescriptor& column : table.partition_keys) {
    rows.push_back({column.name});
  }
  return SendStringRows(*context.sink, UtilityDescription("SHOW_COLUMNS", {"field"}), rows);
}

Status Engine::Impl::Describe(const parser::DescribeStatement& statement,
                              StatementContext& context) {
  if (statement.target != parser::DescribeTarget::kTable) {
    return SqlError(kNotSupported, PositionPrefix(statement.position) +
                                       "DESCRIBE INPUT/OUTPUT is handled by the Athena service");
  }
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor table, RequireTable(statement.table, context));
  std::vector<std::vector<std::string>> rows;
  for (const catalog::ColumnDescriptor& column : table.columns) {
    if (statement.column.has_value() && statement.column->parts.back().name != column.name) {
      continue;
    }
    rows.push_back({DescribeLine(column.name, HiveTypeText(column), column.comment)});
  }
  for (const catalog::ColumnDescriptor& column : table.partition_keys) {
    rows.push_back({DescribeLine(column.name, HiveTypeText(column), column.comment)});
  }
  // AWS: partitioned tables end with Hive's "# Partition Information" block.
  if (!table.partition_keys.empty() && !statement.column.has_value()) {
    rows.push_back({""});
    rows.push_back({"# Partition Information"});
    rows.push_back({DescribeLine("# col_name", "data_type", "comment")});
    rows.push_back({""});
    for (const catalog::ColumnDescriptor& column : table.partition_keys) {
      rows.push_back({DescribeLine(column.name, HiveTypeText(column), column.comment)});
    }
  }
  if (statement.extended || statement.formatted) {
    rows.push_back({""});
    rows.push_back({"# Detailed Table Information"});
    rows.push_back({DescribeLine("Database:", table.database, "")});
    rows.push_back({DescribeLine("Location:", table.location, "")});
    rows.push_back({DescribeLine("SerDe Library:", table.serde_library, "")});
    rows.push_back({DescribeLine("InputFormat:", table.input_format, "")});
    rows.push_back({DescribeLine("OutputFormat:", table.output_format, "")});
  }
  return SendStringRows(*context.sink, UtilityDescription("DESCRIBE_TABLE", {"col_name"}), rows);
}

Status Engine::Impl::ShowCreate(const parser::ShowCreateStatement& statement,
                                StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor table, RequireTable(statement.name, context));
  std::vector<std::vector<std::string>> rows;
  if (table.kind == catalog::TableKind::kView) {
    if (statement.object == parser::ShowCreateKind::kTable) {
      return SqlError(kGenericUserError, PositionPrefix(statement.position) + "'" + table.database +
                                             "." + table.name + "' is a view, not a table");
    }
    std::string text =
        "CREATE VIEW " + table.database + "." + table.name + " AS\n" + table.view_sql;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) {
        end = text.size();
      }
      rows.push_back({text.substr(start, end - start)});
      start = end + 1;
    }
  } else {
    if (statement.object == parser::ShowCreateKind::kView) {
      return SqlError(kGenericUserError, PositionPrefix(statement.position) + "'" + table.database +
                                             "." + table.name + "' is a table, not a view");
    }
    std::vector<std::string> lines;
    if (table.kind == catalog::TableKind::kIceberg) {
      STRATUS_ASSIGN_OR_RETURN(lines, IcebergCreateTableLines(table));
    } else {
      lines = CreateTableLines(table);
    }
    for (std::string& line : lines) {
      rows.push_back({std::move(line)});
    }
  }
  return SendStringRows(
      *context.sink,
      UtilityDescription(statement.object == parser::ShowCreateKind::kView ? "SHOW_CREATE_VIEW"
                                                                           : "SHOW_CREATE_TABLE",
                         {"createtab_stmt"}),
      rows);
}

Status Engine::Impl::ShowPartitions(const parser::ShowPartitionsStatement& statement,
                                    StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor table, RequireTable(statement.table, context));
  if (table.partition_keys.empty()) {
    return SqlError(kGenericUserError, PositionPrefix(statement.position) + "Table " + table.name +
                                           " is not partitioned");
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<catalog::PartitionDescriptor> partitions,
                           options.catalog->ListPartitions(table.database, table.name));
  std::vector<std::vector<std::string>> rows;
  for (const catalog::PartitionDescriptor& partition : partitions) {
    std::string text;
    for (size_t i = 0; i < partition.values.size() && i < table.partition_keys.size(); ++i) {
      text += (i > 0 ? "/" : "") + table.partition_keys[i].name + "=" + partition.values[i];
    }
    rows.push_back({text});
  }
  std::sort(rows.begin(), rows.end());
  return SendStringRows(*context.sink, UtilityDescription("SHOW_PARTITIONS", {"partition"}), rows);
}

Status Engine::Impl::ShowTableProperties(const parser::ShowTablePropertiesStatement& statement,
                                         StatementContext& context) {
  STRATUS_ASSIGN_OR_RETURN(catalog::TableDescriptor table, RequireTable(statement.table, context));
  if (table.kind == catalog::TableKind::kIceberg) {
    // Iceberg tables: the properties live in the table's metadata.
    STRATUS_ASSIGN_OR_RETURN(table.table_properties, IcebergTableProperties(table));
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, value] : table.table_properties) {
    if (statement.key.has_value() && *statement.key != key) {
      continue;
    }
    std::string row = key;
    row += '\t';
    row += value;
    rows.push_back({std::move(row)});
  }
  return SendStringRows(*context.sink, UtilityDescription("SHOW_TBLPROPERTIES", {"prpt_name"}),
                        rows);
}

Status Engine::Impl::ShowFunctions(const parser::ShowFunctionsStatement& statement,
                                   StatementContext& context) {
  std::vector<std::vector<std::string>> rows;
  for (const functions::FunctionInfo& info : functions::FunctionRegistry::Default().List()) {
    if (!MatchesShowFilter(statement.filter, info.name)) {
      continue;
    }
    rows.push_back({info.name, info.return_type, info.argument_types, info.function_type,
                    info.deterministic ? "true" : "false", info.description});
  }
  return SendStringRows(
      *context.sink,
      UtilityDescription("SHOW_FUNCTIONS", {"Function", "Return Type", "Argument Types",
                                            "Function Type", "Deterministic", "Description"}),
      rows);
}

}  // namespace stratus::sql
