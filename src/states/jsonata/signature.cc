#include "states/jsonata/error_internal.h"
#include "states/jsonata/signature_internal.h"

namespace stratus::states::jsonata {
namespace {

size_t FindClosing(std::string_view text, size_t start, char open, char close) {
  int depth = 1;
  size_t position = start;
  while (position + 1 < text.size()) {
    ++position;
    if (text[position] == close) {
      if (--depth == 0) {
        break;
      }
    } else if (text[position] == open) {
      ++depth;
    }
  }
  return position;
}

std::string PluralTypeName(const std::string& subtype) {
  if (subtype == "a") {
    return "arrays";
  }
  if (subtype == "b") {
    return "booleans";
  }
  if (subtype == "f") {
    return "functions";
  }
  if (subtype == "n") {
    return "numbers";
  }
  if (subtype == "o") {
    return "objects";
  }
  if (subtype == "s") {
    return "strings";
  }
  return subtype;
}

}  // namespace

char SignatureSymbol(const Value& value) {
  if (value.undefined()) {
    return 'm';
  }
  if (value.is_function()) {
    return 'f';
  }
  if (value.is_sequence()) {
    return 'a';
  }
  switch (value.json().type()) {
    case Json::value_t::string:
      return 's';
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return 'n';
    case Json::value_t::boolean:
      return 'b';
    case Json::value_t::null:
      return 'l';
    case Json::value_t::array:
      return 'a';
    case Json::value_t::object:
      return 'o';
    default:
      return 'm';
  }
}

Result<Signature> Signature::Parse(std::string_view text) {
  Signature signature;
  signature.text_ = std::string(text);
  std::vector<Param>& params = signature.params_;
  for (size_t position = 1; position < text.size(); ++position) {
    const char symbol = text[position];
    if (symbol == ':') {
      break;
    }
    Param param;
    param.type = symbol;
    switch (symbol) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o':
        param.allowed = std::string(1, symbol) + "m";
        params.push_back(std::move(param));
        break;
      case 'a':
      case 'x':
        param.allowed = "asnblfom";
        params.push_back(std::move(param));
        break;
      case 'f':
        param.allowed = "f";
        params.push_back(std::move(param));
        break;
      case 'j':
        param.allowed = "asnblom";
        params.push_back(std::move(param));
        break;
      case '-':
        if (!params.empty()) {
          params.back().context = true;
          params.back().quantifier = Quantifier::kOptional;
        }
        break;
      case '?':
        if (!params.empty()) {
          params.back().quantifier = Quantifier::kOptional;
        }
        break;
      case '+':
        if (!params.empty()) {
          params.back().quantifier = Quantifier::kOneOrMore;
        }
        break;
      case '(': {
        const size_t end = FindClosing(text, position, '(', ')');
        const std::string_view choice = text.substr(position + 1, end - position - 1);
        if (choice.find('<') != std::string_view::npos) {
          return JsonataError("S0402", {.value = std::string(choice)});
        }
        param.type = '(';
        param.allowed = std::string(choice) + "m";
        params.push_back(std::move(param));
        position = end;
        break;
      }
      case '<': {
        if (params.empty() || (params.back().type != 'a' && params.back().type != 'f')) {
          return JsonataError(
              "S0401",
              {.value = params.empty() ? std::string() : std::string(1, params.back().type)});
        }
        const size_t end = FindClosing(text, position, '<', '>');
        params.back().subtype = std::string(text.substr(position + 1, end - position - 1));
        position = end;
        break;
      }
      default:
        break;
    }
  }
  return signature;
}

// Backtracking match of `symbols` from `at` against params[param...], with
// greedy quantifiers as in the regular expression jsonata-js builds. When
// `anchored`, the whole of `symbols` must be consumed.
bool Signature::Match(std::string_view symbols,
                      size_t param,
                      size_t at,
                      bool anchored,
                      std::vector<size_t>& counts) const {
  if (param == params_.size()) {
    return !anchored || at == symbols.size();
  }
  const Param& p = params_[param];
  auto accepts = [&](size_t i) {
    return i < symbols.size() && p.allowed.find(symbols[i]) != std::string::npos;
  };
  size_t max_count = 0;
  while (accepts(at + max_count) && (p.quantifier == Quantifier::kOneOrMore || max_count < 1)) {
    ++max_count;
  }
  const size_t min_count = p.quantifier == Quantifier::kOptional ? 0 : 1;
  for (size_t count = max_count + 1; count-- > min_count;) {
    counts[param] = count;
    if (Match(symbols, param + 1, at + count, anchored, counts)) {
      return true;
    }
  }
  return false;
}

Result<std::vector<Value>> Signature::Validate(const std::vector<Value>& args,
                                               const Value& context,
                                               std::string_view function_name) const {
  std::string symbols;
  symbols.reserve(args.size());
  for (const Value& arg : args) {
    symbols.push_back(SignatureSymbol(arg));
  }
  std::vector<size_t> counts(params_.size(), 0);
  const std::string token(function_name);
  if (!Match(symbols, 0, 0, /*anchored=*/true, counts)) {
    // Find the first argument that breaks the pattern, as jsonata-js does.
    size_t good_to = 0;
    for (size_t i = 0; i < params_.size(); ++i) {
      Signature prefix;
      prefix.params_.assign(params_.begin(), params_.begin() + static_cast<long>(i) + 1);
      std::vector<size_t> prefix_counts(i + 1, 0);
      if (!prefix.Match(symbols, 0, 0, /*anchored=*/false, prefix_counts)) {
        break;
      }
      good_to = 0;
      for (size_t c : prefix_counts) {
        good_to += c;
      }
    }
    ErrorInserts inserts{.token = token, .index = static_cast<int>(good_to) + 1};
    if (good_to < args.size()) {
      Json value;
      if (ToJson(args[good_to], value, /*nested_function_as_empty=*/true)) {
        inserts.value = std::move(value);
      }
    }
    return JsonataError("T0410", inserts);
  }
  std::vector<Value> validated;
  validated.reserve(params_.size());
  size_t arg_index = 0;
  for (size_t i = 0; i < params_.size(); ++i) {
    const Param& p = params_[i];
    if (counts[i] == 0) {
      if (p.context) {
        const char context_symbol = SignatureSymbol(context);
        if (p.allowed.find(context_symbol) == std::string::npos) {
          return JsonataError("T0411", {.token = token, .index = static_cast<int>(arg_index) + 1});
        }
        validated.push_back(context);
      } else {
        // As jsonata-js: an absent optional parameter still takes the next
        // argument's slot (so `<s?n+>` called with numbers passes them on).
        validated.push_back(arg_index < args.size() ? args[arg_index] : Value());
        ++arg_index;
      }
      continue;
    }
    for (size_t k = 0; k < counts[i]; ++k) {
      const Value arg = arg_index < args.size() ? args[arg_index] : Value();
      if (p.type != 'a') {
        validated.push_back(arg);
        ++arg_index;
        continue;
      }
      const char single = arg_index < symbols.size() ? symbols[arg_index] : 'm';
      if (single == 'm') {
        validated.emplace_back();
        ++arg_index;
        continue;
      }
      bool ok = true;
      if (!p.subtype.empty()) {
        if (single != 'a') {
          ok = counts[i] == 1 && std::string(1, single) == p.subtype;
        } else if (arg.ArraySize() > 0) {
          const char item_type = SignatureSymbol(arg.ArrayAt(0));
          if (item_type != p.subtype[0]) {
            ok = false;
          } else {
            for (size_t j = 1; j < arg.ArraySize() && ok; ++j) {
              ok = SignatureSymbol(arg.ArrayAt(j)) == item_type;
            }
          }
        }
      }
      if (!ok) {
        ErrorInserts inserts{.token = token,
                             .index = static_cast<int>(arg_index) + 1,
                             .type = PluralTypeName(p.subtype)};
        Json value;
        if (ToJson(arg, value, true)) {
          inserts.value = std::move(value);
        }
        return JsonataError("T0412", inserts);
      }
      validated.push_back(single == 'a' ? arg : MakeArray({arg}));
      ++arg_index;
    }
  }
  return validated;
}

}  // namespace stratus::states::jsonata
