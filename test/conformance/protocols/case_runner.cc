#include "case_runner.h"

#include "aws/model/service_model.h"
#include "aws/protocol/codec.h"
#include "aws/protocol/shape_traits.h"
#include "base/format.h"
#include "http/message.h"
#include "sdk_response_parser.h"
#include "value_compare.h"

namespace stratus::conformance {
namespace {

struct CaseModel {
  aws::ServiceModel service;
  const aws::OperationModel* operation = nullptr;
  aws::Protocol protocol = aws::Protocol::kJson10;
};

Result<CaseModel> BuildModel(const Json& suite, const Json& test) {
  const Json& given = test["given"];
  STRATUS_ASSIGN_OR_RETURN(aws::ServiceModel service,
                           aws::ServiceModel::FromParts(
                               suite["metadata"], suite.value("shapes", Json::object()), {given}));
  aws::Protocol protocol = service.protocol();
  CaseModel model{.service = std::move(service), .operation = nullptr, .protocol = protocol};
  model.operation = model.service.FindOperation(given.value("name", ""));
  if (model.operation == nullptr) {
    return Status::InvalidArgument("case has no operation");
  }
  return model;
}

std::string HeaderValue(const Json& value) {
  return value.is_string() ? value.get<std::string>() : DumpJson(value);
}

http::Request BuildRequest(const Json& serialized) {
  http::Request request;
  request.method = serialized.value("method", "POST");
  request.target = serialized.value("uri", "/");
  size_t q = request.target.find('?');
  request.path = request.target.substr(0, q);
  request.query = q == std::string::npos ? "" : request.target.substr(q + 1);
  if (serialized.contains("headers") && serialized["headers"].is_object()) {
    for (const auto& [name, value] : serialized["headers"].items()) {
      request.headers.Add(name, HeaderValue(value));
    }
  }
  if (serialized.contains("body") && serialized["body"].is_string()) {
    request.body = serialized["body"].get<std::string>();
  }
  return request;
}

http::Response BuildResponse(const Json& response) {
  http::Response out;
  out.status = response.value("status_code", 200);
  if (response.contains("headers") && response["headers"].is_object()) {
    for (const auto& [name, value] : response["headers"].items()) {
      out.headers.Add(name, HeaderValue(value));
    }
  }
  if (response.contains("body") && response["body"].is_string()) {
    out.body = response["body"].get<std::string>();
  }
  return out;
}

// Compares what an SDK read from `response` with the case's expectation.
void CompareSdkView(const CaseModel& model,
                    const Json& test,
                    const http::Response& response,
                    const std::string& label,
                    std::vector<std::string>* diffs) {
  Result<SdkResponse> parsed =
      ParseSdkResponse(model.service, *model.operation, model.protocol, response);
  if (!parsed.ok()) {
    diffs->push_back(Format("{}: response does not parse: {}", label, parsed.status().ToString()));
    return;
  }
  if (test.contains("errorCode")) {
    if (!parsed->is_error) {
      diffs->push_back(Format("{}: expected an error, got status {}", label, response.status));
      return;
    }
    if (parsed->code != test["errorCode"].get<std::string>()) {
      diffs->push_back(Format("{}: error code: expected {}, got {}", label,
                              test["errorCode"].get<std::string>(), parsed->code));
    }
    if (test.contains("errorMessage") &&
        parsed->message != test["errorMessage"].get<std::string>()) {
      diffs->push_back(Format("{}: error message: expected {}, got {}", label,
                              DumpJson(test["errorMessage"]), DumpJson(parsed->message)));
    }
    if (test.contains("error")) {
      std::string shape_name;
      if (model.service.FindErrorShape(parsed->code, &shape_name) != nullptr) {
        Json ref = {{"shape", shape_name}};
        std::vector<std::string> member_diffs;
        CompareValues(model.service, ref, ToOperationJson(model.service, ref, test["error"]),
                      parsed->error_members, label + ":error", &member_diffs);
        diffs->insert(diffs->end(), member_diffs.begin(), member_diffs.end());
      }
    }
    return;
  }
  if (parsed->is_error) {
    diffs->push_back(Format("{}: unexpected error {} ({})", label, parsed->code, parsed->message));
    return;
  }
  const Json& ref = model.operation->output_ref();
  Json expected = ToOperationJson(model.service, ref, test.value("result", Json::object()));
  CompareValues(model.service, ref, expected, parsed->output, label, diffs);
}

// Returns why a case is outside a server's concern, or "".
std::string SkipReason(const aws::Protocol protocol) {
  if (!aws::HasCodec(protocol)) {
    return Format("no codec for {}", aws::ProtocolName(protocol));
  }
  return {};
}

}  // namespace

CaseResult RunInputCase(const Json& suite, const Json& test) {
  CaseResult result;
  Result<CaseModel> model = BuildModel(suite, test);
  if (!model.ok()) {
    result.diffs.push_back("model: " + model.status().ToString());
    return result;
  }
  result.skip_reason = SkipReason(model->protocol);
  if (!result.skip_reason.empty()) {
    return result;
  }
  http::Request request = BuildRequest(test["serialized"]);
  const aws::ProtocolCodec& codec = aws::CodecFor(model->protocol);
  Result<Json> input = codec.ParseRequest(model->service, *model->operation, request);
  if (!input.ok()) {
    result.diffs.push_back("ParseRequest: " + input.status().ToString());
    return result;
  }
  const Json& ref = model->operation->input_ref();
  Json expected = ToOperationJson(model->service, ref, test.value("params", Json::object()));
  CompareValues(model->service, ref, expected, *input, "", &result.diffs, /*empty_is_absent=*/true);
  return result;
}

CaseResult RunOutputCase(const Json& suite, const Json& test) {
  CaseResult result;
  Result<CaseModel> model = BuildModel(suite, test);
  if (!model.ok()) {
    result.diffs.push_back("model: " + model.status().ToString());
    return result;
  }
  result.skip_reason = SkipReason(model->protocol);
  if (!result.skip_reason.empty()) {
    return result;
  }
  const aws::ProtocolCodec& codec = aws::CodecFor(model->protocol);
  aws::RequestContext context;
  context.request_id = "conformance-request";
  http::Response ours;
  if (test.contains("errorCode")) {
    // The handler names the error by its shape (or by the query code).
    std::string code = test["errorCode"].get<std::string>();
    std::string shape_name = code;
    model->service.FindErrorShape(code, &shape_name);
    Json members = Json::object();
    if (test.contains("error")) {
      members = ToOperationJson(model->service, Json{{"shape", shape_name}}, test["error"]);
    }
    Status error = Status::InvalidArgument(test.value("errorMessage", "")).WithAwsType(shape_name);
    ours = codec.SerializeErrorWithMembers(model->service, error, members, context);
  } else {
    const Json& ref = model->operation->output_ref();
    Json output = ToOperationJson(model->service, ref, test.value("result", Json::object()));
    ours = codec.SerializeResponse(model->service, *model->operation, output, context);
  }
  CompareSdkView(*model, test, ours, "ours", &result.diffs);
  if (test.contains("response")) {
    CompareSdkView(*model, test, BuildResponse(test["response"]), "reference", &result.diffs);
  }
  return result;
}

}  // namespace stratus::conformance
