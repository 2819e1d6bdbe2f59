// Field readers of DefinitionParser: each validates one field's type and
// value and reports a SCHEMA_VALIDATION_FAILED diagnostic when it is wrong.

#include <algorithm>
#include <cmath>

#include "base/format.h"
#include "states/asl/definition_parser_internal.h"
#include "states/asl/variable_name.h"

namespace stratus::states::asl {
namespace {

bool Contains(const std::vector<std::string_view>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::string WithoutJsonataErrorCode(std::string_view message) {
  // JSONata codes are a letter and four digits ("S0207: ...").
  if (message.size() > 7 && message[0] >= 'A' && message[0] <= 'Z' &&
      std::all_of(message.begin() + 1, message.begin() + 5,
                  [](char c) { return c >= '0' && c <= '9'; }) &&
      message.substr(5, 2) == ": ") {
    message.remove_prefix(7);
  }
  return std::string(message);
}

void DefinitionParser::CheckUnknownFields(const Json& object,
                                          const std::vector<std::string_view>& allowed,
                                          const std::string& location) {
  for (const auto& [key, value] : object.items()) {
    if (!Contains(allowed, key)) {
      SchemaError(UnsupportedFieldMessage(key), location);
    }
  }
}

void DefinitionParser::CheckLanguageFields(const Json& object,
                                           std::initializer_list<std::string_view> other,
                                           QueryLanguage language,
                                           const std::string& location) {
  for (std::string_view field : other) {
    if (object.contains(field)) {
      SchemaError(OtherLanguageFieldMessage(field, language), location);
    }
  }
}

void DefinitionParser::CheckRequired(const Json& object,
                                     std::initializer_list<std::string_view> fields,
                                     const std::string& location) {
  std::string missing;
  for (std::string_view field : fields) {
    if (!object.contains(field)) {
      if (!missing.empty()) {
        missing += ", ";
      }
      missing += field;
    }
  }
  if (!missing.empty()) {
    SchemaError(Format("These fields are required: [{}]", missing), location);
  }
}

std::optional<std::string> DefinitionParser::GetString(const Json& object,
                                                       std::string_view field,
                                                       const std::string& location) {
  auto it = object.find(field);
  if (it == object.end()) {
    return std::nullopt;
  }
  if (!it->is_string()) {
    SchemaError(Format("The value for the field '{}' must be a STRING", field),
                Child(location, field));
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<int64_t> DefinitionParser::GetInteger(const Json& object,
                                                    std::string_view field,
                                                    const std::string& location,
                                                    int64_t min_value,
                                                    int64_t max_value) {
  auto it = object.find(field);
  if (it == object.end()) {
    return std::nullopt;
  }
  std::optional<int64_t> value;
  if (it->is_number_integer()) {
    value = it->get<int64_t>();
  } else if (it->is_number_float() && std::trunc(it->get<double>()) == it->get<double>() &&
             std::fabs(it->get<double>()) < 9e18) {
    value = static_cast<int64_t>(it->get<double>());
  }
  if (!value) {
    SchemaError(Format("The value for the field '{}' must be an INTEGER", field),
                Child(location, field));
    return std::nullopt;
  }
  if (*value < min_value) {
    // AWS (measured, floci-io/floci#2968): "Minimum value is 0" at the field.
    SchemaError(Format("Minimum value is {}", min_value), Child(location, field));
    return std::nullopt;
  }
  if (*value > max_value) {
    // AWS: "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at /States/Wait/Seconds".
    SchemaError(Format("Maximum value is {}", max_value), Child(location, field));
    return std::nullopt;
  }
  return value;
}

std::optional<double> DefinitionParser::GetNumber(const Json& object,
                                                  std::string_view field,
                                                  const std::string& location,
                                                  double min_value) {
  auto it = object.find(field);
  if (it == object.end()) {
    return std::nullopt;
  }
  if (!it->is_number()) {
    SchemaError(Format("The value for the field '{}' must be a NUMBER", field),
                Child(location, field));
    return std::nullopt;
  }
  const auto value = it->get<double>();
  if (value < min_value) {
    SchemaError(Format("The value for the field '{}' must be at least {}", field, min_value),
                Child(location, field));
    return std::nullopt;
  }
  return value;
}

std::optional<JsonPath> DefinitionParser::GetPath(const Json& object,
                                                  std::string_view field,
                                                  const std::string& location,
                                                  bool reference) {
  auto it = object.find(field);
  if (it == object.end()) {
    return JsonPath();
  }
  if (it->is_null()) {
    return std::nullopt;
  }
  if (it->is_string()) {
    const auto& text = it->get_ref<const std::string&>();
    auto path = reference ? JsonPath::ParseReference(text) : JsonPath::Parse(text);
    if (path.ok()) {
      return std::move(path).value();
    }
  }
  SchemaError(Format("The value for the field '{}' must be a valid {}", field,
                     reference ? "ReferencePath" : "JSONPath"),
              Child(location, field));
  return JsonPath();
}

std::optional<PayloadTemplate> DefinitionParser::GetPayloadTemplate(const Json& object,
                                                                    std::string_view field,
                                                                    const std::string& location) {
  auto it = object.find(field);
  if (it == object.end()) {
    return std::nullopt;
  }
  auto compiled = PayloadTemplate::Compile(*it, *intrinsics_);
  if (!compiled.ok()) {
    SchemaError(compiled.status().message(), Child(location, field));
    return std::nullopt;
  }
  return std::move(compiled).value();
}

std::optional<JsonataTemplate> DefinitionParser::CompileJsonata(const Json& value,
                                                                std::string_view field,
                                                                const std::string& location) {
  if (options_.jsonata != nullptr) {
    if (auto error = JsonataTemplate::FindSyntaxError(value, *options_.jsonata)) {
      // AWS (measured, floci-io/floci#2745): INVALID_JSONATA_EXPRESSION with the
      // parser's message without its code ("Unexpected end of expression"), at
      // the field ("/States/X/Output"), or at the member holding it.
      Error(kInvalidJsonataExpression, WithoutJsonataErrorCode(error->status.message()),
            Child(location, field) + error->suffix);
      return std::nullopt;
    }
  }
  auto compiled = JsonataTemplate::Compile(value);
  if (!compiled.ok()) {
    SchemaError(compiled.status().message(), Child(location, field));
    return std::nullopt;
  }
  return std::move(compiled).value();
}

std::optional<JsonataTemplate> DefinitionParser::GetJsonataTemplate(const Json& object,
                                                                    std::string_view field,
                                                                    const std::string& location) {
  auto it = object.find(field);
  if (it == object.end()) {
    return std::nullopt;
  }
  return CompileJsonata(*it, field, location);
}

std::optional<AssignBlock> DefinitionParser::GetAssign(const Json& object,
                                                       QueryLanguage language,
                                                       const std::string& location) {
  auto it = object.find("Assign");
  if (it == object.end()) {
    return std::nullopt;
  }
  const std::string assign_location = Child(location, "Assign");
  if (!it->is_object()) {
    SchemaError("The value for the field 'Assign' must be an OBJECT", assign_location);
    return std::nullopt;
  }
  bool valid = true;
  for (const auto& [key, value] : it->items()) {
    std::string_view name = key;
    if (language == QueryLanguage::kJsonPath && name.size() > 2 &&
        name.substr(name.size() - 2) == ".$") {
      name.remove_suffix(2);
    }
    if (!IsValidVariableName(name)) {
      SchemaError(Format("The variable name '{}' is invalid: it must start with a letter or "
                         "'_', contain only letters, digits and '_', and not be 'states'",
                         name),
                  assign_location);
      valid = false;
    }
  }
  if (!valid) {
    return std::nullopt;
  }
  if (language == QueryLanguage::kJsonata) {
    auto compiled = CompileJsonata(*it, "Assign", location);
    return compiled ? std::optional<AssignBlock>(AssignBlock(std::move(*compiled))) : std::nullopt;
  }
  auto compiled = GetPayloadTemplate(object, "Assign", location);
  return compiled ? std::optional<AssignBlock>(AssignBlock(std::move(*compiled))) : std::nullopt;
}

DynamicNumber DefinitionParser::GetDynamicNumber(const Json& object,
                                                 std::string_view field,
                                                 QueryLanguage language,
                                                 const std::string& location,
                                                 bool integer,
                                                 double min_value,
                                                 double max_value) {
  DynamicNumber number;
  const std::string path_field = std::string(field) + "Path";
  auto it = object.find(field);
  if (it != object.end()) {
    if (language == QueryLanguage::kJsonata && it->is_string() &&
        JsonataTemplate::IsExpression(it->get_ref<const std::string&>())) {
      number.expression = CompileJsonata(*it, field, location);
    } else if (!it->is_number() || (integer && !it->is_number_integer() &&
                                    std::trunc(it->get<double>()) != it->get<double>())) {
      SchemaError(Format("The value for the field '{}' must be {}", field,
                         integer ? "an INTEGER" : "a NUMBER"),
                  Child(location, field));
    } else if (it->get<double>() > max_value) {
      // AWS: "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at /States/Wait/Seconds".
      SchemaError(Format("Maximum value is {}", max_value), Child(location, field));
    } else if (it->get<double>() < min_value) {
      // AWS (measured, floci-io/floci#2968): "Minimum value is 0 at /States/M/MaxConcurrency".
      SchemaError(Format("Minimum value is {}", min_value), Child(location, field));
    } else {
      number.value = *it;
    }
  }
  auto path_it = object.find(path_field);
  if (path_it != object.end() && language == QueryLanguage::kJsonPath) {
    if (it != object.end()) {
      SchemaError(Format("Only one of these fields may be specified: [{}, {}]", field, path_field),
                  location);
    }
    auto path = path_it->is_string() ? JsonPath::ParseReference(path_it->get<std::string>())
                                     : Result<JsonPath>(Status::InvalidArgument("not a string"));
    if (path.ok()) {
      number.path = std::move(path).value();
    } else {
      SchemaError(Format("The value for the field '{}' must be a valid ReferencePath", path_field),
                  Child(location, path_field));
    }
  }
  return number;
}

}  // namespace stratus::states::asl
