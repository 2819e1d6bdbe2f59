#include <array>
#include <cmath>
#include <map>
#include <numeric>

#include "states/jsonata/error_internal.h"
#include "states/jsonata/integer_format_internal.h"
#include "states/jsonata/number_text_internal.h"
#include "states/jsonata/utf8_internal.h"

namespace stratus::states::jsonata {
namespace {

constexpr std::array<const char*, 20> kFew = {
    "Zero",     "One",     "Two",     "Three",     "Four",     "Five",    "Six",
    "Seven",    "Eight",   "Nine",    "Ten",       "Eleven",   "Twelve",  "Thirteen",
    "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
constexpr std::array<const char*, 20> kOrdinals = {
    "Zeroth",     "First",     "Second",    "Third",       "Fourth",     "Fifth",     "Sixth",
    "Seventh",    "Eighth",    "Ninth",     "Tenth",       "Eleventh",   "Twelfth",   "Thirteenth",
    "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"};
constexpr std::array<const char*, 9> kDecades = {"Twenty",  "Thirty", "Forty",  "Fifty",  "Sixty",
                                                 "Seventy", "Eighty", "Ninety", "Hundred"};
constexpr std::array<const char*, 4> kMagnitudes = {"Thousand", "Million", "Billion", "Trillion"};

// Unicode decimal digit families: the code point of each family's zero.
constexpr std::array<char32_t, 37> kDecimalGroups = {
    0x30,   0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
    0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620,
    0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c + 32);
    }
  }
  return text;
}

std::string Upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 32);
    }
  }
  return text;
}

std::string NumberToWords(double num, bool prev, bool ordinal) {
  std::string words;
  if (num <= 19) {
    const auto n = static_cast<size_t>(num);
    words = std::string(prev ? " and " : "") + (ordinal ? kOrdinals[n] : kFew[n]);
  } else if (num < 100) {
    const auto tens = static_cast<size_t>(std::floor(num / 10));
    const double remainder = std::fmod(num, 10);
    words = std::string(prev ? " and " : "") + kDecades[tens - 2];
    if (remainder > 0) {
      words += "-" + NumberToWords(remainder, false, ordinal);
    } else if (ordinal) {
      words = words.substr(0, words.size() - 1) + "ieth";
    }
  } else if (num < 1000) {
    const auto hundreds = static_cast<size_t>(std::floor(num / 100));
    const double remainder = std::fmod(num, 100);
    words = std::string(prev ? ", " : "") + kFew[hundreds] + " Hundred";
    if (remainder > 0) {
      words += NumberToWords(remainder, true, ordinal);
    } else if (ordinal) {
      words += "th";
    }
  } else {
    auto magnitude = static_cast<size_t>(std::floor(std::log10(num) / 3));
    magnitude = std::min(magnitude, kMagnitudes.size());
    const double factor = std::pow(10, static_cast<double>(magnitude * 3));
    const double mantissa = std::floor(num / factor);
    const double remainder = num - mantissa * factor;
    words = std::string(prev ? ", " : "") + NumberToWords(mantissa, false, false) + " " +
            kMagnitudes[magnitude - 1];
    if (remainder > 0) {
      words += NumberToWords(remainder, true, ordinal);
    } else if (ordinal) {
      words += "th";
    }
  }
  return words;
}

const std::map<std::string, double>& WordValues() {
  static const std::map<std::string, double> kValues = [] {
    std::map<std::string, double> values;
    for (size_t i = 0; i < kFew.size(); ++i) {
      values[Lower(kFew[i])] = static_cast<double>(i);
      values[Lower(kOrdinals[i])] = static_cast<double>(i);
    }
    for (size_t i = 0; i < kDecades.size(); ++i) {
      const std::string word = Lower(kDecades[i]);
      values[word] = static_cast<double>((i + 2) * 10);
      values[word.substr(0, word.size() - 1) + "ieth"] = static_cast<double>((i + 2) * 10);
    }
    values["hundredth"] = 100;
    for (size_t i = 0; i < kMagnitudes.size(); ++i) {
      const std::string word = Lower(kMagnitudes[i]);
      const double value = std::pow(10, static_cast<double>((i + 1) * 3));
      values[word] = value;
      values[word + "th"] = value;
    }
    return values;
  }();
  return kValues;
}

double WordsToNumber(const std::string& text) {
  // Split on ", ", " and ", whitespace and '-'.
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '-' || c == '\t') {
      if (!current.empty()) {
        parts.push_back(current);
        current.clear();
      }
      continue;
    }
    current.push_back(c);
  }
  if (!current.empty()) {
    parts.push_back(current);
  }
  std::vector<double> segments{0};
  for (const std::string& part : parts) {
    if (part == "and") {
      continue;
    }
    auto it = WordValues().find(part);
    const double value = it == WordValues().end() ? std::nan("") : it->second;
    if (value < 100) {
      double top = segments.back();
      segments.pop_back();
      if (top >= 1000) {
        segments.push_back(top);
        top = 0;
      }
      segments.push_back(top + value);
    } else {
      const double top = segments.back();
      segments.pop_back();
      segments.push_back(top * value);
    }
  }
  return std::accumulate(segments.begin(), segments.end(), 0.0);
}

std::string DecimalToRoman(double value) {
  static constexpr std::array<std::pair<int, const char*>, 13> kNumerals = {{
      {1000, "m"},
      {900, "cm"},
      {500, "d"},
      {400, "cd"},
      {100, "c"},
      {90, "xc"},
      {50, "l"},
      {40, "xl"},
      {10, "x"},
      {9, "ix"},
      {5, "v"},
      {4, "iv"},
      {1, "i"},
  }};
  std::string out;
  for (const auto& [amount, numeral] : kNumerals) {
    while (value >= amount) {
      out += numeral;
      value -= amount;
    }
  }
  return out;
}

double RomanToDecimal(std::string_view roman) {
  auto value_of = [](char c) {
    switch (c) {
      case 'M':
        return 1000;
      case 'D':
        return 500;
      case 'C':
        return 100;
      case 'L':
        return 50;
      case 'X':
        return 10;
      case 'V':
        return 5;
      case 'I':
        return 1;
      default:
        return 0;
    }
  };
  double decimal = 0;
  int max = 1;
  for (size_t i = roman.size(); i-- > 0;) {
    const int value = value_of(roman[i]);
    if (value < max) {
      decimal -= value;
    } else {
      max = value;
      decimal += value;
    }
  }
  return decimal;
}

std::string DecimalToLetters(double value, char a) {
  std::string letters;
  while (value > 0) {
    letters.insert(letters.begin(), static_cast<char>(std::fmod(value - 1, 26) + a));
    value = std::floor((value - 1) / 26);
  }
  return letters;
}

double LettersToDecimal(std::string_view letters, char a) {
  double decimal = 0;
  for (size_t i = 0; i < letters.size(); ++i) {
    decimal += (letters[letters.size() - i - 1] - a + 1) * std::pow(26, static_cast<double>(i));
  }
  return decimal;
}

int Gcd(int a, int b) {
  return b == 0 ? a : Gcd(b, a % b);
}

void AnalyseDecimal(std::string_view picture, IntegerFormat& format, Status& error) {
  std::u32string code_points = DecodeUtf8(picture);
  std::reverse(code_points.begin(), code_points.end());
  std::optional<char32_t> zero_code;
  int separator_position = 0;
  std::vector<IntegerFormat::Separator> separators;
  for (char32_t c : code_points) {
    bool digit = false;
    for (char32_t group : kDecimalGroups) {
      if (c >= group && c <= group + 9) {
        digit = true;
        ++format.mandatory_digits;
        ++separator_position;
        if (!zero_code.has_value()) {
          zero_code = group;
        } else if (*zero_code != group) {
          error = JsonataError("D3131");
          return;
        }
        break;
      }
    }
    if (!digit) {
      if (c == U'#') {
        ++separator_position;
        ++format.optional_digits;
      } else {
        std::string character;
        AppendUtf8(character, c);
        separators.push_back({.position = separator_position, .character = character});
      }
    }
  }
  if (format.mandatory_digits == 0) {
    format.primary = IntegerFormat::Primary::kSequence;
    format.token = std::string(picture);
    return;
  }
  format.primary = IntegerFormat::Primary::kDecimal;
  format.zero_code = *zero_code;
  // Regular grouping: one character at equal intervals.
  int interval = 0;
  if (!separators.empty()) {
    bool same = true;
    for (const auto& separator : separators) {
      same = same && separator.character == separators[0].character;
    }
    if (same) {
      int factor = separators[0].position;
      for (const auto& separator : separators) {
        factor = Gcd(factor, separator.position);
      }
      bool regular = factor > 0;
      for (size_t index = 1; regular && index <= separators.size(); ++index) {
        bool found = false;
        for (const auto& separator : separators) {
          found = found || separator.position == static_cast<int>(index) * factor;
        }
        regular = found;
      }
      interval = regular ? factor : 0;
    }
  }
  if (interval > 0) {
    format.regular = true;
    format.separators = {{.position = interval, .character = separators[0].character}};
  } else {
    format.separators = std::move(separators);
  }
}

}  // namespace

Result<IntegerFormat> AnalyseIntegerPicture(std::string_view picture) {
  IntegerFormat format;
  std::string_view primary = picture;
  const size_t semicolon = picture.rfind(';');
  if (semicolon != std::string_view::npos) {
    primary = picture.substr(0, semicolon);
    const std::string_view modifier = picture.substr(semicolon + 1);
    if (!modifier.empty() && modifier[0] == 'o') {
      format.ordinal = true;
    }
  }
  if (primary == "A" || primary == "a") {
    format.primary = IntegerFormat::Primary::kLetters;
    format.letter_case = primary == "A" ? IntegerFormat::Case::kUpper : IntegerFormat::Case::kLower;
  } else if (primary == "I" || primary == "i") {
    format.primary = IntegerFormat::Primary::kRoman;
    format.letter_case = primary == "I" ? IntegerFormat::Case::kUpper : IntegerFormat::Case::kLower;
  } else if (primary == "W" || primary == "Ww" || primary == "w") {
    format.primary = IntegerFormat::Primary::kWords;
    format.letter_case = primary == "W"    ? IntegerFormat::Case::kUpper
                         : primary == "Ww" ? IntegerFormat::Case::kTitle
                                           : IntegerFormat::Case::kLower;
  } else {
    Status error;
    AnalyseDecimal(primary, format, error);
    if (!error.ok()) {
      return error;
    }
  }
  return format;
}

Result<std::string> FormatIntegerWith(double value, const IntegerFormat& format) {
  value = std::floor(value);
  const bool negative = value < 0;
  value = std::abs(value);
  std::string out;
  switch (format.primary) {
    case IntegerFormat::Primary::kLetters:
      out = DecimalToLetters(value, format.letter_case == IntegerFormat::Case::kUpper ? 'A' : 'a');
      break;
    case IntegerFormat::Primary::kRoman:
      out = DecimalToRoman(value);
      if (format.letter_case == IntegerFormat::Case::kUpper) {
        out = Upper(out);
      }
      break;
    case IntegerFormat::Primary::kWords:
      out = NumberToWords(value, false, format.ordinal);
      if (format.letter_case == IntegerFormat::Case::kUpper) {
        out = Upper(out);
      } else if (format.letter_case == IntegerFormat::Case::kLower) {
        out = Lower(out);
      }
      break;
    case IntegerFormat::Primary::kDecimal: {
      out = FormatJsNumber(value);
      if (static_cast<int>(out.size()) < format.mandatory_digits) {
        out.insert(0, static_cast<size_t>(format.mandatory_digits) - out.size(), '0');
      }
      if (format.zero_code != U'0') {
        std::u32string mapped;
        for (char c : out) {
          mapped.push_back(c >= '0' && c <= '9' ? format.zero_code + static_cast<char32_t>(c - '0')
                                                : static_cast<char32_t>(c));
        }
        out = EncodeUtf8(mapped);
      }
      std::u32string digits = DecodeUtf8(out);
      if (format.regular) {
        const auto interval = static_cast<size_t>(format.separators[0].position);
        const std::u32string separator = DecodeUtf8(format.separators[0].character);
        std::u32string grouped;
        for (size_t index = digits.size(); index-- > 0;) {
          grouped.insert(grouped.begin(), digits[index]);
          const size_t from_right = digits.size() - index;
          if (index > 0 && from_right % interval == 0) {
            grouped.insert(0, separator);
          }
        }
        digits = std::move(grouped);
      } else {
        // Leftmost separator first: positions count digits from the right.
        for (size_t k = format.separators.size(); k-- > 0;) {
          const auto position = static_cast<size_t>(format.separators[k].position);
          if (position <= digits.size()) {
            digits.insert(digits.size() - position, DecodeUtf8(format.separators[k].character));
          }
        }
      }
      out = EncodeUtf8(digits);
      if (format.ordinal) {
        const char last = out.empty() ? '0' : out.back();
        const bool teen = out.size() > 1 && out[out.size() - 2] == '1';
        const char* suffix = "th";
        if (!teen && last == '1') {
          suffix = "st";
        }
        if (!teen && last == '2') {
          suffix = "nd";
        }
        if (!teen && last == '3') {
          suffix = "rd";
        }
        out += suffix;
      }
      break;
    }
    case IntegerFormat::Primary::kSequence:
      return JsonataError("D3130", {.value = format.token});
  }
  return negative ? "-" + out : out;
}

Result<std::optional<double>> ParseIntegerWith(std::string_view text, const IntegerFormat& format) {
  const bool upper = format.letter_case == IntegerFormat::Case::kUpper;
  switch (format.primary) {
    case IntegerFormat::Primary::kLetters:
      return std::optional<double>(LettersToDecimal(text, upper ? 'A' : 'a'));
    case IntegerFormat::Primary::kRoman:
      return std::optional<double>(RoundToPrecision15(RomanToDecimal(Upper(std::string(text)))));
    case IntegerFormat::Primary::kWords: {
      const double value = WordsToNumber(Lower(std::string(text)));
      return std::isnan(value) ? std::optional<double>() : std::optional<double>(value);
    }
    case IntegerFormat::Primary::kDecimal: {
      std::u32string digits = DecodeUtf8(text);
      if (format.ordinal && digits.size() >= 2) {
        digits.resize(digits.size() - 2);
      }
      std::u32string cleaned;
      for (char32_t c : digits) {
        bool separator = false;
        for (const auto& s : format.separators) {
          separator = separator || EncodeUtf8(std::u32string(1, c)) == s.character;
        }
        if (!separator) {
          cleaned.push_back(c >= format.zero_code && c <= format.zero_code + 9
                                ? U'0' + (c - format.zero_code)
                                : c);
        }
      }
      double value = 0;
      size_t count = 0;
      for (char32_t c : cleaned) {
        if (c < U'0' || c > U'9') {
          break;
        }
        value = value * 10 + static_cast<double>(c - U'0');
        ++count;
      }
      if (count == 0) {
        return std::optional<double>();
      }
      return std::optional<double>(value);
    }
    case IntegerFormat::Primary::kSequence:
      return JsonataError("D3130", {.value = format.token});
  }
  return std::optional<double>();
}

Result<std::string> IntegerRegex(const IntegerFormat& format) {
  const bool upper = format.letter_case == IntegerFormat::Case::kUpper;
  switch (format.primary) {
    case IntegerFormat::Primary::kLetters:
      return std::string(upper ? "[A-Z]+" : "[a-z]+");
    case IntegerFormat::Primary::kRoman:
      return std::string(upper ? "[MDCLXVI]+" : "[mdclxvi]+");
    case IntegerFormat::Primary::kWords: {
      std::string regex = "(?:";
      for (const auto& [word, value] : WordValues()) {
        regex += word + "|";
      }
      regex += "and|[\\-, ])+";
      return regex;
    }
    case IntegerFormat::Primary::kDecimal: {
      std::string regex = "[0-9]";
      regex += format.parse_width > 0 ? "{" + std::to_string(format.parse_width) + "}" : "+";
      if (format.ordinal) {
        regex += "(?:th|st|nd|rd)";
      }
      return regex;
    }
    case IntegerFormat::Primary::kSequence:
      return JsonataError("D3130", {.value = format.token});
  }
  return std::string();
}

}  // namespace stratus::states::jsonata
