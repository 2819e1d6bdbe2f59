// The deparser's queries, relations and statements (see to_sql.h).

#include <string>
#include <string_view>

#include "sql/parser/sql_writer_internal.h"
#include "sql/parser/to_sql.h"

namespace stratus::sql::parser {
namespace internal {
namespace {

int SetPrecedence(const QueryBody& body) {
  if (body.kind != QueryBodyKind::kSetOperation) {
    return 3;
  }
  return body.As<SetOperationBody>().op == SetOperator::kIntersect ? 2 : 1;
}

const char* JoinKeyword(JoinType type) {
  switch (type) {
    case JoinType::kInner:
      return "JOIN";
    case JoinType::kLeft:
      return "LEFT JOIN";
    case JoinType::kRight:
      return "RIGHT JOIN";
    case JoinType::kFull:
      return "FULL JOIN";
    case JoinType::kCross:
      return "CROSS JOIN";
    case JoinType::kImplicit:
      return ",";
  }
  return "JOIN";
}

}  // namespace

void SqlWriter::Write(const Query& query) {
  if (!query.with.empty()) {
    out_ += query.with_recursive ? "WITH RECURSIVE " : "WITH ";
    for (size_t i = 0; i < query.with.size(); ++i) {
      const CommonTableExpression& cte = query.with[i];
      if (i > 0) {
        out_ += ", ";
      }
      Write(cte.name);
      if (!cte.column_names.empty()) {
        out_.push_back(' ');
        WriteIdentifiers(cte.column_names);
      }
      out_ += " AS (";
      Write(*cte.query);
      out_.push_back(')');
    }
    out_.push_back(' ');
  }
  Write(*query.body);
  if (!query.order_by.empty()) {
    out_ += " ORDER BY ";
    WriteSortItems(query.order_by);
  }
  if (query.offset != nullptr) {
    out_ += " OFFSET ";
    Write(*query.offset);
    out_ += " ROWS";
  }
  if (query.limit != nullptr) {
    if (query.limit_with_ties) {
      out_ += " FETCH FIRST ";
      Write(*query.limit);
      out_ += " ROWS WITH TIES";
    } else {
      out_ += " LIMIT ";
      Write(*query.limit);
    }
  }
}

void SqlWriter::WriteSetOperand(const QueryBody& body, int parent_precedence, bool right) {
  const int precedence = SetPrecedence(body);
  const bool wrap = right ? precedence <= parent_precedence : precedence < parent_precedence;
  if (wrap) {
    out_.push_back('(');
  }
  Write(body);
  if (wrap) {
    out_.push_back(')');
  }
}

void SqlWriter::WriteSelect(const SelectBody& select) {
  out_ += select.distinct ? "SELECT DISTINCT " : "SELECT ";
  for (size_t i = 0; i < select.select_items.size(); ++i) {
    const SelectItem& item = select.select_items[i];
    if (i > 0) {
      out_ += ", ";
    }
    if (item.kind == SelectItemKind::kAllColumns) {
      if (item.expression != nullptr) {
        Write(*item.expression);
        out_.push_back('.');
      }
      out_.push_back('*');
      if (!item.column_aliases.empty()) {
        out_ += " AS ";
        WriteIdentifiers(item.column_aliases);
      }
      continue;
    }
    Write(*item.expression);
    if (item.alias.has_value()) {
      out_ += " AS ";
      Write(*item.alias);
    }
  }
  if (select.from != nullptr) {
    out_ += " FROM ";
    Write(*select.from);
  }
  if (select.where != nullptr) {
    out_ += " WHERE ";
    Write(*select.where);
  }
  if (select.group_by.has_value()) {
    out_ += select.group_by->distinct ? " GROUP BY DISTINCT " : " GROUP BY ";
    for (size_t i = 0; i < select.group_by->elements.size(); ++i) {
      const GroupingElement& element = select.group_by->elements[i];
      if (i > 0) {
        out_ += ", ";
      }
      switch (element.kind) {
        case GroupingKind::kExpressions:
          if (element.expressions.size() == 1) {
            Write(*element.expressions[0]);
          } else {
            out_.push_back('(');
            WriteExpressions(element.expressions);
            out_.push_back(')');
          }
          break;
        case GroupingKind::kRollup:
        case GroupingKind::kCube:
          out_ += element.kind == GroupingKind::kRollup ? "ROLLUP (" : "CUBE (";
          WriteExpressions(element.expressions);
          out_.push_back(')');
          break;
        case GroupingKind::kGroupingSets:
          out_ += "GROUPING SETS (";
          for (size_t j = 0; j < element.sets.size(); ++j) {
            out_ += j > 0 ? ", (" : "(";
            WriteExpressions(element.sets[j]);
            out_.push_back(')');
          }
          out_.push_back(')');
          break;
      }
    }
  }
  if (select.having != nullptr) {
    out_ += " HAVING ";
    Write(*select.having);
  }
  for (size_t i = 0; i < select.windows.size(); ++i) {
    out_ += i == 0 ? " WINDOW " : ", ";
    Write(select.windows[i].name);
    out_ += " AS (";
    WriteWindow(select.windows[i].specification);
    out_.push_back(')');
  }
}

void SqlWriter::Write(const QueryBody& body) {
  switch (body.kind) {
    case QueryBodyKind::kSelect:
      WriteSelect(body.As<SelectBody>());
      return;
    case QueryBodyKind::kSetOperation: {
      const auto& operation = body.As<SetOperationBody>();
      const int precedence = SetPrecedence(body);
      WriteSetOperand(*operation.left, precedence, false);
      out_ += operation.op == SetOperator::kUnion       ? " UNION "
              : operation.op == SetOperator::kIntersect ? " INTERSECT "
                                                        : " EXCEPT ";
      if (operation.all) {
        out_ += "ALL ";
      }
      WriteSetOperand(*operation.right, precedence, true);
      return;
    }
    case QueryBodyKind::kValues:
      out_ += "VALUES ";
      WriteExpressions(body.As<ValuesBody>().rows);
      return;
    case QueryBodyKind::kTable:
      out_ += "TABLE ";
      Write(body.As<TableBody>().name);
      return;
    case QueryBodyKind::kParenthesized:
      out_.push_back('(');
      Write(*body.As<ParenthesizedBody>().query);
      out_.push_back(')');
      return;
  }
}

void SqlWriter::WriteJoin(const JoinRelation& join) {
  const bool implicit = join.type == JoinType::kImplicit;
  const bool left_wrap = !implicit && join.left->kind == RelationKind::kJoin &&
                         join.left->As<JoinRelation>().type == JoinType::kImplicit;
  const bool right_wrap = join.right->kind == RelationKind::kJoin &&
                          (!implicit || join.right->As<JoinRelation>().type == JoinType::kImplicit);
  out_ += left_wrap ? "(" : "";
  Write(*join.left);
  out_ += left_wrap ? ")" : "";
  if (implicit) {
    out_ += ", ";
  } else {
    out_ += join.natural ? " NATURAL " : " ";
    out_ += JoinKeyword(join.type);
    out_.push_back(' ');
  }
  out_ += right_wrap ? "(" : "";
  Write(*join.right);
  out_ += right_wrap ? ")" : "";
  if (join.condition != nullptr) {
    out_ += " ON ";
    Write(*join.condition);
  } else if (!join.using_columns.empty()) {
    out_ += " USING ";
    WriteIdentifiers(join.using_columns);
  }
}

void SqlWriter::WriteRelationCore(const Relation& relation) {
  switch (relation.kind) {
    case RelationKind::kTable: {
      const auto& table = relation.As<TableRelation>();
      Write(table.name);
      if (table.time_travel != TimeTravelKind::kNone) {
        out_ += table.time_travel == TimeTravelKind::kVersion ? " FOR VERSION AS OF "
                                                              : " FOR TIMESTAMP AS OF ";
        Write(*table.time_travel_value);
      }
      return;
    }
    case RelationKind::kSubquery:
      out_.push_back('(');
      Write(*relation.As<SubqueryRelation>().query);
      out_.push_back(')');
      return;
    case RelationKind::kUnnest: {
      const auto& unnest = relation.As<UnnestRelation>();
      out_ += "UNNEST(";
      WriteExpressions(unnest.expressions);
      out_ += unnest.with_ordinality ? ") WITH ORDINALITY" : ")";
      return;
    }
    case RelationKind::kLateral:
      out_ += "LATERAL (";
      Write(*relation.As<LateralRelation>().query);
      out_.push_back(')');
      return;
    case RelationKind::kJoin:
      WriteJoin(relation.As<JoinRelation>());
      return;
  }
}

void SqlWriter::Write(const Relation& relation) {
  const bool decorated = relation.alias.has_value() || relation.sample.has_value();
  const bool wrap = decorated && relation.kind == RelationKind::kJoin;
  out_ += wrap ? "(" : "";
  WriteRelationCore(relation);
  out_ += wrap ? ")" : "";
  if (relation.alias.has_value()) {
    out_ += " AS ";
    Write(*relation.alias);
    if (!relation.column_aliases.empty()) {
      WriteIdentifiers(relation.column_aliases);
    }
  }
  if (relation.sample.has_value()) {
    out_ += relation.sample->method == SampleMethod::kBernoulli ? " TABLESAMPLE BERNOULLI ("
                                                                : " TABLESAMPLE SYSTEM (";
    Write(*relation.sample->percentage);
    out_.push_back(')');
  }
}

}  // namespace internal

std::string ToSql(const Query& query) {
  internal::SqlWriter writer;
  writer.Write(query);
  return writer.Take();
}

std::string ToSql(const Statement& statement) {
  internal::SqlWriter writer;
  writer.Write(statement);
  return writer.Take();
}

}  // namespace stratus::sql::parser
