#include "sql/exec/statistics_pruning.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "sql/functions/function.h"
#include "sql/types/decimal.h"

namespace stratus::sql::exec {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

enum class Domain : uint8_t { kNone, kInteger, kFloat, kDecimal, kDate, kTimestamp, kString };

Domain DomainOf(const LogicalType& type) {
  switch (type.kind()) {
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint:
      return Domain::kInteger;
    case TypeKind::kReal:
    case TypeKind::kDouble:
      return Domain::kFloat;
    case TypeKind::kDecimal:
      return Domain::kDecimal;
    case TypeKind::kDate:
      return Domain::kDate;
    case TypeKind::kTimestamp:
      return Domain::kTimestamp;
    case TypeKind::kVarchar:
    case TypeKind::kVarbinary:
      return Domain::kString;
    default:
      return Domain::kNone;
  }
}

bool IsNumeric(Domain domain) {
  return domain == Domain::kInteger || domain == Domain::kFloat || domain == Domain::kDecimal;
}

double AsDouble(const Value& value, Domain domain) {
  switch (domain) {
    case Domain::kInteger:
      return static_cast<double>(value.int64_value());
    case Domain::kDecimal:
      return static_cast<double>(value.decimal_value()) / std::pow(10.0, value.type().scale());
    default:
      return value.double_value();
  }
}

// The value as an unscaled decimal of `scale`, when it fits the rescale.
std::optional<Int128> AsDecimal(const Value& value, Domain domain, int scale) {
  const Int128 unscaled =
      domain == Domain::kInteger ? Int128(value.int64_value()) : value.decimal_value();
  const int from = domain == Domain::kInteger ? 0 : value.type().scale();
  if (scale < from || scale - from > 30) {
    return std::nullopt;
  }
  return unscaled * PowerOfTen(scale - from);
}

template <typename T>
int Order(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// True when a cast keeps every value's order and magnitude (widening), so
// statistics of the operand compare with constants of the result directly.
bool IsWidening(const LogicalType& from_type, const LogicalType& to_type) {
  const Domain from = DomainOf(from_type);
  const Domain to = DomainOf(to_type);
  switch (from) {
    case Domain::kInteger:
      return to == Domain::kFloat || to == Domain::kDecimal ||
             (to == Domain::kInteger && to_type.kind() >= from_type.kind());
    case Domain::kFloat:
      return to_type.kind() == TypeKind::kDouble;
    case Domain::kDecimal:
      return to == Domain::kFloat ||
             (to == Domain::kDecimal && to_type.scale() >= from_type.scale());
    case Domain::kDate:
      return to == Domain::kDate || to == Domain::kTimestamp;
    case Domain::kTimestamp:
      return to == Domain::kTimestamp;
    default:
      return false;
  }
}

// Returns the column a column expression reads, through widening casts.
std::optional<size_t> ColumnOf(const plan::Expr& expr) {
  if (expr.kind == plan::ExprKind::kColumn) {
    return expr.column;
  }
  if (expr.kind == plan::ExprKind::kCast && !expr.try_cast && !expr.args.empty() &&
      expr.args[0]->kind == plan::ExprKind::kColumn && IsWidening(expr.args[0]->type, expr.type)) {
    return expr.args[0]->column;
  }
  return std::nullopt;
}

const Value* ConstantOf(const plan::Expr& expr) {
  return expr.kind == plan::ExprKind::kConstant ? &expr.constant : nullptr;
}

enum class Comparison : uint8_t {
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual
};

std::optional<Comparison> ComparisonOf(std::string_view name) {
  if (name == functions::kEqualOperator) {
    return Comparison::kEqual;
  }
  if (name == functions::kNotEqualOperator) {
    return Comparison::kNotEqual;
  }
  if (name == functions::kLessThanOperator) {
    return Comparison::kLess;
  }
  if (name == functions::kLessThanOrEqualOperator) {
    return Comparison::kLessOrEqual;
  }
  if (name == functions::kGreaterThanOperator) {
    return Comparison::kGreater;
  }
  if (name == functions::kGreaterThanOrEqualOperator) {
    return Comparison::kGreaterOrEqual;
  }
  return std::nullopt;
}

// `constant op column` as `column op' constant`.
Comparison Flip(Comparison comparison) {
  switch (comparison) {
    case Comparison::kLess:
      return Comparison::kGreater;
    case Comparison::kLessOrEqual:
      return Comparison::kGreaterOrEqual;
    case Comparison::kGreater:
      return Comparison::kLess;
    case Comparison::kGreaterOrEqual:
      return Comparison::kLessOrEqual;
    default:
      return comparison;
  }
}

const ColumnRange* RangeOf(const std::vector<ColumnRange>& columns, size_t column) {
  return column < columns.size() ? &columns[column] : nullptr;
}

bool AllNull(const ColumnRange& range, int64_t num_rows) {
  return range.null_count.has_value() && *range.null_count >= num_rows;
}

// May some row make `column op constant` TRUE?
bool ComparisonMayMatch(const ColumnRange& range,
                        int64_t num_rows,
                        Comparison comparison,
                        const Value& constant) {
  if (constant.is_null() || AllNull(range, num_rows)) {
    return false;  // NULL compares to nothing; an all-NULL column compares to nothing.
  }
  if (!range.min.has_value() || !range.max.has_value()) {
    return true;
  }
  const std::optional<int> low = CompareStatistics(*range.min, constant);
  const std::optional<int> high = CompareStatistics(*range.max, constant);
  if (!low.has_value() || !high.has_value()) {
    return true;
  }
  switch (comparison) {
    case Comparison::kEqual:
      return *low <= 0 && *high >= 0;
    case Comparison::kNotEqual:
      return !(*low == 0 && *high == 0);
    case Comparison::kLess:
      return *low < 0;
    case Comparison::kLessOrEqual:
      return *low <= 0;
    case Comparison::kGreater:
      return *high > 0;
    case Comparison::kGreaterOrEqual:
      return *high >= 0;
  }
  return true;
}

bool ExprMayMatch(const plan::Expr& expr, const std::vector<ColumnRange>& columns, int64_t rows);

bool CallMayMatch(const plan::Expr& expr, const std::vector<ColumnRange>& columns, int64_t rows) {
  if (expr.function == nullptr || expr.args.size() != 2) {
    return true;
  }
  std::optional<Comparison> comparison = ComparisonOf(expr.function->name);
  if (!comparison.has_value()) {
    return true;
  }
  std::optional<size_t> column = ColumnOf(*expr.args[0]);
  const Value* constant = ConstantOf(*expr.args[1]);
  if (!column.has_value() || constant == nullptr) {
    column = ColumnOf(*expr.args[1]);
    constant = ConstantOf(*expr.args[0]);
    comparison = Flip(*comparison);
  }
  if (!column.has_value() || constant == nullptr) {
    return true;
  }
  const ColumnRange* range = RangeOf(columns, *column);
  return range == nullptr || ComparisonMayMatch(*range, rows, *comparison, *constant);
}

bool InMayMatch(const plan::Expr& expr, const std::vector<ColumnRange>& columns, int64_t rows) {
  std::optional<size_t> column = ColumnOf(*expr.args[0]);
  if (!column.has_value()) {
    return true;
  }
  const ColumnRange* range = RangeOf(columns, *column);
  if (range == nullptr) {
    return true;
  }
  for (size_t i = 1; i < expr.args.size(); ++i) {
    const Value* constant = ConstantOf(*expr.args[i]);
    if (constant == nullptr || ComparisonMayMatch(*range, rows, Comparison::kEqual, *constant)) {
      return true;
    }
  }
  return false;
}

// May `column IS NULL` (or IS NOT NULL when `negated`) be TRUE?
bool IsNullMayMatch(const plan::Expr& operand,
                    bool negated,
                    const std::vector<ColumnRange>& columns,
                    int64_t rows) {
  if (operand.kind != plan::ExprKind::kColumn) {
    return true;
  }
  const ColumnRange* range = RangeOf(columns, operand.column);
  if (range == nullptr || !range->null_count.has_value()) {
    return true;
  }
  return negated ? *range->null_count < rows : *range->null_count > 0;
}

bool ExprMayMatch(const plan::Expr& expr, const std::vector<ColumnRange>& columns, int64_t rows) {
  switch (expr.kind) {
    case plan::ExprKind::kAnd:
      for (const plan::ExprPtr& arg : expr.args) {
        if (!ExprMayMatch(*arg, columns, rows)) {
          return false;
        }
      }
      return true;
    case plan::ExprKind::kOr:
      for (const plan::ExprPtr& arg : expr.args) {
        if (ExprMayMatch(*arg, columns, rows)) {
          return true;
        }
      }
      return expr.args.empty();
    case plan::ExprKind::kCall:
      return CallMayMatch(expr, columns, rows);
    case plan::ExprKind::kIn:
      return expr.args.size() < 2 || InMayMatch(expr, columns, rows);
    case plan::ExprKind::kIsNull:
      return expr.args.empty() || IsNullMayMatch(*expr.args[0], false, columns, rows);
    case plan::ExprKind::kNot:
      if (!expr.args.empty() && expr.args[0]->kind == plan::ExprKind::kIsNull &&
          !expr.args[0]->args.empty()) {
        return IsNullMayMatch(*expr.args[0]->args[0], true, columns, rows);
      }
      return true;
    case plan::ExprKind::kConstant:
      return expr.constant.is_null() || expr.type.kind() != TypeKind::kBoolean ||
             expr.constant.boolean_value();
    default:
      return true;
  }
}

}  // namespace

std::optional<int> CompareStatistics(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) {
    return std::nullopt;
  }
  const Domain da = DomainOf(a.type());
  const Domain db = DomainOf(b.type());
  if (da == Domain::kInteger && db == Domain::kInteger) {
    return Order(a.int64_value(), b.int64_value());
  }
  if (IsNumeric(da) && IsNumeric(db)) {
    if (da == Domain::kFloat || db == Domain::kFloat) {
      const double x = AsDouble(a, da);
      const double y = AsDouble(b, db);
      if (std::isnan(x) || std::isnan(y)) {
        return std::nullopt;
      }
      return Order(x, y);
    }
    const int scale = std::max(da == Domain::kDecimal ? a.type().scale() : 0,
                               db == Domain::kDecimal ? b.type().scale() : 0);
    const std::optional<Int128> x = AsDecimal(a, da, scale);
    const std::optional<Int128> y = AsDecimal(b, db, scale);
    if (!x.has_value() || !y.has_value()) {
      return std::nullopt;
    }
    return Order(*x, *y);
  }
  if ((da == Domain::kDate || da == Domain::kTimestamp) &&
      (db == Domain::kDate || db == Domain::kTimestamp)) {
    const int64_t x = da == Domain::kDate ? a.int64_value() * kMillisPerDay : a.int64_value();
    const int64_t y = db == Domain::kDate ? b.int64_value() * kMillisPerDay : b.int64_value();
    return da == db ? Order(a.int64_value(), b.int64_value()) : Order(x, y);
  }
  if (da == Domain::kString && db == Domain::kString) {
    const int order = a.string_value().compare(b.string_value());
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
  }
  return std::nullopt;
}

bool MayMatch(const std::vector<plan::ExprPtr>& filters,
              const std::vector<ColumnRange>& columns,
              int64_t num_rows) {
  for (const plan::ExprPtr& filter : filters) {
    if (filter != nullptr && !ExprMayMatch(*filter, columns, num_rows)) {
      return false;
    }
  }
  return true;
}

}  // namespace stratus::sql::exec
