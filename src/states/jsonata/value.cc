#include "states/jsonata/number_text_internal.h"
#include "states/jsonata/value_internal.h"

namespace stratus::states::jsonata {

Value Value::Borrow(const Json& json) {
  return {Kind::kJson, std::shared_ptr<const void>(std::shared_ptr<const void>(), &json)};
}

Value Value::Own(Json json) {
  // Allocated non-const so that $transform may edit its private clone.
  return {Kind::kJson, std::make_shared<Json>(std::move(json))};
}

Value Value::Child(const Value& parent, const Json& child) {
  return {Kind::kJson, std::shared_ptr<const void>(parent.ptr_, &child)};
}

Json NumberToJson(double number) {
  if (IsInt64(number)) {
    return Json(static_cast<int64_t>(number));  // NOLINT(modernize-return-braced-init-list)
  }
  return Json(number);  // NOLINT(modernize-return-braced-init-list): braces make an array
}

Value Value::Number(double number) {
  return Own(NumberToJson(number));
}

Value Value::Boolean(bool value) {
  static const Json kTrue(true);
  static const Json kFalse(false);
  return Borrow(value ? kTrue : kFalse);
}

Value Value::Null() {
  static const Json kNull(nullptr);
  return Borrow(kNull);
}

Value Value::String(std::string text) {
  return Own(Json(std::move(text)));
}

Value Value::FromSequence(std::shared_ptr<Sequence> sequence) {
  return {Kind::kSequence, std::move(sequence)};
}

Value Value::FromFunction(std::shared_ptr<const Function> function) {
  return {Kind::kFunction, std::move(function)};
}

bool Value::IsArray() const {
  return is_sequence() || (is_json() && json().is_array());
}

bool Value::IsSequenceFlagged() const {
  return is_sequence() && sequence().is_sequence;
}

size_t Value::ArraySize() const {
  return is_sequence() ? sequence().items.size() : json().size();
}

Value Value::ArrayAt(size_t index) const {
  if (is_sequence()) {
    return sequence().items[index];
  }
  return Child(*this, json()[index]);
}

std::shared_ptr<Sequence> NewSequence() {
  return std::make_shared<Sequence>();
}

Value MakeArray(std::vector<Value> items) {
  auto sequence = std::make_shared<Sequence>();
  sequence->items = std::move(items);
  sequence->is_sequence = false;
  return Value::FromSequence(std::move(sequence));
}

Value NormalizeSequence(Value value) {
  if (!value.is_sequence()) {
    return value;
  }
  const Sequence& sequence = value.sequence();
  if (!sequence.is_sequence || sequence.tuple_stream) {
    return value;
  }
  if (sequence.items.empty()) {
    return {};
  }
  if (sequence.items.size() == 1 && !sequence.keep_singleton) {
    return sequence.items[0];
  }
  return value;
}

void AppendFlattened(std::vector<Value>& out, const Value& value) {
  if (value.IsArray()) {
    const size_t size = value.ArraySize();
    for (size_t i = 0; i < size; ++i) {
      out.push_back(value.ArrayAt(i));
    }
  } else {
    out.push_back(value);
  }
}

Value AppendValues(const Value& first, const Value& second) {
  if (first.undefined()) {
    return second;
  }
  if (second.undefined()) {
    return first;
  }
  auto result = NewSequence();
  AppendFlattened(result->items, first);
  AppendFlattened(result->items, second);
  return Value::FromSequence(std::move(result));
}

namespace {

bool JsonEqual(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    return a.get<double>() == b.get<double>();
  }
  if (a.type() != b.type()) {
    return false;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
      if (!JsonEqual(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !JsonEqual(it.value(), *other)) {
        return false;
      }
    }
    return true;
  }
  return a == b;
}

}  // namespace

bool DeepEqual(const Value& a, const Value& b) {
  if (a.undefined() || b.undefined()) {
    return a.undefined() && b.undefined();
  }
  if (a.is_function() || b.is_function()) {
    return a.is_function() && b.is_function() && a.SameObject(b);
  }
  if (a.is_json() && b.is_json()) {
    return JsonEqual(a.json(), b.json());
  }
  if (!a.IsArray() || !b.IsArray()) {
    return false;
  }
  const size_t size = a.ArraySize();
  if (size != b.ArraySize()) {
    return false;
  }
  for (size_t i = 0; i < size; ++i) {
    if (!DeepEqual(a.ArrayAt(i), b.ArrayAt(i))) {
      return false;
    }
  }
  return true;
}

bool ToJson(const Value& value, Json& out, bool nested_function_as_empty) {
  if (value.undefined()) {
    out = nullptr;
    return true;
  }
  if (value.is_json()) {
    out = value.json();
    return true;
  }
  if (value.is_function()) {
    out = "";
    return nested_function_as_empty;
  }
  const Sequence& sequence = value.sequence();
  out = Json::array();
  out.get_ref<Json::array_t&>().reserve(sequence.items.size());
  for (const Value& item : sequence.items) {
    if (item.undefined()) {
      continue;
    }
    Json element;
    if (!ToJson(item, element, nested_function_as_empty)) {
      return false;
    }
    out.push_back(std::move(element));
  }
  return true;
}

void NormalizeNumbers(Json& json) {
  if (json.is_number_float()) {
    json = NumberToJson(json.get<double>());
  } else if (json.is_structured()) {
    for (Json& child : json) {
      NormalizeNumbers(child);
    }
  }
}

std::optional<bool> BooleanOf(const Value& value) {
  if (value.undefined()) {
    return std::nullopt;
  }
  if (value.is_function()) {
    return false;
  }
  if (value.IsArray()) {
    const size_t size = value.ArraySize();
    for (size_t i = 0; i < size; ++i) {
      if (BooleanOf(value.ArrayAt(i)).value_or(false)) {
        return true;
      }
    }
    return false;
  }
  const Json& json = value.json();
  switch (json.type()) {
    case Json::value_t::boolean:
      return json.get<bool>();
    case Json::value_t::string:
      return !json.get_ref<const std::string&>().empty();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return json.get<double>() != 0;
    case Json::value_t::object:
      return !json.empty();
    default:
      return false;
  }
}

std::string_view TypeName(const Value& value) {
  if (value.undefined()) {
    return "undefined";
  }
  if (value.is_function()) {
    return "function";
  }
  if (value.is_sequence()) {
    return "array";
  }
  switch (value.json().type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "number";
    case Json::value_t::string:
      return "string";
    case Json::value_t::array:
      return "array";
    default:
      return "object";
  }
}

}  // namespace stratus::states::jsonata
