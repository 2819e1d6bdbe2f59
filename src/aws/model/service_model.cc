#include "aws/model/service_model.h"

#include <utility>

#include "aws/protocol/json_wire_writer.h"
#include "base/format.h"

namespace stratus::aws {
namespace {

const Json& EmptyObject() {
  static const Json kEmpty = Json::object();
  return kEmpty;
}

std::string StringAt(const Json& object, const char* key) {
  if (!object.is_object()) {
    return {};
  }
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return {};
  }
  return it->get<std::string>();
}

const Json& ObjectAt(const Json& object, const char* key) {
  if (!object.is_object()) {
    return EmptyObject();
  }
  auto it = object.find(key);
  if (it == object.end() || !it->is_object()) {
    return EmptyObject();
  }
  return *it;
}

OperationModel MakeOperation(const std::string& name, const Json& json) {
  OperationModel op;
  op.name = name;
  op.json = json;
  const Json& http = ObjectAt(json, "http");
  if (std::string method = StringAt(http, "method"); !method.empty()) {
    op.http_method = method;
  }
  if (std::string uri = StringAt(http, "requestUri"); !uri.empty()) {
    op.request_uri = uri;
  }
  if (Result<UriTemplate> uri = UriTemplate::Parse(op.request_uri); uri.ok()) {
    op.uri_template = std::move(uri).value();
  }
  if (auto it = http.find("responseCode"); it != http.end() && it->is_number_integer()) {
    op.response_code = it->get<int>();
  }
  op.input_shape = StringAt(ObjectAt(json, "input"), "shape");
  op.output_shape = StringAt(ObjectAt(json, "output"), "shape");
  op.result_wrapper = StringAt(ObjectAt(json, "output"), "resultWrapper");
  if (auto it = json.find("errors"); it != json.end() && it->is_array()) {
    for (const Json& error : *it) {
      if (std::string shape = StringAt(error, "shape"); !shape.empty()) {
        op.error_shapes.push_back(std::move(shape));
      }
    }
  }
  return op;
}

// Merges queryOverlay shape traits into `shapes` (see tools/gen_models.py).
void ApplyQueryOverlay(const Json& overlay, Json* shapes) {
  const Json& overlay_shapes = ObjectAt(overlay, "shapes");
  for (const auto& [name, entry] : overlay_shapes.items()) {
    auto shape = shapes->find(name);
    if (shape == shapes->end() || !shape->is_object()) {
      continue;
    }
    for (const auto& [key, value] : entry.items()) {
      if (key == "members") {
        Json& members = (*shape)["members"];
        for (const auto& [member, traits] : value.items()) {
          if (members.contains(member) && traits.is_object()) {
            members[member].update(traits);
          }
        }
      } else if (key == "member" || key == "key" || key == "value") {
        if (shape->contains(key) && value.is_object()) {
          (*shape)[key].update(value);
        }
      } else {
        (*shape)[key] = value;
      }
    }
  }
}

}  // namespace

const Json& OperationModel::input_ref() const {
  return ObjectAt(json, "input");
}

const Json& OperationModel::output_ref() const {
  return ObjectAt(json, "output");
}

Result<ServiceModel> ServiceModel::FromJson(Json model, std::string name) {
  if (!model.is_object() || !model.contains("metadata") || !model["metadata"].is_object()) {
    return Status::InvalidArgument("service model has no metadata object");
  }
  ServiceModel service;
  if (auto it = model.find("shapes"); it != model.end() && it->is_object()) {
    service.shapes_ = std::move(*it);
  }
  if (auto it = model.find("operations"); it != model.end() && it->is_object()) {
    for (const auto& [op_name, op] : it->items()) {
      service.operations_.emplace(op_name, MakeOperation(op_name, op));
    }
  }
  if (auto it = model.find("queryOverlay"); it != model.end() && it->is_object()) {
    Json query_shapes = service.shapes_;
    ApplyQueryOverlay(*it, &query_shapes);
    Json query_model = {{"metadata", model["metadata"]},
                        {"shapes", std::move(query_shapes)},
                        {"operations", Json::object()}};
    STRATUS_ASSIGN_OR_RETURN(ServiceModel view, FromJson(std::move(query_model), name));
    view.operations_ = service.operations_;
    service.query_view_ = std::make_unique<const ServiceModel>(std::move(view));
  }
  STRATUS_RETURN_IF_ERROR(service.Init(std::move(model["metadata"]), std::move(name)));
  return service;
}

Result<ServiceModel> ServiceModel::FromParts(Json metadata,
                                             Json shapes,
                                             const std::vector<Json>& operations) {
  if (!metadata.is_object()) {
    return Status::InvalidArgument("service model has no metadata object");
  }
  ServiceModel service;
  if (shapes.is_object()) {
    service.shapes_ = std::move(shapes);
  }
  for (const Json& op : operations) {
    std::string op_name = StringAt(op, "name");
    if (op_name.empty()) {
      return Status::InvalidArgument("operation without a name");
    }
    service.operations_.insert_or_assign(op_name, MakeOperation(op_name, op));
  }
  STRATUS_RETURN_IF_ERROR(service.Init(std::move(metadata), {}));
  return service;
}

ServiceModel::ServiceModel(ServiceModel&&) noexcept = default;

ServiceModel& ServiceModel::operator=(ServiceModel&&) noexcept = default;

ServiceModel::~ServiceModel() = default;

Status ServiceModel::Init(Json metadata, std::string name) {
  json_wire_plans_ = std::make_unique<const JsonWirePlans>();
  metadata_ = std::move(metadata);
  api_version_ = StringAt(metadata_, "apiVersion");
  json_version_ = StringAt(metadata_, "jsonVersion");
  target_prefix_ = StringAt(metadata_, "targetPrefix");
  xml_namespace_ = StringAt(metadata_, "xmlNamespace");
  endpoint_prefix_ = StringAt(metadata_, "endpointPrefix");
  signing_name_ = StringAt(metadata_, "signingName");
  if (signing_name_.empty()) {
    signing_name_ = endpoint_prefix_;
  }
  service_id_ = StringAt(metadata_, "serviceId");
  aws_query_compatible_ = metadata_.contains("awsQueryCompatible");
  name_ = name.empty() ? endpoint_prefix_ : std::move(name);

  std::string primary = StringAt(metadata_, "protocol");
  STRATUS_ASSIGN_OR_RETURN(protocol_, ProtocolFromName(primary, json_version_));
  protocols_.push_back(protocol_);
  if (auto it = metadata_.find("protocols"); it != metadata_.end() && it->is_array()) {
    for (const Json& entry : *it) {
      if (!entry.is_string()) {
        continue;
      }
      Result<Protocol> protocol =
          ProtocolFromName(entry.get<std::string>(), json_version_.empty() ? "1.0" : json_version_);
      if (protocol.ok() && !SpeaksProtocol(*protocol)) {
        protocols_.push_back(*protocol);
      }
    }
  }
  for (const auto& [shape_name, shape] : shapes_.items()) {
    std::string code = StringAt(ObjectAt(shape, "error"), "code");
    if (!code.empty()) {
      error_codes_.emplace(code, shape_name);
    }
  }
  return Status::Ok();
}

bool ServiceModel::SpeaksProtocol(Protocol protocol) const {
  for (Protocol p : protocols_) {
    if (p == protocol) {
      return true;
    }
  }
  return false;
}

const OperationModel* ServiceModel::FindOperation(std::string_view name) const {
  auto it = operations_.find(name);
  return it == operations_.end() ? nullptr : &it->second;
}

const Json* ServiceModel::FindShape(std::string_view name) const {
  auto it = shapes_.find(name);
  return it == shapes_.end() ? nullptr : &*it;
}

const Json* ServiceModel::FindErrorShape(std::string_view code, std::string* shape_name) const {
  if (const Json* shape = FindShape(code);
      shape != nullptr && shape->is_object() &&
      (shape->contains("exception") || shape->contains("error"))) {
    if (shape_name != nullptr) {
      *shape_name = std::string(code);
    }
    return shape;
  }
  if (auto it = error_codes_.find(code); it != error_codes_.end()) {
    if (shape_name != nullptr) {
      *shape_name = it->second;
    }
    return FindShape(it->second);
  }
  return nullptr;
}

}  // namespace stratus::aws
