// Number formatting functions: $formatNumber (XPath F&O 3.1 decimal-format
// pictures), $formatInteger and $parseInteger.

#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/integer_format_internal.h"
#include "states/jsonata/utf8_internal.h"

namespace stratus::states::jsonata {
namespace {

using U32 = std::u32string;
constexpr size_t kNpos = U32::npos;

struct DecimalFormat {
  char32_t decimal_separator = U'.';
  char32_t grouping_separator = U',';
  char32_t exponent_separator = U'e';
  char32_t minus_sign = U'-';
  char32_t percent = U'%';
  char32_t per_mille = U'\u2030';
  char32_t zero_digit = U'0';
  char32_t digit = U'#';
  char32_t pattern_separator = U';';
};

struct PictureParts {
  U32 prefix;
  U32 suffix;
  U32 active;
  U32 mantissa;
  std::optional<U32> exponent;
  U32 integer;
  U32 fractional;
  U32 picture;
};

struct PictureVariables {
  std::vector<int> integer_grouping;
  int regular_grouping = 0;
  int minimum_integer_size = 0;
  int scaling_factor = 0;
  U32 prefix;
  std::vector<int> fractional_grouping;
  int minimum_fractional_size = 0;
  int maximum_fractional_size = 0;
  int minimum_exponent_size = 0;
  U32 suffix;
  U32 picture;
};

bool Contains(const U32& text, char32_t c) {
  return text.find(c) != kNpos;
}

int Gcd(int a, int b) {
  return b == 0 ? a : Gcd(b, a % b);
}

class NumberFormatter {
 public:
  explicit NumberFormatter(DecimalFormat format) : f_(format) {
    for (char32_t c = f_.zero_digit; c < f_.zero_digit + 10; ++c) {
      digits_.push_back(c);
    }
    active_ = digits_ + U32{f_.decimal_separator, f_.exponent_separator, f_.grouping_separator,
                            f_.digit, f_.pattern_separator};
  }

  Result<std::string> Format(double value, const U32& picture) {
    std::vector<U32> sub_pictures;
    size_t start = 0;
    for (size_t at = picture.find(f_.pattern_separator); at != kNpos;
         at = picture.find(f_.pattern_separator, start)) {
      sub_pictures.push_back(picture.substr(start, at - start));
      start = at + 1;
    }
    sub_pictures.push_back(picture.substr(start));
    if (sub_pictures.size() > 2) {
      return JsonataError("D3080");
    }
    std::vector<PictureVariables> variables;
    for (const U32& sub : sub_pictures) {
      const PictureParts parts = Split(sub);
      STRATUS_RETURN_IF_ERROR(Validate(parts));
      variables.push_back(Analyse(parts));
    }
    if (variables.size() == 1) {
      variables.push_back(variables[0]);
      variables[1].prefix = U32(1, f_.minus_sign) + variables[1].prefix;
    }
    const PictureVariables& pic = value >= 0 ? variables[0] : variables[1];
    double adjusted = value;
    if (Contains(pic.picture, f_.percent)) {
      adjusted = value * 100;
    } else if (Contains(pic.picture, f_.per_mille)) {
      adjusted = value * 1000;
    }
    double mantissa = adjusted;
    std::optional<int> exponent;
    if (pic.minimum_exponent_size != 0) {
      const double max_mantissa = std::pow(10, pic.scaling_factor);
      const double min_mantissa = std::pow(10, pic.scaling_factor - 1);
      int e = 0;
      if (mantissa != 0) {
        while (std::abs(mantissa) < min_mantissa) {
          mantissa *= 10;
          --e;
        }
        while (std::abs(mantissa) > max_mantissa) {
          mantissa /= 10;
          ++e;
        }
      }
      exponent = e;
    }
    const double rounded = RoundHalfEven(mantissa, pic.maximum_fractional_size);
    U32 text = MakeString(rounded, pic.maximum_fractional_size);
    size_t decimal_position = text.find(U'.');
    if (decimal_position == kNpos) {
      text.push_back(f_.decimal_separator);
    } else {
      text[decimal_position] = f_.decimal_separator;
    }
    while (!text.empty() && text.front() == f_.zero_digit) {
      text.erase(0, 1);
    }
    while (!text.empty() && text.back() == f_.zero_digit) {
      text.pop_back();
    }
    decimal_position = text.find(f_.decimal_separator);
    const int pad_left = pic.minimum_integer_size - static_cast<int>(decimal_position);
    const int pad_right =
        pic.minimum_fractional_size - static_cast<int>(text.size() - decimal_position - 1);
    if (pad_left > 0) {
      text.insert(0, static_cast<size_t>(pad_left), f_.zero_digit);
    }
    if (pad_right > 0) {
      text.append(static_cast<size_t>(pad_right), f_.zero_digit);
    }
    decimal_position = text.find(f_.decimal_separator);
    if (pic.regular_grouping > 0) {
      const int groups = (static_cast<int>(decimal_position) - 1) / pic.regular_grouping;
      for (int group = 1; group <= groups; ++group) {
        text.insert(decimal_position - static_cast<size_t>(group * pic.regular_grouping), 1,
                    f_.grouping_separator);
      }
    } else {
      for (int position : pic.integer_grouping) {
        text.insert(decimal_position - static_cast<size_t>(position), 1, f_.grouping_separator);
        ++decimal_position;
      }
    }
    decimal_position = text.find(f_.decimal_separator);
    for (int position : pic.fractional_grouping) {
      text.insert(decimal_position + 1 + static_cast<size_t>(position), 1, f_.grouping_separator);
    }
    decimal_position = text.find(f_.decimal_separator);
    if (!Contains(pic.picture, f_.decimal_separator) || decimal_position == text.size() - 1) {
      text.pop_back();
    }
    if (exponent.has_value()) {
      U32 exponent_text = MakeString(*exponent, 0);
      const int pad = pic.minimum_exponent_size - static_cast<int>(exponent_text.size());
      if (pad > 0) {
        exponent_text.insert(0, static_cast<size_t>(pad), f_.zero_digit);
      }
      text.push_back(f_.exponent_separator);
      if (*exponent < 0) {
        text.push_back(f_.minus_sign);
      }
      text += exponent_text;
    }
    return EncodeUtf8(pic.prefix + text + pic.suffix);
  }

 private:
  bool IsActive(char32_t c) const { return Contains(active_, c); }

  bool IsDigit(char32_t c) const { return Contains(digits_, c); }

  U32 MakeString(double value, int decimals) const {
    char buffer[512];
    std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, std::abs(value));
    U32 text;
    for (const char* p = buffer; *p != '\0'; ++p) {
      text.push_back(*p >= '0' && *p <= '9' ? f_.zero_digit + static_cast<char32_t>(*p - '0')
                                            : static_cast<char32_t>(*p));
    }
    return text;
  }

  PictureParts Split(const U32& sub) const {
    PictureParts parts;
    parts.picture = sub;
    size_t first = sub.size();
    for (size_t i = 0; i < sub.size(); ++i) {
      if (IsActive(sub[i]) && sub[i] != f_.exponent_separator) {
        first = i;
        break;
      }
    }
    parts.prefix = sub.substr(0, first == sub.size() ? 0 : first);
    if (first == sub.size()) {
      parts.prefix.clear();
    }
    size_t last = kNpos;
    for (size_t i = sub.size(); i-- > 0;) {
      if (IsActive(sub[i]) && sub[i] != f_.exponent_separator) {
        last = i;
        break;
      }
    }
    parts.suffix = last == kNpos ? U32() : sub.substr(last + 1);
    parts.active =
        sub.substr(parts.prefix.size(), sub.size() - parts.prefix.size() - parts.suffix.size());
    const size_t exponent_position = sub.find(f_.exponent_separator, parts.prefix.size());
    if (exponent_position == kNpos || exponent_position > sub.size() - parts.suffix.size()) {
      parts.mantissa = parts.active;
    } else {
      parts.mantissa = parts.active.substr(0, std::min(exponent_position, parts.active.size()));
      parts.exponent = exponent_position + 1 <= parts.active.size()
                           ? parts.active.substr(exponent_position + 1)
                           : U32();
    }
    const size_t decimal_position = parts.mantissa.find(f_.decimal_separator);
    if (decimal_position == kNpos) {
      parts.integer = parts.mantissa;
      parts.fractional = parts.suffix;
    } else {
      parts.integer = parts.mantissa.substr(0, decimal_position);
      parts.fractional = parts.mantissa.substr(decimal_position + 1);
    }
    return parts;
  }

  Status Validate(const PictureParts& parts) const {
    const U32& sub = parts.picture;
    const char* error = nullptr;
    auto count = [&](char32_t c) {
      size_t n = 0;
      for (char32_t x : sub) {
        n += x == c ? 1 : 0;
      }
      return n;
    };
    if (count(f_.decimal_separator) > 1) {
      error = "D3081";
    }
    if (count(f_.percent) > 1) {
      error = "D3082";
    }
    if (count(f_.per_mille) > 1) {
      error = "D3083";
    }
    if (count(f_.percent) > 0 && count(f_.per_mille) > 0) {
      error = "D3084";
    }
    bool valid = false;
    for (char32_t c : parts.mantissa) {
      valid = valid || IsDigit(c) || c == f_.digit;
    }
    if (!valid) {
      error = "D3085";
    }
    for (char32_t c : parts.active) {
      if (!IsActive(c)) {
        error = "D3086";
      }
    }
    const size_t decimal_position = sub.find(f_.decimal_separator);
    if (decimal_position != kNpos) {
      if ((decimal_position > 0 && sub[decimal_position - 1] == f_.grouping_separator) ||
          (decimal_position + 1 < sub.size() &&
           sub[decimal_position + 1] == f_.grouping_separator)) {
        error = "D3087";
      }
    } else if (!parts.integer.empty() && parts.integer.back() == f_.grouping_separator) {
      error = "D3088";
    }
    if (sub.find(U32(2, f_.grouping_separator)) != kNpos) {
      error = "D3089";
    }
    const size_t optional_position = parts.integer.find(f_.digit);
    if (optional_position != kNpos) {
      for (size_t i = 0; i < optional_position; ++i) {
        if (IsDigit(parts.integer[i])) {
          error = "D3090";
        }
      }
    }
    const size_t last_optional = parts.fractional.rfind(f_.digit);
    if (last_optional != kNpos) {
      for (size_t i = last_optional; i < parts.fractional.size(); ++i) {
        if (IsDigit(parts.fractional[i])) {
          error = "D3091";
        }
      }
    }
    if (parts.exponent.has_value()) {
      if (!parts.exponent->empty() && (count(f_.percent) > 0 || count(f_.per_mille) > 0)) {
        error = "D3092";
      }
      bool all_digits = !parts.exponent->empty();
      for (char32_t c : *parts.exponent) {
        all_digits = all_digits && IsDigit(c);
      }
      if (!all_digits) {
        error = "D3093";
      }
    }
    return error == nullptr ? Status::Ok() : JsonataError(error);
  }

  std::vector<int> GroupingPositions(const U32& part, bool to_left, const U32& integer) const {
    std::vector<int> positions;
    size_t position = part.find(f_.grouping_separator);
    while (position != kNpos) {
      const U32 side = to_left ? part.substr(0, position) : part.substr(position);
      int count = 0;
      for (char32_t c : side) {
        count += (IsDigit(c) || c == f_.digit) ? 1 : 0;
      }
      positions.push_back(count);
      position = integer.find(f_.grouping_separator, position + 1);
    }
    return positions;
  }

  PictureVariables Analyse(const PictureParts& parts) const {
    PictureVariables v;
    v.integer_grouping = GroupingPositions(parts.integer, false, parts.integer);
    if (!v.integer_grouping.empty()) {
      int factor = v.integer_grouping[0];
      for (int p : v.integer_grouping) {
        factor = Gcd(factor, p);
      }
      bool regular = factor > 0;
      for (size_t index = 1; regular && index <= v.integer_grouping.size(); ++index) {
        regular = std::find(v.integer_grouping.begin(), v.integer_grouping.end(),
                            static_cast<int>(index) * factor) != v.integer_grouping.end();
      }
      v.regular_grouping = regular ? factor : 0;
    }
    v.fractional_grouping = GroupingPositions(parts.fractional, true, parts.integer);
    for (char32_t c : parts.integer) {
      v.minimum_integer_size += IsDigit(c) ? 1 : 0;
    }
    v.scaling_factor = v.minimum_integer_size;
    for (char32_t c : parts.fractional) {
      v.minimum_fractional_size += IsDigit(c) ? 1 : 0;
      v.maximum_fractional_size += (IsDigit(c) || c == f_.digit) ? 1 : 0;
    }
    const bool exponent_present = parts.exponent.has_value();
    if (v.minimum_integer_size == 0 && v.maximum_fractional_size == 0) {
      if (exponent_present) {
        v.minimum_fractional_size = 1;
        v.maximum_fractional_size = 1;
      } else {
        v.minimum_integer_size = 1;
      }
    }
    if (exponent_present && v.minimum_integer_size == 0 && Contains(parts.integer, f_.digit)) {
      v.minimum_integer_size = 1;
    }
    if (v.minimum_integer_size == 0 && v.minimum_fractional_size == 0) {
      v.minimum_fractional_size = 1;
    }
    if (exponent_present) {
      for (char32_t c : *parts.exponent) {
        v.minimum_exponent_size += IsDigit(c) ? 1 : 0;
      }
    }
    v.prefix = parts.prefix;
    v.suffix = parts.suffix;
    v.picture = parts.picture;
    return v;
  }

  DecimalFormat f_;
  U32 digits_;
  U32 active_;
};

Result<Value> FormatNumberFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  DecimalFormat format;
  if (args[2].IsObject()) {
    static const std::map<std::string, char32_t DecimalFormat::*> kProperties = {
        {"decimal-separator", &DecimalFormat::decimal_separator},
        {"grouping-separator", &DecimalFormat::grouping_separator},
        {"exponent-separator", &DecimalFormat::exponent_separator},
        {"minus-sign", &DecimalFormat::minus_sign},
        {"percent", &DecimalFormat::percent},
        {"per-mille", &DecimalFormat::per_mille},
        {"zero-digit", &DecimalFormat::zero_digit},
        {"digit", &DecimalFormat::digit},
        {"pattern-separator", &DecimalFormat::pattern_separator},
    };
    for (const auto& [key, value] : args[2].json().items()) {
      auto it = kProperties.find(key);
      if (it != kProperties.end() && value.is_string() && !value.get<std::string>().empty()) {
        format.*(it->second) = DecodeUtf8(value.get<std::string>())[0];
      }
    }
  }
  NumberFormatter formatter(format);
  STRATUS_ASSIGN_OR_RETURN(std::string text,
                           formatter.Format(args[0].AsNumber(), DecodeUtf8(args[1].AsString())));
  return Value::String(std::move(text));
}

Result<Value> FormatIntegerFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  STRATUS_ASSIGN_OR_RETURN(IntegerFormat format, AnalyseIntegerPicture(args[1].AsString()));
  STRATUS_ASSIGN_OR_RETURN(std::string text, FormatIntegerWith(args[0].AsNumber(), format));
  return Value::String(std::move(text));
}

Result<Value> ParseIntegerFn(CallContext&, std::vector<Value>& args) {
  if (args[0].undefined()) {
    return Value();
  }
  STRATUS_ASSIGN_OR_RETURN(IntegerFormat format, AnalyseIntegerPicture(args[1].AsString()));
  STRATUS_ASSIGN_OR_RETURN(std::optional<double> value,
                           ParseIntegerWith(args[0].AsString(), format));
  return value.has_value() ? Value::Number(*value) : Value();
}

}  // namespace

void RegisterFormatFunctions(BuiltinRegistry& registry) {
  registry.Add("formatNumber", "<n-so?:s>", 3, &FormatNumberFn);
  registry.Add("formatInteger", "<n-s:s>", 2, &FormatIntegerFn);
  registry.Add("parseInteger", "<s-s:n>", 2, &ParseIntegerFn);
}

}  // namespace stratus::states::jsonata
