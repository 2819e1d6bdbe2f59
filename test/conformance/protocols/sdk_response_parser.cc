#include "sdk_response_parser.h"

#include "aws/protocol/json_body.h"
#include "aws/protocol/rest_binding.h"
#include "aws/protocol/shape_traits.h"
#include "aws/protocol/xml_body.h"
#include "aws/protocol/xml_document.h"
#include "base/format.h"

namespace stratus::conformance {
namespace {

using aws::ObjectTrait;
using aws::StringTrait;

// "ns#Code:uri" → "Code".
std::string CleanCode(std::string_view code) {
  code = code.substr(0, code.find(':'));
  size_t hash = code.rfind('#');
  if (hash != std::string_view::npos) {
    code = code.substr(hash + 1);
  }
  while (!code.empty() && code.back() == ' ') {
    code.remove_suffix(1);
  }
  return std::string(code);
}

Json ShapeRef(std::string_view name) {
  return Json{{"shape", std::string(name)}};
}

Result<Json> ParseJsonBody(const std::string& body) {
  bool blank = body.find_first_not_of(" \r\n\t") == std::string::npos;
  if (blank) {
    return Json::object();
  }
  return ParseJson(body);
}

// Finds the error shape an SDK would pick for `code`.
const Json* ErrorShape(const aws::ServiceModel& service,
                       const std::string& code,
                       std::string* name) {
  return service.FindErrorShape(code, name);
}

Result<SdkResponse> ParseJsonProtocol(const aws::ServiceModel& service,
                                      const aws::OperationModel& operation,
                                      const http::Response& response,
                                      bool rest) {
  SdkResponse out;
  if (response.status < 300) {
    if (rest) {
      STRATUS_ASSIGN_OR_RETURN(
          out.output,
          aws::ReadRestResponse(service, operation, aws::Protocol::kRestJson, response));
      return out;
    }
    STRATUS_ASSIGN_OR_RETURN(Json body, ParseJsonBody(response.body));
    if (!operation.output_shape.empty()) {
      STRATUS_ASSIGN_OR_RETURN(out.output,
                               aws::ReadJsonValue(service, operation.output_ref(), body, ""));
    }
    return out;
  }
  out.is_error = true;
  Json body = Json::object();
  if (Result<Json> parsed = ParseJsonBody(response.body); parsed.ok() && parsed->is_object()) {
    body = std::move(parsed).value();
  }
  std::string code;
  if (auto header = response.headers.Get("x-amzn-query-error");
      header.has_value() && service.aws_query_compatible()) {
    code = std::string(header->substr(0, header->find(';')));
  } else if (auto type = response.headers.Get("x-amzn-errortype"); type.has_value()) {
    code = CleanCode(*type);
  } else if (body.contains("__type") && body["__type"].is_string()) {
    code = CleanCode(body["__type"].get<std::string>());
  } else if (body.contains("code") && body["code"].is_string()) {
    code = CleanCode(body["code"].get<std::string>());
  }
  out.code = code;
  for (const char* key : {"message", "Message", "errorMessage"}) {
    if (body.contains(key) && body[key].is_string()) {
      out.message = body[key].get<std::string>();
      break;
    }
  }
  std::string shape_name;
  if (ErrorShape(service, code, &shape_name) != nullptr) {
    if (rest) {
      http::Response copy = response;
      copy.status = 200;
      aws::OperationModel error_op;
      error_op.output_shape = shape_name;
      error_op.json = Json{{"output", ShapeRef(shape_name)}};
      STRATUS_ASSIGN_OR_RETURN(
          out.error_members,
          aws::ReadRestResponse(service, error_op, aws::Protocol::kRestJson, copy));
    } else {
      STRATUS_ASSIGN_OR_RETURN(out.error_members,
                               aws::ReadJsonValue(service, ShapeRef(shape_name), body, ""));
    }
  }
  return out;
}

Result<SdkResponse> ParseXmlError(const aws::ServiceModel& service,
                                  const http::Response& response,
                                  bool rest,
                                  const aws::OperationModel& operation) {
  SdkResponse out;
  out.is_error = true;
  STRATUS_ASSIGN_OR_RETURN(aws::XmlElement root, aws::ParseXml(response.body));
  const aws::XmlElement* error = &root;
  if (const aws::XmlElement* child = root.Child("Error")) {
    error = child;
  }
  if (const aws::XmlElement* code = error->Child("Code")) {
    out.code = code->text;
  }
  if (const aws::XmlElement* message = error->Child("Message")) {
    out.message = message->text;
  }
  std::string shape_name;
  if (const Json* shape = ErrorShape(service, out.code, &shape_name)) {
    STRATUS_ASSIGN_OR_RETURN(out.error_members, aws::ReadXmlStructure(service, *shape, *error));
    if (rest) {
      // Header-bound error members.
      http::Response copy = response;
      copy.status = 200;
      copy.body.clear();
      aws::OperationModel error_op;
      error_op.output_shape = shape_name;
      error_op.json = Json{{"output", ShapeRef(shape_name)}};
      STRATUS_ASSIGN_OR_RETURN(
          Json headers, aws::ReadRestResponse(service, error_op, aws::Protocol::kRestXml, copy));
      for (const auto& [key, value] : headers.items()) {
        out.error_members[key] = value;
      }
    }
  }
  (void)operation;
  return out;
}

Result<SdkResponse> ParseQueryProtocol(const aws::ServiceModel& service,
                                       const aws::OperationModel& operation,
                                       const http::Response& response) {
  if (response.status >= 300) {
    return ParseXmlError(service, response, false, operation);
  }
  SdkResponse out;
  if (operation.output_shape.empty() ||
      response.body.find_first_not_of(" \r\n\t") == std::string::npos) {
    return out;
  }
  STRATUS_ASSIGN_OR_RETURN(aws::XmlElement root, aws::ParseXml(response.body));
  // botocore's protocol tests leave resultWrapper out; responses still wrap.
  const std::string wrapper =
      operation.result_wrapper.empty() ? operation.name + "Result" : operation.result_wrapper;
  const aws::XmlElement* node = root.Child(wrapper);
  if (node == nullptr) {
    node = &root;
  }
  STRATUS_ASSIGN_OR_RETURN(
      out.output,
      aws::ReadXmlStructure(service, aws::ResolveShape(service, operation.output_ref()), *node));
  return out;
}

}  // namespace

Result<SdkResponse> ParseSdkResponse(const aws::ServiceModel& service,
                                     const aws::OperationModel& operation,
                                     aws::Protocol protocol,
                                     const http::Response& response) {
  switch (protocol) {
    case aws::Protocol::kJson10:
    case aws::Protocol::kJson11:
      return ParseJsonProtocol(service, operation, response, false);
    case aws::Protocol::kRestJson:
      return ParseJsonProtocol(service, operation, response, true);
    case aws::Protocol::kQuery:
      return ParseQueryProtocol(service.QueryView(), operation, response);
    case aws::Protocol::kRestXml:
      if (response.status >= 300) {
        return ParseXmlError(service, response, true, operation);
      } else {
        SdkResponse out;
        STRATUS_ASSIGN_OR_RETURN(
            out.output,
            aws::ReadRestResponse(service, operation, aws::Protocol::kRestXml, response));
        return out;
      }
    case aws::Protocol::kEc2:
    case aws::Protocol::kRpcV2Cbor:
      break;
  }
  return Status::NotImplemented(Format("no SDK parser for {}", aws::ProtocolName(protocol)));
}

}  // namespace stratus::conformance
