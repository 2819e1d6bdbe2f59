// Array, map and row functions without lambdas: the constructors the binder
// calls ("array_constructor", "row_constructor"), $subscript, element_at,
// cardinality, contains, arrays_overlap, array_* (join, distinct, max/min, position,
// remove, sort, union, intersect, except), slice, sequence, flatten, concat
// of arrays, reverse, map(keys, values), map_keys and map_values.

#include <algorithm>
#include <string>
#include <vector>

#include "base/format.h"
#include "sql/functions/cast_internal.h"
#include "sql/functions/value_compare_internal.h"
#include "sql/functions/value_function_internal.h"
#include "sql/types/sql_error.h"
#include "sql/types/value.h"

namespace stratus::sql::functions {
namespace {

bool SameValue(const Value& a, const Value& b) {
  bool indeterminate = false;
  return !a.is_null() && !b.is_null() && CompareValues(a, b, &indeterminate) == 0;
}

Value MakeArray(const LogicalType& array_type, std::vector<Value> elements) {
  return Value::Array(array_type.child(0), std::move(elements));
}

// Text of an element for array_join: strings as they are, others as CAST to varchar shows them.
std::string ElementText(const Value& value) {
  switch (value.type().kind()) {
    case TypeKind::kDouble:
      return FormatDoubleForCast(value.double_value());
    case TypeKind::kReal:
      return FormatRealForCast(static_cast<float>(value.double_value()));
    default:
      return value.type().is_string() ? value.string_value() : value.ToString();
  }
}

void RegisterConstructors(FunctionRegistry::Impl& impl) {
  AddValueFunction(
      impl,
      ScalarSpec{.name = "array_constructor",
                 .arguments = {"T"},
                 .returns = "array(T)",
                 .description = "ARRAY[...]: an array of the arguments",
                 .variadic = true},
      [](const std::vector<LogicalType>& bound) -> Result<LogicalType> {
        return LogicalType::Array(bound.empty() ? LogicalType::Unknown() : bound[0]);
      },
      [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
        *out = MakeArray(type, arguments);
        return Status::Ok();
      },
      false);
  AddValueFunction(
      impl,
      ScalarSpec{.name = "row_constructor",
                 .arguments = {"any"},
                 .returns = "row",
                 .description = "ROW(...): a row of the arguments",
                 .variadic = true},
      [](const std::vector<LogicalType>& bound) -> Result<LogicalType> {
        std::vector<RowField> fields;
        fields.reserve(bound.size());
        for (const LogicalType& type : bound) {
          fields.push_back(RowField{.name = "", .type = type});
        }
        return LogicalType::Row(std::move(fields));
      },
      [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
        *out = Value::Row(type, arguments);
        return Status::Ok();
      },
      false);
}

Status ArraySubscript(const Value& array, int64_t index, bool lenient, Value* out) {
  const auto size = static_cast<int64_t>(array.children().size());
  if (index == 0) {
    if (lenient) {
      return SqlError(kInvalidFunctionArgument, "SQL array indices start at 1");
    }
    return SqlError(kInvalidFunctionArgument, "SQL array indices start at 1");
  }
  if (index < 0) {
    if (!lenient) {
      return SqlError(kInvalidFunctionArgument, Format("Array subscript is negative: {}", index));
    }
    index = size + index + 1;
    if (index <= 0) {
      return Status::Ok();
    }
  }
  if (index > size) {
    if (lenient) {
      return Status::Ok();
    }
    return SqlError(
        kInvalidFunctionArgument,
        Format("Array subscript must be less than or equal to array length: {} > {}", index, size));
  }
  *out = array.children()[static_cast<size_t>(index - 1)];
  return Status::Ok();
}

Status MapSubscript(const Value& map, const Value& key, bool lenient, Value* out) {
  const std::vector<Value>& entries = map.children();
  for (size_t i = 0; i + 1 < entries.size(); i += 2) {
    if (SameValue(entries[i], key)) {
      *out = entries[i + 1];
      return Status::Ok();
    }
  }
  if (lenient) {
    return Status::Ok();
  }
  return SqlError(kInvalidFunctionArgument, Format("Key not present in map: {}", key.ToString()));
}

void RegisterAccess(FunctionRegistry::Impl& impl) {
  for (bool lenient : {false, true}) {
    const std::string_view name = lenient ? "element_at" : kSubscriptOperator;
    AddValueFunction(
        impl,
        ScalarSpec{.name = name,
                   .arguments = {"array(E)", "bigint"},
                   .returns = "E",
                   .description = "Returns the element at index (1-based; negative counts from "
                                  "the end), or NULL when there is none"},
        ReturnsElement(0),
        [lenient](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
          return ArraySubscript(arguments[0], arguments[1].int64_value(), lenient, out);
        });
    AddValueFunction(
        impl,
        ScalarSpec{.name = name,
                   .arguments = {"map(K,V)", "K"},
                   .returns = "V",
                   .description = "Returns the value of key, or NULL when absent"},
        [](const std::vector<LogicalType>& bound) -> Result<LogicalType> {
          return bound[0].child(1);
        },
        [lenient](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
          return MapSubscript(arguments[0], arguments[1], lenient, out);
        });
  }
  for (std::string_view type : {"array(E)", "map(K,V)"}) {
    AddValueFunction(impl,
                     ScalarSpec{.name = "cardinality",
                                .arguments = {type},
                                .returns = "bigint",
                                .description = "Returns the number of elements"},
                     ReturnsType(LogicalType::Bigint()),
                     [](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
                       const size_t size = arguments[0].children().size();
                       *out = Value::Bigint(static_cast<int64_t>(
                           arguments[0].type().kind() == TypeKind::kMap ? size / 2 : size));
                       return Status::Ok();
                     });
  }
}

void RegisterSearches(FunctionRegistry::Impl& impl) {
  AddValueFunction(impl,
                   ScalarSpec{.name = "contains",
                              .arguments = {"array(T:comparable)", "T:comparable"},
                              .returns = "boolean",
                              .description = "Returns whether the array holds the element"},
                   ReturnsType(LogicalType::Boolean()),
                   [](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
                     bool saw_null = false;
                     for (const Value& element : arguments[0].children()) {
                       if (element.is_null()) {
                         saw_null = true;
                       } else if (SameValue(element, arguments[1])) {
                         *out = Value::Boolean(true);
                         return Status::Ok();
                       }
                     }
                     if (!saw_null) {
                       *out = Value::Boolean(false);
                     }
                     return Status::Ok();
                   });
  AddValueFunction(
      impl,
      ScalarSpec{.name = "arrays_overlap",
                 .arguments = {"array(T:comparable)", "array(T:comparable)"},
                 .returns = "boolean",
                 .description = "Returns whether the arrays share a non-NULL element (NULL when "
                                "they share none but either holds a NULL)"},
      ReturnsType(LogicalType::Boolean()),
      [](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
        bool saw_null = false;
        for (const Value& left : arguments[0].children()) {
          saw_null = saw_null || left.is_null();
          for (const Value& right : arguments[1].children()) {
            saw_null = saw_null || right.is_null();
            if (SameValue(left, right)) {
              *out = Value::Boolean(true);
              return Status::Ok();
            }
          }
        }
        for (const Value& right : arguments[1].children()) {
          saw_null = saw_null || right.is_null();
        }
        if (!saw_null) {
          *out = Value::Boolean(false);
        }
        return Status::Ok();
      });
  AddValueFunction(impl,
                   ScalarSpec{.name = "array_position",
                              .arguments = {"array(T:comparable)", "T:comparable"},
                              .returns = "bigint",
                              .description = "Returns the position (1-based) of the element, or 0"},
                   ReturnsType(LogicalType::Bigint()),
                   [](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
                     const std::vector<Value>& elements = arguments[0].children();
                     int64_t position = 0;
                     for (size_t i = 0; i < elements.size() && position == 0; ++i) {
                       if (SameValue(elements[i], arguments[1])) {
                         position = static_cast<int64_t>(i) + 1;
                       }
                     }
                     *out = Value::Bigint(position);
                     return Status::Ok();
                   });
  for (bool is_max : {true, false}) {
    AddValueFunction(
        impl,
        ScalarSpec{.name = is_max ? "array_max" : "array_min",
                   .arguments = {"array(T:orderable)"},
                   .returns = "T",
                   .description = is_max ? "Returns the largest element (NULL if any is NULL)"
                                         : "Returns the smallest element (NULL if any is NULL)"},
        ReturnsElement(0),
        [is_max](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
          const std::vector<Value>& elements = arguments[0].children();
          for (const Value& element : elements) {
            if (element.is_null()) {
              return Status::Ok();
            }
            bool indeterminate = false;
            if (out->is_null() || (is_max ? CompareValues(element, *out, &indeterminate) > 0
                                          : CompareValues(element, *out, &indeterminate) < 0)) {
              *out = element;
            }
          }
          return Status::Ok();
        });
  }
  AddValueFunction(
      impl,
      ScalarSpec{.name = "array_join",
                 .arguments = {"array(T)", "varchar"},
                 .returns = "varchar",
                 .description = "Joins the elements with the delimiter, skipping NULLs"},
      ReturnsType(LogicalType::Varchar()),
      [](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
        std::string text;
        bool first = true;
        for (const Value& element : arguments[0].children()) {
          if (element.is_null()) {
            continue;
          }
          if (!first) {
            text += arguments[1].string_value();
          }
          first = false;
          text += ElementText(element);
        }
        *out = Value::Varchar(std::move(text));
        return Status::Ok();
      });
  AddValueFunction(
      impl,
      ScalarSpec{.name = "array_join",
                 .arguments = {"array(T)", "varchar", "varchar"},
                 .returns = "varchar",
                 .description = "Joins the elements with the delimiter, NULLs replaced"},
      ReturnsType(LogicalType::Varchar()),
      [](const std::vector<Value>& arguments, const LogicalType&, Value* out) {
        std::string text;
        const std::vector<Value>& elements = arguments[0].children();
        for (size_t i = 0; i < elements.size(); ++i) {
          if (i > 0) {
            text += arguments[1].string_value();
          }
          text += elements[i].is_null() ? arguments[2].string_value() : ElementText(elements[i]);
        }
        *out = Value::Varchar(std::move(text));
        return Status::Ok();
      });
}

std::vector<Value> Distinct(const std::vector<Value>& elements) {
  std::vector<Value> out;
  bool saw_null = false;
  for (const Value& element : elements) {
    if (element.is_null()) {
      if (!saw_null) {
        out.push_back(element);
      }
      saw_null = true;
      continue;
    }
    if (std::none_of(out.begin(), out.end(),
                     [&](const Value& seen) { return SameValue(seen, element); })) {
      out.push_back(element);
    }
  }
  return out;
}

bool Holds(const std::vector<Value>& elements, const Value& value) {
  return std::any_of(elements.begin(), elements.end(), [&](const Value& element) {
    return (element.is_null() && value.is_null()) || SameValue(element, value);
  });
}

// Registers name(arguments) → array(T), the first argument's type.
void AddArrayOperation(FunctionRegistry::Impl& impl,
                       std::string_view name,
                       std::vector<std::string_view> arguments,
                       std::string_view description,
                       const ValueFunction& fn) {
  AddValueFunction(impl,
                   ScalarSpec{.name = name,
                              .arguments = std::move(arguments),
                              .returns = "array(T)",
                              .description = description},
                   ReturnsArgument(0), fn);
}

void RegisterTransforms(FunctionRegistry::Impl& impl) {
  auto array_op = [&impl](std::string_view name, std::vector<std::string_view> arguments,
                          std::string_view description, const ValueFunction& fn) {
    AddArrayOperation(impl, name, std::move(arguments), description, fn);
  };
  array_op("array_distinct", {"array(T:comparable)"}, "Removes duplicate elements",
           [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
             *out = MakeArray(type, Distinct(arguments[0].children()));
             return Status::Ok();
           });
  array_op("array_remove", {"array(T:comparable)", "T:comparable"},
           "Removes every element equal to the value",
           [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
             std::vector<Value> kept;
             for (const Value& element : arguments[0].children()) {
               if (!SameValue(element, arguments[1])) {
                 kept.push_back(element);
               }
             }
             *out = MakeArray(type, std::move(kept));
             return Status::Ok();
           });
  array_op("array_sort", {"array(T:orderable)"}, "Sorts the elements, NULLs last",
           [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
             std::vector<Value> sorted = arguments[0].children();
             std::stable_sort(sorted.begin(), sorted.end(), [](const Value& a, const Value& b) {
               if (a.is_null() || b.is_null()) {
                 return !a.is_null() && b.is_null();
               }
               bool indeterminate = false;
               return CompareValues(a, b, &indeterminate) < 0;
             });
             *out = MakeArray(type, std::move(sorted));
             return Status::Ok();
           });
  array_op("reverse", {"array(T)"}, "Reverses the elements",
           [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
             std::vector<Value> reversed(arguments[0].children().rbegin(),
                                         arguments[0].children().rend());
             *out = MakeArray(type, std::move(reversed));
             return Status::Ok();
           });
}

void RegisterSetOperations(FunctionRegistry::Impl& impl) {
  auto array_op = [&impl](std::string_view name, std::vector<std::string_view> arguments,
                          std::string_view description, const ValueFunction& fn) {
    AddArrayOperation(impl, name, std::move(arguments), description, fn);
  };
  array_op("array_union", {"array(T:comparable)", "array(T:comparable)"},
           "Returns the distinct elements of both arrays",
           [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
             std::vector<Value> all = arguments[0].children();
             all.insert(all.end(), arguments[1].children().begin(), arguments[1].children().end());
             *out = MakeArray(type, Distinct(all));
             return Status::Ok();
           });
  array_op("array_intersect", {"array(T:comparable)", "array(T:comparable)"},
           "Returns the distinct elements in both arrays",
           [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
             std::vector<Value> kept;
             for (const Value& element : Distinct(arguments[0].children())) {
               if (Holds(arguments[1].children(), element)) {
                 kept.push_back(element);
               }
             }
             *out = MakeArray(type, std::move(kept));
             return Status::Ok();
           });
  array_op("array_except", {"array(T:comparable)", "array(T:comparable)"},
           "Returns the distinct elements of the first array not in the second",
           [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
             std::vector<Value> kept;
             for (const Value& element : Distinct(arguments[0].children())) {
               if (!Holds(arguments[1].children(), element)) {
                 kept.push_back(element);
               }
             }
             *out = MakeArray(type, std::move(kept));
             return Status::Ok();
           });
  array_op("slice", {"array(T)", "bigint", "bigint"},
           "Returns length elements from start (1-based; negative counts from the end)",
           [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) -> Status {
             const std::vector<Value>& elements = arguments[0].children();
             const auto size = static_cast<int64_t>(elements.size());
             int64_t start = arguments[1].int64_value();
             const int64_t length = arguments[2].int64_value();
             if (start == 0) {
               return SqlError(kInvalidFunctionArgument, "SQL array indices start at 1");
             }
             if (length < 0) {
               return SqlError(kInvalidFunctionArgument,
                               Format("length must be greater than or equal to 0"));
             }
             if (start < 0) {
               start = size + start + 1;
             }
             std::vector<Value> kept;
             for (int64_t i = std::max<int64_t>(start, 1); i < start + length && i <= size; ++i) {
               kept.push_back(elements[static_cast<size_t>(i - 1)]);
             }
             *out = MakeArray(type, std::move(kept));
             return Status::Ok();
           });
  AddValueFunction(impl,
                   ScalarSpec{.name = "concat",
                              .arguments = {"array(T)", "array(T)"},
                              .returns = "array(T)",
                              .description = "Concatenates the arrays",
                              .variadic = true},
                   ReturnsArgument(0),
                   [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
                     std::vector<Value> all;
                     for (const Value& array : arguments) {
                       all.insert(all.end(), array.children().begin(), array.children().end());
                     }
                     *out = MakeArray(type, std::move(all));
                     return Status::Ok();
                   });
  AddValueFunction(
      impl,
      ScalarSpec{.name = "flatten",
                 .arguments = {"array(array(T))"},
                 .returns = "array(T)",
                 .description = "Concatenates an array of arrays"},
      [](const std::vector<LogicalType>& bound) -> Result<LogicalType> {
        return bound[0].child(0);
      },
      [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
        std::vector<Value> all;
        for (const Value& array : arguments[0].children()) {
          if (!array.is_null()) {
            all.insert(all.end(), array.children().begin(), array.children().end());
          }
        }
        *out = MakeArray(type, std::move(all));
        return Status::Ok();
      });
}

Status Sequence(int64_t start, int64_t stop, int64_t step, std::vector<Value>* out) {
  if (step == 0) {
    return SqlError(kInvalidFunctionArgument, "step must not be zero");
  }
  if ((step > 0 && start > stop) || (step < 0 && start < stop)) {
    return SqlError(kInvalidFunctionArgument,
                    "sequence stop value should be greater than or equal to start value if step "
                    "is greater than zero otherwise stop should be less than or equal to start");
  }
  const int64_t count = (stop - start) / step + 1;
  if (count > 10000) {
    return SqlError(kInvalidFunctionArgument,
                    "result of sequence function must not have more than 10000 entries");
  }
  for (int64_t i = 0; i < count; ++i) {
    out->push_back(Value::Bigint(start + i * step));
  }
  return Status::Ok();
}

void RegisterSequences(FunctionRegistry::Impl& impl) {
  for (bool with_step : {false, true}) {
    ScalarSpec spec{.name = "sequence",
                    .arguments = {"bigint", "bigint"},
                    .returns = "array(bigint)",
                    .description = "Returns the integers from start to stop (by step)"};
    if (with_step) {
      spec.arguments.emplace_back("bigint");
    }
    AddValueFunction(impl, spec, ReturnsType(LogicalType::Array(LogicalType::Bigint())),
                     [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
                       const int64_t start = arguments[0].int64_value();
                       const int64_t stop = arguments[1].int64_value();
                       const int64_t step = arguments.size() > 2 ? arguments[2].int64_value()
                                                                 : (start <= stop ? 1 : -1);
                       std::vector<Value> elements;
                       STRATUS_RETURN_IF_ERROR(Sequence(start, stop, step, &elements));
                       *out = MakeArray(type, std::move(elements));
                       return Status::Ok();
                     });
  }
  AddValueFunction(impl,
                   ScalarSpec{.name = "sequence",
                              .arguments = {"date", "date"},
                              .returns = "array(date)",
                              .description = "Returns the dates from start to stop, a day apart"},
                   ReturnsType(LogicalType::Array(LogicalType::Date())),
                   [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
                     const int64_t start = arguments[0].int64_value();
                     const int64_t stop = arguments[1].int64_value();
                     std::vector<Value> days;
                     STRATUS_RETURN_IF_ERROR(Sequence(start, stop, start <= stop ? 1 : -1, &days));
                     std::vector<Value> dates;
                     dates.reserve(days.size());
                     for (const Value& day : days) {
                       dates.push_back(Value::Date(static_cast<int32_t>(day.int64_value())));
                     }
                     *out = MakeArray(type, std::move(dates));
                     return Status::Ok();
                   });
}

void RegisterMaps(FunctionRegistry::Impl& impl) {
  AddValueFunction(
      impl,
      ScalarSpec{.name = "map",
                 .arguments = {"array(K)", "array(V)"},
                 .returns = "map(K,V)",
                 .description = "Builds a map from arrays of keys and values"},
      [](const std::vector<LogicalType>& bound) -> Result<LogicalType> {
        return LogicalType::Map(bound[0].child(0), bound[1].child(0));
      },
      [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) -> Status {
        const std::vector<Value>& keys = arguments[0].children();
        const std::vector<Value>& values = arguments[1].children();
        if (keys.size() != values.size()) {
          return SqlError(kInvalidFunctionArgument, "Key and value arrays must be the same length");
        }
        for (size_t i = 0; i < keys.size(); ++i) {
          if (keys[i].is_null()) {
            return SqlError(kInvalidFunctionArgument, "map key cannot be null");
          }
          for (size_t j = 0; j < i; ++j) {
            if (SameValue(keys[i], keys[j])) {
              return SqlError(
                  kInvalidFunctionArgument,
                  Format("Duplicate map keys ({}) are not allowed", keys[i].ToString()));
            }
          }
        }
        *out = Value::Map(type.child(0), type.child(1), keys, values);
        return Status::Ok();
      });
  AddValueFunction(
      impl,
      ScalarSpec{
          .name = "map", .returns = "map(unknown,unknown)", .description = "Returns an empty map"},
      ReturnsType(LogicalType::Map(LogicalType::Unknown(), LogicalType::Unknown())),
      [](const std::vector<Value>&, const LogicalType& type, Value* out) {
        *out = Value::Map(type.child(0), type.child(1), {}, {});
        return Status::Ok();
      });
  for (bool keys : {true, false}) {
    AddValueFunction(
        impl,
        ScalarSpec{.name = keys ? "map_keys" : "map_values",
                   .arguments = {"map(K,V)"},
                   .returns = keys ? "array(K)" : "array(V)",
                   .description = keys ? "Returns the map's keys" : "Returns the map's values"},
        [keys](const std::vector<LogicalType>& bound) -> Result<LogicalType> {
          return LogicalType::Array(bound[0].child(keys ? 0 : 1));
        },
        [keys](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
          std::vector<Value> items;
          const std::vector<Value>& entries = arguments[0].children();
          for (size_t i = keys ? 0 : 1; i < entries.size(); i += 2) {
            items.push_back(entries[i]);
          }
          *out = MakeArray(type, std::move(items));
          return Status::Ok();
        });
  }
}

void RegisterMapBuilders(FunctionRegistry::Impl& impl) {
  AddValueFunction(
      impl,
      ScalarSpec{.name = "split_to_map",
                 .arguments = {"varchar", "varchar", "varchar"},
                 .returns = "map(varchar,varchar)",
                 .description = "Splits the string into entries and each entry into a key and a "
                                "value"},
      ReturnsType(LogicalType::Map(LogicalType::Varchar(), LogicalType::Varchar())),
      [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) -> Status {
        const std::string& text = arguments[0].string_value();
        const std::string& entry_delimiter = arguments[1].string_value();
        const std::string& key_delimiter = arguments[2].string_value();
        if (entry_delimiter.empty() || key_delimiter.empty()) {
          return SqlError(kInvalidFunctionArgument,
                          "entryDelimiter and keyValueDelimiter must "
                          "not be empty");
        }
        std::vector<Value> keys;
        std::vector<Value> values;
        size_t from = 0;
        while (from < text.size()) {
          size_t end = text.find(entry_delimiter, from);
          if (end == std::string::npos) {
            end = text.size();
          }
          const std::string entry = text.substr(from, end - from);
          const size_t split = entry.find(key_delimiter);
          if (split == std::string::npos) {
            return SqlError(kInvalidFunctionArgument,
                            Format("Key-value delimiter must appear exactly once in each entry. "
                                   "Bad input: '{}'",
                                   entry));
          }
          Value key = Value::Varchar(entry.substr(0, split));
          for (const Value& seen : keys) {
            if (seen == key) {
              return SqlError(kInvalidFunctionArgument,
                              Format("Duplicate keys ({}) are not allowed", key.string_value()));
            }
          }
          keys.push_back(std::move(key));
          values.push_back(Value::Varchar(entry.substr(split + key_delimiter.size())));
          from = end + entry_delimiter.size();
        }
        *out = Value::Map(type.child(0), type.child(1), std::move(keys), std::move(values));
        return Status::Ok();
      });
  AddValueFunction(
      impl,
      ScalarSpec{.name = "map_concat",
                 .arguments = {"map(K,V)", "map(K,V)"},
                 .returns = "map(K,V)",
                 .description = "Merges the maps; later keys win",
                 .variadic = true},
      ReturnsArgument(0),
      [](const std::vector<Value>& arguments, const LogicalType& type, Value* out) {
        std::vector<Value> keys;
        std::vector<Value> values;
        for (const Value& map : arguments) {
          const std::vector<Value>& entries = map.children();
          for (size_t i = 0; i + 1 < entries.size(); i += 2) {
            auto it = std::find_if(keys.begin(), keys.end(),
                                   [&](const Value& key) { return SameValue(key, entries[i]); });
            if (it == keys.end()) {
              keys.push_back(entries[i]);
              values.push_back(entries[i + 1]);
            } else {
              values[static_cast<size_t>(it - keys.begin())] = entries[i + 1];
            }
          }
        }
        *out = Value::Map(type.child(0), type.child(1), std::move(keys), std::move(values));
        return Status::Ok();
      });
}

}  // namespace

void RegisterArrayFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  RegisterConstructors(impl);
  RegisterAccess(impl);
  RegisterSearches(impl);
  RegisterTransforms(impl);
  RegisterSetOperations(impl);
  RegisterSequences(impl);
  RegisterMaps(impl);
  RegisterMapBuilders(impl);
}

}  // namespace stratus::sql::functions
