#include "sql/binder/binder.h"

#include <utility>

#include "sql/binder/binder_internal.h"

namespace stratus::sql::binder {

Binder::Binder(BinderOptions options) : context_(std::make_unique<Context>()) {
  context_->options = std::move(options);
}

Binder::~Binder() = default;

Result<plan::NodePtr> Binder::BindQuery(const parser::Query& query) {
  QueryBinder binder(*context_, nullptr);
  STRATUS_ASSIGN_OR_RETURN(RelationPlan plan, binder.BindQuery(query));
  return plan.node;
}

Result<plan::ExprPtr> Binder::BindConstantExpression(const parser::Expression& expression) {
  QueryBinder query(*context_, nullptr);
  Scope empty;
  ExpressionBinder binder(query, empty, nullptr);
  return binder.Bind(expression);
}

Result<LogicalType> Binder::ResolveType(const parser::DataType& type) {
  return ResolveDataType(type);
}

}  // namespace stratus::sql::binder
