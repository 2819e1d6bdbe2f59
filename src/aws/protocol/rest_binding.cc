#include "aws/protocol/rest_binding.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "aws/model/service_model.h"
#include "aws/protocol/json_body.h"
#include "aws/protocol/json_wire_writer.h"
#include "aws/protocol/s3_xml_roots.h"
#include "aws/protocol/shape_traits.h"
#include "aws/protocol/timestamp_format.h"
#include "aws/protocol/uri_template.h"
#include "aws/protocol/xml_body.h"
#include "aws/protocol/xml_document.h"
#include "aws/protocol/xml_writer.h"
#include "base/digest.h"
#include "base/format.h"

namespace stratus::aws {
namespace {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Members that travel in a request body: those without an HTTP binding.
bool InRequestBody(const Json& member_ref) {
  return StringTrait(member_ref, "location").empty();
}

// Members that travel in a response body: URI and query bindings mean
// nothing in a response, so those members go to the body too.
bool InResponseBody(const Json& member_ref) {
  std::string_view location = StringTrait(member_ref, "location");
  return location.empty() || location == "uri" || location == "querystring";
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Splits a header list value: "a, b", quoted items ("\"b,c\"") keep commas,
// and HTTP dates ("Mon, 16 Dec 2019 ...") are rejoined when `dates`.
std::vector<std::string> SplitHeaderList(std::string_view value, bool dates) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '"') {
      quoted = !quoted;
      current += c;
    } else if (c == '\\' && quoted && i + 1 < value.size()) {
      current += value[++i];
    } else if (c == ',' && !quoted) {
      parts.emplace_back(Trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  parts.emplace_back(Trim(current));
  for (std::string& part : parts) {
    if (part.size() >= 2 && part.front() == '"' && part.back() == '"') {
      part = part.substr(1, part.size() - 2);
    }
  }
  if (dates) {
    std::vector<std::string> joined;
    for (size_t i = 0; i + 1 < parts.size(); i += 2) {
      joined.push_back(parts[i] + ", " + parts[i + 1]);
    }
    return joined;
  }
  return parts;
}

Result<Json> ReadHeaderValue(const ServiceModel& service, const Json& ref, std::string_view text) {
  const Json& shape = ResolveShape(service, ref);
  std::string_view type = ShapeType(shape);
  if (type == "list") {
    const Json& member_ref = ObjectTrait(shape, "member");
    const Json& member_shape = ResolveShape(service, member_ref);
    bool dates = ShapeType(member_shape) == "timestamp" &&
                 TimestampFormatOf(member_ref, member_shape, kRfc822) == kRfc822;
    Json out = Json::array();
    if (Trim(text).empty()) {
      return out;
    }
    for (const std::string& part : SplitHeaderList(text, dates)) {
      STRATUS_ASSIGN_OR_RETURN(Json item, ReadScalarText(member_ref, member_shape, part));
      out.push_back(std::move(item));
    }
    return out;
  }
  if (type == "string" && BoolTrait(ref, "jsonvalue")) {
    std::string decoded;
    if (!Base64Decode(Trim(text), &decoded)) {
      return SerializationError("a JSON header value is not base64");
    }
    Result<Json> json = ParseJson(decoded);
    if (!json.ok()) {
      return SerializationError("a JSON header value does not parse");
    }
    return json;
  }
  if (type == "string") {
    return std::string(text);
  }
  return ReadScalarText(ref, shape, Trim(text));
}

std::string HeaderText(const ServiceModel& service, const Json& ref, const Json& value) {
  const Json& shape = ResolveShape(service, ref);
  std::string_view type = ShapeType(shape);
  if (type == "list" && value.is_array()) {
    const Json& member_ref = ObjectTrait(shape, "member");
    const Json& member_shape = ResolveShape(service, member_ref);
    std::string out;
    for (const Json& item : value) {
      std::string text = ScalarText(member_ref, member_shape, item, kRfc822);
      bool quote = ShapeType(member_shape) == "string" &&
                   (text.find(',') != std::string::npos || text.find('"') != std::string::npos);
      if (quote) {
        std::string escaped;
        for (char c : text) {
          if (c == '"' || c == '\\') {
            escaped += '\\';
          }
          escaped += c;
        }
        text = "\"" + escaped + "\"";
      }
      out += out.empty() ? text : ", " + text;
    }
    return out;
  }
  if (type == "string" && BoolTrait(ref, "jsonvalue")) {
    return Base64Encode(DumpJson(value));
  }
  return ScalarText(ref, shape, value, kRfc822);
}

// Reads members bound to headers and the status code.
Status ReadHeaderMembers(const ServiceModel& service,
                         const Json& shape,
                         const http::Headers& headers,
                         int status,
                         Json* out) {
  for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
    std::string_view location = StringTrait(member_ref, "location");
    std::string wire_name = location == "headers"
                                ? std::string(StringTrait(member_ref, "locationName"))
                                : SerializedName(member_ref, EmptyJsonObject(), name);
    if (location == "header") {
      auto value = headers.Get(wire_name);
      if (!value.has_value()) {
        continue;
      }
      Result<Json> parsed = ReadHeaderValue(service, member_ref, *value);
      if (!parsed.ok()) {
        return SerializationError(Format("header {}: {}", wire_name, parsed.status().message()));
      }
      (*out)[name] = std::move(parsed).value();
    } else if (location == "headers") {
      Json map = Json::object();
      const Json& map_shape = ResolveShape(service, member_ref);
      const Json& value_ref = ObjectTrait(map_shape, "value");
      for (const auto& [header, value] : headers.fields()) {
        if (header.size() >= wire_name.size() &&
            std::equal(wire_name.begin(), wire_name.end(), header.begin(),
                       [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
          STRATUS_ASSIGN_OR_RETURN(Json item, ReadHeaderValue(service, value_ref, value));
          map[header.substr(wire_name.size())] = std::move(item);
        }
      }
      // SDKs report an empty map when no header has the prefix.
      (*out)[name] = std::move(map);
    } else if (location == "statusCode" && status != 0) {
      (*out)[name] = status;
    }
  }
  return Status::Ok();
}

// Reads the body: the payload member, or every unbound member.
Status ReadBody(const ServiceModel& service,
                const Json& shape,
                Protocol protocol,
                const std::string& body,
                bool (*in_body)(const Json&),
                Json* out) {
  std::string_view payload = StringTrait(shape, "payload");
  const bool blank = body.find_first_not_of(" \r\n\t") == std::string::npos;
  if (!payload.empty()) {
    const Json& members = ObjectTrait(shape, "members");
    if (!members.contains(payload)) {
      return Status::Ok();
    }
    const Json& member_ref = members[std::string(payload)];
    const Json& member_shape = ResolveShape(service, member_ref);
    std::string_view type = ShapeType(member_shape);
    if (type == "blob") {
      if (!body.empty()) {
        (*out)[std::string(payload)] = Base64Encode(body);
      }
      return Status::Ok();
    }
    if (type == "string") {
      if (!body.empty()) {
        (*out)[std::string(payload)] = body;
      }
      return Status::Ok();
    }
    if (blank) {
      return Status::Ok();
    }
    if (protocol == Protocol::kRestJson) {
      Result<Json> json = ParseJson(body);
      if (!json.ok()) {
        return SerializationError(Format("body is not valid JSON: {}", json.status().message()));
      }
      STRATUS_ASSIGN_OR_RETURN((*out)[std::string(payload)],
                               ReadJsonValue(service, member_ref, *json, ""));
      return Status::Ok();
    }
    Result<XmlElement> root = ParseXml(body);
    if (!root.ok()) {
      return root.status().WithAwsType("MalformedXML", 400);
    }
    // AWS: S3 refuses a document whose root is not the one it expects
    // (<Delete> for DeleteObjects) as MalformedXML.
    if (service.name() == "s3" &&
        root->LocalName() != SerializedName(member_ref, member_shape, payload)) {
      return Status::InvalidArgument(
                 "The XML you provided was not well-formed or did not validate against our "
                 "published schema")
          .WithAwsType("MalformedXML", 400);
    }
    STRATUS_ASSIGN_OR_RETURN((*out)[std::string(payload)],
                             ReadXmlValue(service, member_ref, *root));
    return Status::Ok();
  }
  if (blank) {
    return Status::Ok();
  }
  Json members;
  if (protocol == Protocol::kRestJson) {
    Result<Json> json = ParseJson(body);
    if (!json.ok()) {
      return SerializationError(Format("body is not valid JSON: {}", json.status().message()));
    }
    if (!json->is_object()) {
      return SerializationError("body must be a JSON object");
    }
    STRATUS_ASSIGN_OR_RETURN(members, ReadJsonMembers(service, shape, *json, in_body));
  } else {
    Result<XmlElement> root = ParseXml(body);
    if (!root.ok()) {
      return root.status().WithAwsType("MalformedXML", 400);
    }
    STRATUS_ASSIGN_OR_RETURN(members, ReadXmlStructure(service, shape, *root));
  }
  for (auto& [key, value] : members.items()) {
    (*out)[key] = std::move(value);
  }
  return Status::Ok();
}

Status ReadUriAndQuery(const ServiceModel& service,
                       const Json& shape,
                       const std::map<std::string, std::string, std::less<>>& labels,
                       const QueryParams& query,
                       Json* out) {
  std::set<std::string> claimed;
  const Json* query_map_ref = nullptr;
  std::string query_map_name;
  for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
    std::string_view location = StringTrait(member_ref, "location");
    std::string wire_name = SerializedName(member_ref, EmptyJsonObject(), name);
    const Json& member_shape = ResolveShape(service, member_ref);
    if (location == "uri") {
      auto it = labels.find(wire_name);
      if (it == labels.end()) {
        continue;
      }
      Result<Json> value = ShapeType(member_shape) == "string"
                               ? Result<Json>(Json(it->second))
                               : ReadScalarText(member_ref, member_shape, it->second);
      if (!value.ok()) {
        return SerializationError(Format("URI label {}: {}", wire_name, value.status().message()));
      }
      (*out)[name] = std::move(value).value();
    } else if (location == "querystring") {
      if (ShapeType(member_shape) == "map") {
        query_map_ref = &member_ref;
        query_map_name = name;
        continue;
      }
      claimed.insert(wire_name);
      std::vector<std::string> values;
      for (const auto& [key, value] : query) {
        if (key == wire_name) {
          values.push_back(value);
        }
      }
      if (values.empty()) {
        continue;
      }
      if (ShapeType(member_shape) == "list") {
        const Json& item_ref = ObjectTrait(member_shape, "member");
        const Json& item_shape = ResolveShape(service, item_ref);
        Json list = Json::array();
        for (const std::string& value : values) {
          Result<Json> item = ReadScalarText(item_ref, item_shape, value);
          if (!item.ok()) {
            return SerializationError(
                Format("query parameter {}: {}", wire_name, item.status().message()));
          }
          list.push_back(std::move(item).value());
        }
        (*out)[name] = std::move(list);
      } else {
        Result<Json> value = ReadScalarText(member_ref, member_shape, values.front());
        if (!value.ok()) {
          return SerializationError(
              Format("query parameter {}: {}", wire_name, value.status().message()));
        }
        (*out)[name] = std::move(value).value();
      }
    }
  }
  if (query_map_ref != nullptr) {
    const Json& map_shape = ResolveShape(service, *query_map_ref);
    const Json& value_ref = ObjectTrait(map_shape, "value");
    const bool lists = ShapeType(ResolveShape(service, value_ref)) == "list";
    Json map = Json::object();
    // The catch-all map takes the parameters no other member binds.
    for (const auto& [key, value] : query) {
      if (claimed.count(key) != 0) {
        continue;
      }
      if (lists) {
        map[key].push_back(value);
      } else if (!map.contains(key)) {
        map[key] = value;
      }
    }
    if (!map.empty()) {
      (*out)[query_map_name] = std::move(map);
    }
  }
  return Status::Ok();
}

std::string RootName(const ServiceModel& service, const Json& ref, std::string_view fallback) {
  const Json& shape = ResolveShape(service, ref);
  return SerializedName(ref, shape, fallback);
}

void WriteBody(const ServiceModel& service,
               const Json& shape,
               std::string_view shape_name,
               Protocol protocol,
               const Json& value,
               http::Response* response) {
  std::string_view payload = StringTrait(shape, "payload");
  if (!payload.empty()) {
    const Json& members = ObjectTrait(shape, "members");
    auto it = value.find(std::string(payload));
    if (!members.contains(payload) || it == value.end() || it->is_null()) {
      return;
    }
    const Json& member_ref = members[std::string(payload)];
    const Json& member_shape = ResolveShape(service, member_ref);
    std::string_view type = ShapeType(member_shape);
    if (type == "blob") {
      std::string bytes;
      if (!it->is_string() || !Base64Decode(it->get<std::string>(), &bytes)) {
        bytes = it->is_string() ? it->get<std::string>() : DumpJson(*it);
      }
      response->body = std::move(bytes);
      if (!response->headers.Get("Content-Type").has_value()) {
        response->headers.Set("Content-Type", "application/octet-stream");
      }
      return;
    }
    if (type == "string") {
      response->body = it->is_string() ? it->get<std::string>() : DumpJson(*it);
      if (!response->headers.Get("Content-Type").has_value()) {
        response->headers.Set("Content-Type", "text/plain");
      }
      return;
    }
    if (protocol == Protocol::kRestJson) {
      std::string body;
      AppendJsonWireValue(service, member_ref, *it, &body);
      response->body = std::move(body);
      response->headers.Set("Content-Type", "application/json");
      return;
    }
    XmlWriter writer;
    std::string root = RootName(service, member_ref, StringTrait(member_ref, "shape"));
    WriteXmlMember(writer, service, root, member_ref, *it);
    response->body = writer.Finish();
    response->headers.Set("Content-Type", "application/xml");
    return;
  }
  bool any = false;
  bool has_body_members = false;
  for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
    has_body_members = has_body_members || InResponseBody(member_ref);
    if (InResponseBody(member_ref) && value.contains(name) && !value[name].is_null()) {
      any = true;
    }
  }
  if (protocol == Protocol::kRestJson) {
    if (!has_body_members) {
      return;
    }
    std::string body;
    AppendJsonWireMembers(service, shape, value, InResponseBody, &body);
    response->body = std::move(body);
    response->headers.Set("Content-Type", "application/json");
    return;
  }
  if (!any) {
    return;
  }
  Json ref = Json{{"shape", std::string(shape_name)}};
  XmlWriter writer;
  XmlWriter::Attributes attributes = XmlStructureAttributes(service, ref, value);
  bool has_namespace = false;
  for (const auto& [key, attribute] : attributes) {
    has_namespace = has_namespace || key == "xmlns";
  }
  std::string root = RootName(service, ref, shape_name);
  if (service.name() == "s3") {
    // S3's documents have roots and a namespace its model does not give.
    if (std::string_view s3_root = S3ResponseRoot(shape_name); !s3_root.empty()) {
      root = std::string(s3_root);
    }
    if (!has_namespace && service.xml_namespace().empty()) {
      attributes.emplace_back("xmlns", std::string(kS3XmlNamespace));
      has_namespace = true;
    }
  }
  if (!has_namespace && !service.xml_namespace().empty()) {
    attributes.emplace_back("xmlns", service.xml_namespace());
  }
  writer.Open(root, attributes);
  WriteXmlStructureMembers(writer, service, shape, value);
  writer.Close();
  response->body = writer.Finish();
  response->headers.Set("Content-Type", "application/xml");
}

}  // namespace

void WriteRestHeaders(const ServiceModel& service,
                      const Json& shape,
                      const Json& value,
                      http::Headers* headers) {
  if (!value.is_object()) {
    return;
  }
  for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
    auto it = value.find(name);
    if (it == value.end() || it->is_null()) {
      continue;
    }
    std::string_view location = StringTrait(member_ref, "location");
    std::string wire_name = location == "headers"
                                ? std::string(StringTrait(member_ref, "locationName"))
                                : SerializedName(member_ref, EmptyJsonObject(), name);
    if (location == "header") {
      headers->Set(wire_name, HeaderText(service, member_ref, *it));
    } else if (location == "headers" && it->is_object()) {
      const Json& value_ref = ObjectTrait(ResolveShape(service, member_ref), "value");
      for (const auto& [key, item] : it->items()) {
        headers->Set(wire_name + key, HeaderText(service, value_ref, item));
      }
    }
  }
}

Result<Json> ReadRestRequest(const ServiceModel& service,
                             const OperationModel& operation,
                             Protocol protocol,
                             const http::Request& request) {
  Json out = Json::object();
  if (operation.input_shape.empty()) {
    return out;
  }
  const Json& shape = ResolveShape(service, operation.input_ref());
  std::map<std::string, std::string, std::less<>> labels;
  if (!operation.uri_template.MatchPath(request.path, &labels)) {
    return Status::InvalidArgument(
        Format("path {} does not match {}", request.path, operation.request_uri));
  }
  QueryParams query = http::ParseQueryString(request.query);
  STRATUS_RETURN_IF_ERROR(ReadUriAndQuery(service, shape, labels, query, &out));
  STRATUS_RETURN_IF_ERROR(ReadHeaderMembers(service, shape, request.headers, 0, &out));
  STRATUS_RETURN_IF_ERROR(ReadBody(service, shape, protocol, request.body, InRequestBody, &out));
  return out;
}

http::Response WriteRestResponse(const ServiceModel& service,
                                 const OperationModel& operation,
                                 Protocol protocol,
                                 const Json& output) {
  http::Response response;
  response.status = operation.response_code != 0 ? operation.response_code : 200;
  if (operation.output_shape.empty() || !output.is_object()) {
    if (protocol == Protocol::kRestJson) {
      response.body = "{}";
      response.headers.Set("Content-Type", "application/json");
    }
    return response;
  }
  const Json& shape = ResolveShape(service, operation.output_ref());
  for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
    if (StringTrait(member_ref, "location") == "statusCode" && output.contains(name) &&
        output[name].is_number_integer()) {
      response.status = output[name].get<int>();
    }
  }
  WriteRestHeaders(service, shape, output, &response.headers);
  WriteBody(service, shape, operation.output_shape, protocol, output, &response);
  return response;
}

Result<Json> ReadRestResponse(const ServiceModel& service,
                              const OperationModel& operation,
                              Protocol protocol,
                              const http::Response& response) {
  Json out = Json::object();
  if (operation.output_shape.empty()) {
    return out;
  }
  const Json& shape = ResolveShape(service, operation.output_ref());
  STRATUS_RETURN_IF_ERROR(
      ReadHeaderMembers(service, shape, response.headers, response.status, &out));
  STRATUS_RETURN_IF_ERROR(ReadBody(service, shape, protocol, response.body, InResponseBody, &out));
  return out;
}

namespace {

// Counts the input's required header and query members a request carries
// and lacks: S3's CopyObject, PutObject, UploadPart and UploadPartCopy all
// share "PUT /{Bucket}/{Key+}" and differ only by the required
// x-amz-copy-source header and partNumber/uploadId parameters.
std::pair<int, int> RequiredMembers(const ServiceModel& service,
                                    const OperationModel& operation,
                                    const http::Request& request,
                                    const QueryParams& query) {
  int present = 0;
  int missing = 0;
  if (operation.input_shape.empty()) {
    return {0, 0};
  }
  const Json& shape = ResolveShape(service, operation.input_ref());
  auto required = shape.find("required");
  if (required == shape.end() || !required->is_array()) {
    return {0, 0};
  }
  const Json& members = ObjectTrait(shape, "members");
  for (const Json& name : *required) {
    if (!name.is_string() || !members.contains(name.get<std::string>())) {
      continue;
    }
    const Json& member_ref = members[name.get<std::string>()];
    const std::string_view location = StringTrait(member_ref, "location");
    const std::string wire_name =
        SerializedName(member_ref, EmptyJsonObject(), name.get<std::string>());
    bool found = false;
    if (location == "header") {
      found = request.headers.Get(wire_name).has_value();
    } else if (location == "querystring") {
      found = std::any_of(query.begin(), query.end(),
                          [&](const auto& parameter) { return parameter.first == wire_name; });
    } else {
      continue;
    }
    ++(found ? present : missing);
  }
  return {present, missing};
}

}  // namespace

const OperationModel* FindRestOperation(const ServiceModel& service, const http::Request& request) {
  QueryParams query = http::ParseQueryString(request.query);
  const OperationModel* best = nullptr;
  std::tuple<int, int, int, int> best_score = {-1, 0, 0, 0};
  for (const auto& [name, operation] : service.operations()) {
    if (operation.http_method != request.method) {
      continue;
    }
    const UriTemplate& uri = operation.uri_template;
    std::map<std::string, std::string, std::less<>> labels;
    if (!uri.MatchQuery(query) || !uri.MatchPath(request.path, &labels)) {
      continue;
    }
    auto [present, missing] = RequiredMembers(service, operation, request, query);
    // S3's deprecated PutBucketNotification and PutBucketLifecycle share their
    // URIs with the current operations, which win.
    const auto deprecated = operation.json.find("deprecated");
    const int current =
        deprecated != operation.json.end() && deprecated->is_boolean() && deprecated->get<bool>()
            ? 0
            : 1;
    std::tuple<int, int, int, int> score = {uri.Specificity(), -missing, present, current};
    if (best == nullptr || score > best_score) {
      best = &operation;
      best_score = score;
    }
  }
  return best;
}

}  // namespace stratus::aws
