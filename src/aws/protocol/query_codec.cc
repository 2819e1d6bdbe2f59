#include "aws/protocol/query_codec.h"

#include <charconv>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "aws/model/service_model.h"
#include "aws/protocol/error_encoding.h"
#include "aws/protocol/json_body.h"
#include "aws/protocol/shape_traits.h"
#include "aws/protocol/xml_body.h"
#include "aws/protocol/xml_writer.h"
#include "base/format.h"

namespace stratus::aws {
namespace {

constexpr int kMaxDepth = 32;

using Params = std::map<std::string, std::string, std::less<>>;

bool IsFormBody(const http::Request& request) {
  auto type = request.headers.Get("content-type");
  return !type.has_value() || type->find("x-www-form-urlencoded") != std::string_view::npos;
}

// Returns the numeric indexes N of the parameters named `prefix.N` or `prefix.N.*`, ascending.
std::set<int> IndexesUnder(const Params& params, const std::string& prefix) {
  std::set<int> indexes;
  const std::string start = prefix + ".";
  for (auto it = params.lower_bound(start); it != params.end() && it->first.starts_with(start);
       ++it) {
    std::string_view rest = std::string_view(it->first).substr(start.size());
    std::string_view digits = rest.substr(0, rest.find('.'));
    int index = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (error == std::errc() && end == digits.data() + digits.size() && index > 0) {
      indexes.insert(index);
    }
  }
  return indexes;
}

// True when any parameter is `prefix` itself or starts with `prefix.`.
bool HasParamsUnder(const Params& params, const std::string& prefix) {
  auto it = params.lower_bound(prefix);
  if (it == params.end()) {
    return false;
  }
  return it->first == prefix || it->first.starts_with(prefix + ".");
}

class QueryReader {
 public:
  QueryReader(const ServiceModel& service, const Params& params)
      : service_(service), params_(params) {}

  // Returns the value at `prefix`, or null when nothing was sent for it.
  Result<Json> Read(const Json& ref, const std::string& prefix, int depth) const {
    if (depth > kMaxDepth) {
      return SerializationError("query parameters nested too deeply");
    }
    const Json& shape = ResolveShape(service_, ref);
    std::string_view type = ShapeType(shape);
    if (type == "structure") {
      // Recursive shapes end where the parameters do.
      if (!HasParamsUnder(params_, prefix)) {
        return Json();
      }
      return ReadStructure(shape, prefix, depth);
    }
    if (type == "list") {
      return ReadList(ref, shape, prefix, depth);
    }
    if (type == "map") {
      return ReadMap(ref, shape, prefix, depth);
    }
    auto it = params_.find(prefix);
    if (it == params_.end()) {
      return Json();
    }
    Result<Json> value = ReadScalarText(ref, shape, it->second);
    if (!value.ok()) {
      return Status::InvalidArgument(Format("Value {} for parameter {} is invalid. {}", it->second,
                                            prefix, value.status().message()))
          .WithAwsType("InvalidParameterValue", 400);
    }
    return value;
  }

  Result<Json> ReadStructure(const Json& shape, const std::string& prefix, int depth) const {
    Json out = Json::object();
    bool any = prefix.empty();
    for (const auto& [name, member_ref] : ObjectTrait(shape, "members").items()) {
      const Json& member_shape = ResolveShape(service_, member_ref);
      std::string key = SerializedName(member_ref, member_shape, name);
      std::string member_prefix = prefix.empty() ? key : Format("{}.{}", prefix, key);
      STRATUS_ASSIGN_OR_RETURN(Json value, Read(member_ref, member_prefix, depth + 1));
      if (!value.is_null()) {
        out[name] = std::move(value);
        any = true;
      }
    }
    return any ? out : Json();
  }

  Result<Json> ReadList(const Json& ref,
                        const Json& shape,
                        const std::string& prefix,
                        int depth) const {
    const Json& member_ref = ObjectTrait(shape, "member");
    std::string list_prefix;
    if (IsFlattened(ref, shape)) {
      list_prefix = prefix;
      std::string_view item_name = StringTrait(member_ref, "locationName");
      if (!item_name.empty()) {
        size_t dot = prefix.rfind('.');
        list_prefix = dot == std::string::npos ? std::string(item_name)
                                               : Format("{}.{}", prefix.substr(0, dot), item_name);
      }
    } else {
      std::string_view item_name = StringTrait(member_ref, "locationName");
      list_prefix =
          Format("{}.{}", prefix, item_name.empty() ? std::string_view("member") : item_name);
    }
    std::set<int> indexes = IndexesUnder(params_, list_prefix);
    if (indexes.empty()) {
      // AWS SDKs send an empty list as "Name=".
      auto it = params_.find(prefix);
      if (it != params_.end() && it->second.empty()) {
        return Json::array();
      }
      return Json();
    }
    Json out = Json::array();
    for (int index : indexes) {
      STRATUS_ASSIGN_OR_RETURN(Json item,
                               Read(member_ref, Format("{}.{}", list_prefix, index), depth + 1));
      if (!item.is_null()) {
        out.push_back(std::move(item));
      }
    }
    return out;
  }

  Result<Json> ReadMap(const Json& ref,
                       const Json& shape,
                       const std::string& prefix,
                       int depth) const {
    const Json& key_ref = ObjectTrait(shape, "key");
    const Json& value_ref = ObjectTrait(shape, "value");
    std::string entry_prefix = IsFlattened(ref, shape) ? prefix : prefix + ".entry";
    std::string key_name = SerializedName(key_ref, EmptyJsonObject(), "key");
    std::string value_name = SerializedName(value_ref, EmptyJsonObject(), "value");
    std::set<int> indexes = IndexesUnder(params_, entry_prefix);
    if (indexes.empty()) {
      return HasParamsUnder(params_, prefix) && params_.count(prefix) == 1 ? Json::object()
                                                                           : Json();
    }
    Json out = Json::object();
    for (int index : indexes) {
      auto key = params_.find(Format("{}.{}.{}", entry_prefix, index, key_name));
      if (key == params_.end()) {
        return Status::InvalidArgument(Format("{}.{}.{} is missing", entry_prefix, index, key_name))
            .WithAwsType("MissingParameter", 400);
      }
      STRATUS_ASSIGN_OR_RETURN(
          Json value,
          Read(value_ref, Format("{}.{}.{}", entry_prefix, index, value_name), depth + 1));
      if (!value.is_null()) {
        out[key->second] = std::move(value);
      }
    }
    return out;
  }

 private:
  const ServiceModel& service_;
  const Params& params_;
};

std::string XmlNamespace(const ServiceModel& service) {
  if (!service.xml_namespace().empty()) {
    return service.xml_namespace();
  }
  return Format("https://{}.amazonaws.com/doc/{}/", service.endpoint_prefix(),
                service.api_version());
}

}  // namespace

Result<Json> QueryCodec::ParseRequest(const ServiceModel& json_service,
                                      const OperationModel& operation,
                                      const http::Request& request) const {
  const ServiceModel& service = json_service.QueryView();
  Params params;
  for (auto& [name, value] : http::ParseQueryString(request.query)) {
    params.insert_or_assign(std::move(name), std::move(value));
  }
  if (!request.body.empty() && IsFormBody(request)) {
    for (auto& [name, value] : http::ParseQueryString(request.body)) {
      params.insert_or_assign(std::move(name), std::move(value));
    }
  }
  if (operation.input_shape.empty()) {
    return Json::object();
  }
  QueryReader reader(service, params);
  STRATUS_ASSIGN_OR_RETURN(
      Json input, reader.ReadStructure(ResolveShape(service, operation.input_ref()), "", 0));
  return input.is_null() ? Json::object() : input;
}

http::Response QueryCodec::SerializeResponse(const ServiceModel& json_service,
                                             const OperationModel& operation,
                                             const Json& output,
                                             const RequestContext& context) const {
  const ServiceModel& service = json_service.QueryView();
  XmlWriter writer;
  writer.Open(operation.name + "Response", {{"xmlns", XmlNamespace(service)}});
  if (!operation.output_shape.empty()) {
    std::string wrapper =
        operation.result_wrapper.empty() ? operation.name + "Result" : operation.result_wrapper;
    writer.Open(wrapper);
    WriteXmlStructureMembers(writer, service, ResolveShape(service, operation.output_ref()),
                             output);
    writer.Close();
  }
  writer.Open("ResponseMetadata");
  writer.Element("RequestId", context.request_id);
  writer.Close();
  writer.Close();

  http::Response response;
  response.status = 200;
  response.headers.Set("Content-Type", "text/xml");
  response.headers.Set("x-amzn-RequestId", context.request_id);
  response.body = writer.Finish();
  return response;
}

http::Response QueryCodec::SerializeErrorWithMembers(const ServiceModel& json_service,
                                                     const Status& error,
                                                     const Json& members,
                                                     const RequestContext& context) const {
  const ServiceModel& service = json_service.QueryView();
  WireError wire = ResolveWireError(service, error, Protocol::kQuery);
  XmlWriter writer;
  writer.Open("ErrorResponse", {{"xmlns", XmlNamespace(service)}});
  writer.Open("Error");
  writer.Element("Type", wire.sender_fault ? "Sender" : "Receiver");
  writer.Element("Code", wire.code);
  writer.Element("Message", wire.message);
  if (wire.shape != nullptr && members.is_object()) {
    Json rest = members;
    rest.erase("Message");
    rest.erase("message");
    WriteXmlStructureMembers(writer, service, *wire.shape, rest);
  }
  writer.EmptyElement("Detail");
  writer.Close();
  writer.Element("RequestId", context.request_id);
  writer.Close();

  http::Response response;
  response.status = wire.http_status;
  response.headers.Set("Content-Type", "text/xml");
  response.headers.Set("x-amzn-RequestId", context.request_id);
  response.body = writer.Finish();
  return response;
}

}  // namespace stratus::aws
