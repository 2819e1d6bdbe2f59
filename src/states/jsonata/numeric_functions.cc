// Numeric and aggregation functions: $number, $abs, $floor, $ceil, $round,
// $power, $sqrt, $random, $formatBase, $sum, $max, $min, $average; and the
// boolean functions $boolean, $not, $exists.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "base/random.h"
#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/evaluator_internal.h"
#include "states/jsonata/jsonata.h"
#include "states/jsonata/number_text_internal.h"

namespace stratus::states::jsonata {
namespace {

bool IsDecimalNumber(std::string_view text) {
  // ^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
    }
    return i > start;
  };
  if (i < text.size() && text[i] == '-') {
    ++i;
  }
  if (!digits()) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) {
      return false;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      ++i;
    }
    if (!digits()) {
      return false;
    }
  }
  return i == text.size();
}

std::optional<double> ParsePrefixedInteger(std::string_view text) {
  if (text.size() < 3 || text[0] != '0') {
    return std::nullopt;
  }
  int base = 0;
  switch (text[1]) {
    case 'x':
    case 'X':
      base = 16;
      break;
    case 'o':
    case 'O':
      base = 8;
      break;
    case 'b':
    case 'B':
      base = 2;
      break;
    default:
      return std::nullopt;
  }
  double value = 0;
  for (char c : text.substr(2)) {
    int digit = -1;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    }
    if (digit < 0 || digit >= base) {
      return std::nullopt;
    }
    value = value * base + digit;
  }
  return value;
}

// Multiplies by 10^shift exactly, via the decimal text (as jsonata-js does).
double ShiftDecimal(double value, int shift) {
  const std::string text = FormatJsNumber(value);
  const size_t e = text.find('e');
  int exponent = shift;
  std::string mantissa = text;
  if (e != std::string::npos) {
    mantissa = text.substr(0, e);
    exponent += std::atoi(text.c_str() + e + 1);
  }
  return std::strtod((mantissa + "e" + std::to_string(exponent)).c_str(), nullptr);
}

}  // namespace

// Rounds half to even at `precision` decimal places ($round).
double RoundHalfEven(double value, int precision) {
  double shifted = precision != 0 ? ShiftDecimal(value, precision) : value;
  double result = std::floor(shifted + 0.5);
  const double diff = result - shifted;
  if (std::abs(diff) == 0.5 && std::abs(std::fmod(result, 2)) == 1) {
    result -= 1;
  }
  if (precision != 0) {
    result = ShiftDecimal(result, -precision);
  }
  return result == 0 ? 0 : result;
}

namespace {

Result<Value> NumberFn(CallContext&, std::vector<Value>& args) {
  const Value& arg = args[0];
  if (arg.undefined()) {
    return Value();
  }
  if (arg.IsNumber()) {
    return arg;
  }
  if (arg.IsBoolean()) {
    return Value::Number(arg.AsBoolean() ? 1 : 0);
  }
  if (arg.IsString()) {
    const std::string& text = arg.AsString();
    if (IsDecimalNumber(text)) {
      const double value = std::strtod(text.c_str(), nullptr);
      if (std::isfinite(value)) {
        return Value::Number(value);
      }
    }
    if (std::optional<double> value = ParsePrefixedInteger(text); value.has_value()) {
      return Value::Number(*value);
    }
  }
  return JsonataError("D3030", {.value = ToJsonLenient(arg)});
}

Result<Value> AbsFn(CallContext&, std::vector<Value>& args) {
  return args[0].undefined() ? Value() : Value::Number(std::abs(args[0].AsNumber()));
}

Result<Value> FloorFn(CallContext&, std::vector<Value>& args) {
  return args[0].undefined() ? Value() : Value::Number(std::floor(args[0].AsNumber()));
}

Result<Value> CeilFn(CallContext&, std::vector<Value>& args) {
  return args[0].undefined() ? Value() : Value::Number(std::ceil(args[0].AsNumber()));
}

Result<Value> RoundFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  const int precision = args[1].undefined() ? 0 : static_cast<int>(args[1].AsNumber());
  return Value::Number(RoundHalfEven(args[0].AsNumber(), precision));
}

Result<Value> SqrtFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  const double value = args[0].AsNumber();
  if (value < 0) {
    return JsonataError("D3060", {.value = args[0].json()});
  }
  return Value::Number(std::sqrt(value));
}

Result<Value> PowerFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  const double result = std::pow(args[0].AsNumber(), args[1].AsNumber());
  if (!std::isfinite(result)) {
    return JsonataError("D3061", {.value = args[0].json(), .exp = args[1].json()});
  }
  return Value::Number(result);
}

Result<Value> RandomFn(CallContext& context, std::vector<Value>&) {
  IdGenerator* ids = context.evaluator.bindings().id_generator();
  if (ids == nullptr) {
    return Status::FailedPrecondition("$random() needs an id generator in the JSONata bindings");
  }
  return Value::Number(static_cast<double>(ids->Next() >> 11) * 0x1.0p-53);
}

Result<Value> FormatBaseFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  double value = RoundHalfEven(args[0].AsNumber(), 0);
  const double radix = args[1].undefined() ? 10 : RoundHalfEven(args[1].AsNumber(), 0);
  if (radix < 2 || radix > 36) {
    return JsonataError("D3100", {.value = NumberToJson(radix)});
  }
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  const bool negative = value < 0;
  value = std::abs(value);
  std::string digits;
  do {
    const double digit = std::fmod(value, radix);
    digits.push_back(kDigits[static_cast<int>(digit)]);
    value = std::floor(value / radix);
  } while (value > 0);
  if (negative) {
    digits.push_back('-');
  }
  std::reverse(digits.begin(), digits.end());
  return Value::String(std::move(digits));
}

Result<Value> SumFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  double total = 0;
  const size_t size = args[0].ArraySize();
  for (size_t i = 0; i < size; ++i) {
    total += args[0].ArrayAt(i).AsNumber();
  }
  return Value::Number(total);
}

Result<Value> Extreme(const Value& array, bool maximum) {
  if (array.undefined() || array.ArraySize() == 0) {
    return Value();
  }
  double best = array.ArrayAt(0).AsNumber();
  const size_t size = array.ArraySize();
  for (size_t i = 1; i < size; ++i) {
    const double value = array.ArrayAt(i).AsNumber();
    best = maximum ? std::max(best, value) : std::min(best, value);
  }
  return Value::Number(best);
}

Result<Value> MaxFn(CallContext&, std::vector<Value>& args) {
  return Extreme(args[0], true);
}

Result<Value> MinFn(CallContext&, std::vector<Value>& args) {
  return Extreme(args[0], false);
}

Result<Value> AverageFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined() || args[0].ArraySize() == 0) {
    return Value();
  }
  double total = 0;
  const size_t size = args[0].ArraySize();
  for (size_t i = 0; i < size; ++i) {
    total += args[0].ArrayAt(i).AsNumber();
  }
  return Value::Number(total / static_cast<double>(size));
}

Result<Value> BooleanFn(CallContext&, std::vector<Value>& args) {
  const std::optional<bool> value = BooleanOf(args[0]);
  return value.has_value() ? Value::Boolean(*value) : Value();
}

Result<Value> NotFn(CallContext&, std::vector<Value>& args) {
  const std::optional<bool> value = BooleanOf(args[0]);
  return value.has_value() ? Value::Boolean(!*value) : Value();
}

Result<Value> ExistsFn(CallContext&, std::vector<Value>& args) {
  return Value::Boolean(!args[0].undefined());
}

}  // namespace

void RegisterNumericFunctions(BuiltinRegistry& registry) {
  registry.Add("number", "<(nsb)-:n>", 1, &NumberFn);
  registry.Add("abs", "<n-:n>", 1, &AbsFn);
  registry.Add("floor", "<n-:n>", 1, &FloorFn);
  registry.Add("ceil", "<n-:n>", 1, &CeilFn);
  registry.Add("round", "<n-n?:n>", 2, &RoundFn);
  registry.Add("sqrt", "<n-:n>", 1, &SqrtFn);
  registry.Add("power", "<n-n:n>", 2, &PowerFn);
  registry.Add("random", "<:n>", 0, &RandomFn);
  registry.Add("formatBase", "<n-n?:s>", 2, &FormatBaseFn);
  registry.Add("sum", "<a<n>:n>", 1, &SumFn);
  registry.Add("max", "<a<n>:n>", 1, &MaxFn);
  registry.Add("min", "<a<n>:n>", 1, &MinFn);
  registry.Add("average", "<a<n>:n>", 1, &AverageFn);
  registry.Add("boolean", "<x-:b>", 1, &BooleanFn);
  registry.Add("not", "<x-:b>", 1, &NotFn);
  registry.Add("exists", "<x:b>", 1, &ExistsFn);
}

}  // namespace stratus::states::jsonata
