#include "formats/avro/avro_value.h"

#include <utility>

#include "base/check.h"

namespace stratus::formats::avro {

AvroValue AvroValue::Boolean(bool value) {
  AvroValue out;
  out.kind = AvroKind::kBoolean;
  out.boolean = value;
  return out;
}

AvroValue AvroValue::Int(int32_t value) {
  AvroValue out;
  out.kind = AvroKind::kInt;
  out.number = value;
  return out;
}

AvroValue AvroValue::Long(int64_t value) {
  AvroValue out;
  out.kind = AvroKind::kLong;
  out.number = value;
  return out;
}

AvroValue AvroValue::Float(float value) {
  AvroValue out;
  out.kind = AvroKind::kFloat;
  out.real = value;
  return out;
}

AvroValue AvroValue::Double(double value) {
  AvroValue out;
  out.kind = AvroKind::kDouble;
  out.real = value;
  return out;
}

AvroValue AvroValue::Bytes(std::string value) {
  AvroValue out;
  out.kind = AvroKind::kBytes;
  out.bytes = std::move(value);
  return out;
}

AvroValue AvroValue::String(std::string value) {
  AvroValue out;
  out.kind = AvroKind::kString;
  out.bytes = std::move(value);
  return out;
}

AvroValue AvroValue::Fixed(std::string value) {
  AvroValue out;
  out.kind = AvroKind::kFixed;
  out.bytes = std::move(value);
  return out;
}

AvroValue AvroValue::Enum(int32_t index, std::string symbol) {
  AvroValue out;
  out.kind = AvroKind::kEnum;
  out.number = index;
  out.bytes = std::move(symbol);
  return out;
}

AvroValue AvroValue::Array(std::vector<AvroValue> items) {
  AvroValue out;
  out.kind = AvroKind::kArray;
  out.items = std::move(items);
  return out;
}

AvroValue AvroValue::Map(std::vector<std::string> keys, std::vector<AvroValue> values) {
  STRATUS_CHECK(keys.size() == values.size(), "avro map: {} keys, {} values", keys.size(),
                values.size());
  AvroValue out;
  out.kind = AvroKind::kMap;
  out.names = std::move(keys);
  out.items = std::move(values);
  return out;
}

AvroValue AvroValue::Record() {
  AvroValue out;
  out.kind = AvroKind::kRecord;
  return out;
}

AvroValue& AvroValue::Add(std::string name, AvroValue value) {
  names.push_back(std::move(name));
  items.push_back(std::move(value));
  return *this;
}

const AvroValue* AvroValue::Find(std::string_view name) const {
  for (size_t i = 0; i < names.size() && i < items.size(); ++i) {
    if (names[i] == name) {
      return &items[i];
    }
  }
  return nullptr;
}

}  // namespace stratus::formats::avro
