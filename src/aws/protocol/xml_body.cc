#include "aws/protocol/xml_body.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "aws/model/service_model.h"
#include "aws/protocol/json_body.h"
#include "aws/protocol/shape_traits.h"
#include "aws/protocol/timestamp_format.h"
#include "base/format.h"

namespace stratus::aws {
namespace {

constexpr int kMaxDepth = 64;

// Members bound to headers or the status code are not in XML bodies; URI and
// query bindings only apply to requests, so such members may appear in a
// response body.
bool InHeaders(const Json& member_ref) {
  std::string_view location = StringTrait(member_ref, "location");
  return location == "header" || location == "headers" || location == "statusCode";
}

bool IsIntegerType(std::string_view type) {
  return type == "integer" || type == "long" || type == "short" || type == "byte" ||
         type == "biginteger";
}

bool IsFloatType(std::string_view type) {
  return type == "float" || type == "double" || type == "bigdecimal";
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' ||
                           text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Returns the xmlns attribute a ref or shape declares, if any.
void AddNamespace(const Json& ref, const Json& shape, XmlWriter::Attributes* attributes) {
  const Json* ns = nullptr;
  if (ref.is_object() && ref.contains("xmlNamespace")) {
    ns = &ref["xmlNamespace"];
  } else if (shape.is_object() && shape.contains("xmlNamespace")) {
    ns = &shape["xmlNamespace"];
  }
  if (ns == nullptr) {
    return;
  }
  if (ns->is_string()) {
    attributes->emplace_back("xmlns", ns->get<std::string>());
    return;
  }
  std::string_view uri = StringTrait(*ns, "uri");
  std::string_view prefix = StringTrait(*ns, "prefix");
  attributes->emplace_back(prefix.empty() ? std::string("xmlns") : Format("xmlns:{}", prefix),
                           std::string(uri));
}

void WriteValue(XmlWriter& writer,
                const ServiceModel& service,
                std::string_view name,
                const Json& ref,
                const Json& value,
                int depth);

void WriteList(XmlWriter& writer,
               const ServiceModel& service,
               std::string_view name,
               const Json& ref,
               const Json& shape,
               const Json& value,
               int depth) {
  const Json& member_ref = ObjectTrait(shape, "member");
  const Json& member_shape = ResolveShape(service, member_ref);
  if (IsFlattened(ref, shape)) {
    // SDK parsers look flattened items up by the list member's name when it has one.
    std::string item_name = SerializedName(member_ref, EmptyJsonObject(), name);
    for (const Json& item : value) {
      WriteValue(writer, service, item_name, member_ref, item, depth + 1);
    }
    return;
  }
  XmlWriter::Attributes attributes;
  AddNamespace(ref, shape, &attributes);
  writer.Open(name, attributes);
  std::string item_name = SerializedName(member_ref, EmptyJsonObject(), "member");
  (void)member_shape;
  for (const Json& item : value) {
    WriteValue(writer, service, item_name, member_ref, item, depth + 1);
  }
  writer.Close();
}

void WriteMap(XmlWriter& writer,
              const ServiceModel& service,
              std::string_view name,
              const Json& ref,
              const Json& shape,
              const Json& value,
              int depth) {
  const Json& key_ref = ObjectTrait(shape, "key");
  const Json& value_ref = ObjectTrait(shape, "value");
  std::string key_name = SerializedName(key_ref, EmptyJsonObject(), "key");
  std::string value_name = SerializedName(value_ref, EmptyJsonObject(), "value");
  const bool flattened = IsFlattened(ref, shape);
  if (!flattened) {
    XmlWriter::Attributes attributes;
    AddNamespace(ref, shape, &attributes);
    writer.Open(name, attributes);
  }
  for (const auto& [key, item] : value.items()) {
    writer.Open(flattened ? name : std::string_view("entry"));
    WriteValue(writer, service, key_name, key_ref, Json(key), depth + 1);
    WriteValue(writer, service, value_name, value_ref, item, depth + 1);
    writer.Close();
  }
  if (!flattened) {
    writer.Close();
  }
}

void WriteValue(XmlWriter& writer,
                const ServiceModel& service,
                std::string_view name,
                const Json& ref,
                const Json& value,
                int depth) {
  if (value.is_null() || depth > kMaxDepth) {
    return;
  }
  const Json& shape = ResolveShape(service, ref);
  std::string_view type = ShapeType(shape);
  if (type == "structure" && value.is_object()) {
    writer.Open(name, XmlStructureAttributes(service, ref, value));
    WriteXmlStructureMembers(writer, service, shape, value);
    writer.Close();
    return;
  }
  if (type == "list" && value.is_array()) {
    WriteList(writer, service, name, ref, shape, value, depth);
    return;
  }
  if (type == "map" && value.is_object()) {
    WriteMap(writer, service, name, ref, shape, value, depth);
    return;
  }
  XmlWriter::Attributes attributes;
  AddNamespace(ref, shape, &attributes);
  writer.Element(name, ScalarText(ref, shape, value, kIso8601), attributes);
}

Result<Json> Read(const ServiceModel& service,
                  const Json& ref,
                  const XmlElement& element,
                  int depth);

Result<Json> ReadList(const ServiceModel& service,
                      const Json& ref,
                      const Json& shape,
                      const std::vector<const XmlElement*>& elements,
                      int depth) {
  const Json& member_ref = ObjectTrait(shape, "member");
  Json out = Json::array();
  if (IsFlattened(ref, shape)) {
    for (const XmlElement* item : elements) {
      STRATUS_ASSIGN_OR_RETURN(Json value, Read(service, member_ref, *item, depth + 1));
      out.push_back(std::move(value));
    }
    return out;
  }
  for (const XmlElement* list : elements) {
    for (const XmlElement& item : list->children) {
      STRATUS_ASSIGN_OR_RETURN(Json value, Read(service, member_ref, item, depth + 1));
      out.push_back(std::move(value));
    }
  }
  return out;
}

Result<Json> ReadMap(const ServiceModel& service,
                     const Json& ref,
                     const Json& shape,
                     const std::vector<const XmlElement*>& elements,
                     int depth) {
  const Json& key_ref = ObjectTrait(shape, "key");
  const Json& value_ref = ObjectTrait(shape, "value");
  std::string key_name = SerializedName(key_ref, EmptyJsonObject(), "key");
  std::string value_name = SerializedName(value_ref, EmptyJsonObject(), "value");
  std::vector<const XmlElement*> entries;
  if (IsFlattened(ref, shape)) {
    entries = elements;
  } else {
    for (const XmlElement* map : elements) {
      for (const XmlElement& entry : map->children) {
        entries.push_back(&entry);
      }
    }
  }
  Json out = Json::object();
  for (const XmlElement* entry : entries) {
    const XmlElement* key = entry->Child(key_name);
    const XmlElement* item = entry->Child(value_name);
    if (key == nullptr) {
      return SerializationError(Format("map entry without <{}>", key_name));
    }
    if (item == nullptr) {
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(Json value, Read(service, value_ref, *item, depth + 1));
    out[key->text] = std::move(value);
  }
  return out;
}

Result<Json> ReadMember(const ServiceModel& service,
                        const Json& member_ref,
                        std::string_view member_name,
                        const XmlElement& parent,
                        int depth) {
  const Json& member_shape = ResolveShape(service, member_ref);
  std::string_view type = ShapeType(member_shape);
  std::vector<const XmlElement*> found;
  auto collect = [&](std::string_view wanted) {
    for (const XmlElement& child : parent.children) {
      if (child.LocalName() == wanted) {
        found.push_back(&child);
      }
    }
  };
  collect(XmlMemberName(service, member_ref, member_name));
  if (found.empty()) {
    // SDK serializers name flattened list items after the member itself.
    std::string own_name = SerializedName(member_ref, member_shape, member_name);
    if (own_name != XmlMemberName(service, member_ref, member_name)) {
      collect(own_name);
    }
  }
  if (found.empty()) {
    return Json();
  }
  if (type == "list") {
    return ReadList(service, member_ref, member_shape, found, depth);
  }
  if (type == "map") {
    return ReadMap(service, member_ref, member_shape, found, depth);
  }
  return Read(service, member_ref, *found.front(), depth + 1);
}

Result<Json> ReadStructureAt(const ServiceModel& service,
                             const Json& shape,
                             const XmlElement& element,
                             int depth) {
  if (depth > kMaxDepth) {
    return SerializationError("XML nested too deeply");
  }
  Json out = Json::object();
  for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
    if (InHeaders(member_ref)) {
      continue;
    }
    if (BoolTrait(member_ref, "xmlAttribute")) {
      std::string attribute = SerializedName(member_ref, EmptyJsonObject(), name);
      if (const std::string* text = element.Attribute(attribute)) {
        STRATUS_ASSIGN_OR_RETURN(
            Json value, ReadScalarText(member_ref, ResolveShape(service, member_ref), *text));
        out[name] = std::move(value);
      }
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(Json value, ReadMember(service, member_ref, name, element, depth));
    if (!value.is_null()) {
      out[name] = std::move(value);
    }
  }
  return out;
}

Result<Json> Read(const ServiceModel& service,
                  const Json& ref,
                  const XmlElement& element,
                  int depth) {
  const Json& shape = ResolveShape(service, ref);
  std::string_view type = ShapeType(shape);
  if (type == "structure") {
    return ReadStructureAt(service, shape, element, depth + 1);
  }
  if (type == "list") {
    return ReadList(service, ref, shape, {&element}, depth);
  }
  if (type == "map") {
    return ReadMap(service, ref, shape, {&element}, depth);
  }
  return ReadScalarText(ref, shape, element.text);
}

}  // namespace

std::string XmlMemberName(const ServiceModel& service,
                          const Json& member_ref,
                          std::string_view member_name) {
  const Json& shape = ResolveShape(service, member_ref);
  if (ShapeType(shape) == "list" && IsFlattened(member_ref, shape)) {
    std::string_view item_name = StringTrait(ObjectTrait(shape, "member"), "locationName");
    if (!item_name.empty()) {
      return std::string(item_name);
    }
  }
  return SerializedName(member_ref, shape, member_name);
}

void WriteXmlMember(XmlWriter& writer,
                    const ServiceModel& service,
                    std::string_view name,
                    const Json& ref,
                    const Json& value) {
  WriteValue(writer, service, name, ref, value, 0);
}

void WriteXmlStructureMembers(XmlWriter& writer,
                              const ServiceModel& service,
                              const Json& shape,
                              const Json& value) {
  if (!value.is_object()) {
    return;
  }
  for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
    if (BoolTrait(member_ref, "xmlAttribute") || InHeaders(member_ref)) {
      continue;
    }
    auto it = value.find(name);
    if (it == value.end() || it->is_null()) {
      continue;
    }
    const Json& member_shape = ResolveShape(service, member_ref);
    std::string element_name =
        ShapeType(member_shape) == "list" && IsFlattened(member_ref, member_shape)
            ? SerializedName(member_ref, member_shape, name)
            : XmlMemberName(service, member_ref, name);
    WriteValue(writer, service, element_name, member_ref, *it, 1);
  }
}

XmlWriter::Attributes XmlStructureAttributes(const ServiceModel& service,
                                             const Json& ref,
                                             const Json& value) {
  const Json& shape = ResolveShape(service, ref);
  XmlWriter::Attributes attributes;
  AddNamespace(ref, shape, &attributes);
  if (!value.is_object()) {
    return attributes;
  }
  for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
    if (!BoolTrait(member_ref, "xmlAttribute")) {
      continue;
    }
    auto it = value.find(name);
    if (it == value.end() || it->is_null()) {
      continue;
    }
    const Json& member_shape = ResolveShape(service, member_ref);
    attributes.emplace_back(SerializedName(member_ref, EmptyJsonObject(), name),
                            ScalarText(member_ref, member_shape, *it, kIso8601));
  }
  return attributes;
}

Result<Json> ReadXmlStructure(const ServiceModel& service,
                              const Json& shape,
                              const XmlElement& element) {
  return ReadStructureAt(service, shape, element, 0);
}

Result<Json> ReadXmlValue(const ServiceModel& service, const Json& ref, const XmlElement& element) {
  return Read(service, ref, element, 0);
}

Result<Json> ReadScalarText(const Json& ref, const Json& shape, std::string_view text) {
  std::string_view type = ShapeType(shape);
  if (type == "boolean") {
    std::string_view trimmed = Trim(text);
    if (trimmed == "true") {
      return true;
    }
    if (trimmed == "false") {
      return false;
    }
    return SerializationError(Format("expected a boolean, got \"{}\"", text));
  }
  if (IsIntegerType(type)) {
    std::string_view trimmed = Trim(text);
    int64_t value = 0;
    auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    if (error != std::errc() || end != trimmed.data() + trimmed.size() || trimmed.empty()) {
      return SerializationError(Format("expected an integer, got \"{}\"", text));
    }
    return value;
  }
  if (IsFloatType(type)) {
    std::string trimmed(Trim(text));
    if (trimmed == "NaN" || trimmed == "Infinity" || trimmed == "-Infinity") {
      return trimmed;
    }
    char* end = nullptr;
    errno = 0;
    double value = std::strtod(trimmed.c_str(), &end);
    if (trimmed.empty() || end != trimmed.c_str() + trimmed.size() || !std::isfinite(value)) {
      return SerializationError(Format("expected a number, got \"{}\"", text));
    }
    if (std::nearbyint(value) == value && std::fabs(value) < 9e15 &&
        trimmed.find_first_of(".eE") == std::string::npos) {
      return static_cast<int64_t>(value);
    }
    return value;
  }
  if (type == "timestamp") {
    Result<double> seconds = ParseTimestamp(text);
    if (!seconds.ok()) {
      return SerializationError(seconds.status().message());
    }
    return EpochSecondsJson(*seconds);
  }
  if (type == "blob") {
    std::string compact;
    for (char c : text) {
      if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
        compact += c;
      }
    }
    return compact;
  }
  (void)ref;
  return std::string(text);
}

std::string ScalarText(const Json& ref,
                       const Json& shape,
                       const Json& value,
                       std::string_view default_timestamp_format) {
  std::string_view type = ShapeType(shape);
  if (type == "timestamp") {
    Result<double> seconds = TimestampFromJson(value);
    if (seconds.ok()) {
      return FormatTimestamp(*seconds, TimestampFormatOf(ref, shape, default_timestamp_format));
    }
  }
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? "true" : "false";
  }
  if (value.is_number_float()) {
    double number = value.get<double>();
    if (std::isnan(number)) {
      return "NaN";
    }
    if (std::isinf(number)) {
      return number > 0 ? "Infinity" : "-Infinity";
    }
    if (std::nearbyint(number) == number && std::fabs(number) < 1e15) {
      return Format("{}", static_cast<int64_t>(number)) + (IsFloatType(type) ? ".0" : "");
    }
    return Format("{}", number);
  }
  return DumpJson(value);
}

}  // namespace stratus::aws
