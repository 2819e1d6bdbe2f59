// The deparser's expressions, types and names (see to_sql.h).

#include <string>
#include <string_view>

#include "sql/parser/keywords.h"
#include "sql/parser/sql_writer_internal.h"
#include "sql/parser/to_sql.h"

namespace stratus::sql::parser {
namespace internal {
namespace {

// Returns true for the non-reserved word that the parser reads as a special
// form when an identifier would be followed by what follows it in printed
// SQL: `array[1]` is an array constructor, not a subscript.
bool IsSpecialIdentifier(std::string_view name) {
  return name == "array";
}

// Returns true for the non-reserved words whose `name(` the parser reads as
// a special form (ROW(...), TRY_CAST(x AS t)), so a function named so is quoted.
bool IsSpecialFunctionName(std::string_view name) {
  return name == "row" || name == "try_cast";
}

bool IsSimpleName(std::string_view name) {
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) {
    return false;
  }
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

// Function names the parser reads back specially from `name(` although they
// are reserved words.
bool IsReservedFunctionName(std::string_view name) {
  return name == "trim" || name == "grouping" || name == "normalize";
}

}  // namespace

bool NeedsQuotes(std::string_view name) {
  return !IsSimpleName(name) || IsReservedWord(name) || IsSpecialIdentifier(name);
}

void SqlWriter::Write(const Identifier& identifier) {
  if (!NeedsQuotes(identifier.name)) {
    out_ += identifier.name;
    return;
  }
  WriteQuoted(identifier.name);
}

void SqlWriter::WriteQuoted(std::string_view name) {
  const char quote = hive_quotes_ ? '`' : '"';
  out_.push_back(quote);
  for (char c : name) {
    out_.push_back(c);
    if (c == quote) {
      out_.push_back(quote);
    }
  }
  out_.push_back(quote);
}

void SqlWriter::Write(const QualifiedName& name) {
  for (size_t i = 0; i < name.parts.size(); ++i) {
    if (i > 0) {
      out_.push_back('.');
    }
    Write(name.parts[i]);
  }
}

void SqlWriter::WriteIdentifiers(const std::vector<Identifier>& identifiers) {
  out_.push_back('(');
  for (size_t i = 0; i < identifiers.size(); ++i) {
    if (i > 0) {
      out_ += ", ";
    }
    Write(identifiers[i]);
  }
  out_.push_back(')');
}

void SqlWriter::WriteString(std::string_view value) {
  out_.push_back('\'');
  for (char c : value) {
    out_.push_back(c);
    if (c == '\'') {
      out_.push_back('\'');
    }
  }
  out_.push_back('\'');
}

void SqlWriter::WriteExpressions(const std::vector<ExpressionPtr>& expressions) {
  for (size_t i = 0; i < expressions.size(); ++i) {
    if (i > 0) {
      out_ += ", ";
    }
    Write(*expressions[i]);
  }
}

void SqlWriter::WriteArgument(const Expression& argument) {
  if (argument.kind != ExpressionKind::kLambda) {
    Write(argument);
    return;
  }
  const auto& lambda = argument.As<LambdaExpression>();
  if (lambda.parameters.size() == 1) {
    Write(lambda.parameters[0]);
  } else {
    WriteIdentifiers(lambda.parameters);
  }
  out_ += " -> ";
  Write(*lambda.body);
}

void SqlWriter::WriteSortItems(const std::vector<SortItem>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out_ += ", ";
    }
    Write(*items[i].key);
    if (items[i].order == SortOrder::kAscending) {
      out_ += " ASC";
    } else if (items[i].order == SortOrder::kDescending) {
      out_ += " DESC";
    }
    if (items[i].nulls == NullOrdering::kFirst) {
      out_ += " NULLS FIRST";
    } else if (items[i].nulls == NullOrdering::kLast) {
      out_ += " NULLS LAST";
    }
  }
}

void SqlWriter::WriteFrameBound(const FrameBound& bound) {
  switch (bound.kind) {
    case FrameBoundKind::kUnboundedPreceding:
      out_ += "UNBOUNDED PRECEDING";
      return;
    case FrameBoundKind::kUnboundedFollowing:
      out_ += "UNBOUNDED FOLLOWING";
      return;
    case FrameBoundKind::kCurrentRow:
      out_ += "CURRENT ROW";
      return;
    case FrameBoundKind::kPreceding:
    case FrameBoundKind::kFollowing:
      Write(*bound.offset);
      out_ += bound.kind == FrameBoundKind::kPreceding ? " PRECEDING" : " FOLLOWING";
      return;
  }
}

void SqlWriter::WriteWindow(const WindowSpecification& window) {
  std::string_view separator;
  if (window.existing_window.has_value()) {
    Write(*window.existing_window);
    separator = " ";
  }
  if (!window.partition_by.empty()) {
    out_ += separator;
    out_ += "PARTITION BY ";
    WriteExpressions(window.partition_by);
    separator = " ";
  }
  if (!window.order_by.empty()) {
    out_ += separator;
    out_ += "ORDER BY ";
    WriteSortItems(window.order_by);
    separator = " ";
  }
  if (window.frame.has_value()) {
    out_ += separator;
    const WindowFrame& frame = *window.frame;
    out_ += frame.unit == FrameUnit::kRows    ? "ROWS "
            : frame.unit == FrameUnit::kRange ? "RANGE "
                                              : "GROUPS ";
    if (frame.end.has_value()) {
      out_ += "BETWEEN ";
      WriteFrameBound(frame.start);
      out_ += " AND ";
      WriteFrameBound(*frame.end);
    } else {
      WriteFrameBound(frame.start);
    }
  }
}

void SqlWriter::WriteLiteral(const LiteralExpression& literal) {
  switch (literal.literal_kind) {
    case LiteralKind::kNull:
      out_ += "NULL";
      return;
    case LiteralKind::kBoolean:
      out_ += literal.value == "true" ? "TRUE" : "FALSE";
      return;
    case LiteralKind::kInteger:
    case LiteralKind::kDecimal:
    case LiteralKind::kDouble:
      out_ += literal.value;
      return;
    case LiteralKind::kString:
      WriteString(literal.value);
      return;
    case LiteralKind::kBinary:
      out_ += "X";
      WriteString(literal.value);
      return;
    case LiteralKind::kTyped:
      for (char c : literal.type_name) {
        out_.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
      }
      out_.push_back(' ');
      WriteString(literal.value);
      return;
    case LiteralKind::kInterval:
      out_ += literal.interval_negative ? "INTERVAL -" : "INTERVAL ";
      WriteString(literal.value);
      out_ += " " + literal.interval_from;
      if (!literal.interval_to.empty()) {
        out_ += " TO " + literal.interval_to;
      }
      return;
  }
}

void SqlWriter::WriteFunctionCall(const FunctionCallExpression& call) {
  for (size_t i = 0; i < call.name.parts.size(); ++i) {
    if (i > 0) {
      out_.push_back('.');
    }
    const std::string& part = call.name.parts[i].name;
    if (IsSimpleName(part) && (!IsReservedWord(part) || IsReservedFunctionName(part)) &&
        !IsSpecialFunctionName(part)) {
      out_ += part;
    } else {
      WriteQuoted(part);
    }
  }
  out_.push_back('(');
  if (call.star_argument) {
    out_.push_back('*');
  }
  if (call.distinct) {
    out_ += "DISTINCT ";
  }
  for (size_t i = 0; i < call.arguments.size(); ++i) {
    out_ += i > 0 ? ", " : "";
    WriteArgument(*call.arguments[i]);
  }
  if (!call.order_by.empty()) {
    out_ += " ORDER BY ";
    WriteSortItems(call.order_by);
  }
  out_.push_back(')');
  if (call.filter != nullptr) {
    out_ += " FILTER (WHERE ";
    Write(*call.filter);
    out_.push_back(')');
  }
  if (call.null_treatment != NullTreatment::kDefault) {
    out_ += call.null_treatment == NullTreatment::kIgnoreNulls ? " IGNORE NULLS" : " RESPECT NULLS";
  }
  if (call.window_name.has_value()) {
    out_ += " OVER ";
    Write(*call.window_name);
  } else if (call.window != nullptr) {
    out_ += " OVER (";
    WriteWindow(*call.window);
    out_.push_back(')');
  }
}

void SqlWriter::WritePostfixBase(const Expression& base) {
  const bool wrap = base.kind == ExpressionKind::kUnary || base.kind == ExpressionKind::kLambda ||
                    base.kind == ExpressionKind::kLiteral;
  if (wrap) {
    out_.push_back('(');
  }
  Write(base);
  if (wrap) {
    out_.push_back(')');
  }
}

void SqlWriter::WriteCase(const CaseExpression& expression) {
  out_ += "CASE";
  if (expression.operand != nullptr) {
    out_.push_back(' ');
    Write(*expression.operand);
  }
  for (const WhenClause& when : expression.whens) {
    out_ += " WHEN ";
    Write(*when.condition);
    out_ += " THEN ";
    Write(*when.result);
  }
  if (expression.else_result != nullptr) {
    out_ += " ELSE ";
    Write(*expression.else_result);
  }
  out_ += " END";
}

// Writes the predicates (IS NULL, BETWEEN, IN, LIKE, quantified comparisons),
// each in parentheses.
void SqlWriter::WritePredicate(const Expression& expression) {
  out_.push_back('(');
  switch (expression.kind) {
    case ExpressionKind::kIsNull: {
      const auto& is_null = expression.As<IsNullExpression>();
      Write(*is_null.value);
      out_ += is_null.negated ? " IS NOT NULL" : " IS NULL";
      break;
    }
    case ExpressionKind::kBetween: {
      const auto& between = expression.As<BetweenExpression>();
      Write(*between.value);
      out_ += between.negated ? " NOT BETWEEN " : " BETWEEN ";
      Write(*between.low);
      out_ += " AND ";
      Write(*between.high);
      break;
    }
    case ExpressionKind::kInList: {
      const auto& in = expression.As<InListExpression>();
      Write(*in.value);
      out_ += in.negated ? " NOT IN (" : " IN (";
      WriteExpressions(in.list);
      out_.push_back(')');
      break;
    }
    case ExpressionKind::kInSubquery: {
      const auto& in = expression.As<InSubqueryExpression>();
      Write(*in.value);
      out_ += in.negated ? " NOT IN (" : " IN (";
      Write(*in.query);
      out_.push_back(')');
      break;
    }
    case ExpressionKind::kLike: {
      const auto& like = expression.As<LikeExpression>();
      Write(*like.value);
      out_ += like.negated ? " NOT LIKE " : " LIKE ";
      Write(*like.pattern);
      if (like.escape != nullptr) {
        out_ += " ESCAPE ";
        Write(*like.escape);
      }
      break;
    }
    case ExpressionKind::kQuantifiedComparison: {
      const auto& quantified = expression.As<QuantifiedComparisonExpression>();
      Write(*quantified.value);
      out_ += " ";
      out_ += BinaryOperatorSql(quantified.op);
      out_ += quantified.quantifier == Quantifier::kAll   ? " ALL ("
              : quantified.quantifier == Quantifier::kAny ? " ANY ("
                                                          : " SOME (";
      Write(*quantified.query);
      out_.push_back(')');
      break;
    }
    case ExpressionKind::kAtTimeZone: {
      const auto& at = expression.As<AtTimeZoneExpression>();
      Write(*at.value);
      out_ += " AT TIME ZONE ";
      Write(*at.zone);
      break;
    }
    default:
      break;
  }
  out_.push_back(')');
}

// Writes casts, EXTRACT, constructors, current values, subscripts and field
// references.
void SqlWriter::WriteConstructor(const Expression& expression) {
  switch (expression.kind) {
    case ExpressionKind::kDereference: {
      const auto& dereference = expression.As<DereferenceExpression>();
      WritePostfixBase(*dereference.base);
      out_.push_back('.');
      Write(dereference.field);
      return;
    }
    case ExpressionKind::kCast: {
      const auto& cast = expression.As<CastExpression>();
      out_ += cast.is_try ? "TRY_CAST(" : "CAST(";
      Write(*cast.value);
      out_ += " AS ";
      Write(cast.type);
      out_.push_back(')');
      return;
    }
    case ExpressionKind::kExtract: {
      const auto& extract = expression.As<ExtractExpression>();
      out_ += "EXTRACT(" + extract.field + " FROM ";
      Write(*extract.value);
      out_.push_back(')');
      return;
    }
    case ExpressionKind::kArray:
      out_ += "ARRAY[";
      WriteExpressions(expression.As<ArrayExpression>().elements);
      out_.push_back(']');
      return;
    case ExpressionKind::kRow: {
      const auto& row = expression.As<RowExpression>();
      out_ += row.explicit_row ? "ROW(" : "(";
      WriteExpressions(row.elements);
      out_.push_back(')');
      return;
    }
    case ExpressionKind::kSubscript: {
      const auto& subscript = expression.As<SubscriptExpression>();
      WritePostfixBase(*subscript.base);
      out_.push_back('[');
      Write(*subscript.index);
      out_.push_back(']');
      return;
    }
    case ExpressionKind::kCurrentValue: {
      const auto& current = expression.As<CurrentValueExpression>();
      out_ += CurrentValueSql(current.value);
      if (current.precision.has_value()) {
        out_ += "(" + std::to_string(*current.precision) + ")";
      }
      return;
    }
    default:
      return;
  }
}

void SqlWriter::Write(const Expression& expression) {
  switch (expression.kind) {
    case ExpressionKind::kLiteral:
      WriteLiteral(expression.As<LiteralExpression>());
      return;
    case ExpressionKind::kIdentifier:
      Write(expression.As<IdentifierExpression>().identifier);
      return;
    case ExpressionKind::kParameter:
      out_.push_back('?');
      return;
    case ExpressionKind::kUnary: {
      const auto& unary = expression.As<UnaryExpression>();
      if (unary.op == UnaryOperator::kNot) {
        out_ += "(NOT ";
        Write(*unary.operand);
        out_.push_back(')');
        return;
      }
      out_.push_back(unary.op == UnaryOperator::kMinus ? '-' : '+');
      // A space, not parentheses, keeps "- -x" from reading as a comment
      // without nesting deeper than the text it came from.
      if (unary.operand->kind == ExpressionKind::kUnary) {
        out_.push_back(' ');
      }
      const bool wrap = unary.operand->kind == ExpressionKind::kLambda;
      out_ += wrap ? "(" : "";
      Write(*unary.operand);
      out_ += wrap ? ")" : "";
      return;
    }
    case ExpressionKind::kBinary: {
      const auto& binary = expression.As<BinaryExpression>();
      out_.push_back('(');
      Write(*binary.left);
      out_.push_back(' ');
      out_ += BinaryOperatorSql(binary.op);
      out_.push_back(' ');
      Write(*binary.right);
      out_.push_back(')');
      return;
    }
    case ExpressionKind::kIsNull:
    case ExpressionKind::kBetween:
    case ExpressionKind::kInList:
    case ExpressionKind::kInSubquery:
    case ExpressionKind::kLike:
    case ExpressionKind::kQuantifiedComparison:
    case ExpressionKind::kAtTimeZone:
      WritePredicate(expression);
      return;
    case ExpressionKind::kExists:
      out_ += "EXISTS (";
      Write(*expression.As<ExistsExpression>().query);
      out_.push_back(')');
      return;
    case ExpressionKind::kSubquery:
      out_.push_back('(');
      Write(*expression.As<SubqueryExpression>().query);
      out_.push_back(')');
      return;
    case ExpressionKind::kCase:
      WriteCase(expression.As<CaseExpression>());
      return;
    case ExpressionKind::kFunctionCall:
      WriteFunctionCall(expression.As<FunctionCallExpression>());
      return;
    case ExpressionKind::kLambda:
      // Parenthesised, so that `(x -> x) + 1` keeps its shape; WriteArgument
      // leaves the parentheses out for the usual f(a, x -> ...).
      out_.push_back('(');
      WriteArgument(expression);
      out_.push_back(')');
      return;
    case ExpressionKind::kCast:
    case ExpressionKind::kExtract:
    case ExpressionKind::kArray:
    case ExpressionKind::kRow:
    case ExpressionKind::kCurrentValue:
    case ExpressionKind::kSubscript:
    case ExpressionKind::kDereference:
      WriteConstructor(expression);
      return;
  }
}

void SqlWriter::Write(const DataType& type) {
  const bool angle = type.syntax == TypeSyntax::kAngleBrackets;
  if (type.name == "struct" && type.syntax == TypeSyntax::kAngleBrackets) {
    out_ += "struct<";
    for (size_t i = 0; i < type.children.size(); ++i) {
      if (i > 0) {
        out_.push_back(',');
      }
      const std::string& name = type.field_names[i]->name;
      if (IsSimpleName(name)) {
        out_ += name;
      } else {
        const bool hive_quotes = hive_quotes_;
        hive_quotes_ = true;
        WriteQuoted(name);
        hive_quotes_ = hive_quotes;
      }
      out_.push_back(':');
      Write(type.children[i]);
    }
    out_.push_back('>');
    return;
  }
  if (IsSimpleName(type.name) && !IsReservedWord(type.name)) {
    out_ += type.name;
  } else {
    WriteQuoted(type.name);
  }
  if (type.name == "interval") {
    auto lower = [](std::string text) {
      for (char& c : text) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
      return text;
    };
    out_ += " " + lower(type.interval_from);
    if (!type.interval_to.empty()) {
      out_ += " to " + lower(type.interval_to);
    }
    return;
  }
  if (!type.numbers.empty() || !type.children.empty()) {
    out_.push_back(angle ? '<' : '(');
    std::string_view separator;
    for (int64_t number : type.numbers) {
      out_ += separator;
      out_ += std::to_string(number);
      separator = ",";
    }
    for (size_t i = 0; i < type.children.size(); ++i) {
      out_ += separator;
      separator = angle ? "," : ", ";
      if (i < type.field_names.size() && type.field_names[i].has_value()) {
        Write(*type.field_names[i]);
        out_.push_back(' ');
      }
      Write(type.children[i]);
    }
    out_.push_back(angle ? '>' : ')');
  }
  if (type.with_time_zone) {
    out_ += " with time zone";
  }
}

}  // namespace internal

std::string ToSql(const Expression& expression) {
  internal::SqlWriter writer;
  writer.Write(expression);
  return writer.Take();
}

std::string ToSql(const DataType& type) {
  internal::SqlWriter writer;
  writer.Write(type);
  return writer.Take();
}

std::string ToSql(const Identifier& identifier) {
  internal::SqlWriter writer;
  writer.Write(identifier);
  return writer.Take();
}

}  // namespace stratus::sql::parser
