#include "sql/parser/syntax_error.h"

#include <string>

#include "base/format.h"

namespace stratus::sql::parser {

Status SyntaxError(SourcePosition position, std::string_view message) {
  return Status::InvalidArgument(Format("line {}:{}: {}", position.line, position.column, message))
      .WithAwsType(std::string(kSyntaxErrorName));
}

bool IsSyntaxError(const Status& status) {
  return !status.ok() && status.aws_type() == kSyntaxErrorName;
}

}  // namespace stratus::sql::parser
