// Small constructors and predicates over plans and bound expressions that
// every part of the binder uses.

#include <utility>

#include "sql/binder/binder_internal.h"
#include "sql/functions/function.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {

std::string PositionPrefix(parser::SourcePosition position) {
  return "line " + std::to_string(position.line) + ":" + std::to_string(position.column) + ": ";
}

Status ErrorAt(std::string_view name, parser::SourcePosition position, const std::string& message) {
  return SqlError(name, PositionPrefix(position) + message);
}

Status WithPosition(const Status& status, parser::SourcePosition position) {
  if (status.ok() || status.message().rfind("line ", 0) == 0) {
    return status;
  }
  return SqlError(SqlErrorName(status), PositionPrefix(position) + status.message());
}

bool ExprEquals(const plan::Expr& a, const plan::Expr& b) {
  if (a.kind != b.kind || a.type != b.type || a.args.size() != b.args.size() ||
      a.try_cast != b.try_cast || a.has_else != b.has_else) {
    return false;
  }
  switch (a.kind) {
    case plan::ExprKind::kColumn:
    case plan::ExprKind::kLambdaVariable:
    case plan::ExprKind::kLambda:
      if (a.column != b.column) {
        return false;
      }
      break;
    case plan::ExprKind::kConstant:
      return a.constant == b.constant;
    case plan::ExprKind::kLambdaCall:
      if (a.name != b.name) {
        return false;
      }
      break;
    case plan::ExprKind::kCall:
    case plan::ExprKind::kCast:
      if (a.function->name != b.function->name ||
          a.function->argument_types != b.function->argument_types) {
        return false;
      }
      break;
    default:
      break;
  }
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!ExprEquals(*a.args[i], *b.args[i])) {
      return false;
    }
  }
  return true;
}

bool HasOuterReference(const plan::Expr& expr) {
  if (expr.kind == plan::ExprKind::kColumn) {
    return expr.column >= kOuterBase;
  }
  for (const plan::ExprPtr& arg : expr.args) {
    if (HasOuterReference(*arg)) {
      return true;
    }
  }
  return false;
}

namespace {

bool AnyOuter(const std::vector<plan::ExprPtr>& exprs) {
  for (const plan::ExprPtr& expr : exprs) {
    if (expr != nullptr && HasOuterReference(*expr)) {
      return true;
    }
  }
  return false;
}

bool NodeHasOuterReference(const plan::Node& node) {
  switch (node.kind) {
    case plan::NodeKind::kFilter:
      return HasOuterReference(*node.As<plan::FilterNode>().predicate);
    case plan::NodeKind::kProject:
      return AnyOuter(node.As<plan::ProjectNode>().expressions);
    case plan::NodeKind::kJoin: {
      const auto& join = node.As<plan::JoinNode>();
      return AnyOuter(join.left_keys) || AnyOuter(join.right_keys) ||
             (join.condition != nullptr && HasOuterReference(*join.condition));
    }
    case plan::NodeKind::kAggregate: {
      const auto& aggregate = node.As<plan::AggregateNode>();
      if (AnyOuter(aggregate.group_keys)) {
        return true;
      }
      for (const plan::AggregateCall& call : aggregate.aggregates) {
        if (AnyOuter(call.args) || (call.filter != nullptr && HasOuterReference(*call.filter))) {
          return true;
        }
      }
      return false;
    }
    case plan::NodeKind::kValues:
      for (const auto& row : node.As<plan::ValuesNode>().rows) {
        if (AnyOuter(row)) {
          return true;
        }
      }
      return false;
    case plan::NodeKind::kUnnest:
      return AnyOuter(node.As<plan::UnnestNode>().arrays);
    case plan::NodeKind::kSort:
      for (const plan::SortKey& key : node.As<plan::SortNode>().keys) {
        if (HasOuterReference(*key.key)) {
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

bool PlanHasOuterReference(const plan::Node& node) {
  if (NodeHasOuterReference(node)) {
    return true;
  }
  for (const plan::NodePtr& input : node.inputs) {
    if (PlanHasOuterReference(*input)) {
      return true;
    }
  }
  return false;
}

plan::NodePtr MakeProject(plan::NodePtr input,
                          std::vector<plan::ExprPtr> expressions,
                          std::vector<std::string> names) {
  auto node = std::make_shared<plan::ProjectNode>();
  for (size_t i = 0; i < expressions.size(); ++i) {
    node->columns.push_back({.name = i < names.size() ? names[i] : "_col" + std::to_string(i),
                             .type = expressions[i]->type});
  }
  node->expressions = std::move(expressions);
  node->inputs.push_back(std::move(input));
  return node;
}

plan::NodePtr MakeFilter(plan::NodePtr input, plan::ExprPtr predicate) {
  auto node = std::make_shared<plan::FilterNode>();
  node->columns = input->columns;
  node->predicate = std::move(predicate);
  node->inputs.push_back(std::move(input));
  return node;
}

plan::NodePtr MakeJoin(plan::NodePtr left,
                       plan::NodePtr right,
                       plan::JoinKind kind,
                       plan::ExprPtr condition,
                       bool null_aware) {
  auto node = std::make_shared<plan::JoinNode>();
  node->join_kind = kind;
  node->columns = left->columns;
  if (kind == plan::JoinKind::kMark) {
    node->columns.push_back({.name = "$mark", .type = LogicalType::Boolean()});
  } else if (kind != plan::JoinKind::kSemi && kind != plan::JoinKind::kAnti) {
    node->columns.insert(node->columns.end(), right->columns.begin(), right->columns.end());
  }
  node->condition = std::move(condition);
  node->null_aware = null_aware;
  node->inputs.push_back(std::move(left));
  node->inputs.push_back(std::move(right));
  return node;
}

plan::ExprPtr ColumnOf(const plan::Node& node, size_t i) {
  return plan::MakeColumn(i, node.columns[i].type, node.columns[i].name);
}

std::vector<plan::ExprPtr> ColumnsOf(const plan::Node& node) {
  std::vector<plan::ExprPtr> out;
  for (size_t i = 0; i < node.columns.size(); ++i) {
    out.push_back(ColumnOf(node, i));
  }
  return out;
}

plan::ExprPtr MakeConjunction(std::vector<plan::ExprPtr> conjuncts) {
  if (conjuncts.empty()) {
    return nullptr;
  }
  if (conjuncts.size() == 1) {
    return conjuncts[0];
  }
  return plan::MakeSpecial(plan::ExprKind::kAnd, LogicalType::Boolean(), std::move(conjuncts));
}

void SplitConjuncts(const plan::ExprPtr& expr, std::vector<plan::ExprPtr>* out) {
  if (expr == nullptr) {
    return;
  }
  if (expr->kind == plan::ExprKind::kAnd) {
    for (const plan::ExprPtr& arg : expr->args) {
      SplitConjuncts(arg, out);
    }
    return;
  }
  out->push_back(expr);
}

Result<plan::ExprPtr> CastTo(const plan::ExprPtr& expr, const LogicalType& type) {
  if (expr->type == type) {
    return expr;
  }
  if (expr->kind == plan::ExprKind::kConstant && expr->constant.is_null()) {
    return plan::MakeConstant(Value::Null(type));
  }
  STRATUS_ASSIGN_OR_RETURN(auto cast, functions::ResolveCast(expr->type, type, false));
  return plan::MakeCast(std::move(cast), expr, false);
}

}  // namespace stratus::sql::binder
