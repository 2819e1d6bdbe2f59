// The deparser's statements: DDL, DML, SHOW and the rest (see to_sql.h).

#include <string>
#include <string_view>

#include "sql/parser/sql_writer_internal.h"

namespace stratus::sql::parser::internal {
namespace {

// Restores the writer's quoting style when it goes out of scope.
class HiveQuotes {
 public:
  explicit HiveQuotes(SqlWriter& writer) : writer_(writer) { writer_.set_hive_quotes(true); }

  HiveQuotes(const HiveQuotes&) = delete;
  HiveQuotes& operator=(const HiveQuotes&) = delete;

  ~HiveQuotes() { writer_.set_hive_quotes(false); }

 private:
  SqlWriter& writer_;
};

}  // namespace

void SqlWriter::WriteColumn(const ColumnDefinition& column) {
  Write(column.name);
  out_.push_back(' ');
  Write(column.type);
  if (column.not_null) {
    out_ += " NOT NULL";
  }
  if (column.primary_key) {
    out_ += " PRIMARY KEY";
  }
  if (column.unique) {
    out_ += " UNIQUE";
  }
  if (column.comment.has_value()) {
    out_ += " COMMENT ";
    WriteString(*column.comment);
  }
}

void SqlWriter::WriteColumns(const std::vector<ColumnDefinition>& columns) {
  out_.push_back('(');
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) {
      out_ += ", ";
    }
    WriteColumn(columns[i]);
  }
  out_.push_back(')');
}

void SqlWriter::WriteProperties(const std::vector<Property>& properties) {
  out_.push_back('(');
  for (size_t i = 0; i < properties.size(); ++i) {
    if (i > 0) {
      out_ += ", ";
    }
    Write(properties[i].name);
    out_ += " = ";
    Write(*properties[i].value);
  }
  out_.push_back(')');
}

void SqlWriter::WriteStringProperties(const std::vector<StringProperty>& properties) {
  out_.push_back('(');
  for (size_t i = 0; i < properties.size(); ++i) {
    if (i > 0) {
      out_ += ", ";
    }
    WriteString(properties[i].key);
    out_.push_back('=');
    WriteString(properties[i].value);
  }
  out_.push_back(')');
}

void SqlWriter::WritePartitionSpec(const PartitionSpec& spec) {
  out_ += "PARTITION (";
  for (size_t i = 0; i < spec.values.size(); ++i) {
    if (i > 0) {
      out_ += ", ";
    }
    Write(spec.values[i].column);
    out_ += " = ";
    Write(*spec.values[i].value);
  }
  out_.push_back(')');
  if (spec.location.has_value()) {
    out_ += " LOCATION ";
    WriteString(*spec.location);
  }
}

void SqlWriter::WriteShowFilter(const std::optional<ShowFilter>& filter) {
  if (!filter.has_value()) {
    return;
  }
  out_ += filter->like_keyword ? " LIKE " : " ";
  WriteString(filter->pattern);
  if (filter->escape.has_value()) {
    out_ += " ESCAPE ";
    WriteString(*filter->escape);
  }
}

void SqlWriter::WriteAssignments(const std::vector<Assignment>& assignments) {
  for (size_t i = 0; i < assignments.size(); ++i) {
    if (i > 0) {
      out_ += ", ";
    }
    Write(assignments[i].column);
    out_ += " = ";
    Write(*assignments[i].value);
  }
}

void SqlWriter::WriteRowFormat(const RowFormat& format) {
  if (format.kind == RowFormatKind::kSerde) {
    out_ += " ROW FORMAT SERDE ";
    WriteString(format.serde_class);
  } else {
    out_ += " ROW FORMAT DELIMITED";
    const std::pair<const std::optional<std::string>*, std::string_view> clauses[] = {
        {&format.fields_terminated_by, " FIELDS TERMINATED BY "},
        {&format.escaped_by, " ESCAPED BY "},
        {&format.collection_items_terminated_by, " COLLECTION ITEMS TERMINATED BY "},
        {&format.map_keys_terminated_by, " MAP KEYS TERMINATED BY "},
        {&format.lines_terminated_by, " LINES TERMINATED BY "},
        {&format.null_defined_as, " NULL DEFINED AS "},
    };
    for (const auto& [value, keyword] : clauses) {
      if (value->has_value()) {
        if (value == &format.escaped_by && !format.fields_terminated_by.has_value()) {
          continue;  // ESCAPED BY only follows FIELDS TERMINATED BY.
        }
        out_ += keyword;
        if (value == &format.null_defined_as) {
          WriteString(**value);
        } else {
          // The parser reads these with Hive's backslash escapes: write backslashes escaped.
          std::string escaped;
          for (const char c : **value) {
            escaped += c;
            if (c == '\\') {
              escaped += '\\';
            }
          }
          WriteString(escaped);
        }
      }
    }
  }
  if (!format.serde_properties.empty()) {
    out_ += " WITH SERDEPROPERTIES ";
    WriteStringProperties(format.serde_properties);
  }
}

void SqlWriter::WriteCreateTable(const CreateTableStatement& table) {
  HiveQuotes quotes(*this);
  out_ += table.external ? "CREATE EXTERNAL TABLE " : "CREATE TABLE ";
  if (table.if_not_exists) {
    out_ += "IF NOT EXISTS ";
  }
  Write(table.name);
  out_.push_back(' ');
  WriteColumns(table.columns);
  if (table.comment.has_value()) {
    out_ += " COMMENT ";
    WriteString(*table.comment);
  }
  if (!table.partition_columns.empty()) {
    out_ += " PARTITIONED BY ";
    WriteColumns(table.partition_columns);
  } else if (!table.partition_transforms.empty()) {
    out_ += " PARTITIONED BY (";
    WriteExpressions(table.partition_transforms);
    out_.push_back(')');
  }
  if (table.clustered_by.has_value()) {
    out_ += " CLUSTERED BY ";
    WriteIdentifiers(table.clustered_by->columns);
    if (!table.clustered_by->sorted_by.empty()) {
      out_ += " SORTED BY (";
      WriteSortItems(table.clustered_by->sorted_by);
      out_.push_back(')');
    }
    out_ += " INTO " + std::to_string(table.clustered_by->num_buckets) + " BUCKETS";
  }
  if (table.row_format.has_value()) {
    WriteRowFormat(*table.row_format);
  }
  if (table.stored_as.has_value()) {
    if (table.stored_as->format.empty()) {
      out_ += " STORED AS INPUTFORMAT ";
      WriteString(table.stored_as->input_format);
      out_ += " OUTPUTFORMAT ";
      WriteString(table.stored_as->output_format);
    } else {
      out_ += " STORED AS " + table.stored_as->format;
    }
  }
  if (table.location.has_value()) {
    out_ += " LOCATION ";
    WriteString(*table.location);
  }
  if (!table.table_properties.empty()) {
    out_ += " TBLPROPERTIES ";
    WriteStringProperties(table.table_properties);
  }
  if (!table.properties.empty()) {
    out_ += " WITH ";
    WriteProperties(table.properties);
  }
}

void SqlWriter::WriteAlterTable(const AlterTableStatement& alter) {
  HiveQuotes quotes(*this);
  out_ += "ALTER TABLE ";
  Write(alter.table);
  switch (alter.action) {
    case AlterTableAction::kAddPartitions:
      out_ += alter.if_not_exists ? " ADD IF NOT EXISTS" : " ADD";
      for (const PartitionSpec& spec : alter.partitions) {
        out_.push_back(' ');
        WritePartitionSpec(spec);
      }
      return;
    case AlterTableAction::kDropPartitions:
      out_ += alter.if_exists ? " DROP IF EXISTS " : " DROP ";
      for (size_t i = 0; i < alter.partitions.size(); ++i) {
        out_ += i > 0 ? ", " : "";
        WritePartitionSpec(alter.partitions[i]);
      }
      return;
    case AlterTableAction::kSetTableProperties:
      out_ += " SET TBLPROPERTIES ";
      WriteStringProperties(alter.table_properties);
      return;
    case AlterTableAction::kAddColumns:
    case AlterTableAction::kReplaceColumns:
      out_ += alter.action == AlterTableAction::kAddColumns ? " ADD COLUMNS " : " REPLACE COLUMNS ";
      WriteColumns(alter.columns);
      return;
    case AlterTableAction::kDropColumn:
      out_ += alter.if_exists ? " DROP COLUMN IF EXISTS " : " DROP COLUMN ";
      Write(alter.column);
      return;
    case AlterTableAction::kChangeColumn:
      out_ += " CHANGE COLUMN ";
      Write(alter.column);
      out_.push_back(' ');
      WriteColumn(*alter.new_column);
      return;
    case AlterTableAction::kRenameColumn:
      out_ += alter.if_exists ? " RENAME COLUMN IF EXISTS " : " RENAME COLUMN ";
      Write(alter.column);
      out_ += " TO ";
      Write(alter.new_column->name);
      return;
    case AlterTableAction::kRenameTable:
      out_ += " RENAME TO ";
      Write(alter.new_name);
      return;
    case AlterTableAction::kSetLocation:
      out_ += " SET LOCATION ";
      WriteString(*alter.location);
      return;
  }
}

void SqlWriter::WriteMerge(const MergeStatement& merge) {
  out_ += "MERGE INTO ";
  Write(merge.target);
  if (merge.target_alias.has_value()) {
    out_ += " AS ";
    Write(*merge.target_alias);
  }
  out_ += " USING ";
  Write(*merge.source);
  out_ += " ON ";
  Write(*merge.condition);
  for (const MergeClause& clause : merge.clauses) {
    out_ += clause.matched ? " WHEN MATCHED" : " WHEN NOT MATCHED";
    if (clause.condition != nullptr) {
      out_ += " AND ";
      Write(*clause.condition);
    }
    switch (clause.action) {
      case MergeAction::kDelete:
        out_ += " THEN DELETE";
        break;
      case MergeAction::kUpdate:
        out_ += " THEN UPDATE SET ";
        WriteAssignments(clause.assignments);
        break;
      case MergeAction::kInsert:
        out_ += " THEN INSERT ";
        if (!clause.insert_columns.empty()) {
          WriteIdentifiers(clause.insert_columns);
          out_.push_back(' ');
        }
        out_ += "VALUES (";
        WriteExpressions(clause.insert_values);
        out_.push_back(')');
        break;
    }
  }
}

void SqlWriter::WriteShow(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kShowSchemas: {
      const auto& show = statement.As<ShowSchemasStatement>();
      out_ += "SHOW SCHEMAS";
      if (show.catalog.has_value()) {
        out_ += " FROM ";
        Write(*show.catalog);
      }
      WriteShowFilter(show.filter);
      return;
    }
    case StatementKind::kShowTables: {
      const auto& show = statement.As<ShowTablesStatement>();
      out_ += "SHOW TABLES";
      if (show.schema.has_value()) {
        out_ += " IN ";
        Write(*show.schema);
      }
      WriteShowFilter(show.filter);
      return;
    }
    case StatementKind::kShowViews: {
      const auto& show = statement.As<ShowViewsStatement>();
      out_ += "SHOW VIEWS";
      if (show.schema.has_value()) {
        out_ += " IN ";
        Write(*show.schema);
      }
      WriteShowFilter(show.filter);
      return;
    }
    case StatementKind::kShowFunctions:
      out_ += "SHOW FUNCTIONS";
      WriteShowFilter(statement.As<ShowFunctionsStatement>().filter);
      return;
    case StatementKind::kShowColumns: {
      const auto& show = statement.As<ShowColumnsStatement>();
      out_ += "SHOW COLUMNS FROM ";
      Write(show.table);
      if (show.schema.has_value()) {
        out_ += " FROM ";
        Write(*show.schema);
      }
      return;
    }
    case StatementKind::kShowCreate: {
      const auto& show = statement.As<ShowCreateStatement>();
      out_ += show.object == ShowCreateKind::kView ? "SHOW CREATE VIEW " : "SHOW CREATE TABLE ";
      Write(show.name);
      return;
    }
    case StatementKind::kShowPartitions:
      out_ += "SHOW PARTITIONS ";
      Write(statement.As<ShowPartitionsStatement>().table);
      return;
    case StatementKind::kShowTableProperties: {
      const auto& show = statement.As<ShowTablePropertiesStatement>();
      out_ += "SHOW TBLPROPERTIES ";
      Write(show.table);
      if (show.key.has_value()) {
        out_ += "(";
        WriteString(*show.key);
        out_ += ")";
      }
      return;
    }
    case StatementKind::kDescribe: {
      const auto& describe = statement.As<DescribeStatement>();
      out_ += "DESCRIBE ";
      if (describe.target != DescribeTarget::kTable) {
        out_ += describe.target == DescribeTarget::kInput ? "INPUT " : "OUTPUT ";
      }
      out_ += describe.extended ? "EXTENDED " : describe.formatted ? "FORMATTED " : "";
      Write(describe.table);
      if (describe.partition.has_value()) {
        out_.push_back(' ');
        WritePartitionSpec(*describe.partition);
      }
      if (describe.column.has_value()) {
        out_.push_back(' ');
        Write(*describe.column);
      }
      return;
    }
    default:
      return;
  }
}

void SqlWriter::WriteSchemaStatement(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kCreateSchema: {
      const auto& create = statement.As<CreateSchemaStatement>();
      HiveQuotes quotes(*this);
      out_ += create.if_not_exists ? "CREATE DATABASE IF NOT EXISTS " : "CREATE DATABASE ";
      Write(create.name);
      if (create.comment.has_value()) {
        out_ += " COMMENT ";
        WriteString(*create.comment);
      }
      if (create.location.has_value()) {
        out_ += " LOCATION ";
        WriteString(*create.location);
      }
      if (!create.db_properties.empty()) {
        out_ += " WITH DBPROPERTIES ";
        WriteStringProperties(create.db_properties);
      }
      if (!create.properties.empty()) {
        out_ += " WITH ";
        WriteProperties(create.properties);
      }
      return;
    }
    case StatementKind::kDropSchema: {
      const auto& drop = statement.As<DropSchemaStatement>();
      out_ += drop.if_exists ? "DROP DATABASE IF EXISTS " : "DROP DATABASE ";
      Write(drop.name);
      out_ += drop.cascade ? " CASCADE" : "";
      return;
    }
    case StatementKind::kCreateTable:
      WriteCreateTable(statement.As<CreateTableStatement>());
      return;
    case StatementKind::kCreateTableAsSelect: {
      const auto& create = statement.As<CreateTableAsSelectStatement>();
      out_ += create.if_not_exists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ";
      Write(create.name);
      if (!create.column_names.empty()) {
        out_.push_back(' ');
        WriteIdentifiers(create.column_names);
      }
      if (create.comment.has_value()) {
        out_ += " COMMENT ";
        WriteString(*create.comment);
      }
      if (!create.properties.empty()) {
        out_ += " WITH ";
        WriteProperties(create.properties);
      }
      out_ += " AS ";
      Write(*create.query);
      out_ += create.with_data ? "" : " WITH NO DATA";
      return;
    }
    case StatementKind::kDropTable: {
      const auto& drop = statement.As<DropTableStatement>();
      out_ += drop.if_exists ? "DROP TABLE IF EXISTS " : "DROP TABLE ";
      Write(drop.name);
      return;
    }
    case StatementKind::kCreateView: {
      const auto& create = statement.As<CreateViewStatement>();
      out_ += create.or_replace ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ";
      Write(create.name);
      if (create.comment.has_value()) {
        out_ += " COMMENT ";
        WriteString(*create.comment);
      }
      out_ += " AS ";
      Write(*create.query);
      return;
    }
    case StatementKind::kDropView: {
      const auto& drop = statement.As<DropViewStatement>();
      out_ += drop.if_exists ? "DROP VIEW IF EXISTS " : "DROP VIEW ";
      Write(drop.name);
      return;
    }
    default:
      return;
  }
}

void SqlWriter::WriteDataStatement(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kInsert: {
      const auto& insert = statement.As<InsertStatement>();
      out_ += "INSERT INTO ";
      Write(insert.table);
      if (!insert.columns.empty()) {
        out_.push_back(' ');
        WriteIdentifiers(insert.columns);
      }
      out_.push_back(' ');
      Write(*insert.query);
      return;
    }
    case StatementKind::kRepairTable:
      out_ += "MSCK REPAIR TABLE ";
      Write(statement.As<RepairTableStatement>().table);
      return;
    case StatementKind::kAlterTable:
      WriteAlterTable(statement.As<AlterTableStatement>());
      return;
    case StatementKind::kMerge:
      WriteMerge(statement.As<MergeStatement>());
      return;
    case StatementKind::kUpdate: {
      const auto& update = statement.As<UpdateStatement>();
      out_ += "UPDATE ";
      Write(update.table);
      out_ += " SET ";
      WriteAssignments(update.assignments);
      if (update.where != nullptr) {
        out_ += " WHERE ";
        Write(*update.where);
      }
      return;
    }
    case StatementKind::kDelete: {
      const auto& remove = statement.As<DeleteStatement>();
      out_ += "DELETE FROM ";
      Write(remove.table);
      if (remove.where != nullptr) {
        out_ += " WHERE ";
        Write(*remove.where);
      }
      return;
    }
    case StatementKind::kOptimize: {
      const auto& optimize = statement.As<OptimizeStatement>();
      out_ += "OPTIMIZE ";
      Write(optimize.table);
      out_ += " REWRITE DATA USING BIN_PACK";
      if (optimize.where != nullptr) {
        out_ += " WHERE ";
        Write(*optimize.where);
      }
      return;
    }
    case StatementKind::kVacuum:
      out_ += "VACUUM ";
      Write(statement.As<VacuumStatement>().table);
      return;
    default:
      return;
  }
}

void SqlWriter::WriteSessionStatement(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kQuery:
      Write(*statement.As<QueryStatement>().query);
      return;
    case StatementKind::kExplain: {
      const auto& explain = statement.As<ExplainStatement>();
      out_ += "EXPLAIN ";
      out_ += explain.analyze ? "ANALYZE " : "";
      out_ += explain.verbose ? "VERBOSE " : "";
      if (explain.type.has_value() || explain.format.has_value()) {
        out_ += "(";
        out_ += explain.type.has_value() ? "TYPE " + *explain.type : "";
        out_ += explain.type.has_value() && explain.format.has_value() ? ", " : "";
        out_ += explain.format.has_value() ? "FORMAT " + *explain.format : "";
        out_ += ") ";
      }
      Write(*explain.statement);
      return;
    }
    case StatementKind::kPrepare: {
      const auto& prepare = statement.As<PrepareStatement>();
      out_ += "PREPARE ";
      Write(prepare.name);
      out_ += " FROM ";
      Write(*prepare.statement);
      return;
    }
    case StatementKind::kExecute: {
      const auto& execute = statement.As<ExecuteStatement>();
      out_ += "EXECUTE ";
      Write(execute.name);
      if (!execute.parameters.empty()) {
        out_ += " USING ";
        WriteExpressions(execute.parameters);
      }
      return;
    }
    case StatementKind::kDeallocate:
      out_ += "DEALLOCATE PREPARE ";
      Write(statement.As<DeallocateStatement>().name);
      return;
    case StatementKind::kUse: {
      const auto& use = statement.As<UseStatement>();
      out_ += "USE ";
      if (use.catalog.has_value()) {
        Write(*use.catalog);
        out_.push_back('.');
      }
      Write(use.schema);
      return;
    }
    case StatementKind::kUnload: {
      const auto& unload = statement.As<UnloadStatement>();
      out_ += "UNLOAD (";
      Write(*unload.query);
      out_ += ") TO ";
      WriteString(unload.location);
      if (!unload.properties.empty()) {
        out_ += " WITH ";
        WriteProperties(unload.properties);
      }
      return;
    }

    default:
      return;
  }
}

void SqlWriter::Write(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kCreateSchema:
    case StatementKind::kDropSchema:
    case StatementKind::kCreateTable:
    case StatementKind::kCreateTableAsSelect:
    case StatementKind::kDropTable:
    case StatementKind::kCreateView:
    case StatementKind::kDropView:
      WriteSchemaStatement(statement);
      return;
    case StatementKind::kInsert:
    case StatementKind::kRepairTable:
    case StatementKind::kAlterTable:
    case StatementKind::kMerge:
    case StatementKind::kUpdate:
    case StatementKind::kDelete:
    case StatementKind::kOptimize:
    case StatementKind::kVacuum:
      WriteDataStatement(statement);
      return;
    case StatementKind::kShowSchemas:
    case StatementKind::kShowTables:
    case StatementKind::kShowColumns:
    case StatementKind::kDescribe:
    case StatementKind::kShowCreate:
    case StatementKind::kShowPartitions:
    case StatementKind::kShowTableProperties:
    case StatementKind::kShowViews:
    case StatementKind::kShowFunctions:
      WriteShow(statement);
      return;
    case StatementKind::kQuery:
    case StatementKind::kExplain:
    case StatementKind::kPrepare:
    case StatementKind::kExecute:
    case StatementKind::kDeallocate:
    case StatementKind::kUse:
    case StatementKind::kUnload:
      WriteSessionStatement(statement);
      return;
  }
}

}  // namespace stratus::sql::parser::internal
