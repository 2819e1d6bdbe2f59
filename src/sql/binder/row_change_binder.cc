// MERGE INTO, UPDATE and DELETE FROM bound as one plan of row changes
// (binder.h, RowChangePlan), as Trino plans them for a merge-on-read
// connector:
//
//   MERGE:  source LEFT JOIN target ON condition (INNER when no clause is
//           WHEN NOT MATCHED), then a CASE picks each row's clause: the
//           first whose kind (matched: the target's "$pos" is not NULL) and
//           condition hold; rows no clause picks are dropped; the clause
//           gives the new row and the RowChangeOp.
//   UPDATE: target WHERE condition, the assignments over the old row, kUpdate.
//   DELETE: target WHERE condition, kDelete.
//
// The writer deletes ($path, $pos) and writes the new rows; that a target row
// is changed by one source row only is the writer's check (it sees the
// positions), flagged on the plan.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"
#include "sql/binder/optimizer_internal.h"
#include "sql/functions/function.h"
#include "sql/parser/statement.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

constexpr std::string_view kPathColumn = "$path";
constexpr std::string_view kPositionColumn = "$pos";

/// The target's row count of table columns (its first scope fields) and the
/// positions of its hidden "$path" and "$pos" within its scope.
struct TargetLayout {
  size_t width = 0;
  size_t path = 0;
  size_t position = 0;
};

Result<TargetLayout> LayoutOf(const RelationPlan& target, const catalog::TableDescriptor& table) {
  TargetLayout layout;
  layout.width = table.columns.size() + table.partition_keys.size();
  bool has_path = false;
  bool has_position = false;
  for (size_t i = 0; i < target.scope.fields.size(); ++i) {
    const Field& field = target.scope.fields[i];
    if (field.hidden && field.name == kPathColumn) {
      layout.path = i;
      has_path = true;
    } else if (field.hidden && field.name == kPositionColumn) {
      layout.position = i;
      has_position = true;
    }
  }
  if (!has_path || !has_position) {
    return SqlError(kGenericInternalError, "The target table's scan has no row positions");
  }
  return layout;
}

/// Returns the target's column named `name` (table order), or nullopt.
std::optional<size_t> FindTableColumn(const catalog::TableDescriptor& table,
                                      const std::string& name) {
  size_t i = 0;
  for (const catalog::ColumnDescriptor& column : table.columns) {
    if (column.name == name) {
      return i;
    }
    ++i;
  }
  for (const catalog::ColumnDescriptor& column : table.partition_keys) {
    if (column.name == name) {
      return i;
    }
    ++i;
  }
  return std::nullopt;
}

const catalog::ColumnDescriptor& TableColumn(const catalog::TableDescriptor& table, size_t i) {
  return i < table.columns.size() ? table.columns[i]
                                  : table.partition_keys[i - table.columns.size()];
}

/// Casts a value assigned to a column to its type, or TYPE_MISMATCH.
Result<plan::ExprPtr> CastForColumn(const plan::ExprPtr& value,
                                    const catalog::ColumnDescriptor& column,
                                    parser::SourcePosition position,
                                    std::string_view what) {
  auto cast = CastTo(value, column.type);
  if (!cast.ok()) {
    return ErrorAt(kTypeMismatch, position,
                   std::string(what) + " column '" + column.name + "' is of type " +
                       column.type.ToString() + " but expression is of type " +
                       value->type.ToString());
  }
  return *cast;
}

plan::ExprPtr IntegerConstant(int32_t value) {
  return plan::MakeConstant(Value::Integer(value));
}

/// The final projection: the new row, "$op", "$path", "$pos".
plan::NodePtr ProjectChanges(plan::NodePtr input,
                             const catalog::TableDescriptor& table,
                             std::vector<plan::ExprPtr> row,
                             plan::ExprPtr op,
                             plan::ExprPtr path,
                             plan::ExprPtr position) {
  std::vector<std::string> names;
  for (size_t i = 0; i < row.size(); ++i) {
    names.push_back(TableColumn(table, i).name);
  }
  row.push_back(std::move(op));
  names.emplace_back("$op");
  row.push_back(std::move(path));
  names.emplace_back(kPathColumn);
  row.push_back(std::move(position));
  names.emplace_back(kPositionColumn);
  return MakeProject(std::move(input), std::move(row), std::move(names));
}

}  // namespace

Result<RelationPlan> QueryBinder::BindChangeTarget(const parser::QualifiedName& name,
                                                   const std::optional<parser::Identifier>& alias) {
  STRATUS_ASSIGN_OR_RETURN(RelationPlan plan, BindCatalogTable(name));
  if (plan.node->kind != plan::NodeKind::kScan) {
    return ErrorAt(kNotSupported, name.position(), "Modifying views is not supported");
  }
  const auto& scan = plan.node->As<plan::ScanNode>();
  if (scan.table->kind != catalog::TableKind::kIceberg) {
    return ErrorAt(kNotSupported, name.position(),
                   "Modifying Hive table rows is only supported for transactional tables");
  }
  auto target = std::static_pointer_cast<plan::ScanNode>(CopyNode(scan, {}));
  auto add_hidden = [&](size_t source, std::string_view field_name, LogicalType type) {
    target->table_columns.push_back(source);
    target->columns.push_back({.name = std::string(field_name), .type = type});
    plan.scope.fields.push_back({.database = scan.table->database,
                                 .qualifier = scan.table->name,
                                 .name = std::string(field_name),
                                 .type = type,
                                 .qualified_only = false,
                                 .hidden = true});
  };
  bool has_path = false;
  for (const Field& field : plan.scope.fields) {
    has_path = has_path || (field.hidden && field.name == kPathColumn);
  }
  if (!has_path) {
    add_hidden(plan::kScanPathColumn, kPathColumn, LogicalType::Varchar());
  }
  add_hidden(plan::kScanRowPositionColumn, kPositionColumn, LogicalType::Bigint());
  plan.node = target;
  if (alias.has_value()) {
    for (Field& field : plan.scope.fields) {
      field.qualifier = alias->name;
      field.database.clear();
    }
  }
  return plan;
}

Result<RowChangePlan> Binder::BindMerge(const parser::MergeStatement& merge) {
  QueryBinder query(*context_, nullptr);
  STRATUS_ASSIGN_OR_RETURN(RelationPlan target,
                           query.BindChangeTarget(merge.target, merge.target_alias));
  std::shared_ptr<const catalog::TableDescriptor> table = target.node->As<plan::ScanNode>().table;
  STRATUS_ASSIGN_OR_RETURN(TargetLayout layout, LayoutOf(target, *table));
  STRATUS_ASSIGN_OR_RETURN(RelationPlan source, query.BindRelation(*merge.source));

  bool inserts = false;
  for (const parser::MergeClause& clause : merge.clauses) {
    inserts = inserts || !clause.matched;
  }
  size_t source_width = source.node->columns.size();
  Scope scope = source.scope;
  scope.fields.insert(scope.fields.end(), target.scope.fields.begin(), target.scope.fields.end());
  plan::ExprPtr condition;
  {
    ExpressionBinder binder(query, scope, nullptr);
    STRATUS_ASSIGN_OR_RETURN(condition, binder.BindPredicate(*merge.condition, "MERGE ON clause"));
  }
  plan::NodePtr node =
      MakeJoin(source.node, target.node, inserts ? plan::JoinKind::kLeft : plan::JoinKind::kInner,
               condition);

  size_t target_base = source_width;
  plan::ExprPtr position = ColumnOf(*node, target_base + layout.position);
  plan::ExprPtr path = ColumnOf(*node, target_base + layout.path);
  plan::ExprPtr matched = plan::MakeSpecial(
      plan::ExprKind::kNot, LogicalType::Boolean(),
      {plan::MakeSpecial(plan::ExprKind::kIsNull, LogicalType::Boolean(), {position})});
  plan::ExprPtr not_matched =
      plan::MakeSpecial(plan::ExprKind::kIsNull, LogicalType::Boolean(), {position});

  // Each clause's condition, its new row and its operation, over `node`
  // (subqueries in the clauses join onto it, so bind them all first).
  std::vector<plan::ExprPtr> guards;
  std::vector<std::vector<plan::ExprPtr>> rows;
  std::vector<RowChangeOp> ops;
  ExpressionBinder binder(query, scope, &node);
  for (const parser::MergeClause& clause : merge.clauses) {
    plan::ExprPtr guard = clause.matched ? matched : not_matched;
    if (clause.condition != nullptr) {
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr extra,
                               binder.BindPredicate(*clause.condition, "MERGE WHEN clause"));
      guard = MakeConjunction({guard, extra});
    }
    guards.push_back(guard);
    std::vector<plan::ExprPtr> row(layout.width);
    switch (clause.action) {
      case parser::MergeAction::kDelete:
        ops.push_back(RowChangeOp::kDelete);
        for (size_t i = 0; i < layout.width; ++i) {
          row[i] = plan::MakeConstant(Value::Null(TableColumn(*table, i).type));
        }
        break;
      case parser::MergeAction::kUpdate: {
        ops.push_back(RowChangeOp::kUpdate);
        std::set<std::string> assigned;
        for (const parser::Assignment& assignment : clause.assignments) {
          std::optional<size_t> column = FindTableColumn(*table, assignment.column.name);
          if (!column.has_value()) {
            return ErrorAt(
                kColumnNotFound, assignment.column.position,
                "Merge column name does not exist in target table: " + assignment.column.name);
          }
          if (!assigned.insert(assignment.column.name).second) {
            return ErrorAt(
                "DUPLICATE_COLUMN_NAME", assignment.column.position,
                "Merge column name is specified more than once: " + assignment.column.name);
          }
          STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, binder.Bind(*assignment.value));
          STRATUS_ASSIGN_OR_RETURN(row[*column],
                                   CastForColumn(value, TableColumn(*table, *column),
                                                 assignment.value->position, "MERGE SET"));
        }
        for (size_t i = 0; i < layout.width; ++i) {
          if (row[i] == nullptr) {
            row[i] = ColumnOf(*node, target_base + i);
          }
        }
        break;
      }
      case parser::MergeAction::kInsert: {
        ops.push_back(RowChangeOp::kInsert);
        std::vector<size_t> columns;
        if (clause.insert_columns.empty()) {
          for (size_t i = 0; i < layout.width; ++i) {
            columns.push_back(i);
          }
        } else {
          std::set<std::string> named;
          for (const parser::Identifier& name : clause.insert_columns) {
            std::optional<size_t> column = FindTableColumn(*table, name.name);
            if (!column.has_value()) {
              return ErrorAt(kColumnNotFound, name.position,
                             "Merge column name does not exist in target table: " + name.name);
            }
            if (!named.insert(name.name).second) {
              return ErrorAt("DUPLICATE_COLUMN_NAME", name.position,
                             "Merge column name is specified more than once: " + name.name);
            }
            columns.push_back(*column);
          }
        }
        if (columns.size() != clause.insert_values.size()) {
          return ErrorAt(kGenericUserError, clause.position,
                         "Insert column name count does not match the number of values: " +
                             std::to_string(columns.size()) + " columns, " +
                             std::to_string(clause.insert_values.size()) + " values");
        }
        for (size_t i = 0; i < columns.size(); ++i) {
          STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, binder.Bind(*clause.insert_values[i]));
          STRATUS_ASSIGN_OR_RETURN(
              row[columns[i]], CastForColumn(value, TableColumn(*table, columns[i]),
                                             clause.insert_values[i]->position, "MERGE INSERT"));
        }
        for (size_t i = 0; i < layout.width; ++i) {
          if (row[i] == nullptr) {
            row[i] = plan::MakeConstant(Value::Null(TableColumn(*table, i).type));
          }
        }
        break;
      }
    }
    rows.push_back(std::move(row));
  }

  // The clause each row takes (1-based; 0: none), as a column after `node`'s.
  std::vector<plan::ExprPtr> case_args;
  for (size_t i = 0; i < guards.size(); ++i) {
    case_args.push_back(guards[i]);
    case_args.push_back(IntegerConstant(static_cast<int32_t>(i + 1)));
  }
  case_args.push_back(IntegerConstant(0));
  plan::ExprPtr pick =
      plan::MakeSpecial(plan::ExprKind::kCase, LogicalType::Integer(), std::move(case_args));
  std::vector<plan::ExprPtr> with_pick = ColumnsOf(*node);
  std::vector<std::string> names;
  for (const plan::Column& column : node->columns) {
    names.push_back(column.name);
  }
  size_t pick_column = with_pick.size();
  with_pick.push_back(pick);
  names.emplace_back("$clause");
  node = MakeProject(node, std::move(with_pick), std::move(names));
  plan::ExprPtr clause_of_row = ColumnOf(*node, pick_column);
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr picked,
                           binder.Call(functions::kNotEqualOperator,
                                       {clause_of_row, IntegerConstant(0)}, merge.position));
  node = MakeFilter(node, picked);

  // Per output column: CASE clause WHEN 1 THEN row1[i] WHEN 2 THEN ... END.
  std::vector<plan::ExprPtr> is_clause;
  for (size_t c = 0; c < rows.size(); ++c) {
    STRATUS_ASSIGN_OR_RETURN(
        plan::ExprPtr test,
        binder.Call(functions::kEqualOperator,
                    {clause_of_row, IntegerConstant(static_cast<int32_t>(c + 1))}, merge.position));
    is_clause.push_back(test);
  }
  auto by_clause = [&](const std::vector<plan::ExprPtr>& values, LogicalType type) {
    if (values.size() == 1) {
      return values[0];
    }
    std::vector<plan::ExprPtr> args;
    for (size_t c = 0; c < values.size(); ++c) {
      args.push_back(is_clause[c]);
      args.push_back(values[c]);
    }
    return plan::MakeSpecial(plan::ExprKind::kCase, std::move(type), std::move(args));
  };
  std::vector<plan::ExprPtr> new_row;
  for (size_t i = 0; i < layout.width; ++i) {
    std::vector<plan::ExprPtr> values;
    for (const std::vector<plan::ExprPtr>& row : rows) {
      values.push_back(row[i]);
    }
    new_row.push_back(by_clause(values, TableColumn(*table, i).type));
  }
  std::vector<plan::ExprPtr> op_values;
  for (RowChangeOp op : ops) {
    op_values.push_back(IntegerConstant(static_cast<int32_t>(op)));
  }
  plan::ExprPtr op = by_clause(op_values, LogicalType::Integer());
  RowChangePlan result;
  result.table = table;
  result.plan = ProjectChanges(node, *table, std::move(new_row), op, path, position);
  result.single_change_per_row = true;
  return result;
}

Result<RowChangePlan> Binder::BindUpdate(const parser::UpdateStatement& update) {
  QueryBinder query(*context_, nullptr);
  STRATUS_ASSIGN_OR_RETURN(RelationPlan target, query.BindChangeTarget(update.table, std::nullopt));
  std::shared_ptr<const catalog::TableDescriptor> table = target.node->As<plan::ScanNode>().table;
  STRATUS_ASSIGN_OR_RETURN(TargetLayout layout, LayoutOf(target, *table));
  plan::NodePtr node = target.node;
  ExpressionBinder binder(query, target.scope, &node);
  if (update.where != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr where,
                             binder.BindPredicate(*update.where, "WHERE clause"));
    node = MakeFilter(node, where);
  }
  std::vector<plan::ExprPtr> row(layout.width);
  std::set<std::string> assigned;
  for (const parser::Assignment& assignment : update.assignments) {
    std::optional<size_t> column = FindTableColumn(*table, assignment.column.name);
    if (!column.has_value()) {
      return ErrorAt(kColumnNotFound, assignment.column.position,
                     "The UPDATE SET target column " + assignment.column.name + " doesn't exist");
    }
    if (!assigned.insert(assignment.column.name).second) {
      return ErrorAt("DUPLICATE_COLUMN_NAME", assignment.column.position,
                     "Update column name is specified more than once: " + assignment.column.name);
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr value, binder.Bind(*assignment.value));
    STRATUS_ASSIGN_OR_RETURN(row[*column], CastForColumn(value, TableColumn(*table, *column),
                                                         assignment.value->position, "UPDATE"));
  }
  for (size_t i = 0; i < layout.width; ++i) {
    if (row[i] == nullptr) {
      row[i] = ColumnOf(*node, i);
    }
  }
  RowChangePlan result;
  result.table = table;
  result.plan = ProjectChanges(node, *table, std::move(row),
                               IntegerConstant(static_cast<int32_t>(RowChangeOp::kUpdate)),
                               ColumnOf(*node, layout.path), ColumnOf(*node, layout.position));
  return result;
}

Result<RowChangePlan> Binder::BindDelete(const parser::DeleteStatement& statement) {
  QueryBinder query(*context_, nullptr);
  STRATUS_ASSIGN_OR_RETURN(RelationPlan target,
                           query.BindChangeTarget(statement.table, std::nullopt));
  std::shared_ptr<const catalog::TableDescriptor> table = target.node->As<plan::ScanNode>().table;
  STRATUS_ASSIGN_OR_RETURN(TargetLayout layout, LayoutOf(target, *table));
  plan::NodePtr node = target.node;
  if (statement.where != nullptr) {
    ExpressionBinder binder(query, target.scope, &node);
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr where,
                             binder.BindPredicate(*statement.where, "WHERE clause"));
    node = MakeFilter(node, where);
  }
  std::vector<plan::ExprPtr> row;
  for (size_t i = 0; i < layout.width; ++i) {
    row.push_back(plan::MakeConstant(Value::Null(TableColumn(*table, i).type)));
  }
  RowChangePlan result;
  result.table = table;
  result.plan = ProjectChanges(node, *table, std::move(row),
                               IntegerConstant(static_cast<int32_t>(RowChangeOp::kDelete)),
                               ColumnOf(*node, layout.path), ColumnOf(*node, layout.position));
  return result;
}

}  // namespace stratus::sql::binder
