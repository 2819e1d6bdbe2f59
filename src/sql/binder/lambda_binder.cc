// Functions that take lambdas (transform, filter, reduce, zip_with, the map
// transforms, the *_match family, find_first, array_sort with a comparator).
//
// Trino types a lambda from the function's signature: the value arguments
// bind first, their types give the lambda's parameter types (transform's
// array(T) makes `x` a T), and the body's type completes the return type
// (function(T,U) makes transform return array(U)). The body may read the
// enclosing row's columns; the evaluator repeats them per element
// (planner/expr.h, "Lambdas").

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sql/binder/binder_internal.h"
#include "sql/functions/coercion.h"
#include "sql/parser/to_sql.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::binder {
namespace {

using parser::ExpressionKind;

// Trino's signature text of each function, for the error of a call that does
// not fit it.
std::string_view SignatureOf(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kSignatures[] = {
      {"transform", "transform(array(T), function(T,U))"},
      {"filter", "filter(array(T), function(T,boolean))"},
      {"reduce", "reduce(array(T), S, function(S,T,S), function(S,R))"},
      {"zip_with", "zip_with(array(T), array(U), function(T,U,R))"},
      {"transform_keys", "transform_keys(map(K,V1), function(K,V1,K2))"},
      {"transform_values", "transform_values(map(K,V1), function(K,V1,V2))"},
      {"map_filter", "map_filter(map(K,V), function(K,V,boolean))"},
      {"map_zip_with", "map_zip_with(map(K,V1), map(K,V2), function(K,V1,V2,V3))"},
      {"any_match", "any_match(array(T), function(T,boolean))"},
      {"all_match", "all_match(array(T), function(T,boolean))"},
      {"none_match", "none_match(array(T), function(T,boolean))"},
      {"find_first",
       "find_first(array(T), function(T,boolean)), find_first(array(T), bigint, "
       "function(T,boolean))"},
      {"array_sort", "array_sort(array(T)), array_sort(array(T), function(T,T,integer))"},
  };
  for (const auto& [function, signature] : kSignatures) {
    if (function == name) {
      return signature;
    }
  }
  return {};
}

bool HasLambdaArgument(const parser::FunctionCallExpression& call) {
  return std::any_of(call.arguments.begin(), call.arguments.end(), [](const auto& argument) {
    return argument->kind == ExpressionKind::kLambda;
  });
}

// A NULL literal's unknown type stands for any array or map.
LogicalType ElementType(const LogicalType& type) {
  return type.kind() == TypeKind::kArray ? type.child(0) : LogicalType::Unknown();
}

LogicalType KeyType(const LogicalType& type) {
  return type.kind() == TypeKind::kMap ? type.child(0) : LogicalType::Unknown();
}

LogicalType ValueType(const LogicalType& type) {
  return type.kind() == TypeKind::kMap ? type.child(1) : LogicalType::Unknown();
}

bool IsArrayOrNull(const LogicalType& type) {
  return type.kind() == TypeKind::kArray || type.kind() == TypeKind::kUnknown;
}

bool IsMapOrNull(const LogicalType& type) {
  return type.kind() == TypeKind::kMap || type.kind() == TypeKind::kUnknown;
}

plan::ExprPtr MakeLambdaCall(std::string name, LogicalType type, std::vector<plan::ExprPtr> args) {
  auto expr = std::make_shared<plan::Expr>();
  expr->kind = plan::ExprKind::kLambdaCall;
  expr->type = std::move(type);
  expr->name = std::move(name);
  expr->args = std::move(args);
  return expr;
}

// Returns the lambda with its body cast to `type` (a predicate's NULL body
// becomes a boolean NULL).
Result<plan::ExprPtr> WithBodyType(const plan::ExprPtr& lambda, const LogicalType& type) {
  if (lambda->type == type) {
    return lambda;
  }
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr body, CastTo(lambda->args[0], type));
  auto copy = std::make_shared<plan::Expr>(*lambda);
  copy->type = type;
  copy->args[0] = std::move(body);
  return plan::ExprPtr(copy);
}

}  // namespace

plan::ExprPtr ExpressionBinder::ResolveLambdaVariable(const parser::Expression& expression) const {
  if (expression.kind != ExpressionKind::kIdentifier) {
    return nullptr;
  }
  const std::string& name = expression.As<parser::IdentifierExpression>().identifier.name;
  size_t inner = 0;  // Parameters of the lambdas nested inside the one searched.
  for (auto scope = lambda_scopes_.rbegin(); scope != lambda_scopes_.rend(); ++scope) {
    const size_t count = scope->names.size();
    for (size_t j = count; j-- > 0;) {
      if (scope->names[j] == name) {
        auto variable = std::make_shared<plan::Expr>();
        variable->kind = plan::ExprKind::kLambdaVariable;
        variable->type = scope->types[j];
        variable->column = inner + (count - 1 - j);
        variable->name = name;
        return variable;
      }
    }
    inner += count;
  }
  return nullptr;
}

Result<plan::ExprPtr> ExpressionBinder::BindLambda(const parser::Expression& argument,
                                                   const std::vector<LogicalType>& parameter_types,
                                                   std::string_view function) {
  if (argument.kind != ExpressionKind::kLambda) {
    return ErrorAt(
        kTypeMismatch, argument.position,
        "Unexpected parameters for function " + std::string(function) +
            ": a lambda expression was expected. Expected: " + std::string(SignatureOf(function)));
  }
  const auto& lambda = argument.As<parser::LambdaExpression>();
  if (lambda.parameters.size() != parameter_types.size()) {
    return ErrorAt(kTypeMismatch, argument.position,
                   "Expected a lambda that takes " + std::to_string(parameter_types.size()) +
                       " argument(s) but got " + std::to_string(lambda.parameters.size()));
  }
  LambdaScope scope;
  for (size_t i = 0; i < lambda.parameters.size(); ++i) {
    scope.names.push_back(lambda.parameters[i].name);
    scope.types.push_back(parameter_types[i].kind() == TypeKind::kUnknown ? LogicalType::Unknown()
                                                                          : parameter_types[i]);
  }
  lambda_scopes_.push_back(std::move(scope));
  Result<plan::ExprPtr> body = Bind(*lambda.body);
  lambda_scopes_.pop_back();
  if (!body.ok()) {
    return body.status();
  }
  auto out = std::make_shared<plan::Expr>();
  out->kind = plan::ExprKind::kLambda;
  out->type = (*body)->type;
  out->column = parameter_types.size();
  out->args = {std::move(*body)};
  return plan::ExprPtr(out);
}

Result<plan::ExprPtr> ExpressionBinder::BindLambdaCall(const parser::FunctionCallExpression& call,
                                                       const std::string& name,
                                                       bool* handled) {
  *handled = false;
  const std::string_view signature = SignatureOf(name);
  if (signature.empty() ||
      ((name == "array_sort" || name == "find_first") && !HasLambdaArgument(call))) {
    return plan::ExprPtr();
  }
  *handled = true;
  const size_t arity = call.arguments.size();
  // Value arguments first: every argument that is not a lambda.
  std::vector<plan::ExprPtr> values(arity);
  std::vector<LogicalType> types(arity, LogicalType::Unknown());
  for (size_t i = 0; i < arity; ++i) {
    if (call.arguments[i]->kind != ExpressionKind::kLambda) {
      STRATUS_ASSIGN_OR_RETURN(values[i], Bind(*call.arguments[i]));
      types[i] = values[i]->type;
    }
  }
  auto mismatch = [&]() {
    std::string actual;
    for (size_t i = 0; i < arity; ++i) {
      actual += (i > 0 ? ", " : "") +
                (values[i] == nullptr ? std::string("function") : values[i]->type.ToString());
    }
    return ErrorAt(kFunctionNotFound, call.position,
                   "Unexpected parameters (" + actual + ") for function " + name +
                       ". Expected: " + std::string(signature));
  };
  auto as_array = [&](size_t i) -> Result<plan::ExprPtr> {
    if (!IsArrayOrNull(types[i])) {
      return mismatch();
    }
    return values[i];
  };
  auto predicate = [&](size_t array, size_t lambda) -> Result<plan::ExprPtr> {
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr bound, BindLambda(*call.arguments[lambda],
                                                             {ElementType(types[array])}, name));
    if (bound->type.kind() != TypeKind::kBoolean && bound->type.kind() != TypeKind::kUnknown) {
      return mismatch();
    }
    return WithBodyType(bound, LogicalType::Boolean());
  };
  const LogicalType boolean = LogicalType::Boolean();
  if (name == "transform" || name == "filter" || name == "any_match" || name == "all_match" ||
      name == "none_match") {
    if (arity != 2 || values[0] == nullptr) {
      return mismatch();
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr array, as_array(0));
    if (name == "transform") {
      STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr lambda,
                               BindLambda(*call.arguments[1], {ElementType(types[0])}, name));
      return MakeLambdaCall(name, LogicalType::Array(lambda->type), {array, lambda});
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr lambda, predicate(0, 1));
    const LogicalType type = name == "filter" ? LogicalType::Array(ElementType(types[0])) : boolean;
    return MakeLambdaCall(name, type, {array, lambda});
  }
  if (name == "find_first") {
    if ((arity != 2 && arity != 3) || values[0] == nullptr ||
        (arity == 3 && values[1] == nullptr)) {
      return mismatch();
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr array, as_array(0));
    std::vector<plan::ExprPtr> args = {array};
    if (arity == 3) {
      auto start = CastTo(values[1], LogicalType::Bigint());
      if (!start.ok()) {
        return mismatch();
      }
      args.push_back(*start);
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr lambda, predicate(0, arity - 1));
    args.push_back(lambda);
    return MakeLambdaCall(name, ElementType(types[0]), std::move(args));
  }
  if (name == "array_sort") {
    if (arity != 2 || values[0] == nullptr) {
      return mismatch();
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr array, as_array(0));
    const LogicalType element = ElementType(types[0]);
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr lambda,
                             BindLambda(*call.arguments[1], {element, element}, name));
    const TypeKind kind = lambda->type.kind();
    if (kind != TypeKind::kInteger && kind != TypeKind::kTinyint && kind != TypeKind::kSmallint &&
        kind != TypeKind::kUnknown) {
      return mismatch();
    }
    STRATUS_ASSIGN_OR_RETURN(lambda, WithBodyType(lambda, LogicalType::Integer()));
    return MakeLambdaCall(name, LogicalType::Array(element), {array, lambda});
  }
  if (name == "zip_with") {
    if (arity != 3 || values[0] == nullptr || values[1] == nullptr) {
      return mismatch();
    }
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr left, as_array(0));
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr right, as_array(1));
    STRATUS_ASSIGN_OR_RETURN(
        plan::ExprPtr lambda,
        BindLambda(*call.arguments[2], {ElementType(types[0]), ElementType(types[1])}, name));
    return MakeLambdaCall(name, LogicalType::Array(lambda->type), {left, right, lambda});
  }
  if (name == "transform_keys" || name == "transform_values" || name == "map_filter") {
    if (arity != 2 || values[0] == nullptr || !IsMapOrNull(types[0])) {
      return mismatch();
    }
    const LogicalType key = KeyType(types[0]);
    const LogicalType value = ValueType(types[0]);
    STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr lambda,
                             BindLambda(*call.arguments[1], {key, value}, name));
    LogicalType type;
    if (name == "map_filter") {
      if (lambda->type.kind() != TypeKind::kBoolean && lambda->type.kind() != TypeKind::kUnknown) {
        return mismatch();
      }
      STRATUS_ASSIGN_OR_RETURN(lambda, WithBodyType(lambda, boolean));
      type = LogicalType::Map(key, value);
    } else if (name == "transform_keys") {
      type = LogicalType::Map(lambda->type, value);
    } else {
      type = LogicalType::Map(key, lambda->type);
    }
    return MakeLambdaCall(name, type, {values[0], lambda});
  }
  if (name == "map_zip_with") {
    if (arity != 3 || values[0] == nullptr || values[1] == nullptr || !IsMapOrNull(types[0]) ||
        !IsMapOrNull(types[1])) {
      return mismatch();
    }
    auto key = functions::CommonSuperType(KeyType(types[0]), KeyType(types[1]));
    if (!key.has_value()) {
      return mismatch();
    }
    std::vector<plan::ExprPtr> maps = {values[0], values[1]};
    for (size_t i = 0; i < 2; ++i) {
      if (types[i].kind() == TypeKind::kMap && types[i].child(0) != *key) {
        auto cast = CastTo(maps[i], LogicalType::Map(*key, types[i].child(1)));
        if (!cast.ok()) {
          return mismatch();
        }
        maps[i] = *cast;
      }
    }
    STRATUS_ASSIGN_OR_RETURN(
        plan::ExprPtr lambda,
        BindLambda(*call.arguments[2], {*key, ValueType(types[0]), ValueType(types[1])}, name));
    return MakeLambdaCall(name, LogicalType::Map(*key, lambda->type), {maps[0], maps[1], lambda});
  }
  // reduce(array(T), S, function(S,T,S), function(S,R)): S is the initial
  // state's type, widened when the step's result needs a wider one.
  if (arity != 4 || values[0] == nullptr || values[1] == nullptr) {
    return mismatch();
  }
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr array, as_array(0));
  plan::ExprPtr initial = values[1];
  LogicalType state = types[1];
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr step,
                           BindLambda(*call.arguments[2], {state, ElementType(types[0])}, name));
  if (step->type != state) {
    auto wider = functions::CommonSuperType(state, step->type);
    if (!wider.has_value()) {
      return mismatch();
    }
    if (*wider != state) {
      state = *wider;
      STRATUS_ASSIGN_OR_RETURN(initial, CastTo(initial, state));
      STRATUS_ASSIGN_OR_RETURN(
          step, BindLambda(*call.arguments[2], {state, ElementType(types[0])}, name));
    }
    auto cast = WithBodyType(step, state);
    if (!cast.ok()) {
      return mismatch();
    }
    step = *cast;
  }
  STRATUS_ASSIGN_OR_RETURN(plan::ExprPtr output, BindLambda(*call.arguments[3], {state}, name));
  return MakeLambdaCall(name, output->type, {array, initial, step, output});
}

}  // namespace stratus::sql::binder
