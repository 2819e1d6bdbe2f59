#include <string>

#include "base/format.h"
#include "states/asl/intrinsics_internal.h"

namespace stratus::states::asl {
namespace {

Status NotAString(std::string_view what) {
  return Status::InvalidArgument(Format("the {} argument must be a string", what));
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::string FormatArgument(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      return value.get<std::string>();
    case Json::value_t::array: {
      std::string out = "[";
      bool first = true;
      for (const Json& item : value) {
        if (!first) {
          out += ", ";
        }
        first = false;
        out += FormatArgument(item);
      }
      return out + "]";
    }
    case Json::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) {
          out += ", ";
        }
        first = false;
        out += key;
        out += '=';
        out += FormatArgument(item);
      }
      return out + "}";
    }
    default:
      return DumpJson(value);
  }
}

Result<Json> IntrinsicFormat(std::span<const Json> args, const EvaluationContext& /*context*/) {
  if (!args[0].is_string()) {
    return NotAString("first");
  }
  const auto& pattern = args[0].get_ref<const std::string&>();
  std::string out;
  out.reserve(pattern.size());
  size_t next_arg = 1;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    const char next = i + 1 < pattern.size() ? pattern[i + 1] : '\0';
    if (c == '\\' && (next == '{' || next == '}' || next == '\\')) {
      out.push_back(next);
      ++i;
    } else if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      if (next_arg >= args.size()) {
        return Status::InvalidArgument(
            "the number of arguments does not match the number of placeholders");
      }
      out += FormatArgument(args[next_arg++]);
      ++i;
    } else {
      out.push_back(c);
    }
  }
  if (next_arg != args.size()) {
    return Status::InvalidArgument(
        "the number of arguments does not match the number of placeholders");
  }
  return Json(std::move(out));
}

Result<Json> IntrinsicStringSplit(std::span<const Json> args,
                                  const EvaluationContext& /*context*/) {
  if (!args[0].is_string()) {
    return NotAString("first");
  }
  if (!args[1].is_string()) {
    return NotAString("second");
  }
  // AWS: every character of the delimiter splits; empty pieces are dropped
  // (Java StringTokenizer).
  const auto& text = args[0].get_ref<const std::string&>();
  const auto& delimiters = args[1].get_ref<const std::string&>();
  Json out = Json::array();
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = delimiters.empty() ? std::string::npos : text.find_first_of(delimiters, start);
    if (end == std::string::npos) {
      end = text.size();
    }
    if (end > start) {
      out.push_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return out;
}

Result<Json> IntrinsicStringToJson(std::span<const Json> args,
                                   const EvaluationContext& /*context*/) {
  if (!args[0].is_string()) {
    return NotAString("first");
  }
  const auto& text = args[0].get_ref<const std::string&>();
  if (IsBlank(text)) {
    return Json(nullptr);  // AWS: "" and " " give null.
  }
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Status::InvalidArgument("the argument is not valid JSON");
  }
  return parsed;
}

Result<Json> IntrinsicJsonToString(std::span<const Json> args,
                                   const EvaluationContext& /*context*/) {
  return Json(DumpJson(args[0]));
}

Result<Json> IntrinsicJsonMerge(std::span<const Json> args, const EvaluationContext& /*context*/) {
  if (!args[0].is_object() || !args[1].is_object()) {
    return Status::InvalidArgument("the first two arguments must be objects");
  }
  if (!args[2].is_boolean()) {
    return Status::InvalidArgument("the third argument must be a boolean");
  }
  if (args[2].get<bool>()) {
    return Status::InvalidArgument("deep merging is not supported; pass false");
  }
  Json out = args[0];
  for (const auto& [key, value] : args[1].items()) {
    out[key] = value;
  }
  return out;
}

}  // namespace stratus::states::asl
