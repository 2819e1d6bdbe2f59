#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/parser/data_type.h"
#include "sql/parser/expression.h"
#include "sql/parser/identifier.h"
#include "sql/parser/source_position.h"

namespace stratus::sql::parser {

// Statements of the AST: queries, Athena's Hive DDL (CREATE EXTERNAL TABLE
// with ROW FORMAT / STORED AS / TBLPROPERTIES, partitions, MSCK), Trino's DDL
// and DML (CTAS WITH (...), INSERT, MERGE, UPDATE, DELETE), Iceberg
// maintenance (OPTIMIZE, VACUUM), SHOW/DESCRIBE, EXPLAIN and prepared
// statements. String arguments of DDL (LOCATION, delimiters, properties) hold
// the characters between the quotes, '' unescaped; Hive backslash escapes such
// as '\t' or '\001' are kept as written for the table format to decode.
//
// Thread safety: immutable once parsed.

struct Query;
struct Relation;

enum class StatementKind : uint8_t {
  kQuery,
  kExplain,
  kCreateSchema,
  kDropSchema,
  kShowSchemas,
  kShowTables,
  kShowColumns,
  kDescribe,
  kShowCreate,
  kShowPartitions,
  kShowTableProperties,
  kShowViews,
  kShowFunctions,
  kCreateTable,
  kCreateTableAsSelect,
  kDropTable,
  kCreateView,
  kDropView,
  kInsert,
  kRepairTable,
  kAlterTable,
  kMerge,
  kUpdate,
  kDelete,
  kOptimize,
  kVacuum,
  kPrepare,
  kExecute,
  kDeallocate,
  kUse,
  kUnload,
};

/// The base of all statements. `span` is the statement's text within the
/// parsed input (without the trailing ';').
struct Statement {
  Statement(StatementKind node_kind, SourcePosition node_position)
      : kind(node_kind), position(node_position) {}

  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  virtual ~Statement() = default;

  /// Returns this node as its concrete type. REQUIRES: kind == T::kKind.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  const StatementKind kind;
  const SourcePosition position;
  SourceSpan span = {};
};

using StatementPtr = std::unique_ptr<Statement>;

/// Gives a statement type its kind constant and the (position) constructor.
template <StatementKind K>
struct StatementOf : Statement {
  static constexpr StatementKind kKind = K;

  explicit StatementOf(SourcePosition node_position) : Statement(K, node_position) {}
};

/// Trino's `name = expression` in WITH (...) property lists.
struct Property {
  Identifier name = {};
  ExpressionPtr value = nullptr;
};

/// Hive's `'key' = 'value'` in TBLPROPERTIES, SERDEPROPERTIES, DBPROPERTIES.
struct StringProperty {
  std::string key = {};
  std::string value = {};
  SourcePosition position = {};
};

/// `name type [NOT NULL] [COMMENT '...']` in a column list.
struct ColumnDefinition {
  Identifier name = {};
  DataType type = {};
  bool not_null = false;
  /// `PRIMARY KEY` or `UNIQUE` after the type: accepted for SQL written for
  /// other engines and ignored (Athena's tables have no keys).
  bool primary_key = false;
  bool unique = false;
  std::optional<std::string> comment = std::nullopt;
};

/// `PARTITION (k = v, ...) [LOCATION '...']`; values are literals.
struct PartitionSpec {
  struct Value {
    Identifier column = {};
    ExpressionPtr value = nullptr;
  };

  std::vector<Value> values = {};
  std::optional<std::string> location = std::nullopt;
  SourcePosition position = {};
};

/// `column = expression` in UPDATE and MERGE.
struct Assignment {
  Identifier column = {};
  ExpressionPtr value = nullptr;
};

/// A filter of SHOW statements: `LIKE 'pattern' [ESCAPE 'e']` (like_keyword
/// set), or Athena's bare `'pattern'` (Hive's * and | wildcards).
struct ShowFilter {
  bool like_keyword = false;
  std::string pattern = {};
  std::optional<std::string> escape = std::nullopt;
};

/// A query run for its rows.
struct QueryStatement : StatementOf<StatementKind::kQuery> {
  explicit QueryStatement(SourcePosition node_position);
  ~QueryStatement() override;
  std::unique_ptr<Query> query;
};

/// `EXPLAIN [ANALYZE] [VERBOSE] [(TYPE t, FORMAT f)] statement`.
struct ExplainStatement : StatementOf<StatementKind::kExplain> {
  using StatementOf::StatementOf;
  bool analyze = false;
  bool verbose = false;
  std::optional<std::string> type = std::nullopt;    // LOGICAL, DISTRIBUTED, VALIDATE, IO
  std::optional<std::string> format = std::nullopt;  // TEXT, GRAPHVIZ, JSON
  StatementPtr statement = nullptr;
};

/// `CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [COMMENT '...'] [LOCATION '...']
/// [WITH DBPROPERTIES (...)] [WITH (...)]`.
struct CreateSchemaStatement : StatementOf<StatementKind::kCreateSchema> {
  using StatementOf::StatementOf;
  bool if_not_exists = false;
  QualifiedName name = {};
  std::optional<std::string> comment = std::nullopt;
  std::optional<std::string> location = std::nullopt;
  std::vector<StringProperty> db_properties = {};
  std::vector<Property> properties = {};
};

/// `DROP DATABASE|SCHEMA [IF EXISTS] name [CASCADE|RESTRICT]`.
struct DropSchemaStatement : StatementOf<StatementKind::kDropSchema> {
  using StatementOf::StatementOf;
  bool if_exists = false;
  QualifiedName name = {};
  bool cascade = false;
};

/// `SHOW DATABASES|SCHEMAS [FROM catalog] [LIKE 'p']`.
struct ShowSchemasStatement : StatementOf<StatementKind::kShowSchemas> {
  using StatementOf::StatementOf;
  std::optional<Identifier> catalog = std::nullopt;
  std::optional<ShowFilter> filter = std::nullopt;
};

/// `SHOW TABLES [IN|FROM db] [LIKE 'p' | 'p']`.
struct ShowTablesStatement : StatementOf<StatementKind::kShowTables> {
  using StatementOf::StatementOf;
  std::optional<QualifiedName> schema = std::nullopt;
  std::optional<ShowFilter> filter = std::nullopt;
};

/// `SHOW COLUMNS IN|FROM t [IN|FROM db]`.
struct ShowColumnsStatement : StatementOf<StatementKind::kShowColumns> {
  using StatementOf::StatementOf;
  QualifiedName table = {};
  std::optional<QualifiedName> schema = std::nullopt;
};

enum class DescribeTarget : uint8_t {
  kTable,   // DESCRIBE t: `table` names the table.
  kInput,   // DESCRIBE INPUT p: `table` holds the prepared statement's name.
  kOutput,  // DESCRIBE OUTPUT p: likewise.
};

/// `DESCRIBE|DESC [EXTENDED|FORMATTED] t [PARTITION (...)] [column]`, and
/// `DESCRIBE INPUT|OUTPUT prepared_statement`.
struct DescribeStatement : StatementOf<StatementKind::kDescribe> {
  using StatementOf::StatementOf;
  DescribeTarget target = DescribeTarget::kTable;
  bool extended = false;
  bool formatted = false;
  QualifiedName table = {};
  std::optional<PartitionSpec> partition = std::nullopt;
  std::optional<QualifiedName> column = std::nullopt;
};

enum class ShowCreateKind : uint8_t { kTable, kView };

/// `SHOW CREATE TABLE|VIEW name`.
struct ShowCreateStatement : StatementOf<StatementKind::kShowCreate> {
  using StatementOf::StatementOf;
  ShowCreateKind object = ShowCreateKind::kTable;
  QualifiedName name = {};
};

/// `SHOW PARTITIONS t`.
struct ShowPartitionsStatement : StatementOf<StatementKind::kShowPartitions> {
  using StatementOf::StatementOf;
  QualifiedName table = {};
};

/// `SHOW TBLPROPERTIES t [('key')]`.
struct ShowTablePropertiesStatement : StatementOf<StatementKind::kShowTableProperties> {
  using StatementOf::StatementOf;
  QualifiedName table = {};
  std::optional<std::string> key = std::nullopt;
};

/// `SHOW VIEWS [IN|FROM db] [LIKE 'p' | 'p']`.
struct ShowViewsStatement : StatementOf<StatementKind::kShowViews> {
  using StatementOf::StatementOf;
  std::optional<QualifiedName> schema = std::nullopt;
  std::optional<ShowFilter> filter = std::nullopt;
};

/// `SHOW FUNCTIONS [LIKE 'p']`.
struct ShowFunctionsStatement : StatementOf<StatementKind::kShowFunctions> {
  using StatementOf::StatementOf;
  std::optional<ShowFilter> filter = std::nullopt;
};

enum class RowFormatKind : uint8_t { kDelimited, kSerde };

/// `ROW FORMAT DELIMITED ...` or `ROW FORMAT SERDE 'class'`, with
/// `WITH SERDEPROPERTIES (...)`.
struct RowFormat {
  RowFormatKind kind = RowFormatKind::kDelimited;
  std::optional<std::string> fields_terminated_by = std::nullopt;
  std::optional<std::string> escaped_by = std::nullopt;
  std::optional<std::string> collection_items_terminated_by = std::nullopt;
  std::optional<std::string> map_keys_terminated_by = std::nullopt;
  std::optional<std::string> lines_terminated_by = std::nullopt;
  std::optional<std::string> null_defined_as = std::nullopt;
  std::string serde_class = {};
  std::vector<StringProperty> serde_properties = {};
};

/// `STORED AS TEXTFILE|PARQUET|ORC|JSON|AVRO|...` (format, upper case) or
/// `STORED AS INPUTFORMAT 'x' OUTPUTFORMAT 'y'`.
struct StorageFormat {
  std::string format = {};
  std::string input_format = {};
  std::string output_format = {};
};

/// `CLUSTERED BY (columns) [SORTED BY (...)] INTO n BUCKETS`.
struct ClusteredBy {
  std::vector<Identifier> columns = {};
  std::vector<SortItem> sorted_by = {};
  int64_t num_buckets = 0;
};

/// CREATE [EXTERNAL] TABLE with a column list: Hive external tables, Athena's
/// Iceberg tables and Trino tables alike. PARTITIONED BY holds either typed
/// columns (Hive: `(dt string)`) in partition_columns or transforms (Iceberg:
/// `(dt, day(ts), bucket(16, id))`) in partition_transforms.
struct CreateTableStatement : StatementOf<StatementKind::kCreateTable> {
  using StatementOf::StatementOf;
  bool external = false;
  bool if_not_exists = false;
  QualifiedName name = {};
  std::vector<ColumnDefinition> columns = {};
  std::optional<std::string> comment = std::nullopt;
  std::vector<ColumnDefinition> partition_columns = {};
  std::vector<ExpressionPtr> partition_transforms = {};
  std::optional<ClusteredBy> clustered_by = std::nullopt;
  std::optional<RowFormat> row_format = std::nullopt;
  std::optional<StorageFormat> stored_as = std::nullopt;
  std::optional<std::string> location = std::nullopt;
  std::vector<StringProperty> table_properties = {};
  std::vector<Property> properties = {};  // Trino's WITH (format = 'ORC', ...)
};

/// `CREATE TABLE [IF NOT EXISTS] t [(columns)] [COMMENT] [WITH (...)] AS query
/// [WITH [NO] DATA]`.
struct CreateTableAsSelectStatement : StatementOf<StatementKind::kCreateTableAsSelect> {
  explicit CreateTableAsSelectStatement(SourcePosition node_position);
  ~CreateTableAsSelectStatement() override;
  bool if_not_exists = false;
  QualifiedName name = {};
  std::vector<Identifier> column_names = {};
  std::optional<std::string> comment = std::nullopt;
  std::vector<Property> properties = {};
  std::unique_ptr<Query> query;
  bool with_data = true;
};

/// `DROP TABLE [IF EXISTS] name`.
struct DropTableStatement : StatementOf<StatementKind::kDropTable> {
  using StatementOf::StatementOf;
  bool if_exists = false;
  QualifiedName name = {};
};

/// `CREATE [OR REPLACE] VIEW name [COMMENT '...'] AS query`; query_text is the
/// query as written (Athena keeps it as the view's original SQL).
struct CreateViewStatement : StatementOf<StatementKind::kCreateView> {
  explicit CreateViewStatement(SourcePosition node_position);
  ~CreateViewStatement() override;
  bool or_replace = false;
  QualifiedName name = {};
  std::optional<std::string> comment = std::nullopt;
  std::unique_ptr<Query> query;
  std::string query_text = {};
};

/// `DROP VIEW [IF EXISTS] name`.
struct DropViewStatement : StatementOf<StatementKind::kDropView> {
  using StatementOf::StatementOf;
  bool if_exists = false;
  QualifiedName name = {};
};

/// `INSERT INTO t [(columns)] query`; the query may be VALUES.
struct InsertStatement : StatementOf<StatementKind::kInsert> {
  explicit InsertStatement(SourcePosition node_position);
  ~InsertStatement() override;
  QualifiedName table = {};
  std::vector<Identifier> columns = {};
  std::unique_ptr<Query> query;
};

/// `MSCK REPAIR TABLE t`.
struct RepairTableStatement : StatementOf<StatementKind::kRepairTable> {
  using StatementOf::StatementOf;
  QualifiedName table = {};
};

enum class AlterTableAction : uint8_t {
  kAddPartitions,       // partitions, if_not_exists
  kDropPartitions,      // partitions, if_exists
  kSetTableProperties,  // table_properties
  kAddColumns,          // columns
  kReplaceColumns,      // columns
  kDropColumn,          // column, if_exists
  kChangeColumn,        // column (old name), new_column
  kRenameColumn,        // column (old name), new_column.name
  kRenameTable,         // new_name
  kSetLocation,         // location
};

/// `ALTER TABLE t <action>`; which fields are set depends on the action.
struct AlterTableStatement : StatementOf<StatementKind::kAlterTable> {
  using StatementOf::StatementOf;
  QualifiedName table = {};
  AlterTableAction action = AlterTableAction::kAddPartitions;
  bool if_exists = false;
  bool if_not_exists = false;
  std::vector<PartitionSpec> partitions = {};
  std::vector<StringProperty> table_properties = {};
  std::vector<ColumnDefinition> columns = {};
  Identifier column = {};
  std::optional<ColumnDefinition> new_column = std::nullopt;
  QualifiedName new_name = {};
  std::optional<std::string> location = std::nullopt;
};

enum class MergeAction : uint8_t { kUpdate, kDelete, kInsert };

/// One `WHEN [NOT] MATCHED [AND condition] THEN ...` of MERGE.
struct MergeClause {
  bool matched = true;
  ExpressionPtr condition = nullptr;
  MergeAction action = MergeAction::kUpdate;
  std::vector<Assignment> assignments = {};       // kUpdate
  std::vector<Identifier> insert_columns = {};    // kInsert (empty: all, in order)
  std::vector<ExpressionPtr> insert_values = {};  // kInsert
  SourcePosition position = {};
};

/// `MERGE INTO target [[AS] alias] USING source ON condition WHEN ...`.
struct MergeStatement : StatementOf<StatementKind::kMerge> {
  explicit MergeStatement(SourcePosition node_position);
  ~MergeStatement() override;
  QualifiedName target = {};
  std::optional<Identifier> target_alias = std::nullopt;
  std::unique_ptr<Relation> source;
  ExpressionPtr condition = nullptr;
  std::vector<MergeClause> clauses = {};
};

/// `UPDATE t SET c = e, ... [WHERE condition]`.
struct UpdateStatement : StatementOf<StatementKind::kUpdate> {
  using StatementOf::StatementOf;
  QualifiedName table = {};
  std::vector<Assignment> assignments = {};
  ExpressionPtr where = nullptr;
};

/// `DELETE FROM t [WHERE condition]`.
struct DeleteStatement : StatementOf<StatementKind::kDelete> {
  using StatementOf::StatementOf;
  QualifiedName table = {};
  ExpressionPtr where = nullptr;
};

/// `OPTIMIZE t REWRITE DATA USING BIN_PACK [WHERE condition]`.
struct OptimizeStatement : StatementOf<StatementKind::kOptimize> {
  using StatementOf::StatementOf;
  QualifiedName table = {};
  ExpressionPtr where = nullptr;
};

/// `VACUUM t`.
struct VacuumStatement : StatementOf<StatementKind::kVacuum> {
  using StatementOf::StatementOf;
  QualifiedName table = {};
};

/// `PREPARE name FROM statement`.
struct PrepareStatement : StatementOf<StatementKind::kPrepare> {
  using StatementOf::StatementOf;
  Identifier name = {};
  StatementPtr statement = nullptr;
};

/// `EXECUTE name [USING value, ...]`.
struct ExecuteStatement : StatementOf<StatementKind::kExecute> {
  using StatementOf::StatementOf;
  Identifier name = {};
  std::vector<ExpressionPtr> parameters = {};
};

/// `DEALLOCATE PREPARE name`.
struct DeallocateStatement : StatementOf<StatementKind::kDeallocate> {
  using StatementOf::StatementOf;
  Identifier name = {};
};

/// `USE [catalog.]schema`.
struct UseStatement : StatementOf<StatementKind::kUse> {
  using StatementOf::StatementOf;
  std::optional<Identifier> catalog = std::nullopt;
  Identifier schema = {};
};

/// Athena's `UNLOAD (query) TO 's3://...' WITH (format = 'PARQUET', ...)`.
struct UnloadStatement : StatementOf<StatementKind::kUnload> {
  explicit UnloadStatement(SourcePosition node_position);
  ~UnloadStatement() override;
  std::unique_ptr<Query> query;
  std::string location = {};
  std::vector<Property> properties = {};
};

}  // namespace stratus::sql::parser
