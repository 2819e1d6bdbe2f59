// DDL: CREATE/DROP DATABASE|SCHEMA, CREATE [EXTERNAL] TABLE with Hive's
// clauses and Iceberg partition transforms, CTAS, views, ALTER TABLE, MSCK
// REPAIR TABLE, OPTIMIZE and VACUUM.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/digest.h"
#include "base/format.h"
#include "sql/parser/parser_internal.h"
#include "sql/parser/syntax_error.h"

namespace stratus::sql::parser::internal {

Result<StatementPtr> Parser::ParseCreate() {
  const SourcePosition position = Advance().position;
  const bool or_replace = AcceptSequence({"OR", "REPLACE"});
  if (AcceptKeyword("VIEW")) {
    return ParseCreateView(position, or_replace);
  }
  if (or_replace) {
    return Mismatch("'VIEW'");
  }
  if (AcceptSequence({"EXTERNAL", "TABLE"})) {
    return ParseCreateTable(position, true);
  }
  if (AcceptKeyword("TABLE")) {
    return ParseCreateTable(position, false);
  }
  if (AcceptKeyword("DATABASE") || AcceptKeyword("SCHEMA")) {
    return ParseCreateSchema(position);
  }
  return Mismatch("'DATABASE', 'EXTERNAL', 'OR', 'SCHEMA', 'TABLE', 'VIEW'");
}

Result<StatementPtr> Parser::ParseCreateSchema(SourcePosition position) {
  auto create = std::make_unique<CreateSchemaStatement>(position);
  create->if_not_exists = AcceptSequence({"IF", "NOT", "EXISTS"});
  STRATUS_ASSIGN_OR_RETURN(create->name, ParseQualifiedName());
  while (true) {
    if (AcceptKeyword("COMMENT")) {
      STRATUS_ASSIGN_OR_RETURN(std::string comment, ParseHiveString());
      create->comment = std::move(comment);
    } else if (AcceptKeyword("LOCATION")) {
      STRATUS_ASSIGN_OR_RETURN(std::string location, ParseHiveString());
      create->location = std::move(location);
    } else if (AcceptSequence({"WITH", "DBPROPERTIES"})) {
      STRATUS_ASSIGN_OR_RETURN(create->db_properties, ParseStringProperties());
    } else if (IsKeyword("WITH") && Is(TokenKind::kLeftParen, 1)) {
      Advance();
      STRATUS_ASSIGN_OR_RETURN(create->properties, ParseProperties());
    } else {
      return StatementPtr(std::move(create));
    }
  }
}

Result<StatementPtr> Parser::ParseCreateTable(SourcePosition position, bool external) {
  const bool if_not_exists = AcceptSequence({"IF", "NOT", "EXISTS"});
  STRATUS_ASSIGN_OR_RETURN(QualifiedName name, ParseQualifiedName());
  // "(a, b) AS SELECT" names CTAS columns; "(a bigint, ...)" defines columns.
  const bool column_names = Is(TokenKind::kLeftParen) && IsIdentifierStart(1) &&
                            (Is(TokenKind::kComma, 2) || Is(TokenKind::kRightParen, 2));
  if (!external && (column_names || !Is(TokenKind::kLeftParen))) {
    std::vector<Identifier> names;
    if (column_names) {
      STRATUS_ASSIGN_OR_RETURN(names, ParseIdentifierList());
    }
    return ParseCreateTableAsSelect(position, if_not_exists, std::move(name), std::move(names));
  }
  auto create = std::make_unique<CreateTableStatement>(position);
  create->external = external;
  create->if_not_exists = if_not_exists;
  create->name = std::move(name);
  STRATUS_ASSIGN_OR_RETURN(create->columns, ParseColumnDefinitions());
  STRATUS_RETURN_IF_ERROR(ParseTableClauses(*create));
  return StatementPtr(std::move(create));
}

// Hive's table clauses, accepted in any order, each at most once.
Status Parser::ParseTableClauses(CreateTableStatement& table) {
  while (true) {
    const SourcePosition position = Current().position;
    auto once = [&](bool present, std::string_view clause) {
      return present ? SyntaxError(position, Format("{} specified more than once", clause))
                     : Status::Ok();
    };
    if (AcceptKeyword("COMMENT")) {
      STRATUS_RETURN_IF_ERROR(once(table.comment.has_value(), "COMMENT"));
      STRATUS_ASSIGN_OR_RETURN(std::string comment, ParseHiveString());
      table.comment = std::move(comment);
    } else if (AcceptSequence({"PARTITIONED", "BY"})) {
      STRATUS_RETURN_IF_ERROR(
          once(!table.partition_columns.empty() || !table.partition_transforms.empty(),
               "PARTITIONED BY"));
      STRATUS_RETURN_IF_ERROR(ParsePartitionedBy(table));
    } else if (AcceptSequence({"CLUSTERED", "BY"})) {
      STRATUS_RETURN_IF_ERROR(once(table.clustered_by.has_value(), "CLUSTERED BY"));
      STRATUS_ASSIGN_OR_RETURN(ClusteredBy clustered, ParseClusteredBy());
      table.clustered_by = std::move(clustered);
    } else if (AcceptSequence({"ROW", "FORMAT"})) {
      STRATUS_RETURN_IF_ERROR(once(table.row_format.has_value(), "ROW FORMAT"));
      STRATUS_ASSIGN_OR_RETURN(RowFormat row_format, ParseRowFormat());
      table.row_format = std::move(row_format);
    } else if (AcceptSequence({"STORED", "AS"})) {
      STRATUS_RETURN_IF_ERROR(once(table.stored_as.has_value(), "STORED AS"));
      STRATUS_ASSIGN_OR_RETURN(StorageFormat format, ParseStorageFormat());
      table.stored_as = std::move(format);
    } else if (AcceptKeyword("LOCATION")) {
      STRATUS_RETURN_IF_ERROR(once(table.location.has_value(), "LOCATION"));
      STRATUS_ASSIGN_OR_RETURN(std::string location, ParseHiveString());
      table.location = std::move(location);
    } else if (AcceptKeyword("TBLPROPERTIES")) {
      STRATUS_RETURN_IF_ERROR(once(!table.table_properties.empty(), "TBLPROPERTIES"));
      STRATUS_ASSIGN_OR_RETURN(table.table_properties, ParseStringProperties());
    } else if (IsKeyword("WITH") && Is(TokenKind::kLeftParen, 1)) {
      STRATUS_RETURN_IF_ERROR(once(!table.properties.empty(), "WITH"));
      Advance();
      STRATUS_ASSIGN_OR_RETURN(table.properties, ParseProperties());
    } else {
      return Status::Ok();
    }
  }
}

Status Parser::ParsePartitionedBy(CreateTableStatement& table) {
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  do {
    // "dt string" is a Hive partition column; "dt" or "day(ts)" an Iceberg transform.
    const bool typed = IsIdentifierStart() && !Is(TokenKind::kComma, 1) &&
                       !Is(TokenKind::kRightParen, 1) && !Is(TokenKind::kLeftParen, 1) &&
                       !Is(TokenKind::kDot, 1);
    if (typed) {
      STRATUS_ASSIGN_OR_RETURN(ColumnDefinition column, ParseColumnDefinition());
      table.partition_columns.push_back(std::move(column));
    } else {
      STRATUS_ASSIGN_OR_RETURN(ExpressionPtr transform, ParseExpression());
      table.partition_transforms.push_back(std::move(transform));
    }
  } while (Accept(TokenKind::kComma));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  if (!table.partition_columns.empty() && !table.partition_transforms.empty()) {
    return SyntaxError(table.position,
                       "PARTITIONED BY mixes typed columns and partition transforms");
  }
  return Status::Ok();
}

Result<ClusteredBy> Parser::ParseClusteredBy() {
  ClusteredBy clustered;
  STRATUS_ASSIGN_OR_RETURN(clustered.columns, ParseIdentifierList());
  if (AcceptSequence({"SORTED", "BY"})) {
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
    STRATUS_ASSIGN_OR_RETURN(clustered.sorted_by, ParseSortItems());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  }
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("INTO"));
  STRATUS_ASSIGN_OR_RETURN(clustered.num_buckets, ParseInteger());
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("BUCKETS"));
  return clustered;
}

namespace {

// Hive reads the delimiter strings of ROW FORMAT DELIMITED with backslash
// escapes: '\t', '\n', '\r', '\b', '\0', '\\', '\'', '\"', three octal digits
// ('\001') and '\uXXXX' (a code point, kept if it fits a byte). Other escaped
// characters stand for themselves. NULL DEFINED AS keeps its text as written:
// its usual value '\N' means the two bytes backslash and N.
std::string UnescapeHiveDelimiter(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    const auto is_octal = [&](size_t at) {
      return at < text.size() && text[at] >= '0' && text[at] <= '7';
    };
    if (is_octal(i + 1) && is_octal(i + 2) && is_octal(i + 3)) {
      out += static_cast<char>(
          ((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0')) & 0xff);
      i += 3;
      continue;
    }
    if (text[i + 1] == 'u' && i + 5 < text.size()) {
      int code = 0;
      bool hex = true;
      for (size_t k = i + 2; k < i + 6; ++k) {
        const int digit = HexDigitValue(text[k]);
        hex = hex && digit >= 0;
        code = code * 16 + digit;
      }
      if (hex && code < 256) {
        out += static_cast<char>(code);
        i += 5;
        continue;
      }
    }
    ++i;
    switch (text[i]) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case '0':
        out += '\0';
        break;
      default:
        out += text[i];
        break;
    }
  }
  return out;
}

}  // namespace

Result<RowFormat> Parser::ParseRowFormat() {
  RowFormat format;
  if (AcceptKeyword("SERDE")) {
    format.kind = RowFormatKind::kSerde;
    STRATUS_ASSIGN_OR_RETURN(format.serde_class, ParseHiveString());
  } else if (AcceptKeyword("DELIMITED")) {
    format.kind = RowFormatKind::kDelimited;
    while (true) {
      std::optional<std::string>* target = nullptr;
      if (AcceptSequence({"FIELDS", "TERMINATED", "BY"})) {
        STRATUS_ASSIGN_OR_RETURN(std::string value, ParseHiveString());
        format.fields_terminated_by = UnescapeHiveDelimiter(value);
        if (AcceptSequence({"ESCAPED", "BY"})) {
          target = &format.escaped_by;
        }
      } else if (AcceptSequence({"COLLECTION", "ITEMS", "TERMINATED", "BY"})) {
        target = &format.collection_items_terminated_by;
      } else if (AcceptSequence({"MAP", "KEYS", "TERMINATED", "BY"})) {
        target = &format.map_keys_terminated_by;
      } else if (AcceptSequence({"LINES", "TERMINATED", "BY"})) {
        target = &format.lines_terminated_by;
      } else if (AcceptSequence({"NULL", "DEFINED", "AS"})) {
        target = &format.null_defined_as;
      } else {
        break;
      }
      if (target != nullptr) {
        STRATUS_ASSIGN_OR_RETURN(std::string value, ParseHiveString());
        *target =
            target == &format.null_defined_as ? std::move(value) : UnescapeHiveDelimiter(value);
      }
    }
  } else {
    return Mismatch("'DELIMITED', 'SERDE'");
  }
  if (AcceptSequence({"WITH", "SERDEPROPERTIES"})) {
    STRATUS_ASSIGN_OR_RETURN(format.serde_properties, ParseStringProperties());
  }
  return format;
}

Result<StorageFormat> Parser::ParseStorageFormat() {
  StorageFormat format;
  if (AcceptKeyword("INPUTFORMAT")) {
    STRATUS_ASSIGN_OR_RETURN(format.input_format, ParseHiveString());
    STRATUS_RETURN_IF_ERROR(ExpectKeyword("OUTPUTFORMAT"));
    STRATUS_ASSIGN_OR_RETURN(format.output_format, ParseHiveString());
    return format;
  }
  STRATUS_ASSIGN_OR_RETURN(Identifier name, ParseIdentifier());
  format.format = AsciiUpper(name.original);
  return format;
}

Result<std::vector<StringProperty>> Parser::ParseStringProperties() {
  std::vector<StringProperty> properties;
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  if (Accept(TokenKind::kRightParen)) {
    return properties;
  }
  do {
    StringProperty property;
    property.position = Current().position;
    STRATUS_ASSIGN_OR_RETURN(property.key, ParseHiveString());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kEqual, "'='"));
    STRATUS_ASSIGN_OR_RETURN(property.value, ParseHiveString());
    properties.push_back(std::move(property));
  } while (Accept(TokenKind::kComma));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return properties;
}

Result<std::vector<Property>> Parser::ParseProperties() {
  std::vector<Property> properties;
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  do {
    Property property;
    STRATUS_ASSIGN_OR_RETURN(property.name, ParseIdentifier());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kEqual, "'='"));
    STRATUS_ASSIGN_OR_RETURN(property.value, ParseExpression());
    properties.push_back(std::move(property));
  } while (Accept(TokenKind::kComma));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return properties;
}

Result<ColumnDefinition> Parser::ParseColumnDefinition() {
  ColumnDefinition column;
  STRATUS_ASSIGN_OR_RETURN(column.name, ParseIdentifier());
  STRATUS_ASSIGN_OR_RETURN(column.type, ParseDataType());
  // Column constraints in any order; keys are accepted and ignored.
  while (true) {
    if (AcceptSequence({"NOT", "NULL"})) {
      column.not_null = true;
    } else if (AcceptSequence({"PRIMARY", "KEY"})) {
      column.primary_key = true;
    } else if (AcceptKeyword("UNIQUE")) {
      column.unique = true;
    } else {
      break;
    }
  }
  if (AcceptKeyword("COMMENT")) {
    STRATUS_ASSIGN_OR_RETURN(std::string comment, ParseHiveString());
    column.comment = std::move(comment);
  }
  return column;
}

Result<std::vector<ColumnDefinition>> Parser::ParseColumnDefinitions() {
  std::vector<ColumnDefinition> columns;
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  do {
    STRATUS_ASSIGN_OR_RETURN(ColumnDefinition column, ParseColumnDefinition());
    columns.push_back(std::move(column));
  } while (Accept(TokenKind::kComma));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return columns;
}

Result<StatementPtr> Parser::ParseCreateTableAsSelect(SourcePosition position,
                                                      bool if_not_exists,
                                                      QualifiedName name,
                                                      std::vector<Identifier> column_names) {
  auto create = std::make_unique<CreateTableAsSelectStatement>(position);
  create->if_not_exists = if_not_exists;
  create->name = std::move(name);
  create->column_names = std::move(column_names);
  if (AcceptKeyword("COMMENT")) {
    STRATUS_ASSIGN_OR_RETURN(std::string comment, ParseHiveString());
    create->comment = std::move(comment);
  }
  if (AcceptKeyword("WITH")) {
    STRATUS_ASSIGN_OR_RETURN(create->properties, ParseProperties());
  }
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("AS"));
  STRATUS_ASSIGN_OR_RETURN(create->query, ParseQuery());
  if (AcceptKeyword("WITH")) {
    create->with_data = !AcceptKeyword("NO");
    STRATUS_RETURN_IF_ERROR(ExpectKeyword("DATA"));
  }
  return StatementPtr(std::move(create));
}

Result<StatementPtr> Parser::ParseCreateView(SourcePosition position, bool or_replace) {
  auto create = std::make_unique<CreateViewStatement>(position);
  create->or_replace = or_replace;
  STRATUS_ASSIGN_OR_RETURN(create->name, ParseQualifiedName());
  if (AcceptKeyword("COMMENT")) {
    STRATUS_ASSIGN_OR_RETURN(std::string comment, ParseHiveString());
    create->comment = std::move(comment);
  }
  if (AcceptKeyword("SECURITY")) {
    if (!AcceptKeyword("DEFINER") && !AcceptKeyword("INVOKER")) {
      return Mismatch("'DEFINER', 'INVOKER'");
    }
  }
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("AS"));
  const uint32_t begin = Current().offset;
  STRATUS_ASSIGN_OR_RETURN(create->query, ParseQuery());
  create->query_text = std::string(sql_.substr(begin, PreviousEnd() - begin));
  return StatementPtr(std::move(create));
}

Result<StatementPtr> Parser::ParseDrop() {
  const SourcePosition position = Advance().position;
  if (AcceptKeyword("TABLE")) {
    auto drop = std::make_unique<DropTableStatement>(position);
    drop->if_exists = AcceptSequence({"IF", "EXISTS"});
    STRATUS_ASSIGN_OR_RETURN(drop->name, ParseQualifiedName());
    return StatementPtr(std::move(drop));
  }
  if (AcceptKeyword("VIEW")) {
    auto drop = std::make_unique<DropViewStatement>(position);
    drop->if_exists = AcceptSequence({"IF", "EXISTS"});
    STRATUS_ASSIGN_OR_RETURN(drop->name, ParseQualifiedName());
    return StatementPtr(std::move(drop));
  }
  if (AcceptKeyword("DATABASE") || AcceptKeyword("SCHEMA")) {
    auto drop = std::make_unique<DropSchemaStatement>(position);
    drop->if_exists = AcceptSequence({"IF", "EXISTS"});
    STRATUS_ASSIGN_OR_RETURN(drop->name, ParseQualifiedName());
    if (AcceptKeyword("CASCADE")) {
      drop->cascade = true;
    } else {
      AcceptKeyword("RESTRICT");
    }
    return StatementPtr(std::move(drop));
  }
  return Mismatch("'DATABASE', 'SCHEMA', 'TABLE', 'VIEW'");
}

Result<PartitionSpec> Parser::ParsePartitionSpec() {
  PartitionSpec spec;
  spec.position = Advance().position;  // PARTITION
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kLeftParen, "'('"));
  do {
    PartitionSpec::Value value;
    STRATUS_ASSIGN_OR_RETURN(value.column, ParseIdentifier());
    STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kEqual, "'='"));
    STRATUS_ASSIGN_OR_RETURN(value.value, ParseValue(0));
    spec.values.push_back(std::move(value));
  } while (Accept(TokenKind::kComma));
  STRATUS_RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')', ','"));
  return spec;
}

Result<StatementPtr> Parser::ParseAlterTable() {
  auto alter = std::make_unique<AlterTableStatement>(Advance().position);
  STRATUS_RETURN_IF_ERROR(ExpectKeyword("TABLE"));
  STRATUS_ASSIGN_OR_RETURN(alter->table, ParseQualifiedName());
  if (AcceptKeyword("ADD")) {
    STRATUS_RETURN_IF_ERROR(ParseAlterAdd(*alter));
  } else if (AcceptKeyword("DROP")) {
    STRATUS_RETURN_IF_ERROR(ParseAlterDrop(*alter));
  } else if (AcceptSequence({"SET", "TBLPROPERTIES"})) {
    alter->action = AlterTableAction::kSetTableProperties;
    STRATUS_ASSIGN_OR_RETURN(alter->table_properties, ParseStringProperties());
  } else if (AcceptSequence({"SET", "LOCATION"})) {
    alter->action = AlterTableAction::kSetLocation;
    STRATUS_ASSIGN_OR_RETURN(std::string location, ParseHiveString());
    alter->location = std::move(location);
  } else if (AcceptSequence({"RENAME", "TO"})) {
    alter->action = AlterTableAction::kRenameTable;
    STRATUS_ASSIGN_OR_RETURN(alter->new_name, ParseQualifiedName());
  } else if (AcceptSequence({"RENAME", "COLUMN"})) {
    alter->action = AlterTableAction::kRenameColumn;
    alter->if_exists = AcceptSequence({"IF", "EXISTS"});
    STRATUS_ASSIGN_OR_RETURN(alter->column, ParseIdentifier());
    STRATUS_RETURN_IF_ERROR(ExpectKeyword("TO"));
    ColumnDefinition renamed;
    STRATUS_ASSIGN_OR_RETURN(renamed.name, ParseIdentifier());
    alter->new_column = std::move(renamed);
  } else if (AcceptKeyword("CHANGE")) {
    alter->action = AlterTableAction::kChangeColumn;
    AcceptKeyword("COLUMN");
    STRATUS_ASSIGN_OR_RETURN(alter->column, ParseIdentifier());
    STRATUS_ASSIGN_OR_RETURN(ColumnDefinition changed, ParseColumnDefinition());
    alter->new_column = std::move(changed);
  } else if (AcceptSequence({"REPLACE", "COLUMNS"})) {
    alter->action = AlterTableAction::kReplaceColumns;
    STRATUS_ASSIGN_OR_RETURN(alter->columns, ParseColumnDefinitions());
  } else {
    return Mismatch("'ADD', 'CHANGE', 'DROP', 'RENAME', 'REPLACE', 'SET'");
  }
  return StatementPtr(std::move(alter));
}

Status Parser::ParseAlterAdd(AlterTableStatement& alter) {
  if (AcceptKeyword("COLUMNS")) {
    alter.action = AlterTableAction::kAddColumns;
    STRATUS_ASSIGN_OR_RETURN(alter.columns, ParseColumnDefinitions());
    return Status::Ok();
  }
  if (AcceptKeyword("COLUMN")) {
    alter.action = AlterTableAction::kAddColumns;
    alter.if_not_exists = AcceptSequence({"IF", "NOT", "EXISTS"});
    STRATUS_ASSIGN_OR_RETURN(ColumnDefinition column, ParseColumnDefinition());
    alter.columns.push_back(std::move(column));
    return Status::Ok();
  }
  alter.action = AlterTableAction::kAddPartitions;
  alter.if_not_exists = AcceptSequence({"IF", "NOT", "EXISTS"});
  if (!IsKeyword("PARTITION")) {
    return Mismatch("'COLUMN', 'COLUMNS', 'IF', 'PARTITION'");
  }
  while (IsKeyword("PARTITION")) {
    STRATUS_ASSIGN_OR_RETURN(PartitionSpec spec, ParsePartitionSpec());
    if (AcceptKeyword("LOCATION")) {
      STRATUS_ASSIGN_OR_RETURN(std::string location, ParseHiveString());
      spec.location = std::move(location);
    }
    alter.partitions.push_back(std::move(spec));
  }
  return Status::Ok();
}

Status Parser::ParseAlterDrop(AlterTableStatement& alter) {
  if (AcceptKeyword("COLUMN") ||
      (IsIdentifierStart() && !IsKeyword("IF") && !IsKeyword("PARTITION"))) {
    alter.action = AlterTableAction::kDropColumn;
    alter.if_exists = AcceptSequence({"IF", "EXISTS"});
    STRATUS_ASSIGN_OR_RETURN(alter.column, ParseIdentifier());
    return Status::Ok();
  }
  alter.action = AlterTableAction::kDropPartitions;
  alter.if_exists = AcceptSequence({"IF", "EXISTS"});
  do {
    if (!IsKeyword("PARTITION")) {
      return Mismatch("'COLUMN', 'IF', 'PARTITION'");
    }
    STRATUS_ASSIGN_OR_RETURN(PartitionSpec spec, ParsePartitionSpec());
    alter.partitions.push_back(std::move(spec));
  } while (Accept(TokenKind::kComma));
  return Status::Ok();
}

Result<StatementPtr> Parser::ParseRepairTable() {
  auto repair = std::make_unique<RepairTableStatement>(Advance().position);
  STRATUS_RETURN_IF_ERROR(ExpectSequence({"REPAIR", "TABLE"}));
  STRATUS_ASSIGN_OR_RETURN(repair->table, ParseQualifiedName());
  return StatementPtr(std::move(repair));
}

Result<StatementPtr> Parser::ParseOptimize() {
  auto optimize = std::make_unique<OptimizeStatement>(Advance().position);
  STRATUS_ASSIGN_OR_RETURN(optimize->table, ParseQualifiedName());
  STRATUS_RETURN_IF_ERROR(ExpectSequence({"REWRITE", "DATA", "USING", "BIN_PACK"}));
  if (AcceptKeyword("WHERE")) {
    STRATUS_ASSIGN_OR_RETURN(optimize->where, ParseExpression());
  }
  return StatementPtr(std::move(optimize));
}

Result<StatementPtr> Parser::ParseVacuum() {
  auto vacuum = std::make_unique<VacuumStatement>(Advance().position);
  STRATUS_ASSIGN_OR_RETURN(vacuum->table, ParseQualifiedName());
  return StatementPtr(std::move(vacuum));
}

}  // namespace stratus::sql::parser::internal
