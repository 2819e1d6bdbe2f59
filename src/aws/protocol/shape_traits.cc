#include "aws/protocol/shape_traits.h"

#include "aws/model/service_model.h"

namespace stratus::aws {

const Json& EmptyJsonObject() {
  static const Json kEmpty = Json::object();
  return kEmpty;
}

std::string_view StringTrait(const Json& object, std::string_view key) {
  if (!object.is_object()) {
    return {};
  }
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return {};
  }
  return it->get_ref<const std::string&>();
}

bool BoolTrait(const Json& object, std::string_view key) {
  if (!object.is_object()) {
    return false;
  }
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

const Json& ObjectTrait(const Json& object, std::string_view key) {
  if (!object.is_object()) {
    return EmptyJsonObject();
  }
  auto it = object.find(key);
  if (it == object.end() || !it->is_object()) {
    return EmptyJsonObject();
  }
  return *it;
}

const Json& ResolveShape(const ServiceModel& service, const Json& ref) {
  std::string_view name = StringTrait(ref, "shape");
  if (name.empty()) {
    return EmptyJsonObject();
  }
  const Json* shape = service.FindShape(name);
  return shape == nullptr ? EmptyJsonObject() : *shape;
}

std::string_view ShapeType(const Json& shape) {
  std::string_view type = StringTrait(shape, "type");
  if (type == "union") {
    return "structure";
  }
  return type;
}

std::string SerializedName(const Json& ref, const Json& shape, std::string_view fallback) {
  std::string_view name = StringTrait(ref, "locationName");
  if (name.empty()) {
    name = StringTrait(shape, "locationName");
  }
  return std::string(name.empty() ? fallback : name);
}

bool IsFlattened(const Json& ref, const Json& shape) {
  return BoolTrait(ref, "flattened") || BoolTrait(shape, "flattened");
}

std::string_view TimestampFormatOf(const Json& ref, const Json& shape, std::string_view fallback) {
  std::string_view format = StringTrait(ref, "timestampFormat");
  if (format.empty()) {
    format = StringTrait(shape, "timestampFormat");
  }
  return format.empty() ? fallback : format;
}

}  // namespace stratus::aws
