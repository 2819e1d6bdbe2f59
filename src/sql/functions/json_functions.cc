// JSON functions: json_parse, json_format, json_extract and
// json_extract_scalar with Trino's JSONPath subset ($, .key, ["key"], [n]),
// json_array_length/contains/get, json_size, is_json_scalar, and the CASTs
// between json and varchar, booleans, numbers, arrays and maps. json values
// are their compact text; object keys keep their order.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/format.h"
#include "sql/functions/cast_internal.h"
#include "sql/functions/kernel_frame_internal.h"
#include "sql/functions/value_function_internal.h"
#include "sql/types/java_number_format.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

using OrderedJson = nlohmann::ordered_json;

std::optional<OrderedJson> Parse(std::string_view text) {
  OrderedJson json = OrderedJson::parse(text.begin(), text.end(), nullptr, false);
  if (json.is_discarded()) {
    return std::nullopt;
  }
  return json;
}

std::string Dump(const OrderedJson& json) {
  return json.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

// One step of a JSONPath: a key or an index.
struct PathStep {
  std::string key = {};
  int64_t index = -1;
};

Result<std::vector<PathStep>> ParsePath(std::string_view path) {
  const Status bad = SqlError(kInvalidFunctionArgument, Format("Invalid JSON path: '{}'", path));
  std::vector<PathStep> steps;
  size_t pos = 0;
  while (pos < path.size() && path[pos] == ' ') {
    ++pos;
  }
  if (pos >= path.size() || path[pos] != '$') {
    return bad;
  }
  ++pos;
  while (pos < path.size()) {
    if (path[pos] == '.') {
      ++pos;
      const size_t start = pos;
      while (pos < path.size() && path[pos] != '.' && path[pos] != '[') {
        ++pos;
      }
      if (pos == start) {
        return bad;
      }
      steps.push_back(PathStep{.key = std::string(path.substr(start, pos - start))});
    } else if (path[pos] == '[') {
      ++pos;
      if (pos < path.size() && (path[pos] == '"' || path[pos] == '\'')) {
        const char quote = path[pos++];
        const size_t end = path.find(quote, pos);
        if (end == std::string_view::npos || end + 1 >= path.size() || path[end + 1] != ']') {
          return bad;
        }
        steps.push_back(PathStep{.key = std::string(path.substr(pos, end - pos))});
        pos = end + 2;
      } else {
        int64_t index = 0;
        const size_t start = pos;
        while (pos < path.size() && path[pos] >= '0' && path[pos] <= '9') {
          index = index * 10 + (path[pos++] - '0');
        }
        if (pos == start || pos >= path.size() || path[pos] != ']') {
          return bad;
        }
        ++pos;
        steps.push_back(PathStep{.index = index});
      }
    } else {
      return bad;
    }
  }
  return steps;
}

const OrderedJson* Follow(const OrderedJson& root, const std::vector<PathStep>& steps) {
  const OrderedJson* node = &root;
  for (const PathStep& step : steps) {
    if (step.index >= 0) {
      if (!node->is_array() || static_cast<size_t>(step.index) >= node->size()) {
        return nullptr;
      }
      node = &(*node)[static_cast<size_t>(step.index)];
    } else {
      if (!node->is_object()) {
        return nullptr;
      }
      auto it = node->find(step.key);
      if (it == node->end()) {
        return nullptr;
      }
      node = &*it;
    }
  }
  return node;
}

// The text json_extract_scalar and CAST(json AS varchar) give a scalar.
std::optional<std::string> ScalarText(const OrderedJson& json) {
  if (json.is_string()) {
    return json.get<std::string>();
  }
  if (json.is_boolean() || json.is_number()) {
    return Dump(json);
  }
  return std::nullopt;
}

// Registers name(json|varchar, varchar path) with fn(frame, row, node or nullptr).
template <typename Fn>
void AddPathFunction(FunctionRegistry::Impl& impl,
                     std::string_view name,
                     std::string_view returns,
                     std::string_view description,
                     Fn fn) {
  for (std::string_view input : {"json", "varchar"}) {
    AddRowFunction(impl,
                   ScalarSpec{.name = name,
                              .arguments = {input, "varchar"},
                              .returns = returns,
                              .description = description},
                   [fn](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                     STRATUS_ASSIGN_OR_RETURN(std::vector<PathStep> steps,
                                              ParsePath(frame.String(1, row)));
                     std::optional<OrderedJson> json = Parse(frame.String(0, row));
                     if (!json.has_value()) {
                       frame.SetNull(row);
                       return Status::Ok();
                     }
                     return fn(frame, row, Follow(*json, steps));
                   });
  }
}

// Registers name(json|varchar) with fn(frame, row, parsed json).
template <typename Fn>
void AddJsonFunction(FunctionRegistry::Impl& impl,
                     std::string_view name,
                     std::string_view returns,
                     std::string_view description,
                     Fn fn) {
  for (std::string_view input : {"json", "varchar"}) {
    AddRowFunction(
        impl,
        ScalarSpec{
            .name = name, .arguments = {input}, .returns = returns, .description = description},
        [fn](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
          std::optional<OrderedJson> json = Parse(frame.String(0, row));
          if (!json.has_value()) {
            frame.SetNull(row);
            return Status::Ok();
          }
          return fn(frame, row, *json);
        });
  }
}

OrderedJson ToJson(const Value& value) {
  if (value.is_null()) {
    return nullptr;
  }
  switch (value.type().kind()) {
    case TypeKind::kBoolean:
      return value.boolean_value();
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint:
      return value.int64_value();
    case TypeKind::kReal:
    case TypeKind::kDouble:
      return value.double_value();
    case TypeKind::kJson: {
      std::optional<OrderedJson> parsed = Parse(value.string_value());
      return parsed.has_value() ? *parsed : OrderedJson(nullptr);
    }
    case TypeKind::kDecimal:
      return OrderedJson::parse(value.ToString(), nullptr, false);
    case TypeKind::kArray:
    case TypeKind::kRow: {
      OrderedJson array = OrderedJson::array();
      for (const Value& child : value.children()) {
        array.push_back(ToJson(child));
      }
      return array;
    }
    case TypeKind::kMap: {
      OrderedJson object = OrderedJson::object();
      const std::vector<Value>& entries = value.children();
      for (size_t i = 0; i + 1 < entries.size(); i += 2) {
        const Value& key = entries[i];
        object[key.type().is_string() ? key.string_value() : key.ToString()] =
            ToJson(entries[i + 1]);
      }
      return object;
    }
    default:
      return value.type().is_string() ? OrderedJson(value.string_value())
                                      : OrderedJson(value.ToString());
  }
}

Status CannotCast(const OrderedJson& json, const LogicalType& to) {
  return SqlError(kInvalidCastArgument, Format("Cannot cast to {}. {}", to.ToString(), Dump(json)));
}

// Converts parsed JSON to a Value of `type` (CAST(json AS type)).
Result<Value> FromJson(const OrderedJson& json, const LogicalType& type) {
  if (json.is_null()) {
    return Value::Null(type);
  }
  switch (type.kind()) {
    case TypeKind::kBoolean:
      if (json.is_boolean()) {
        return Value::Boolean(json.get<bool>());
      }
      if (json.is_number()) {
        return Value::Boolean(json.get<double>() != 0);
      }
      if (json.is_string()) {
        const std::string text = json.get<std::string>();
        if (text == "true" || text == "false") {
          return Value::Boolean(text == "true");
        }
      }
      return CannotCast(json, type);
    case TypeKind::kTinyint:
    case TypeKind::kSmallint:
    case TypeKind::kInteger:
    case TypeKind::kBigint:
    case TypeKind::kReal:
    case TypeKind::kDouble:
    case TypeKind::kDecimal:
    case TypeKind::kVarchar:
    case TypeKind::kDate:
    case TypeKind::kTimestamp: {
      if (json.is_object() || json.is_array()) {
        return CannotCast(json, type);
      }
      std::optional<std::string> text = ScalarText(json);
      if (type.kind() == TypeKind::kVarchar) {
        return Value::FromString(type, *text);
      }
      if (json.is_boolean() && type.kind() != TypeKind::kDate &&
          type.kind() != TypeKind::kTimestamp) {
        text = json.get<bool>() ? "1" : "0";
      }
      // Reuse CAST(varchar AS type).
      STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<const ScalarBinding> cast,
                               ResolveCast(LogicalType::Varchar(), type, false));
      Vector input = Vector::Constant(Value::Varchar(*text), 1);
      Vector out;
      STRATUS_RETURN_IF_ERROR(
          cast->kernel(std::span<const Vector>(&input, 1), 1, FunctionContext{}, &out));
      return out.GetValue(0);
    }
    case TypeKind::kJson:
      return Value::Json(Dump(json));
    case TypeKind::kArray: {
      if (!json.is_array()) {
        return CannotCast(json, type);
      }
      std::vector<Value> elements;
      for (const OrderedJson& element : json) {
        STRATUS_ASSIGN_OR_RETURN(Value child, FromJson(element, type.child(0)));
        elements.push_back(std::move(child));
      }
      return Value::Array(type.child(0), std::move(elements));
    }
    case TypeKind::kMap: {
      if (!json.is_object()) {
        return CannotCast(json, type);
      }
      std::vector<Value> keys;
      std::vector<Value> values;
      for (auto it = json.begin(); it != json.end(); ++it) {
        STRATUS_ASSIGN_OR_RETURN(Value key, FromJson(OrderedJson(it.key()), type.child(0)));
        STRATUS_ASSIGN_OR_RETURN(Value value, FromJson(it.value(), type.child(1)));
        keys.push_back(std::move(key));
        values.push_back(std::move(value));
      }
      return Value::Map(type.child(0), type.child(1), std::move(keys), std::move(values));
    }
    case TypeKind::kRow: {
      std::vector<Value> fields;
      for (size_t i = 0; i < type.num_children(); ++i) {
        const RowField& field = type.children()[i];
        const OrderedJson* child = nullptr;
        if (json.is_array() && i < json.size()) {
          child = &json[i];
        } else if (json.is_object() && json.contains(field.name)) {
          child = &json[field.name];
        }
        if (child == nullptr) {
          fields.push_back(Value::Null(field.type));
        } else {
          STRATUS_ASSIGN_OR_RETURN(Value value, FromJson(*child, field.type));
          fields.push_back(std::move(value));
        }
      }
      return Value::Row(type, std::move(fields));
    }
    default:
      return CannotCast(json, type);
  }
}

// Row-at-a-time cast kernels over Values.
ScalarKernel ValueCastKernel(const LogicalType& to,
                             bool try_cast,
                             const std::function<Result<Value>(const Value&)>& convert) {
  return [to, try_cast, convert](std::span<const Vector> arguments, size_t rows,
                                 const FunctionContext& /*context*/, Vector* result) -> Status {
    *result = Vector(to, rows);
    result->set_size(rows);
    for (size_t row = 0; row < rows; ++row) {
      if (arguments[0].IsNull(row)) {
        result->SetValue(row, Value::Null(result->type()));
        continue;
      }
      Result<Value> value = convert(arguments[0].GetValue(row));
      if (!value.ok()) {
        if (!try_cast) {
          return value.status();
        }
        result->SetValue(row, Value::Null(result->type()));
      } else if (value->is_null()) {
        result->SetValue(row, Value::Null(result->type()));
      } else {
        result->SetValue(row, *value);
      }
    }
    return Status::Ok();
  };
}

}  // namespace

ScalarKernel JsonCastKernel(const LogicalType& from, const LogicalType& to, bool try_cast) {
  if (from.kind() == TypeKind::kJson && to.kind() != TypeKind::kJson) {
    return ValueCastKernel(to, try_cast, [to](const Value& value) -> Result<Value> {
      std::optional<OrderedJson> json = Parse(value.string_value());
      if (!json.has_value()) {
        return SqlError(kInvalidCastArgument, Format("Cannot cast to {}. Invalid JSON: {}",
                                                     to.ToString(), value.string_value()));
      }
      return FromJson(*json, to);
    });
  }
  if (to.kind() == TypeKind::kJson && from.kind() != TypeKind::kJson) {
    return ValueCastKernel(to, try_cast, [](const Value& value) -> Result<Value> {
      return Value::Json(Dump(ToJson(value)));
    });
  }
  return nullptr;
}

void RegisterJsonFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  AddRowFunction(impl,
                 ScalarSpec{.name = "json_parse",
                            .arguments = {"varchar"},
                            .returns = "json",
                            .description = "Parses JSON text"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   std::optional<OrderedJson> json = Parse(frame.String(0, row));
                   if (!json.has_value()) {
                     return SqlError(
                         kInvalidFunctionArgument,
                         Format("Cannot convert value to JSON: '{}'", frame.String(0, row)));
                   }
                   frame.SetString(row, Dump(*json));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "json_format",
                            .arguments = {"json"},
                            .returns = "varchar",
                            .description = "Returns the JSON text"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, frame.String(0, row));
                   return Status::Ok();
                 });
  AddPathFunction(impl, "json_extract", "json", "Returns the JSON value at the path",
                  [](KernelFrame& frame, size_t row, const OrderedJson* node) {
                    if (node == nullptr) {
                      frame.SetNull(row);
                    } else {
                      frame.SetString(row, Dump(*node));
                    }
                    return Status::Ok();
                  });
  AddPathFunction(impl, "json_extract_scalar", "varchar",
                  "Returns the scalar at the path as text (NULL for objects and arrays)",
                  [](KernelFrame& frame, size_t row, const OrderedJson* node) {
                    std::optional<std::string> text =
                        node == nullptr ? std::nullopt : ScalarText(*node);
                    if (text.has_value()) {
                      frame.SetString(row, *text);
                    } else {
                      frame.SetNull(row);
                    }
                    return Status::Ok();
                  });
  AddPathFunction(impl, "json_size", "bigint",
                  "Returns the size of the object or array at the path (0 for scalars)",
                  [](KernelFrame& frame, size_t row, const OrderedJson* node) {
                    if (node == nullptr) {
                      frame.SetNull(row);
                    } else {
                      frame.out<int64_t>()[row] = node->is_object() || node->is_array()
                                                      ? static_cast<int64_t>(node->size())
                                                      : 0;
                    }
                    return Status::Ok();
                  });
  AddJsonFunction(impl, "json_array_length", "bigint", "Returns the length of a JSON array",
                  [](KernelFrame& frame, size_t row, const OrderedJson& json) {
                    if (!json.is_array()) {
                      frame.SetNull(row);
                    } else {
                      frame.out<int64_t>()[row] = static_cast<int64_t>(json.size());
                    }
                    return Status::Ok();
                  });
  AddJsonFunction(impl, "is_json_scalar", "boolean", "Returns whether the JSON value is a scalar",
                  [](KernelFrame& frame, size_t row, const OrderedJson& json) {
                    frame.out<uint8_t>()[row] = !json.is_object() && !json.is_array();
                    return Status::Ok();
                  });
  for (std::string_view input : {"json", "varchar"}) {
    for (std::string_view element : {"boolean", "bigint", "double", "varchar"}) {
      AddValueFunction(impl,
                       ScalarSpec{.name = "json_array_contains",
                                  .arguments = {input, element},
                                  .returns = "boolean",
                                  .description = "Returns whether the JSON array holds the value"},
                       ReturnsType(LogicalType::Boolean()),
                       [](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
                         std::optional<OrderedJson> json = Parse(arguments[0].string_value());
                         if (!json.has_value() || !json->is_array()) {
                           return Status::Ok();
                         }
                         const OrderedJson needle = ToJson(arguments[1]);
                         bool found = false;
                         for (const OrderedJson& item : *json) {
                           found = found || (needle.is_number() && item.is_number()
                                                 ? item.get<double>() == needle.get<double>()
                                                 : item == needle);
                         }
                         *out = Value::Boolean(found);
                         return Status::Ok();
                       });
    }
    AddValueFunction(impl,
                     ScalarSpec{.name = "json_array_get",
                                .arguments = {input, "bigint"},
                                .returns = "json",
                                .description = "Returns the array element at index (0-based; "
                                               "negative counts from the end)"},
                     ReturnsType(LogicalType::Json()),
                     [](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
                       std::optional<OrderedJson> json = Parse(arguments[0].string_value());
                       if (!json.has_value() || !json->is_array()) {
                         return Status::Ok();
                       }
                       int64_t index = arguments[1].int64_value();
                       const auto size = static_cast<int64_t>(json->size());
                       if (index < 0) {
                         index += size;
                       }
                       if (index >= 0 && index < size) {
                         *out = Value::Json(Dump((*json)[static_cast<size_t>(index)]));
                       }
                       return Status::Ok();
                     });
  }
}

}  // namespace stratus::sql::functions
