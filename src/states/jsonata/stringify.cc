#include <cmath>

#include "base/json_escape.h"
#include "states/jsonata/number_text_internal.h"
#include "states/jsonata/stringify_internal.h"

namespace stratus::states::jsonata {
namespace {

void AppendIndent(std::string& out, int depth) {
  out.push_back('\n');
  out.append(static_cast<size_t>(depth) * 2, ' ');
}

void AppendValue(std::string& out, const Json& value, const StringifyOptions& options, int depth) {
  switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
      out += "null";
      return;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
      out += std::to_string(value.get<int64_t>());
      return;
    case Json::value_t::number_unsigned:
      out += std::to_string(value.get<uint64_t>());
      return;
    case Json::value_t::number_float: {
      double number = value.get<double>();
      if (!std::isfinite(number)) {
        out += "null";
        return;
      }
      if (options.precision15 && std::trunc(number) != number) {
        number = RoundToPrecision15(number);
      }
      out += FormatJsNumber(number);
      return;
    }
    case Json::value_t::string:
      AppendQuoted(out, value.get_ref<const std::string&>());
      return;
    case Json::value_t::binary:
      out += "null";
      return;
    case Json::value_t::array: {
      if (value.empty()) {
        out += "[]";
        return;
      }
      out.push_back('[');
      bool first = true;
      for (const Json& item : value) {
        if (!first) {
          out.push_back(',');
        }
        first = false;
        if (options.pretty) {
          AppendIndent(out, depth + 1);
        }
        AppendValue(out, item, options, depth + 1);
      }
      if (options.pretty) {
        AppendIndent(out, depth);
      }
      out.push_back(']');
      return;
    }
    case Json::value_t::object: {
      if (value.empty()) {
        out += "{}";
        return;
      }
      out.push_back('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) {
          out.push_back(',');
        }
        first = false;
        if (options.pretty) {
          AppendIndent(out, depth + 1);
        }
        AppendQuoted(out, it.key());
        out.push_back(':');
        if (options.pretty) {
          out.push_back(' ');
        }
        AppendValue(out, it.value(), options, depth + 1);
      }
      if (options.pretty) {
        AppendIndent(out, depth);
      }
      out.push_back('}');
      return;
    }
  }
}

}  // namespace

void AppendQuoted(std::string& out, const std::string& text) {
  out.push_back('"');
  AppendJsonEscaped(out, text);
  out.push_back('"');
}

std::string Stringify(const Json& value, StringifyOptions options) {
  std::string out;
  AppendValue(out, value, options, 0);
  return out;
}

}  // namespace stratus::states::jsonata
