// String functions: $string, $length, $substring, $substringBefore,
// $substringAfter, $uppercase, $lowercase, $trim, $pad, $contains, $split,
// $join, $match, $replace, $base64encode, $base64decode, $encodeUrl,
// $encodeUrlComponent, $decodeUrl, $decodeUrlComponent, $eval.

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "base/digest.h"
#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/evaluator_internal.h"
#include "states/jsonata/regex_internal.h"
#include "states/jsonata/stringify_internal.h"
#include "states/jsonata/utf8_internal.h"

namespace stratus::states::jsonata {
namespace {

const std::string& Str(const Value& value) {
  return value.AsString();
}

// JavaScript's Array.prototype.slice index normalisation.
size_t SliceIndex(double index, size_t length) {
  const auto n = static_cast<double>(length);
  double i = std::trunc(index);
  if (i < 0) {
    i = std::max(n + i, 0.0);
  } else {
    i = std::min(i, n);
  }
  return static_cast<size_t>(i);
}

std::u32string Slice(const std::u32string& text, double start, double end) {
  const size_t from = SliceIndex(start, text.size());
  const size_t to = SliceIndex(end, text.size());
  return to > from ? text.substr(from, to - from) : std::u32string();
}

const CompiledRegex* AsRegex(const Value& value) {
  if (value.is_function() && value.function().kind() == FunctionKind::kRegex) {
    return &static_cast<const RegexFunction&>(value.function()).regex();
  }
  return nullptr;
}

Status NotAMatcher(std::string_view function) {
  return JsonataError("T1010", {.token = std::string(function)});
}

size_t LimitOf(const Value& limit) {
  if (limit.undefined()) {
    return std::numeric_limits<size_t>::max();
  }
  const double value = std::ceil(limit.AsNumber());
  return value >= 1e15 ? std::numeric_limits<size_t>::max() : static_cast<size_t>(value);
}

Json MatchObject(const std::string& text, const RegexMatch& match) {
  Json groups = Json::array();
  for (const auto& group : match.groups) {
    groups.push_back(group.value_or(""));
  }
  return Json{{"match", match.text},
              {"index", CodePointOffset(text, match.start)},
              {"start", CodePointOffset(text, match.start)},
              {"end", CodePointOffset(text, match.end)},
              {"groups", std::move(groups)}};
}

Result<Value> StringFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  const bool pretty = !args[1].undefined() && args[1].AsBoolean();
  STRATUS_ASSIGN_OR_RETURN(std::string text, CastToString(args[0], pretty));
  return Value::String(std::move(text));
}

Result<Value> LengthFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  return Value::Number(static_cast<double>(DecodeUtf8(Str(args[0])).size()));
}

Result<Value> SubstringFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  const std::u32string text = DecodeUtf8(Str(args[0]));
  const auto length = static_cast<double>(text.size());
  double start = args[1].AsNumber();
  if (length + start < 0) {
    start = 0;
  }
  if (!args[2].undefined()) {
    const double count = args[2].AsNumber();
    if (count <= 0) {
      return Value::String("");
    }
    const double end = start >= 0 ? start + count : length + start + count;
    return Value::String(EncodeUtf8(Slice(text, start, end)));
  }
  return Value::String(EncodeUtf8(Slice(text, start, length)));
}

Result<Value> SubstringBeforeFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  const std::string& text = Str(args[0]);
  const size_t position = text.find(Str(args[1]));
  return position == std::string::npos ? args[0] : Value::String(text.substr(0, position));
}

Result<Value> SubstringAfterFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  const std::string& text = Str(args[0]);
  const std::string& chars = Str(args[1]);
  const size_t position = text.find(chars);
  return position == std::string::npos ? args[0]
                                       : Value::String(text.substr(position + chars.size()));
}

Result<Value> UppercaseFn(CallContext&, std::vector<Value>& args) {
  return args[0].undefined() ? Value() : Value::String(ToUpperUtf8(Str(args[0])));
}

Result<Value> LowercaseFn(CallContext&, std::vector<Value>& args) {
  return args[0].undefined() ? Value() : Value::String(ToLowerUtf8(Str(args[0])));
}

Result<Value> TrimFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  std::string out;
  bool in_space = false;
  for (char c : Str(args[0])) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) {
      out.push_back(' ');
    }
    in_space = false;
    out.push_back(c);
  }
  return Value::String(std::move(out));
}

Result<Value> PadFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  const std::string& text = Str(args[0]);
  std::u32string pad_char = U" ";
  if (!args[2].undefined() && !Str(args[2]).empty()) {
    pad_char = DecodeUtf8(Str(args[2]));
  }
  const double width = std::trunc(args[1].AsNumber());
  const double pad_length = std::abs(width) - static_cast<double>(DecodeUtf8(text).size());
  if (pad_length <= 0) {
    return args[0];
  }
  std::u32string padding;
  const auto count = static_cast<size_t>(pad_length);
  while (padding.size() < count) {
    padding += pad_char;
  }
  padding.resize(count);
  const std::string pad = EncodeUtf8(padding);
  return Value::String(width > 0 ? text + pad : pad + text);
}

Result<Value> ContainsFn(CallContext& context, std::vector<Value>& args) {
  if (args[0].undefined() || args[1].undefined()) {
    return Value();
  }
  const std::string& text = Str(args[0]);
  if (args[1].IsString()) {
    return Value::Boolean(text.find(Str(args[1])) != std::string::npos);
  }
  if (const CompiledRegex* regex = AsRegex(args[1]); regex != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<RegexMatch> match, regex->Find(text, 0));
    return Value::Boolean(match.has_value());
  }
  STRATUS_ASSIGN_OR_RETURN(Value match,
                           context.evaluator.Apply(args[1], {args[0]}, Value(), context.env));
  return Value::Boolean(!match.undefined());
}

Result<Value> SplitFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  if (!args[2].undefined() && args[2].AsNumber() < 0) {
    return JsonataError("D3020", {.value = args[2].json()});
  }
  const size_t limit = LimitOf(args[2]);
  const std::string& text = Str(args[0]);
  std::vector<Value> parts;
  if (limit == 0) {
    return MakeArray({});
  }
  if (args[1].IsString()) {
    // JavaScript's String.prototype.split truncates the limit.
    const size_t string_limit =
        args[2].undefined() ? limit : static_cast<size_t>(std::trunc(args[2].AsNumber()));
    if (string_limit == 0) {
      return MakeArray({});
    }
    const std::string& separator = Str(args[1]);
    if (separator.empty()) {
      const std::u32string chars = DecodeUtf8(text);
      for (size_t i = 0; i < chars.size() && parts.size() < string_limit; ++i) {
        parts.push_back(Value::String(EncodeUtf8(chars.substr(i, 1))));
      }
    } else {
      size_t start = 0;
      while (parts.size() < string_limit) {
        const size_t found = text.find(separator, start);
        if (found == std::string::npos) {
          parts.push_back(Value::String(text.substr(start)));
          break;
        }
        parts.push_back(Value::String(text.substr(start, found - start)));
        start = found + separator.size();
      }
    }
    return MakeArray(std::move(parts));
  }
  const CompiledRegex* regex = AsRegex(args[1]);
  if (regex == nullptr) {
    return NotAMatcher("split");
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<RegexMatch> matches, regex->FindAll(text, limit));
  size_t start = 0;
  for (const RegexMatch& match : matches) {
    parts.push_back(Value::String(text.substr(start, match.start - start)));
    start = match.end;
  }
  if (matches.size() < limit) {
    parts.push_back(Value::String(text.substr(start)));
  }
  return MakeArray(std::move(parts));
}

Result<Value> JoinFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  const std::string separator = args[1].undefined() ? std::string() : Str(args[1]);
  std::string out;
  const size_t size = args[0].ArraySize();
  for (size_t i = 0; i < size; ++i) {
    if (i > 0) {
      out += separator;
    }
    out += args[0].ArrayAt(i).AsString();
  }
  return Value::String(std::move(out));
}

Result<Value> MatchFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  if (!args[2].undefined() && args[2].AsNumber() < 0) {
    return JsonataError("D3040", {.value = args[2].json()});
  }
  const CompiledRegex* regex = AsRegex(args[1]);
  if (regex == nullptr) {
    return NotAMatcher("match");
  }
  const std::string& text = Str(args[0]);
  auto result = NewSequence();
  const size_t limit = LimitOf(args[2]);
  if (limit > 0) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<RegexMatch> matches, regex->FindAll(text, limit));
    for (const RegexMatch& match : matches) {
      Json groups = Json::array();
      for (const auto& group : match.groups) {
        groups.push_back(group.value_or(""));
      }
      result->items.push_back(Value::Own(Json{{"match", match.text},
                                              {"index", CodePointOffset(text, match.start)},
                                              {"groups", std::move(groups)}}));
    }
  }
  return Value::FromSequence(std::move(result));
}

// Expands $0, $1.. and $$ in a replacement string (jsonata-js semantics).
std::string ExpandReplacement(const std::string& replacement, const RegexMatch& match) {
  std::string out;
  size_t position = 0;
  size_t index = replacement.find('$');
  while (index != std::string::npos && position < replacement.size()) {
    out += replacement.substr(position, index - position);
    position = index + 1;
    const char next = position < replacement.size() ? replacement[position] : '\0';
    if (next == '$') {
      out.push_back('$');
      ++position;
    } else if (next == '0') {
      out += match.text;
      ++position;
    } else {
      const size_t num_groups = match.groups.size();
      const size_t max_digits =
          num_groups == 0 ? 1 : static_cast<size_t>(std::floor(std::log10(num_groups))) + 1;
      auto parse_digits = [&](size_t digits) -> long {
        long value = -1;
        for (size_t k = 0; k < digits && position + k < replacement.size(); ++k) {
          const char c = replacement[position + k];
          if (c < '0' || c > '9') {
            break;
          }
          value = (value < 0 ? 0 : value * 10) + (c - '0');
        }
        return value;
      };
      long group = parse_digits(max_digits);
      if (max_digits > 1 && group > static_cast<long>(num_groups)) {
        group = parse_digits(max_digits - 1);
      }
      if (group >= 0) {
        if (num_groups > 0 && group >= 1 && static_cast<size_t>(group) <= num_groups) {
          out += match.groups[static_cast<size_t>(group) - 1].value_or("");
        }
        position += std::to_string(group).size();
      } else {
        out.push_back('$');
      }
    }
    index = replacement.find('$', position);
  }
  if (position < replacement.size()) {
    out += replacement.substr(position);
  }
  return out;
}

Result<Value> ReplaceFn(CallContext& context, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  if (args[1].IsString() && Str(args[1]).empty()) {
    return JsonataError("D3010", {.value = ""});
  }
  if (!args[3].undefined() && args[3].AsNumber() < 0) {
    return JsonataError("D3011", {.value = args[3].json()});
  }
  const std::string& text = Str(args[0]);
  const size_t limit = LimitOf(args[3]);
  if (args[1].IsString()) {
    if (!args[2].IsString()) {
      return JsonataError("D3012", {.value = ToJsonLenient(args[2])});
    }
    const std::string& pattern = Str(args[1]);
    const std::string& replacement = Str(args[2]);
    std::string out;
    size_t position = 0;
    size_t count = 0;
    for (size_t found = text.find(pattern); found != std::string::npos && count < limit;
         found = text.find(pattern, position)) {
      out += text.substr(position, found - position);
      out += replacement;
      position = found + pattern.size();
      ++count;
    }
    out += text.substr(position);
    return Value::String(std::move(out));
  }
  const CompiledRegex* regex = AsRegex(args[1]);
  if (regex == nullptr) {
    return NotAMatcher("replace");
  }
  if (limit == 0) {
    return args[0];
  }
  STRATUS_ASSIGN_OR_RETURN(std::vector<RegexMatch> matches, regex->FindAll(text, limit));
  std::string out;
  size_t position = 0;
  for (const RegexMatch& match : matches) {
    out += text.substr(position, match.start - position);
    if (args[2].IsString()) {
      out += ExpandReplacement(Str(args[2]), match);
    } else {
      STRATUS_ASSIGN_OR_RETURN(
          Value replaced, context.evaluator.Apply(args[2], {Value::Own(MatchObject(text, match))},
                                                  Value(), context.env));
      if (!replaced.IsString()) {
        return JsonataError("D3012", {.value = ToJsonLenient(replaced)});
      }
      out += Str(replaced);
    }
    position = match.end;
  }
  out += text.substr(position);
  return Value::String(std::move(out));
}

Result<Value> Base64EncodeFn(CallContext&, std::vector<Value>& args) {
  return args[0].undefined() ? Value() : Value::String(Base64Encode(Str(args[0])));
}

Result<Value> Base64DecodeFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  std::string decoded;
  if (!Base64Decode(Str(args[0]), &decoded)) {
    return Value::String("");
  }
  return Value::String(std::move(decoded));
}

bool IsUnreserved(unsigned char c, bool component) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
    return true;
  }
  static constexpr std::string_view kMarks = "-_.!~*'()";
  static constexpr std::string_view kReserved = ";,/?:@&=+$#";
  return kMarks.find(static_cast<char>(c)) != std::string_view::npos ||
         (!component && kReserved.find(static_cast<char>(c)) != std::string_view::npos);
}

Result<Value> EncodeUrl(const Value& arg, bool component) {
  if (arg.undefined()) {
    return Value();
  }
  const std::string& text = Str(arg);
  if (!IsValidUtf8(text)) {
    return JsonataError(
        "D3140", {.value = text, .function_name = component ? "encodeUrlComponent" : "encodeUrl"});
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c, component)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return Value::String(std::move(out));
}

Result<Value> DecodeUrl(const Value& arg, bool component) {
  if (arg.undefined()) {
    return Value();
  }
  const std::string& text = Str(arg);
  const char* name = component ? "decodeUrlComponent" : "decodeUrl";
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size() + 0 || HexDigitValue(text[i + 1]) < 0 ||
        HexDigitValue(text[i + 2]) < 0) {
      return JsonataError("D3140", {.value = text, .function_name = name});
    }
    const auto byte =
        static_cast<unsigned char>(HexDigitValue(text[i + 1]) * 16 + HexDigitValue(text[i + 2]));
    if (!component && byte < 0x80 && IsUnreserved(byte, false) && !IsUnreserved(byte, true)) {
      out.append(text, i, 3);  // decodeURI keeps escaped reserved characters
    } else {
      out.push_back(static_cast<char>(byte));
    }
    i += 2;
  }
  if (!IsValidUtf8(out)) {
    return JsonataError("D3140", {.value = text, .function_name = name});
  }
  return Value::String(std::move(out));
}

Result<Value> EncodeUrlFn(CallContext&, std::vector<Value>& args) {
  return EncodeUrl(args[0], false);
}

Result<Value> EncodeUrlComponentFn(CallContext&, std::vector<Value>& args) {
  return EncodeUrl(args[0], true);
}

Result<Value> DecodeUrlFn(CallContext&, std::vector<Value>& args) {
  return DecodeUrl(args[0], false);
}

Result<Value> DecodeUrlComponentFn(CallContext&, std::vector<Value>& args) {
  return DecodeUrl(args[0], true);
}

Result<Value> EvalFn(CallContext& context, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  Value input = context.input;
  if (!args[1].undefined()) {
    input = args[1];
    if (input.is_json() && input.json().is_array()) {
      auto wrapper = NewSequence();
      wrapper->items.push_back(input);
      wrapper->outer_wrapper = true;
      input = Value::FromSequence(std::move(wrapper));
    }
  }
  return context.evaluator.EvaluateText(Str(args[0]), input, context.env);
}

}  // namespace

namespace {

bool HasNonFinite(const Json& json) {
  if (json.is_number_float()) {
    return !std::isfinite(json.get<double>());
  }
  if (json.is_structured()) {
    for (const Json& child : json) {
      if (HasNonFinite(child)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

Result<std::string> CastToString(const Value& value, bool pretty) {
  if (value.IsString()) {
    return value.AsString();
  }
  if (value.is_function()) {
    return std::string();
  }
  if (value.IsNumber() && !std::isfinite(value.AsNumber())) {
    return JsonataError("D3001", {.value = value.json()});
  }
  Value target = value;
  if (value.is_sequence() && value.sequence().outer_wrapper && !value.sequence().items.empty()) {
    target = value.sequence().items[0];
  }
  const Json converted = target.is_json() ? Json() : ToJsonLenient(target);
  const Json& json = target.is_json() ? target.json() : converted;
  if (HasNonFinite(json)) {
    return JsonataError("D1001", {.value = "Infinity"});
  }
  return Stringify(json, {.pretty = pretty, .precision15 = true});
}

void RegisterStringFunctions(BuiltinRegistry& registry) {
  registry.Add("string", "<x-b?:s>", 1, &StringFn);
  registry.Add("length", "<s-:n>", 1, &LengthFn);
  registry.Add("substring", "<s-nn?:s>", 3, &SubstringFn);
  registry.Add("substringBefore", "<s-s:s>", 2, &SubstringBeforeFn);
  registry.Add("substringAfter", "<s-s:s>", 2, &SubstringAfterFn);
  registry.Add("uppercase", "<s-:s>", 1, &UppercaseFn);
  registry.Add("lowercase", "<s-:s>", 1, &LowercaseFn);
  registry.Add("trim", "<s-:s>", 1, &TrimFn);
  registry.Add("pad", "<s-ns?:s>", 3, &PadFn);
  registry.Add("contains", "<s-(sf):b>", 2, &ContainsFn);
  registry.Add("split", "<s-(sf)n?:a<s>>", 3, &SplitFn);
  registry.Add("join", "<a<s>s?:s>", 2, &JoinFn);
  registry.Add("match", "<s-f<s:o>n?:a<o>>", 3, &MatchFn);
  registry.Add("replace", "<s-(sf)(sf)n?:s>", 4, &ReplaceFn);
  registry.Add("base64encode", "<s-:s>", 1, &Base64EncodeFn);
  registry.Add("base64decode", "<s-:s>", 1, &Base64DecodeFn);
  registry.Add("encodeUrl", "<s-:s>", 1, &EncodeUrlFn);
  registry.Add("encodeUrlComponent", "<s-:s>", 1, &EncodeUrlComponentFn);
  registry.Add("decodeUrl", "<s-:s>", 1, &DecodeUrlFn);
  registry.Add("decodeUrlComponent", "<s-:s>", 1, &DecodeUrlComponentFn);
  registry.Add("eval", "<sx?:x>", 2, &EvalFn);
}

}  // namespace stratus::states::jsonata
