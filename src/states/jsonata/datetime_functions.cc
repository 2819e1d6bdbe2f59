// Date/time functions: $now, $millis, $fromMillis, $toMillis. The current
// time comes from the bindings' clock and is fixed for one evaluation.

#include <cmath>
#include <string>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/datetime_format_internal.h"
#include "states/jsonata/evaluator_internal.h"

namespace stratus::states::jsonata {
namespace {

std::optional<std::string_view> OptionalString(const Value& value) {
  if (value.undefined()) {
    return std::nullopt;
  }
  return std::string_view(value.AsString());
}

Result<Value> NowFn(CallContext& context, std::vector<Value>& args) {
  STRATUS_ASSIGN_OR_RETURN(int64_t now, context.evaluator.NowMillis());
  STRATUS_ASSIGN_OR_RETURN(
      std::string text,
      FormatDateTime(static_cast<double>(now), OptionalString(args[0]), OptionalString(args[1])));
  return Value::String(std::move(text));
}

Result<Value> MillisFn(CallContext& context, std::vector<Value>&) {
  STRATUS_ASSIGN_OR_RETURN(int64_t now, context.evaluator.NowMillis());
  return Value::Number(static_cast<double>(now));
}

Result<Value> FromMillisFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  STRATUS_ASSIGN_OR_RETURN(
      std::string text,
      FormatDateTime(args[0].AsNumber(), OptionalString(args[1]), OptionalString(args[2])));
  return Value::String(std::move(text));
}

Result<Value> ToMillisFn(CallContext& context, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  if (args[1].undefined()) {
    STRATUS_ASSIGN_OR_RETURN(double millis, ParseIso8601(args[0].AsString()));
    return std::isfinite(millis) ? Value::Number(millis) : Value();
  }
  // Missing leading components default to now; without a clock they are NaN
  // and the result is undefined.
  Result<int64_t> now = context.evaluator.NowMillis();
  const double now_millis = now.ok() ? static_cast<double>(*now) : std::nan("");
  STRATUS_ASSIGN_OR_RETURN(std::optional<double> millis,
                           ParseDateTime(args[0].AsString(), args[1].AsString(), now_millis));
  return millis.has_value() ? Value::Number(*millis) : Value();
}

}  // namespace

void RegisterDateTimeFunctions(BuiltinRegistry& registry) {
  registry.Add("now", "<s?s?:s>", 2, &NowFn);
  registry.Add("millis", "<:n>", 0, &MillisFn);
  registry.Add("fromMillis", "<n-s?s?:s>", 3, &FromMillisFn);
  registry.Add("toMillis", "<s-s?:n>", 2, &ToMillisFn);
}

}  // namespace stratus::states::jsonata
