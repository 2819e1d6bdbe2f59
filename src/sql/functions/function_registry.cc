#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "base/check.h"
#include "base/format.h"
#include "sql/functions/coercion.h"
#include "sql/functions/function.h"
#include "sql/functions/registry_internal.h"
#include "sql/types/sql_error.h"
#include "sql/types/type_names.h"

namespace stratus::sql::functions {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

// Splits "K,V" at top-level commas.
std::vector<std::string_view> SplitTopLevel(std::string_view text) {
  std::vector<std::string_view> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') {
      ++depth;
    } else if (text[i] == ')') {
      --depth;
    } else if (text[i] == ',' && depth == 0) {
      parts.push_back(Trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(Trim(text.substr(start)));
  return parts;
}

using Bindings = std::map<char, LogicalType>;

bool CollectVariables(const TypePattern& pattern, const LogicalType& actual, Bindings* bindings) {
  switch (pattern.form) {
    case TypePattern::Form::kVariable: {
      auto it = bindings->find(pattern.variable);
      if (it == bindings->end()) {
        bindings->emplace(pattern.variable, actual);
        return true;
      }
      std::optional<LogicalType> super = CommonSuperType(it->second, actual);
      if (!super.has_value()) {
        return false;
      }
      it->second = *super;
      return true;
    }
    case TypePattern::Form::kArray:
      if (actual.kind() == TypeKind::kUnknown) {
        return true;
      }
      return actual.kind() == TypeKind::kArray &&
             CollectVariables(pattern.children[0], actual.child(0), bindings);
    case TypePattern::Form::kMap:
      if (actual.kind() == TypeKind::kUnknown) {
        return true;
      }
      return actual.kind() == TypeKind::kMap &&
             CollectVariables(pattern.children[0], actual.child(0), bindings) &&
             CollectVariables(pattern.children[1], actual.child(1), bindings);
    case TypePattern::Form::kExact:
    case TypePattern::Form::kAnyParameters:
    case TypePattern::Form::kAny:
      return true;
  }
  return false;
}

bool SatisfiesConstraints(const TypePattern& pattern, const Bindings& bindings) {
  if (pattern.form == TypePattern::Form::kVariable) {
    const LogicalType& type = bindings.at(pattern.variable);
    if (type.kind() == TypeKind::kUnknown) {
      return true;
    }
    switch (pattern.constraint) {
      case TypeConstraint::kAny:
        return true;
      case TypeConstraint::kComparable:
        return IsComparableType(type);
      case TypeConstraint::kOrderable:
        return IsOrderableType(type);
    }
  }
  return std::all_of(
      pattern.children.begin(), pattern.children.end(),
      [&](const TypePattern& child) { return SatisfiesConstraints(child, bindings); });
}

// The type of `kind` with parameters that `actual` coerces to.
std::optional<LogicalType> BindParameters(const LogicalType& kind_type, const LogicalType& actual) {
  if (actual.kind() == kind_type.kind()) {
    return actual;
  }
  const bool unknown = actual.kind() == TypeKind::kUnknown;
  switch (kind_type.kind()) {
    case TypeKind::kDecimal:
      switch (actual.kind()) {
        case TypeKind::kTinyint:
          return LogicalType::Decimal(3, 0);
        case TypeKind::kSmallint:
          return LogicalType::Decimal(5, 0);
        case TypeKind::kInteger:
          return LogicalType::Decimal(10, 0);
        case TypeKind::kBigint:
          return LogicalType::Decimal(19, 0);
        case TypeKind::kUnknown:
          return LogicalType::Decimal(1, 0);
        default:
          return std::nullopt;
      }
    case TypeKind::kVarchar:
      if (actual.kind() == TypeKind::kChar) {
        return LogicalType::Varchar(actual.length());
      }
      return unknown ? std::optional(LogicalType::Varchar()) : std::nullopt;
    case TypeKind::kChar:
      if (actual.kind() == TypeKind::kVarchar) {
        return LogicalType::Char(actual.length() == LogicalType::kUnboundedLength
                                     ? 65536
                                     : std::max(actual.length(), 1));
      }
      return unknown ? std::optional(LogicalType::Char(1)) : std::nullopt;
    case TypeKind::kTimestamp:
      if (actual.kind() == TypeKind::kDate || unknown) {
        return LogicalType::Timestamp();
      }
      return std::nullopt;
    case TypeKind::kTimestampWithTimeZone:
      if (actual.kind() == TypeKind::kTimestamp) {
        return LogicalType::TimestampWithTimeZone(actual.precision());
      }
      if (actual.kind() == TypeKind::kDate || unknown) {
        return LogicalType::TimestampWithTimeZone();
      }
      return std::nullopt;
    default:
      return unknown ? std::optional(kind_type) : std::nullopt;
  }
}

std::optional<LogicalType> Substitute(const TypePattern& pattern,
                                      const LogicalType& actual,
                                      const Bindings& bindings) {
  switch (pattern.form) {
    case TypePattern::Form::kExact:
      return pattern.type;
    case TypePattern::Form::kAny:
      return actual;
    case TypePattern::Form::kAnyParameters:
      return BindParameters(pattern.type, actual);
    case TypePattern::Form::kVariable:
      return bindings.at(pattern.variable);
    case TypePattern::Form::kArray: {
      const LogicalType element =
          actual.kind() == TypeKind::kArray ? actual.child(0) : LogicalType::Unknown();
      std::optional<LogicalType> child = Substitute(pattern.children[0], element, bindings);
      if (!child.has_value()) {
        return std::nullopt;
      }
      return LogicalType::Array(*child);
    }
    case TypePattern::Form::kMap: {
      const bool is_map = actual.kind() == TypeKind::kMap;
      std::optional<LogicalType> key = Substitute(
          pattern.children[0], is_map ? actual.child(0) : LogicalType::Unknown(), bindings);
      std::optional<LogicalType> value = Substitute(
          pattern.children[1], is_map ? actual.child(1) : LogicalType::Unknown(), bindings);
      if (!key.has_value() || !value.has_value()) {
        return std::nullopt;
      }
      return LogicalType::Map(*key, *value);
    }
  }
  return std::nullopt;
}

// Reports unbound variables (every argument they stand for was absent) as unknown.
void BindMissing(const TypePattern& pattern, Bindings* bindings) {
  if (pattern.form == TypePattern::Form::kVariable) {
    bindings->emplace(pattern.variable, LogicalType::Unknown());
  }
  for (const TypePattern& child : pattern.children) {
    BindMissing(child, bindings);
  }
}

bool AtLeastAsSpecific(const SignatureMatch& a, const SignatureMatch& b) {
  for (size_t i = 0; i < a.bound.size(); ++i) {
    if (a.bound[i] != b.bound[i] && !CanCoerce(a.bound[i], b.bound[i])) {
      return false;
    }
  }
  return true;
}

std::string_view OperatorSymbol(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kSymbols[] = {
      {kAddOperator, "+"},
      {kSubtractOperator, "-"},
      {kMultiplyOperator, "*"},
      {kDivideOperator, "/"},
      {kModulusOperator, "%"},
      {kEqualOperator, "="},
      {kNotEqualOperator, "<>"},
      {kLessThanOperator, "<"},
      {kLessThanOrEqualOperator, "<="},
      {kGreaterThanOperator, ">"},
      {kGreaterThanOrEqualOperator, ">="},
      {kIsDistinctFromOperator, "IS DISTINCT FROM"},
      {kLikeOperator, "LIKE"},
      {kSubscriptOperator, "[]"},
  };
  for (const auto& [operator_name, symbol] : kSymbols) {
    if (operator_name == name) {
      return symbol;
    }
  }
  return name;
}

std::string JoinTypes(std::span<const LogicalType> types) {
  std::string text;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) {
      text += ", ";
    }
    text += types[i].ToString();
  }
  return text;
}

Status NoMatchError(std::string_view name,
                    std::span<const LogicalType> types,
                    const std::vector<const Signature*>& signatures) {
  if (!name.empty() && name.front() == '$') {
    if (name == kNegateOperator && types.size() == 1) {
      return SqlError(kTypeMismatch, Format("Cannot negate {}", types[0].ToString()));
    }
    if (types.size() == 2) {
      return SqlError(kTypeMismatch, Format("Cannot apply operator: {} {} {}", types[0].ToString(),
                                            OperatorSymbol(name), types[1].ToString()));
    }
    return SqlError(kTypeMismatch, Format("Cannot apply operator: {}({})", OperatorSymbol(name),
                                          JoinTypes(types)));
  }
  std::string expected;
  for (const Signature* signature : signatures) {
    if (!expected.empty()) {
      expected += ", ";
    }
    expected += Format("{}({})", name, signature->argument_text);
  }
  return SqlError(kFunctionNotFound, Format("Unexpected parameters ({}) for function {}. "
                                            "Expected: {}",
                                            JoinTypes(types), name, expected));
}

// Resolves `name` among overloads of any kind (scalar, aggregate, window).
template <typename Overload>
Result<std::pair<const Overload*, std::vector<LogicalType>>> Resolve(
    const std::unordered_map<std::string, std::vector<Overload>>& table,
    std::string_view name,
    std::span<const LogicalType> types) {
  auto it = table.find(Lower(name));
  if (it == table.end()) {
    return SqlError(kFunctionNotFound, Format("Function '{}' not registered", name));
  }
  std::vector<SignatureMatch> matches;
  std::vector<const Overload*> matched;
  std::vector<const Signature*> signatures;
  for (const Overload& overload : it->second) {
    signatures.push_back(&overload.signature);
    std::optional<SignatureMatch> match = MatchSignature(overload.signature, types);
    if (match.has_value()) {
      matches.push_back(std::move(*match));
      matched.push_back(&overload);
    }
  }
  std::optional<size_t> best = SelectBestMatch(matches);
  if (!best.has_value()) {
    return NoMatchError(it->first, types, signatures);
  }
  return std::make_pair(matched[*best], std::move(matches[*best].bound));
}

template <typename Overload>
void AppendInfos(const std::unordered_map<std::string, std::vector<Overload>>& table,
                 std::string_view function_type,
                 std::vector<FunctionInfo>* infos) {
  for (const auto& [name, overloads] : table) {
    if (name.front() == '$') {
      continue;
    }
    for (const Overload& overload : overloads) {
      FunctionInfo info;
      info.name = name;
      info.return_type = overload.signature.return_text;
      info.argument_types = overload.signature.argument_text;
      info.function_type = std::string(function_type);
      info.description = overload.description;
      if constexpr (std::is_same_v<Overload, ScalarOverload>) {
        info.deterministic = overload.deterministic;
      }
      infos->push_back(std::move(info));
    }
  }
}

}  // namespace

TypePattern ParseTypePattern(std::string_view text) {
  text = Trim(text);
  TypePattern pattern;
  const std::string lower = Lower(text);
  if (lower.starts_with("array(") && lower.ends_with(")")) {
    pattern.form = TypePattern::Form::kArray;
    pattern.children.push_back(ParseTypePattern(text.substr(6, text.size() - 7)));
    return pattern;
  }
  if (lower.starts_with("map(") && lower.ends_with(")")) {
    pattern.form = TypePattern::Form::kMap;
    for (std::string_view part : SplitTopLevel(text.substr(4, text.size() - 5))) {
      pattern.children.push_back(ParseTypePattern(part));
    }
    STRATUS_CHECK(pattern.children.size() == 2, "bad map pattern {}", text);
    return pattern;
  }
  if (!text.empty() && std::isupper(static_cast<unsigned char>(text[0])) &&
      (text.size() == 1 || text[1] == ':')) {
    pattern.form = TypePattern::Form::kVariable;
    pattern.variable = text[0];
    if (text.ends_with(":comparable")) {
      pattern.constraint = TypeConstraint::kComparable;
    } else if (text.ends_with(":orderable")) {
      pattern.constraint = TypeConstraint::kOrderable;
    }
    return pattern;
  }
  if (lower == "any") {
    pattern.form = TypePattern::Form::kAny;
    return pattern;
  }
  if (lower == "decimal") {
    pattern.form = TypePattern::Form::kAnyParameters;
    pattern.type = LogicalType::Decimal(38, 0);
    return pattern;
  }
  if (lower == "varchar") {
    pattern.form = TypePattern::Form::kAnyParameters;
    pattern.type = LogicalType::Varchar();
    return pattern;
  }
  if (lower == "char") {
    pattern.form = TypePattern::Form::kAnyParameters;
    pattern.type = LogicalType::Char(1);
    return pattern;
  }
  if (lower == "timestamp") {
    pattern.form = TypePattern::Form::kAnyParameters;
    pattern.type = LogicalType::Timestamp();
    return pattern;
  }
  if (lower == "timestamptz") {
    pattern.form = TypePattern::Form::kAnyParameters;
    pattern.type = LogicalType::TimestampWithTimeZone();
    return pattern;
  }
  Result<LogicalType> type = ParseTrinoType(text);
  STRATUS_CHECK(type.ok(), "bad type pattern {}", text);
  pattern.type = *type;
  return pattern;
}

bool IsComparableType(const LogicalType& type) {
  switch (type.kind()) {
    case TypeKind::kArray:
      return IsComparableType(type.child(0));
    case TypeKind::kMap:
      return IsComparableType(type.child(0)) && IsComparableType(type.child(1));
    case TypeKind::kRow:
      return std::all_of(type.children().begin(), type.children().end(),
                         [](const RowField& field) { return IsComparableType(field.type); });
    default:
      return true;
  }
}

bool IsOrderableType(const LogicalType& type) {
  switch (type.kind()) {
    case TypeKind::kMap:
    case TypeKind::kJson:
      return false;
    case TypeKind::kArray:
      return IsOrderableType(type.child(0));
    case TypeKind::kRow:
      return std::all_of(type.children().begin(), type.children().end(),
                         [](const RowField& field) { return IsOrderableType(field.type); });
    default:
      return true;
  }
}

Signature MakeSignature(const ScalarSpec& spec) {
  Signature signature;
  signature.variadic = spec.variadic;
  for (size_t i = 0; i < spec.arguments.size(); ++i) {
    signature.arguments.push_back(ParseTypePattern(spec.arguments[i]));
    if (i > 0) {
      signature.argument_text += ", ";
    }
    std::string_view text = spec.arguments[i];
    text = text.substr(0, text.find(':'));
    signature.argument_text += std::string(text);
  }
  if (spec.variadic) {
    signature.argument_text += "...";
  }
  signature.return_text = std::string(spec.returns);
  return signature;
}

std::optional<SignatureMatch> MatchSignature(const Signature& signature,
                                             std::span<const LogicalType> actual) {
  const size_t num_patterns = signature.arguments.size();
  if (signature.variadic ? actual.size() + 1 < num_patterns : actual.size() != num_patterns) {
    return std::nullopt;
  }
  if (num_patterns == 0 && !actual.empty()) {
    return std::nullopt;
  }
  auto pattern_of = [&](size_t i) -> const TypePattern& {
    return signature.arguments[std::min(i, num_patterns - 1)];
  };
  Bindings bindings;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (!CollectVariables(pattern_of(i), actual[i], &bindings)) {
      return std::nullopt;
    }
  }
  for (const TypePattern& pattern : signature.arguments) {
    BindMissing(pattern, &bindings);
    if (!SatisfiesConstraints(pattern, bindings)) {
      return std::nullopt;
    }
  }
  SignatureMatch match;
  for (size_t i = 0; i < actual.size(); ++i) {
    std::optional<LogicalType> bound = Substitute(pattern_of(i), actual[i], bindings);
    if (!bound.has_value()) {
      return std::nullopt;
    }
    if (*bound != actual[i]) {
      if (!CanCoerce(actual[i], *bound)) {
        return std::nullopt;
      }
      ++match.num_coercions;
    }
    match.bound.push_back(std::move(*bound));
  }
  return match;
}

std::optional<size_t> SelectBestMatch(const std::vector<SignatureMatch>& matches) {
  for (size_t i = 0; i < matches.size(); ++i) {
    if (matches[i].num_coercions == 0) {
      return i;
    }
  }
  std::optional<size_t> best;
  for (size_t i = 0; i < matches.size(); ++i) {
    bool dominated = false;
    for (size_t j = 0; j < matches.size() && !dominated; ++j) {
      dominated = j != i && AtLeastAsSpecific(matches[j], matches[i]) &&
                  !AtLeastAsSpecific(matches[i], matches[j]);
    }
    if (!dominated &&
        (!best.has_value() || matches[i].num_coercions < matches[*best].num_coercions)) {
      best = i;
    }
  }
  return best;
}

void FunctionRegistry::Impl::AddScalar(const ScalarSpec& spec, ScalarFactory factory) {
  scalars[std::string(spec.name)].push_back(ScalarOverload{
      .signature = MakeSignature(spec),
      .factory = std::move(factory),
      .description = std::string(spec.description),
      .deterministic = spec.deterministic,
  });
}

void FunctionRegistry::Impl::AddScalar(const ScalarSpec& spec, ScalarKernel kernel) {
  Result<LogicalType> return_type = ParseTrinoType(spec.returns);
  STRATUS_CHECK(return_type.ok(), "bad return type {}", spec.returns);
  const std::string name(spec.name);
  const bool deterministic = spec.deterministic;
  AddScalar(spec,
            [name, type = *return_type, kernel = std::move(kernel),
             deterministic](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
              return ScalarBinding{.name = name,
                                   .argument_types = bound,
                                   .return_type = type,
                                   .kernel = kernel,
                                   .deterministic = deterministic};
            });
}

void FunctionRegistry::Impl::AddAggregate(const ScalarSpec& spec, AggregateFactory factory) {
  aggregates[std::string(spec.name)].push_back(AggregateOverload{
      .signature = MakeSignature(spec),
      .factory = std::move(factory),
      .description = std::string(spec.description),
  });
}

void FunctionRegistry::Impl::AddWindow(const ScalarSpec& spec, WindowFactory factory) {
  windows[std::string(spec.name)].push_back(WindowOverload{
      .signature = MakeSignature(spec),
      .factory = std::move(factory),
      .description = std::string(spec.description),
  });
}

FunctionRegistry::FunctionRegistry() : impl_(std::make_unique<Impl>()) {}

FunctionRegistry::~FunctionRegistry() = default;

Result<std::shared_ptr<const ScalarBinding>> FunctionRegistry::ResolveScalar(
    std::string_view name, std::span<const LogicalType> argument_types) const {
  STRATUS_ASSIGN_OR_RETURN(auto resolved, Resolve(impl_->scalars, name, argument_types));
  STRATUS_ASSIGN_OR_RETURN(ScalarBinding binding, resolved.first->factory(resolved.second));
  if (binding.name.empty()) {
    binding.name = Lower(name);
  }
  binding.argument_types = std::move(resolved.second);
  binding.deterministic = binding.deterministic && resolved.first->deterministic;
  return std::make_shared<const ScalarBinding>(std::move(binding));
}

Result<std::shared_ptr<const AggregateBinding>> FunctionRegistry::ResolveAggregate(
    std::string_view name, std::span<const LogicalType> argument_types) const {
  STRATUS_ASSIGN_OR_RETURN(auto resolved, Resolve(impl_->aggregates, name, argument_types));
  STRATUS_ASSIGN_OR_RETURN(AggregateBinding binding, resolved.first->factory(resolved.second));
  if (binding.name.empty()) {
    binding.name = Lower(name);
  }
  binding.argument_types = std::move(resolved.second);
  return std::make_shared<const AggregateBinding>(std::move(binding));
}

Result<std::shared_ptr<const WindowBinding>> FunctionRegistry::ResolveWindow(
    std::string_view name, std::span<const LogicalType> argument_types) const {
  STRATUS_ASSIGN_OR_RETURN(auto resolved, Resolve(impl_->windows, name, argument_types));
  STRATUS_ASSIGN_OR_RETURN(WindowBinding binding, resolved.first->factory(resolved.second));
  if (binding.name.empty()) {
    binding.name = Lower(name);
  }
  binding.argument_types = std::move(resolved.second);
  return std::make_shared<const WindowBinding>(std::move(binding));
}

bool FunctionRegistry::IsAggregate(std::string_view name) const {
  return impl_->aggregates.contains(Lower(name));
}

bool FunctionRegistry::IsWindow(std::string_view name) const {
  return impl_->windows.contains(Lower(name));
}

bool FunctionRegistry::Exists(std::string_view name) const {
  const std::string lower = Lower(name);
  return impl_->scalars.contains(lower) || impl_->aggregates.contains(lower) ||
         impl_->windows.contains(lower);
}

std::vector<FunctionInfo> FunctionRegistry::List() const {
  std::vector<FunctionInfo> infos;
  AppendInfos(impl_->scalars, "scalar", &infos);
  AppendInfos(impl_->aggregates, "aggregate", &infos);
  AppendInfos(impl_->windows, "window", &infos);
  std::stable_sort(infos.begin(), infos.end(), [](const FunctionInfo& a, const FunctionInfo& b) {
    return a.name != b.name ? a.name < b.name : a.argument_types < b.argument_types;
  });
  return infos;
}

}  // namespace stratus::sql::functions
