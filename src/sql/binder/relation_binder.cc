// FROM: tables, views, CTEs, derived tables, joins and UNNEST; VALUES and
// set operations.

#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/binder/optimizer_internal.h"
#include "sql/catalog/catalog.h"
#include "sql/functions/coercion.h"
#include "sql/functions/function.h"
#include "sql/parser/parser.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

constexpr int kMaxViewDepth = 32;

Scope UnqualifiedScope(const plan::Node& node) {
  Scope scope;
  for (const plan::Column& column : node.columns) {
    scope.fields.push_back({.database = {},
                            .qualifier = {},
                            .name = column.name,
                            .type = column.type,
                            .qualified_only = false,
                            .hidden = false});
  }
  return scope;
}

plan::JoinKind ToJoinKind(parser::JoinType type) {
  switch (type) {
    case parser::JoinType::kInner:
      return plan::JoinKind::kInner;
    case parser::JoinType::kLeft:
      return plan::JoinKind::kLeft;
    case parser::JoinType::kRight:
      return plan::JoinKind::kRight;
    case parser::JoinType::kFull:
      return plan::JoinKind::kFull;
    case parser::JoinType::kCross:
    case parser::JoinType::kImplicit:
      return plan::JoinKind::kCross;
  }
  return plan::JoinKind::kInner;
}

// The columns one UNNEST argument produces.
std::vector<plan::Column> UnnestColumns(const LogicalType& type) {
  std::vector<plan::Column> out;
  if (type.kind() == TypeKind::kMap) {
    out.push_back({.name = "", .type = type.child(0)});
    out.push_back({.name = "", .type = type.child(1)});
  } else if (type.kind() == TypeKind::kArray && type.child(0).kind() == TypeKind::kRow) {
    for (const RowField& field : type.child(0).children()) {
      out.push_back({.name = field.name, .type = field.type});
    }
  } else if (type.kind() == TypeKind::kArray) {
    out.push_back({.name = "", .type = type.child(0)});
  }
  return out;
}

}  // namespace

Result<RelationPlan> QueryBinder::BindRelation(const parser::Relation& relation) {
  switch (relation.kind) {
    case parser::RelationKind::kTable: {
      const auto& table = relation.As<parser::TableRelation>();
      STRATUS_ASSIGN_OR_RETURN(RelationPlan plan, BindTableName(table.name));
      if (table.time_travel != parser::TimeTravelKind::kNone) {
        STRATUS_ASSIGN_OR_RETURN(plan, BindTimeTravel(table, std::move(plan)));
      }
      return ApplyAlias(relation, std::move(plan));
    }
    case parser::RelationKind::kSubquery: {
      QueryBinder inner(context_, nullptr);
      STRATUS_ASSIGN_OR_RETURN(RelationPlan plan,
                               inner.BindQuery(*relation.As<parser::SubqueryRelation>().query));
      plan.scope = UnqualifiedScope(*plan.node);
      return ApplyAlias(relation, std::move(plan));
    }
    case parser::RelationKind::kLateral: {
      QueryBinder inner(context_, nullptr);
      STRATUS_ASSIGN_OR_RETURN(RelationPlan plan,
                               inner.BindQuery(*relation.As<parser::LateralRelation>().query));
      plan.scope = UnqualifiedScope(*plan.node);
      return ApplyAlias(relation, std::move(plan));
    }
    case parser::RelationKind::kUnnest: {
      auto values = std::make_shared<plan::ValuesNode>();
      values->rows.emplace_back();
      return BindUnnest(relation.As<parser::UnnestRelation>(), RelationPlan{.node = values}, false);
    }
    case parser::RelationKind::kJoin:
      return BindJoin(relation.As<parser::JoinRelation>());
  }
  return ErrorAt(kNotSupported, relation.position, "Unsupported relation");
}

Result<RelationPlan> QueryBinder::ApplyAlias(const parser::Relation& relation, RelationPlan plan) {
  if (relation.sample.has_value()) {
    // TABLESAMPLE keeps each row with the given percentage (SYSTEM samples
    // rows too: the scan has no block-level sampling).
    Scope empty;
    ExpressionBinder binder(*this, empty, nullptr);
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr percentage, binder.Bind(*relation.sample->percentage));
    STRATUS_ASSIGN_OR_RETURN(percentage, CastTo(percentage, LogicalType::Double()));
    percentage = binder.Fold(percentage);
    if (percentage->kind != plan::ExprKind::kConstant || percentage->constant.is_null() ||
        percentage->constant.double_value() < 0 || percentage->constant.double_value() > 100) {
      return ErrorAt(kInvalidFunctionArgument, relation.sample->percentage->position,
                     "Sample percentage must be between 0 and 100");
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr random, binder.Call("rand", {}, relation.position));
    STRATUS_ASSIGN_OR_RETURN(
        plan::ExprPtr keep, binder.Call(functions::kLessThanOperator,
                                        {random, plan::MakeConstant(Value::Double(
                                                     percentage->constant.double_value() / 100.0))},
                                        relation.position));
    plan.node = MakeFilter(plan.node, keep);
  }
  if (!relation.alias.has_value()) {
    return plan;
  }
  size_t visible = 0;
  for (Field& field : plan.scope.fields) {
    field.qualifier = relation.alias->name;
    field.database.clear();
    visible += field.hidden ? 0 : 1;
  }
  if (!relation.column_aliases.empty()) {
    if (relation.column_aliases.size() != visible) {
      return ErrorAt(kMismatchedColumnAliases, relation.position,
                     "Column alias list has " + std::to_string(relation.column_aliases.size()) +
                         " entries but '" + relation.alias->name + "' has " +
                         std::to_string(visible) + " columns available");
    }
    size_t next = 0;
    for (Field& field : plan.scope.fields) {
      if (!field.hidden) {
        field.name = relation.column_aliases[next++].name;
      }
    }
  }
  return plan;
}

Result<RelationPlan> QueryBinder::BindTableName(const parser::QualifiedName& name) {
  if (name.parts.size() == 1) {
    const std::string& wanted = name.parts[0].name;
    for (size_t i = context_.ctes.size(); i-- > 0;) {
      if (context_.ctes[i].first != wanted) {
        continue;
      }
      const parser::CommonTableExpression& cte = *context_.ctes[i].second;
      if (context_.recursive_ctes.count(&cte) != 0) {
        STRATUS_ASSIGN_OR_RETURN(std::optional<RelationPlan> recursive, BindRecursiveCte(i));
        if (recursive.has_value()) {
          return std::move(*recursive);
        }
      }
      // A CTE sees the entries before it, not itself.
      std::vector<std::pair<std::string, const parser::CommonTableExpression*>> saved =
          context_.ctes;
      context_.ctes.resize(i);
      QueryBinder inner(context_, nullptr);
      Result<RelationPlan> bound = inner.BindQuery(*cte.query);
      context_.ctes = std::move(saved);
      STRATUS_ASSIGN_OR_RETURN(RelationPlan plan, std::move(bound));
      plan.scope = UnqualifiedScope(*plan.node);
      if (!cte.column_names.empty()) {
        if (cte.column_names.size() != plan.scope.fields.size()) {
          return ErrorAt(kMismatchedColumnAliases, cte.name.position,
                         "WITH column alias list has " + std::to_string(cte.column_names.size()) +
                             " entries but WITH query(" + cte.name.name + ") has " +
                             std::to_string(plan.scope.fields.size()) + " columns");
        }
        for (size_t c = 0; c < cte.column_names.size(); ++c) {
          plan.scope.fields[c].name = cte.column_names[c].name;
        }
      }
      for (Field& field : plan.scope.fields) {
        field.qualifier = wanted;
      }
      return plan;
    }
  }
  return BindCatalogTable(name);
}

namespace {

constexpr std::string_view kPathColumnName = "$path";

}  // namespace

Result<RelationPlan> QueryBinder::BindCatalogTable(const parser::QualifiedName& name) {
  const BinderOptions& options = context_.options;
  parser::SourcePosition position = name.position();
  if (name.parts.empty() || name.parts.size() > 3) {
    return ErrorAt(kGenericUserError, position, "Invalid table name: " + name.ToString());
  }
  if (name.parts.size() == 3 && name.parts[0].name != options.catalog_name) {
    return ErrorAt("CATALOG_NOT_FOUND", position,
                   "Catalog '" + name.parts[0].name + "' does not exist");
  }
  std::string database =
      name.parts.size() >= 2 ? name.parts[name.parts.size() - 2].name : options.database;
  const std::string& table_name = name.parts.back().name;
  auto found = options.catalog->GetTable(database, table_name);
  if (!found.ok()) {
    return WithPosition(found.status(), position);
  }
  if (!found->has_value()) {
    size_t dollar = table_name.find('$');
    if (dollar != std::string::npos && dollar > 0 && options.metadata_tables != nullptr) {
      return BindMetadataTable(database, table_name.substr(0, dollar),
                               table_name.substr(dollar + 1), position);
    }
    return ErrorAt(
        kTableNotFound, position,
        "Table '" + options.catalog_name + "." + database + "." + table_name + "' does not exist");
  }
  auto table = std::make_shared<const catalog::TableDescriptor>(std::move(**found));
  if (table->kind == catalog::TableKind::kView) {
    return BindView(*table, position);
  }
  auto scan = std::make_shared<plan::ScanNode>();
  scan->table = table;
  RelationPlan plan;
  auto add = [&](const catalog::ColumnDescriptor& column) {
    scan->table_columns.push_back(scan->columns.size());
    scan->columns.push_back({.name = column.name, .type = column.type});
    plan.scope.fields.push_back({.database = table->database,
                                 .qualifier = table->name,
                                 .name = column.name,
                                 .type = column.type,
                                 .qualified_only = false,
                                 .hidden = false});
  };
  for (const catalog::ColumnDescriptor& column : table->columns) {
    add(column);
  }
  for (const catalog::ColumnDescriptor& column : table->partition_keys) {
    add(column);
  }
  // AWS: Athena's Hive tables have the hidden column "$path", the URI of the row's file.
  scan->table_columns.push_back(plan::kScanPathColumn);
  scan->columns.push_back({.name = std::string(kPathColumnName), .type = LogicalType::Varchar()});
  plan.scope.fields.push_back({.database = table->database,
                               .qualifier = table->name,
                               .name = std::string(kPathColumnName),
                               .type = LogicalType::Varchar(),
                               .qualified_only = false,
                               .hidden = true});
  if (!table->partition_keys.empty()) {
    STRATUS_ASSIGN_OR_RETURN(scan->partitions, PartitionsOf(*options.catalog, *table));
  }
  plan.node = scan;
  return plan;
}

Result<RelationPlan> QueryBinder::BindMetadataTable(const std::string& database,
                                                    const std::string& base_name,
                                                    const std::string& suffix,
                                                    parser::SourcePosition position) {
  const BinderOptions& options = context_.options;
  std::string full_name = base_name + "$" + suffix;
  auto not_found = [&] {
    return ErrorAt(
        kTableNotFound, position,
        "Table '" + options.catalog_name + "." + database + "." + full_name + "' does not exist");
  };
  auto base = options.catalog->GetTable(database, base_name);
  if (!base.ok()) {
    return WithPosition(base.status(), position);
  }
  if (!base->has_value()) {
    return not_found();
  }
  auto computed = options.metadata_tables(**base, suffix);
  if (!computed.ok()) {
    if (computed.status().code() == StatusCode::kNotFound) {
      return not_found();
    }
    return WithPosition(computed.status(), position);
  }
  auto values = std::make_shared<plan::ValuesNode>();
  RelationPlan plan;
  for (const RowField& column : computed->columns) {
    values->columns.push_back({.name = column.name, .type = column.type});
    plan.scope.fields.push_back({.database = database,
                                 .qualifier = full_name,
                                 .name = column.name,
                                 .type = column.type,
                                 .qualified_only = false,
                                 .hidden = false});
  }
  for (std::vector<Value>& row : computed->rows) {
    std::vector<plan::ExprPtr> exprs;
    for (size_t i = 0; i < row.size() && i < computed->columns.size(); ++i) {
      exprs.push_back(plan::MakeConstant(std::move(row[i])));
    }
    values->rows.push_back(std::move(exprs));
  }
  plan.node = values;
  return plan;
}

Result<RelationPlan> QueryBinder::BindTimeTravel(const parser::TableRelation& relation,
                                                 RelationPlan plan) {
  if (plan.node->kind != plan::NodeKind::kScan ||
      plan.node->As<plan::ScanNode>().table->kind != catalog::TableKind::kIceberg) {
    return ErrorAt(kNotSupported, relation.position,
                   "This connector does not support versioned tables");
  }
  Scope empty;
  ExpressionBinder binder(*this, empty, nullptr);
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, binder.Bind(*relation.time_travel_value));
  plan::TableSnapshotSelector selector;
  parser::SourcePosition position = relation.time_travel_value->position;
  if (relation.time_travel == parser::TimeTravelKind::kVersion) {
    auto as_bigint = CastTo(value, LogicalType::Bigint());
    if (!as_bigint.ok() ||
        (value->type.kind() != TypeKind::kTinyint && value->type.kind() != TypeKind::kSmallint &&
         value->type.kind() != TypeKind::kInteger && value->type.kind() != TypeKind::kBigint)) {
      return ErrorAt(kTypeMismatch, position,
                     "Unsupported type for table version: " + value->type.ToString());
    }
    value = binder.Fold(*as_bigint);
    selector.kind = plan::TableSnapshotSelector::Kind::kVersion;
  } else {
    if (value->type.kind() != TypeKind::kTimestamp &&
        value->type.kind() != TypeKind::kTimestampWithTimeZone &&
        value->type.kind() != TypeKind::kDate) {
      return ErrorAt(kTypeMismatch, position,
                     "Pointer value for time travel must be of type timestamp or timestamp with "
                     "time zone: " +
                         value->type.ToString());
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr instant,
                             CastTo(value, LogicalType::TimestampWithTimeZone(3)));
    value = binder.Fold(instant);
    selector.kind = plan::TableSnapshotSelector::Kind::kTimestampMillis;
  }
  if (value->kind != plan::ExprKind::kConstant || value->constant.is_null()) {
    return ErrorAt(kGenericUserError, position, "Table version or timestamp must be a constant");
  }
  // The snapshot id, or the instant's UTC milliseconds (timestamp(3) with time zone).
  selector.value = value->constant.int64_value();
  const auto& scan = plan.node->As<plan::ScanNode>();
  auto versioned = std::static_pointer_cast<plan::ScanNode>(CopyNode(scan, {}));
  versioned->snapshot = selector;
  plan.node = versioned;
  return plan;
}

Result<RelationPlan> QueryBinder::BindView(const catalog::TableDescriptor& view,
                                           parser::SourcePosition position) {
  if (context_.view_depth >= kMaxViewDepth) {
    return ErrorAt(kGenericUserError, position, "View is recursive: " + view.name);
  }
  auto parsed = parser::ParseStatement(view.view_sql);
  if (!parsed.ok() || (*parsed)->kind != parser::StatementKind::kQuery) {
    return ErrorAt(kGenericUserError, position,
                   "Failed analyzing stored view '" + context_.options.catalog_name + "." +
                       view.database + "." + view.name + "'");
  }
  const parser::Query& query = *(*parsed)->As<parser::QueryStatement>().query;
  std::string saved_database = context_.options.database;
  auto saved_ctes = std::move(context_.ctes);
  context_.ctes.clear();
  context_.options.database = view.database;
  ++context_.view_depth;
  QueryBinder inner(context_, nullptr);
  Result<RelationPlan> bound = inner.BindQuery(query);
  --context_.view_depth;
  context_.options.database = saved_database;
  context_.ctes = std::move(saved_ctes);
  if (!bound.ok()) {
    return ErrorAt(SqlErrorName(bound.status()), position,
                   "Failed analyzing stored view '" + context_.options.catalog_name + "." +
                       view.database + "." + view.name + "': " + bound.status().message());
  }
  RelationPlan plan = std::move(*bound);
  plan.scope = UnqualifiedScope(*plan.node);
  for (Field& field : plan.scope.fields) {
    field.qualifier = view.name;
    field.database = view.database;
  }
  return plan;
}

Result<RelationPlan> QueryBinder::BindJoin(const parser::JoinRelation& join) {
  STRATUS_ASSIGN_OR_RETURN(RelationPlan left, BindRelation(*join.left));
  if (join.right->kind == parser::RelationKind::kUnnest) {
    return BindUnnest(join.right->As<parser::UnnestRelation>(), left,
                      join.type == parser::JoinType::kLeft);
  }
  STRATUS_ASSIGN_OR_RETURN(RelationPlan right, BindRelation(*join.right));
  plan::JoinKind kind = ToJoinKind(join.type);
  size_t left_width = left.node->columns.size();
  Scope scope = left.scope;
  // Pads the left scope to the node's width (columns added by subqueries).
  while (scope.fields.size() < left_width) {
    scope.fields.push_back({.database = {},
                            .qualifier = {},
                            .name = {},
                            .type = {},
                            .qualified_only = true,
                            .hidden = true});
  }
  scope.fields.insert(scope.fields.end(), right.scope.fields.begin(), right.scope.fields.end());

  std::vector<std::string> using_columns;
  for (const parser::Identifier& column : join.using_columns) {
    using_columns.push_back(column.name);
  }
  if (join.natural) {
    for (const Field& field : left.scope.fields) {
      if (field.hidden) {
        continue;
      }
      for (const Field& other : right.scope.fields) {
        if (!other.hidden && other.name == field.name) {
          using_columns.push_back(field.name);
          break;
        }
      }
    }
  }
  if (using_columns.empty()) {
    plan::ExprPtr condition;
    if (join.condition != nullptr) {
      ExpressionBinder binder(*this, scope, nullptr);
      STRATUS_ASSIGN_OR_RETURN(condition, binder.BindPredicate(*join.condition, "JOIN ON clause"));
      if (kind == plan::JoinKind::kCross) {
        kind = plan::JoinKind::kInner;
      }
    } else if (kind != plan::JoinKind::kCross && !join.natural) {
      return ErrorAt(kGenericUserError, join.position, "Join needs ON or USING");
    }
    plan::NodePtr node = MakeJoin(left.node, right.node, kind, condition);
    return RelationPlan{.node = node, .scope = std::move(scope)};
  }

  return BindUsingJoin(join, left, right, kind, std::move(scope), using_columns);
}

Result<RelationPlan> QueryBinder::BindUsingJoin(const parser::JoinRelation& join,
                                                const RelationPlan& left,
                                                const RelationPlan& right,
                                                plan::JoinKind kind,
                                                Scope scope,
                                                const std::vector<std::string>& using_columns) {
  size_t left_width = left.node->columns.size();
  // USING: the keys once (coalesced for FULL), then both sides' columns.
  auto find = [&](const Scope& side, const std::string& name) -> Result<size_t> {
    std::optional<size_t> found;
    for (size_t i = 0; i < side.fields.size(); ++i) {
      if (!side.fields[i].hidden && side.fields[i].name == name) {
        if (found.has_value()) {
          return ErrorAt(kAmbiguousName, join.position, "Column '" + name + "' is ambiguous");
        }
        found = i;
      }
    }
    if (!found.has_value()) {
      return ErrorAt(kColumnNotFound, join.position,
                     "Column '" + name + "' is missing from left side of join");
    }
    return *found;
  };
  ExpressionBinder binder(*this, scope, nullptr);
  std::vector<plan::ExprPtr> conditions;
  std::vector<plan::ExprPtr> outputs;
  std::vector<std::string> names;
  Scope out_scope;
  std::vector<size_t> left_keys;
  std::vector<size_t> right_keys;
  for (const std::string& name : using_columns) {
    STRATUS_ASSIGN_OR_RETURN(size_t l, find(left.scope, name));
    STRATUS_ASSIGN_OR_RETURN(size_t r, find(right.scope, name));
    left_keys.push_back(l);
    right_keys.push_back(left_width + r);
    plan::ExprPtr lexpr = plan::MakeColumn(l, left.scope.fields[l].type, name);
    plan::ExprPtr rexpr = plan::MakeColumn(left_width + r, right.scope.fields[r].type, name);
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr equal,
                             binder.Call(functions::kEqualOperator, {lexpr, rexpr}, join.position));
    conditions.push_back(equal);
    plan::ExprPtr output = lexpr;
    if (kind == plan::JoinKind::kRight) {
      output = rexpr;
    } else if (kind == plan::JoinKind::kFull) {
      LogicalType common;
      STRATUS_ASSIGN_OR_RETURN(auto args, binder.CoerceToCommon({lexpr, rexpr}, join.position,
                                                                "USING columns", &common));
      output = plan::MakeSpecial(plan::ExprKind::kCoalesce, common, std::move(args));
    }
    outputs.push_back(output);
    names.push_back(name);
    out_scope.fields.push_back({.database = {},
                                .qualifier = {},
                                .name = name,
                                .type = output->type,
                                .qualified_only = false,
                                .hidden = false});
  }
  if (kind == plan::JoinKind::kCross) {
    kind = plan::JoinKind::kInner;
  }
  plan::NodePtr node =
      MakeJoin(left.node, right.node, kind, MakeConjunction(std::move(conditions)));
  for (size_t i = 0; i < scope.fields.size(); ++i) {
    Field field = scope.fields[i];
    bool is_key = std::find(left_keys.begin(), left_keys.end(), i) != left_keys.end() ||
                  std::find(right_keys.begin(), right_keys.end(), i) != right_keys.end();
    if (is_key) {
      field.qualified_only = true;
      field.hidden = true;
    }
    outputs.push_back(plan::MakeColumn(i, node->columns[i].type, node->columns[i].name));
    names.push_back(node->columns[i].name);
    out_scope.fields.push_back(std::move(field));
  }
  node = MakeProject(node, std::move(outputs), std::move(names));
  return RelationPlan{.node = node, .scope = std::move(out_scope)};
}

Result<RelationPlan> QueryBinder::BindUnnest(const parser::UnnestRelation& unnest,
                                             const RelationPlan& left,
                                             bool outer) {
  ExpressionBinder binder(*this, left.scope, nullptr);
  auto node = std::make_shared<plan::UnnestNode>();
  node->inputs.push_back(left.node);
  node->columns = left.node->columns;
  for (size_t i = 0; i < left.node->columns.size(); ++i) {
    node->replicate.push_back(i);
  }
  std::vector<plan::Column> added;
  for (const auto& expression : unnest.expressions) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, binder.Bind(*expression));
    if (bound->type.kind() != TypeKind::kArray && bound->type.kind() != TypeKind::kMap) {
      return ErrorAt(kTypeMismatch, expression->position,
                     "Cannot unnest type: " + bound->type.ToString());
    }
    std::vector<plan::Column> columns = UnnestColumns(bound->type);
    added.insert(added.end(), columns.begin(), columns.end());
    node->arrays.push_back(std::move(bound));
  }
  if (unnest.with_ordinality) {
    added.push_back({.name = "ordinality", .type = LogicalType::Bigint()});
  }
  node->with_ordinality = unnest.with_ordinality;
  node->outer = outer;
  if (!unnest.column_aliases.empty()) {
    if (unnest.column_aliases.size() != added.size()) {
      return ErrorAt(kMismatchedColumnAliases, unnest.position,
                     "Column alias list has " + std::to_string(unnest.column_aliases.size()) +
                         " entries but UNNEST has " + std::to_string(added.size()) + " columns");
    }
    for (size_t i = 0; i < added.size(); ++i) {
      added[i].name = unnest.column_aliases[i].name;
    }
  }
  RelationPlan plan;
  plan.scope = left.scope;
  while (plan.scope.fields.size() < left.node->columns.size()) {
    plan.scope.fields.push_back({.database = {},
                                 .qualifier = {},
                                 .name = {},
                                 .type = {},
                                 .qualified_only = true,
                                 .hidden = true});
  }
  for (size_t i = 0; i < added.size(); ++i) {
    std::string qualifier = unnest.alias.has_value() ? unnest.alias->name : "";
    plan.scope.fields.push_back({.database = {},
                                 .qualifier = qualifier,
                                 .name = added[i].name,
                                 .type = added[i].type,
                                 .qualified_only = false,
                                 .hidden = false});
    node->columns.push_back(
        added[i].name.empty()
            ? plan::Column{.name = "_unnest" + std::to_string(i), .type = added[i].type}
            : added[i]);
  }
  plan.node = node;
  return plan;
}

Result<RelationPlan> QueryBinder::BindValues(const parser::ValuesBody& values) {
  Scope empty;
  ExpressionBinder binder(*this, empty, nullptr);
  std::vector<std::vector<plan::ExprPtr>> rows;
  for (const auto& row : values.rows) {
    std::vector<plan::ExprPtr> bound_row;
    if (row->kind == parser::ExpressionKind::kRow &&
        !row->As<parser::RowExpression>().explicit_row) {
      for (const auto& element : row->As<parser::RowExpression>().elements) {
        STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, binder.Bind(*element));
        bound_row.push_back(std::move(bound));
      }
    } else {
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, binder.Bind(*row));
      bound_row.push_back(std::move(bound));
    }
    if (!rows.empty() && bound_row.size() != rows[0].size()) {
      return ErrorAt(kTypeMismatch, row->position,
                     "Values rows have mismatched sizes: " + std::to_string(rows[0].size()) +
                         " vs " + std::to_string(bound_row.size()));
    }
    rows.push_back(std::move(bound_row));
  }
  auto node = std::make_shared<plan::ValuesNode>();
  size_t width = rows.empty() ? 0 : rows[0].size();
  for (size_t c = 0; c < width; ++c) {
    LogicalType type = LogicalType::Unknown();
    for (const auto& row : rows) {
      auto common = functions::CommonSuperType(type, row[c]->type);
      if (!common.has_value()) {
        return ErrorAt(kTypeMismatch, values.position,
                       "Values rows have mismatched types: " + type.ToString() + " vs " +
                           row[c]->type.ToString());
      }
      type = *common;
    }
    for (auto& row : rows) {
      STRATUS_ASSIGN_OR_RETURN(row[c], CastTo(row[c], type));
      row[c] = binder.Fold(row[c]);
    }
    node->columns.push_back({.name = "_col" + std::to_string(c), .type = type});
  }
  node->rows = std::move(rows);
  return RelationPlan{.node = node, .scope = UnqualifiedScope(*node)};
}

Result<RelationPlan> QueryBinder::BindSetOperation(const parser::SetOperationBody& set) {
  STRATUS_ASSIGN_OR_RETURN(RelationPlan left, BindBody(*set.left));
  STRATUS_ASSIGN_OR_RETURN(RelationPlan right, BindBody(*set.right));
  const char* name = set.op == parser::SetOperator::kUnion       ? "UNION"
                     : set.op == parser::SetOperator::kIntersect ? "INTERSECT"
                                                                 : "EXCEPT";
  size_t width = left.node->columns.size();
  if (right.node->columns.size() != width) {
    return ErrorAt(kTypeMismatch, set.position,
                   std::string(name) + " query has different number of fields: " +
                       std::to_string(width) + ", " + std::to_string(right.node->columns.size()));
  }
  std::vector<LogicalType> types;
  for (size_t c = 0; c < width; ++c) {
    auto common =
        functions::CommonSuperType(left.node->columns[c].type, right.node->columns[c].type);
    if (!common.has_value()) {
      return ErrorAt(kTypeMismatch, set.position,
                     "column " + std::to_string(c + 1) + " in " + name +
                         " query has incompatible types: " + left.node->columns[c].type.ToString() +
                         ", " + right.node->columns[c].type.ToString());
    }
    types.push_back(*common);
  }
  auto coerce = [&](const plan::NodePtr& node) -> Result<plan::NodePtr> {
    bool same = true;
    for (size_t c = 0; c < width; ++c) {
      same = same && node->columns[c].type == types[c];
    }
    if (same) {
      return node;
    }
    std::vector<plan::ExprPtr> exprs;
    std::vector<std::string> names;
    for (size_t c = 0; c < width; ++c) {
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr cast, CastTo(ColumnOf(*node, c), types[c]));
      exprs.push_back(std::move(cast));
      names.push_back(node->columns[c].name);
    }
    return MakeProject(node, std::move(exprs), std::move(names));
  };
  auto node = std::make_shared<plan::SetOperationNode>();
  node->op = set.op == parser::SetOperator::kUnion       ? plan::SetOperator::kUnion
             : set.op == parser::SetOperator::kIntersect ? plan::SetOperator::kIntersect
                                                         : plan::SetOperator::kExcept;
  node->all = set.all;
  for (size_t c = 0; c < width; ++c) {
    node->columns.push_back({.name = left.node->columns[c].name, .type = types[c]});
  }
  STRATUS_ASSIGN_OR_RETURN(plan::NodePtr left_node, coerce(left.node));
  STRATUS_ASSIGN_OR_RETURN(plan::NodePtr right_node, coerce(right.node));
  node->inputs = {left_node, right_node};
  return RelationPlan{.node = node, .scope = UnqualifiedScope(*node)};
}

}  // namespace stratus::sql::binder
