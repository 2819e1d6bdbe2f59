#include "aws/protocol/json_body.h"

#include <cmath>

#include "aws/model/service_model.h"
#include "aws/protocol/shape_traits.h"
#include "aws/protocol/timestamp_format.h"
#include "base/format.h"

namespace stratus::aws {
namespace {

constexpr int kMaxDepth = 64;

bool IncludeAll(const Json& /*member_ref*/) {
  return true;
}

std::string_view JsonTypeName(const Json& value) {
  if (value.is_string()) {
    return "string";
  }
  if (value.is_boolean()) {
    return "boolean";
  }
  if (value.is_number()) {
    return "number";
  }
  if (value.is_array()) {
    return "array";
  }
  if (value.is_object()) {
    return "object";
  }
  return "null";
}

Status TypeError(std::string_view path, std::string_view expected, const Json& wire) {
  return SerializationError(Format("{}: expected {}, got {}", path.empty() ? "body" : path,
                                   expected, JsonTypeName(wire)));
}

bool IsSpecialFloat(const Json& wire) {
  if (!wire.is_string()) {
    return false;
  }
  const auto& text = wire.get_ref<const std::string&>();
  return text == "NaN" || text == "Infinity" || text == "-Infinity";
}

Result<Json> Read(const ServiceModel& service,
                  const Json& ref,
                  const Json& wire,
                  std::string_view path,
                  int depth);

Result<Json> ReadStructure(const ServiceModel& service,
                           const Json& shape,
                           const Json& wire,
                           std::string_view path,
                           int depth,
                           bool (*include)(const Json&)) {
  if (!wire.is_object()) {
    return TypeError(path, "object", wire);
  }
  Json out = Json::object();
  const Json& members = ObjectTrait(shape, "members");
  for (const auto& [name, member_ref] : members.items()) {
    if (!include(member_ref)) {
      continue;
    }
    const Json& member_shape = ResolveShape(service, member_ref);
    std::string wire_name = SerializedName(member_ref, member_shape, name);
    auto it = wire.find(wire_name);
    if (it == wire.end() || it->is_null()) {
      continue;
    }
    std::string member_path = path.empty() ? name : Format("{}.{}", path, name);
    STRATUS_ASSIGN_OR_RETURN(Json value, Read(service, member_ref, *it, member_path, depth + 1));
    out[name] = std::move(value);
  }
  return out;
}

Result<Json> Read(const ServiceModel& service,
                  const Json& ref,
                  const Json& wire,
                  std::string_view path,
                  int depth) {
  if (depth > kMaxDepth) {
    return SerializationError("JSON nested too deeply");
  }
  const Json& shape = ResolveShape(service, ref);
  std::string_view type = ShapeType(shape);
  if (BoolTrait(shape, "document")) {
    return wire;
  }
  if (type == "structure") {
    return ReadStructure(service, shape, wire, path, depth, IncludeAll);
  }
  if (type == "list") {
    if (!wire.is_array()) {
      return TypeError(path, "array", wire);
    }
    Json out = Json::array();
    const Json& member = ObjectTrait(shape, "member");
    for (size_t i = 0; i < wire.size(); ++i) {
      if (wire[i].is_null()) {
        // Sparse lists keep nulls; dense ones drop them.
        if (BoolTrait(shape, "sparse")) {
          out.push_back(nullptr);
        }
        continue;
      }
      STRATUS_ASSIGN_OR_RETURN(
          Json item, Read(service, member, wire[i], Format("{}[{}]", path, i), depth + 1));
      out.push_back(std::move(item));
    }
    return out;
  }
  if (type == "map") {
    if (!wire.is_object()) {
      return TypeError(path, "object", wire);
    }
    Json out = Json::object();
    const Json& value_ref = ObjectTrait(shape, "value");
    for (const auto& [key, item] : wire.items()) {
      if (item.is_null()) {
        if (BoolTrait(shape, "sparse")) {
          out[key] = nullptr;
        }
        continue;
      }
      STRATUS_ASSIGN_OR_RETURN(
          Json value, Read(service, value_ref, item, Format("{}.{}", path, key), depth + 1));
      out[key] = std::move(value);
    }
    return out;
  }
  if (type == "string" || type == "blob") {
    if (!wire.is_string()) {
      return TypeError(path, "string", wire);
    }
    return wire;
  }
  if (type == "boolean") {
    if (!wire.is_boolean()) {
      return TypeError(path, "boolean", wire);
    }
    return wire;
  }
  if (type == "integer" || type == "long" || type == "short" || type == "byte" ||
      type == "biginteger") {
    if (wire.is_number_integer()) {
      return wire;
    }
    if (wire.is_number_float() && std::nearbyint(wire.get<double>()) == wire.get<double>()) {
      return static_cast<int64_t>(wire.get<double>());
    }
    return TypeError(path, "integer", wire);
  }
  if (type == "float" || type == "double" || type == "bigdecimal") {
    if (wire.is_number() || IsSpecialFloat(wire)) {
      return wire;
    }
    return TypeError(path, "number", wire);
  }
  if (type == "timestamp") {
    Result<double> seconds = TimestampFromJson(wire);
    if (!seconds.ok()) {
      return SerializationError(Format("{}: {}", path, seconds.status().message()));
    }
    return EpochSecondsJson(*seconds);
  }
  // Unknown shapes (a model without the referenced shape): keep the value.
  return wire;
}

Json Write(const ServiceModel& service, const Json& ref, const Json& value, int depth);

Json WriteStructure(const ServiceModel& service,
                    const Json& shape,
                    const Json& value,
                    int depth,
                    bool (*include)(const Json&)) {
  if (!value.is_object()) {
    return value;
  }
  Json out = Json::object();
  const Json& members = ObjectTrait(shape, "members");
  for (const auto& [name, member_ref] : members.items()) {
    if (!include(member_ref)) {
      continue;
    }
    auto it = value.find(name);
    if (it == value.end() || it->is_null()) {
      continue;
    }
    const Json& member_shape = ResolveShape(service, member_ref);
    out[SerializedName(member_ref, member_shape, name)] =
        Write(service, member_ref, *it, depth + 1);
  }
  return out;
}

Json Write(const ServiceModel& service, const Json& ref, const Json& value, int depth) {
  if (depth > kMaxDepth) {
    return value;
  }
  const Json& shape = ResolveShape(service, ref);
  std::string_view type = ShapeType(shape);
  if (BoolTrait(shape, "document")) {
    return value;
  }
  if (type == "structure") {
    return WriteStructure(service, shape, value, depth, IncludeAll);
  }
  if (type == "list" && value.is_array()) {
    Json out = Json::array();
    const Json& member = ObjectTrait(shape, "member");
    for (const Json& item : value) {
      out.push_back(item.is_null() ? item : Write(service, member, item, depth + 1));
    }
    return out;
  }
  if (type == "map" && value.is_object()) {
    Json out = Json::object();
    const Json& value_ref = ObjectTrait(shape, "value");
    for (const auto& [key, item] : value.items()) {
      out[key] = item.is_null() ? item : Write(service, value_ref, item, depth + 1);
    }
    return out;
  }
  if (type == "timestamp") {
    Result<double> seconds = TimestampFromJson(value);
    if (!seconds.ok()) {
      return value;
    }
    return FormatTimestampJson(*seconds, TimestampFormatOf(ref, shape, kUnixTimestamp));
  }
  return value;
}

}  // namespace

Status SerializationError(std::string message) {
  return Status::InvalidArgument(std::move(message)).WithAwsType("SerializationException", 400);
}

Result<Json> ReadJsonValue(const ServiceModel& service,
                           const Json& ref,
                           const Json& wire,
                           std::string_view path) {
  return Read(service, ref, wire, path, 0);
}

Json WriteJsonValue(const ServiceModel& service, const Json& ref, const Json& value) {
  return Write(service, ref, value, 0);
}

Result<Json> ReadJsonMembers(const ServiceModel& service,
                             const Json& structure,
                             const Json& wire,
                             bool (*include)(const Json& member_ref)) {
  return ReadStructure(service, structure, wire, "", 0, include);
}

Json WriteJsonMembers(const ServiceModel& service,
                      const Json& structure,
                      const Json& value,
                      bool (*include)(const Json& member_ref)) {
  return WriteStructure(service, structure, value, 0, include);
}

}  // namespace stratus::aws
