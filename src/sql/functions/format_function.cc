// format(format, args...): the subset of Java's Formatter that SQL users
// write — %s %d %x %o %f %e %b %c %% %n with argument indexes ("%2$s"),
// flags (- 0 , + space), width and precision. %f rounds half up on the
// shortest decimal form of the number, as Java does.

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "base/format.h"
#include "sql/functions/kernel_frame_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/types/decimal.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

struct Spec {
  int argument = -1;  // 0-based, or -1 for the next one
  bool left = false;
  bool zero = false;
  bool group = false;
  bool plus = false;
  bool space = false;
  int width = -1;
  int precision = -1;
  char conversion = 's';
};

Status BadFormat(std::string_view detail) {
  return SqlError(kInvalidFunctionArgument, Format("Invalid format string: {}", detail));
}

// Rounds a plain decimal string ("-12.3456") to `digits` fraction digits, half up.
std::string RoundDecimalText(std::string text, int digits) {
  bool negative = !text.empty() && text[0] == '-';
  if (negative) {
    text.erase(0, 1);
  }
  size_t point = text.find('.');
  if (point == std::string::npos) {
    point = text.size();
    text += '.';
  }
  std::string fraction = text.substr(point + 1);
  std::string integer = text.substr(0, point);
  bool round_up = false;
  if (static_cast<int>(fraction.size()) > digits) {
    round_up = fraction[static_cast<size_t>(digits)] >= '5';
    fraction.resize(static_cast<size_t>(digits));
  } else {
    fraction.append(static_cast<size_t>(digits) - fraction.size(), '0');
  }
  std::string all = integer + fraction;
  if (round_up) {
    auto i = static_cast<int>(all.size()) - 1;
    while (i >= 0 && all[static_cast<size_t>(i)] == '9') {
      all[static_cast<size_t>(i)] = '0';
      --i;
    }
    if (i < 0) {
      all.insert(all.begin(), '1');
    } else {
      ++all[static_cast<size_t>(i)];
    }
  }
  std::string whole = all.substr(0, all.size() - fraction.size());
  if (whole.empty()) {
    whole = "0";
  }
  std::string out = negative ? "-" + whole : whole;
  if (digits > 0) {
    out += "." + all.substr(all.size() - fraction.size());
  }
  return out;
}

std::string GroupThousands(const std::string& number) {
  const size_t start = number[0] == '-' ? 1 : 0;
  size_t end = number.find('.');
  if (end == std::string::npos) {
    end = number.size();
  }
  std::string out = number.substr(0, start);
  for (size_t i = start; i < end; ++i) {
    out += number[i];
    const size_t remaining = end - i - 1;
    if (remaining > 0 && remaining % 3 == 0) {
      out += ',';
    }
  }
  return out + number.substr(end);
}

bool IsIntegral(const Value& value) {
  return value.type().is_integer();
}

bool IsFloating(const Value& value) {
  const TypeKind kind = value.type().kind();
  return kind == TypeKind::kReal || kind == TypeKind::kDouble || kind == TypeKind::kDecimal;
}

std::string PlainDecimalText(const Value& value) {
  if (value.type().kind() == TypeKind::kDecimal) {
    return DecimalToString(value.decimal_value(), value.type().scale());
  }
  if (value.type().is_integer()) {
    return std::to_string(value.int64_value());
  }
  char buffer[400];
  const double number = value.type().kind() == TypeKind::kReal
                            ? static_cast<double>(static_cast<float>(value.double_value()))
                            : value.double_value();
  std::to_chars_result end =
      std::to_chars(buffer, buffer + sizeof(buffer), number, std::chars_format::fixed);
  return {buffer, end.ptr};
}

Result<std::string> Convert(const Spec& spec, const Value& value) {
  std::string body;
  const char conversion =
      static_cast<char>(std::tolower(static_cast<unsigned char>(spec.conversion)));
  if (value.is_null() && conversion != 'b') {
    body = "null";
  } else {
    switch (conversion) {
      case 's':
        body = value.type().is_string() ? value.string_value() : value.ToString();
        if (spec.precision >= 0 && static_cast<int>(body.size()) > spec.precision) {
          body.resize(static_cast<size_t>(spec.precision));
        }
        break;
      case 'b':
        body = value.is_null() ? "false"
               : value.type().kind() == TypeKind::kBoolean
                   ? (value.boolean_value() ? "true" : "false")
                   : "true";
        break;
      case 'd':
        if (!IsIntegral(value)) {
          return BadFormat(Format("%d cannot format {}", value.type().ToString()));
        }
        body = std::to_string(value.int64_value());
        break;
      case 'x':
      case 'o':
        if (!IsIntegral(value)) {
          return BadFormat(
              Format("%{} cannot format {}", spec.conversion, value.type().ToString()));
        }
        body = conversion == 'x' ? Format("{:x}", static_cast<uint64_t>(value.int64_value()))
                                 : Format("{:o}", static_cast<uint64_t>(value.int64_value()));
        break;
      case 'f':
        if (!IsFloating(value)) {
          return BadFormat(Format("%f cannot format {}", value.type().ToString()));
        }
        if (value.type().kind() != TypeKind::kDecimal && !std::isfinite(value.double_value())) {
          body = std::isnan(value.double_value()) ? "NaN"
                 : value.double_value() > 0       ? "Infinity"
                                                  : "-Infinity";
        } else {
          body = RoundDecimalText(PlainDecimalText(value), spec.precision < 0 ? 6 : spec.precision);
        }
        break;
      case 'e': {
        if (!IsFloating(value)) {
          return BadFormat(Format("%e cannot format {}", value.type().ToString()));
        }
        const double number = value.type().kind() == TypeKind::kDecimal
                                  ? std::strtod(PlainDecimalText(value).c_str(), nullptr)
                                  : value.double_value();
        body = fmt::format("{:.{}e}", number, spec.precision < 0 ? 6 : spec.precision);
        break;
      }
      case 'c':
        if (value.type().is_string()) {
          body = value.string_value();
        } else if (IsIntegral(value)) {
          body = std::string(1, static_cast<char>(value.int64_value()));
        } else {
          return BadFormat("%c needs a character");
        }
        break;
      default:
        return BadFormat(Format("unknown conversion '{}'", spec.conversion));
    }
  }
  if (spec.group) {
    body = GroupThousands(body);
  }
  const bool numeric = conversion == 'd' || conversion == 'f' || conversion == 'e';
  if (numeric && body[0] != '-' && !value.is_null()) {
    if (spec.plus) {
      body = "+" + body;
    } else if (spec.space) {
      body = " " + body;
    }
  }
  if (std::isupper(static_cast<unsigned char>(spec.conversion))) {
    for (char& c : body) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  if (spec.width > static_cast<int>(body.size())) {
    const auto pad = static_cast<size_t>(spec.width) - body.size();
    if (spec.left) {
      body.append(pad, ' ');
    } else if (spec.zero && numeric) {
      const size_t sign = (body[0] == '-' || body[0] == '+' || body[0] == ' ') ? 1 : 0;
      body.insert(sign, pad, '0');
    } else {
      body.insert(0, pad, ' ');
    }
  }
  return body;
}

Result<std::string> FormatRow(std::string_view format, const std::vector<Value>& arguments) {
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out += format[i];
      continue;
    }
    const size_t start = i++;
    Spec spec;
    size_t digits_start = i;
    while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
      ++i;
    }
    if (i < format.size() && format[i] == '$' && i > digits_start) {
      spec.argument = std::stoi(std::string(format.substr(digits_start, i - digits_start))) - 1;
      ++i;
    } else {
      i = digits_start;
    }
    for (; i < format.size(); ++i) {
      const char c = format[i];
      if (c == '-') {
        spec.left = true;
      } else if (c == '0') {
        spec.zero = true;
      } else if (c == ',') {
        spec.group = true;
      } else if (c == '+') {
        spec.plus = true;
      } else if (c == ' ') {
        spec.space = true;
      } else {
        break;
      }
    }
    digits_start = i;
    while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
      ++i;
    }
    if (i > digits_start) {
      spec.width = std::stoi(std::string(format.substr(digits_start, i - digits_start)));
    }
    if (i < format.size() && format[i] == '.') {
      digits_start = ++i;
      while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
        ++i;
      }
      if (i == digits_start) {
        return BadFormat(format.substr(start, i - start));
      }
      spec.precision = std::stoi(std::string(format.substr(digits_start, i - digits_start)));
    }
    if (i >= format.size()) {
      return BadFormat(Format("incomplete specifier '{}'", format.substr(start)));
    }
    spec.conversion = format[i];
    if (spec.conversion == '%') {
      out += '%';
      continue;
    }
    if (spec.conversion == 'n') {
      out += '\n';
      continue;
    }
    const size_t index = spec.argument >= 0 ? static_cast<size_t>(spec.argument) : next++;
    if (index >= arguments.size()) {
      return BadFormat(Format("missing argument for '{}'", format.substr(start, i - start + 1)));
    }
    STRATUS_ASSIGN_OR_RETURN(std::string piece, Convert(spec, arguments[index]));
    out += piece;
  }
  return out;
}

}  // namespace

void RegisterFormatFunction(FunctionRegistry::Impl& impl) {
  impl.AddScalar(ScalarSpec{.name = "format",
                            .arguments = {"varchar", "any"},
                            .returns = "varchar",
                            .description = "Formats the arguments with a Java format string",
                            .variadic = true},
                 ScalarKernel([](std::span<const Vector> arguments, size_t rows,
                                 const FunctionContext& /*context*/, Vector* result) {
                   KernelFrame frame(arguments.subspan(0, 1), rows, LogicalType::Varchar(), result);
                   std::vector<Value> values(arguments.size() - 1);
                   return frame.ForEachRow([&](size_t row) -> Status {
                     for (size_t i = 1; i < arguments.size(); ++i) {
                       values[i - 1] = arguments[i].GetValue(row);
                     }
                     STRATUS_ASSIGN_OR_RETURN(std::string text,
                                              FormatRow(frame.String(0, row), values));
                     frame.SetString(row, text);
                     return Status::Ok();
                   });
                 }));
}

}  // namespace stratus::sql::functions
