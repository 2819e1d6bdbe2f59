#include "sql/types/type_names.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <utility>
#include <vector>

#include "base/format.h"

namespace stratus::sql {
namespace {

std::string RowFieldsTrino(const LogicalType& type) {
  std::string out = "row(";
  bool first = true;
  for (const RowField& field : type.children()) {
    if (!first) {
      out += ", ";
    }
    first = false;
    if (!field.name.empty()) {
      out += field.name;
      out += ' ';
    }
    out += TrinoTypeName(field.type);
  }
  out += ')';
  return out;
}

// The dialect a TypeParser reads.
enum class Dialect : uint8_t { kTrino, kHive };

// A recursive-descent parser over one type string. Tokens: words (letters,
// digits, '_'), quoted names ("..." in Trino, `...` in Hive), and the
// punctuation ( ) < > , :.
class TypeParser {
 public:
  TypeParser(std::string_view text, Dialect dialect) : text_(text), dialect_(dialect) {}

  Result<LogicalType> ParseAll() {
    STRATUS_ASSIGN_OR_RETURN(LogicalType type, ParseType());
    SkipBlanks();
    if (position_ != text_.size()) {
      return Error("unexpected text after the type");
    }
    return type;
  }

 private:
  Status Error(std::string_view what) const {
    return Status::InvalidArgument(Format("invalid {} type '{}': {} at position {}",
                                          dialect_ == Dialect::kTrino ? "Trino" : "Hive", text_,
                                          what, position_ + 1));
  }

  void SkipBlanks() {
    while (position_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[position_]))) {
      ++position_;
    }
  }

  bool Peek(char c) {
    SkipBlanks();
    return position_ < text_.size() && text_[position_] == c;
  }

  bool Consume(char c) {
    if (!Peek(c)) {
      return false;
    }
    ++position_;
    return true;
  }

  Status Expect(char c) {
    if (!Consume(c)) {
      return Error(Format("expected '{}'", c));
    }
    return Status::Ok();
  }

  // Reads a word, lower-cased; empty when none follows.
  std::string Word() {
    SkipBlanks();
    std::string word;
    while (position_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[position_]);
      if (!std::isalnum(c) && c != '_') {
        break;
      }
      word += static_cast<char>(std::tolower(c));
      ++position_;
    }
    return word;
  }

  // Reads a word without consuming it.
  std::string PeekWord() {
    const size_t saved = position_;
    std::string word = Word();
    position_ = saved;
    return word;
  }

  Result<int> Number() {
    SkipBlanks();
    const char* begin = text_.data() + position_;
    const char* end = text_.data() + text_.size();
    int value = 0;
    auto [ptr, error] = std::from_chars(begin, end, value);
    if (error != std::errc() || ptr == begin) {
      return Error("expected a number");
    }
    position_ += static_cast<size_t>(ptr - begin);
    return value;
  }

  // Parses "(n)" when present; returns `fallback` otherwise.
  Result<int> OptionalLength(int fallback) {
    if (!Consume('(')) {
      return fallback;
    }
    STRATUS_ASSIGN_OR_RETURN(int length, Number());
    STRATUS_RETURN_IF_ERROR(Expect(')'));
    return length;
  }

  Result<LogicalType> ParseDecimal() {
    const int default_precision = dialect_ == Dialect::kHive ? 10 : 38;
    if (!Consume('(')) {
      return LogicalType::Decimal(default_precision, 0);
    }
    STRATUS_ASSIGN_OR_RETURN(int precision, Number());
    int scale = 0;
    if (Consume(',')) {
      STRATUS_ASSIGN_OR_RETURN(scale, Number());
    }
    STRATUS_RETURN_IF_ERROR(Expect(')'));
    if (precision < 1 || precision > LogicalType::kMaxDecimalPrecision) {
      return Error("decimal precision must be between 1 and 38");
    }
    if (scale < 0 || scale > precision) {
      return Error("decimal scale must be between 0 and the precision");
    }
    return LogicalType::Decimal(precision, scale);
  }

  Result<LogicalType> ParseVarchar() {
    const bool has_length = Peek('(');
    STRATUS_ASSIGN_OR_RETURN(int length, OptionalLength(LogicalType::kUnboundedLength));
    if (has_length && (length < 1 || (dialect_ == Dialect::kHive && length > 65535))) {
      return Error("varchar length out of range");
    }
    return LogicalType::Varchar(length);
  }

  Result<LogicalType> ParseChar() {
    STRATUS_ASSIGN_OR_RETURN(int length, OptionalLength(1));
    if (length < 1 || length > (dialect_ == Dialect::kHive ? 255 : 65536)) {
      return Error("char length out of range");
    }
    return LogicalType::Char(length);
  }

  Result<LogicalType> ParseTimestamp() {
    STRATUS_ASSIGN_OR_RETURN(int precision,
                             OptionalLength(LogicalType::kDefaultTimestampPrecision));
    if (precision < 0 || precision > 12) {
      return Error("timestamp precision must be between 0 and 12");
    }
    if (dialect_ == Dialect::kTrino && PeekWord() == "with") {
      Word();
      if (Word() != "time" || Word() != "zone") {
        return Error("expected 'with time zone'");
      }
      return LogicalType::TimestampWithTimeZone(precision);
    }
    return LogicalType::Timestamp(precision);
  }

  Result<LogicalType> ParseInterval() {
    const std::string from = Word();
    if (Word() != "to") {
      return Error("expected 'interval day to second' or 'interval year to month'");
    }
    const std::string to = Word();
    if (from == "day" && to == "second") {
      return LogicalType::IntervalDayToSecond();
    }
    if (from == "year" && to == "month") {
      return LogicalType::IntervalYearToMonth();
    }
    return Error("expected 'interval day to second' or 'interval year to month'");
  }

  char Open() const { return dialect_ == Dialect::kHive ? '<' : '('; }

  char Close() const { return dialect_ == Dialect::kHive ? '>' : ')'; }

  Result<LogicalType> ParseArray() {
    STRATUS_RETURN_IF_ERROR(Expect(Open()));
    STRATUS_ASSIGN_OR_RETURN(LogicalType element, ParseType());
    STRATUS_RETURN_IF_ERROR(Expect(Close()));
    return LogicalType::Array(std::move(element));
  }

  Result<LogicalType> ParseMap() {
    STRATUS_RETURN_IF_ERROR(Expect(Open()));
    STRATUS_ASSIGN_OR_RETURN(LogicalType key, ParseType());
    STRATUS_RETURN_IF_ERROR(Expect(','));
    STRATUS_ASSIGN_OR_RETURN(LogicalType value, ParseType());
    STRATUS_RETURN_IF_ERROR(Expect(Close()));
    return LogicalType::Map(std::move(key), std::move(value));
  }

  // A field name as QuotedName() read it. (Not std::optional<std::string>:
  // GCC 12 at -O1 warns, wrongly, that its string may be used uninitialized.)
  struct Quoted {
    bool present = false;
    std::string name = {};
  };

  // Reads a quoted field name ("..." in Trino, `...` in Hive), or nothing.
  Result<Quoted> QuotedName() {
    const char quote = dialect_ == Dialect::kHive ? '`' : '"';
    if (!Consume(quote)) {
      return Quoted{};
    }
    std::string name;
    while (position_ < text_.size()) {
      const char c = text_[position_++];
      if (c == quote) {
        if (position_ < text_.size() && text_[position_] == quote) {
          name += quote;
          ++position_;
          continue;
        }
        return Quoted{.present = true, .name = std::move(name)};
      }
      name += c;
    }
    return Error("unterminated field name");
  }

  // Hive: `name:type`. Trino: `name type` or just `type`.
  Result<RowField> ParseField() {
    STRATUS_ASSIGN_OR_RETURN(Quoted quoted, QuotedName());
    if (dialect_ == Dialect::kHive) {
      std::string name = quoted.present ? std::move(quoted.name) : Word();
      if (name.empty()) {
        return Error("expected a field name");
      }
      STRATUS_RETURN_IF_ERROR(Expect(':'));
      STRATUS_ASSIGN_OR_RETURN(LogicalType type, ParseType());
      return RowField{.name = std::move(name), .type = std::move(type)};
    }
    if (quoted.present) {
      STRATUS_ASSIGN_OR_RETURN(LogicalType type, ParseType());
      return RowField{.name = std::move(quoted.name), .type = std::move(type)};
    }
    // An unquoted word followed by another type word is a name; else it is a type.
    const size_t saved = position_;
    std::string word = Word();
    SkipBlanks();
    if (!word.empty() && position_ < text_.size() && text_[position_] != ',' &&
        text_[position_] != ')' && text_[position_] != '(') {
      STRATUS_ASSIGN_OR_RETURN(LogicalType type, ParseType());
      return RowField{.name = std::move(word), .type = std::move(type)};
    }
    position_ = saved;
    STRATUS_ASSIGN_OR_RETURN(LogicalType type, ParseType());
    return RowField{.name = {}, .type = std::move(type)};
  }

  Result<LogicalType> ParseRow() {
    STRATUS_RETURN_IF_ERROR(Expect(Open()));
    std::vector<RowField> fields;
    do {
      STRATUS_ASSIGN_OR_RETURN(RowField field, ParseField());
      fields.push_back(std::move(field));
    } while (Consume(','));
    STRATUS_RETURN_IF_ERROR(Expect(Close()));
    return LogicalType::Row(std::move(fields));
  }

  Result<LogicalType> ParseType() {
    if (++depth_ > kMaxDepth) {
      return Error("type nested too deeply");
    }
    Result<LogicalType> type = ParseTypeBody();
    --depth_;
    return type;
  }

  Result<LogicalType> ParseTypeBody();

  static constexpr int kMaxDepth = 100;

  std::string_view text_;
  Dialect dialect_;
  size_t position_ = 0;
  int depth_ = 0;
};

// Names of the types without parameters, and the dialects that spell them so.
struct SimpleTypeName {
  const char* word;
  bool trino;
  bool hive;
  LogicalType (*make)();
};

constexpr SimpleTypeName kSimpleTypeNames[] = {
    {"boolean", true, true, &LogicalType::Boolean},
    {"tinyint", true, true, &LogicalType::Tinyint},
    {"smallint", true, true, &LogicalType::Smallint},
    {"int", true, true, &LogicalType::Integer},
    {"integer", true, true, &LogicalType::Integer},
    {"bigint", true, true, &LogicalType::Bigint},
    {"real", true, false, &LogicalType::Real},
    {"float", false, true, &LogicalType::Real},
    {"date", true, true, &LogicalType::Date},
    {"varbinary", true, false, &LogicalType::Varbinary},
    {"binary", false, true, &LogicalType::Varbinary},
    {"json", true, false, &LogicalType::Json},
    {"unknown", true, false, &LogicalType::Unknown},
};

Result<LogicalType> TypeParser::ParseTypeBody() {
  const size_t start = position_;
  const std::string word = Word();
  const bool hive = dialect_ == Dialect::kHive;
  for (const SimpleTypeName& simple : kSimpleTypeNames) {
    if (word == simple.word && (hive ? simple.hive : simple.trino)) {
      return simple.make();
    }
  }
  if (word == "double") {
    if (!hive && PeekWord() == "precision") {
      Word();
    }
    return LogicalType::Double();
  }
  if (word == "decimal" || word == "numeric") {
    return ParseDecimal();
  }
  if (word == "varchar") {
    return ParseVarchar();
  }
  // "text" is not Trino's, but SQL written for other engines uses it for
  // what Trino calls varchar; reading it so costs nothing.
  if ((hive && word == "string") || (!hive && word == "text")) {
    return LogicalType::Varchar();
  }
  if (word == "char") {
    return ParseChar();
  }
  if (word == "timestamp") {
    return ParseTimestamp();
  }
  if (word == "array") {
    return ParseArray();
  }
  if (word == "map") {
    return ParseMap();
  }
  if (word == (hive ? "struct" : "row")) {
    return ParseRow();
  }
  if (!hive && word == "interval") {
    return ParseInterval();
  }
  position_ = start;
  SkipBlanks();
  return Error(word.empty() ? "expected a type name" : Format("unknown type '{}'", word));
}

}  // namespace

std::string TrinoTypeName(const LogicalType& type) {
  switch (type.kind()) {
    case TypeKind::kUnknown:
      return "unknown";
    case TypeKind::kBoolean:
      return "boolean";
    case TypeKind::kTinyint:
      return "tinyint";
    case TypeKind::kSmallint:
      return "smallint";
    case TypeKind::kInteger:
      return "integer";
    case TypeKind::kBigint:
      return "bigint";
    case TypeKind::kReal:
      return "real";
    case TypeKind::kDouble:
      return "double";
    case TypeKind::kDecimal:
      return Format("decimal({},{})", type.precision(), type.scale());
    case TypeKind::kVarchar:
      return type.length() == LogicalType::kUnboundedLength ? "varchar"
                                                            : Format("varchar({})", type.length());
    case TypeKind::kChar:
      return Format("char({})", type.length());
    case TypeKind::kVarbinary:
      return "varbinary";
    case TypeKind::kJson:
      return "json";
    case TypeKind::kDate:
      return "date";
    case TypeKind::kTimestamp:
      return Format("timestamp({})", type.precision());
    case TypeKind::kTimestampWithTimeZone:
      return Format("timestamp({}) with time zone", type.precision());
    case TypeKind::kIntervalDayToSecond:
      return "interval day to second";
    case TypeKind::kIntervalYearToMonth:
      return "interval year to month";
    case TypeKind::kArray:
      return Format("array({})", TrinoTypeName(type.child(0)));
    case TypeKind::kMap:
      return Format("map({}, {})", TrinoTypeName(type.child(0)), TrinoTypeName(type.child(1)));
    case TypeKind::kRow:
      return RowFieldsTrino(type);
  }
  return "unknown";
}

std::string LogicalType::ToString() const {
  return TrinoTypeName(*this);
}

Result<std::string> HiveTypeName(const LogicalType& type) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return std::string("boolean");
    case TypeKind::kTinyint:
      return std::string("tinyint");
    case TypeKind::kSmallint:
      return std::string("smallint");
    case TypeKind::kInteger:
      return std::string("int");
    case TypeKind::kBigint:
      return std::string("bigint");
    case TypeKind::kReal:
      return std::string("float");
    case TypeKind::kDouble:
      return std::string("double");
    case TypeKind::kDecimal:
      return Format("decimal({},{})", type.precision(), type.scale());
    case TypeKind::kVarchar:
      return type.length() == LogicalType::kUnboundedLength ? std::string("string")
                                                            : Format("varchar({})", type.length());
    case TypeKind::kChar:
      return Format("char({})", type.length());
    case TypeKind::kVarbinary:
      return std::string("binary");
    case TypeKind::kDate:
      return std::string("date");
    case TypeKind::kTimestamp:
      return std::string("timestamp");
    case TypeKind::kArray: {
      STRATUS_ASSIGN_OR_RETURN(std::string element, HiveTypeName(type.child(0)));
      return Format("array<{}>", element);
    }
    case TypeKind::kMap: {
      STRATUS_ASSIGN_OR_RETURN(std::string key, HiveTypeName(type.child(0)));
      STRATUS_ASSIGN_OR_RETURN(std::string value, HiveTypeName(type.child(1)));
      return Format("map<{},{}>", key, value);
    }
    case TypeKind::kRow: {
      std::string out = "struct<";
      bool first = true;
      for (const RowField& field : type.children()) {
        if (field.name.empty()) {
          return Status::InvalidArgument(
              Format("Hive has no name for {}: struct fields need names", type.ToString()));
        }
        STRATUS_ASSIGN_OR_RETURN(std::string child, HiveTypeName(field.type));
        out += first ? "" : ",";
        out += field.name + ":" + child;
        first = false;
      }
      return out + ">";
    }
    case TypeKind::kUnknown:
    case TypeKind::kJson:
    case TypeKind::kTimestampWithTimeZone:
    case TypeKind::kIntervalDayToSecond:
    case TypeKind::kIntervalYearToMonth:
      break;
  }
  return Status::InvalidArgument(Format("Hive has no name for type {}", type.ToString()));
}

Result<LogicalType> ParseTrinoType(std::string_view text) {
  return TypeParser(text, Dialect::kTrino).ParseAll();
}

Result<LogicalType> ParseHiveType(std::string_view text) {
  return TypeParser(text, Dialect::kHive).ParseAll();
}

}  // namespace stratus::sql
