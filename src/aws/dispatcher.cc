#include "aws/dispatcher.h"

#include <string_view>
#include <utility>

#include "aws/log.h"
#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/protocol/codec.h"
#include "aws/protocol/request_protocol.h"
#include "aws/protocol/rest_binding.h"
#include "base/clock.h"
#include "base/random.h"

namespace stratus::aws {
namespace {

bool IsFormRequest(const http::Request& request) {
  auto type = request.headers.Get("content-type");
  return type.has_value() && type->starts_with("application/x-www-form-urlencoded");
}

// Returns the query protocol's Action parameter from the query string or form body.
std::string FindAction(const http::Request& request) {
  for (std::string_view source : {std::string_view(request.query),
                                  IsFormRequest(request) ? std::string_view(request.body)
                                                         : std::string_view()}) {
    if (source.find("Action=") == std::string_view::npos) {
      continue;
    }
    for (auto& [name, value] : http::ParseQueryString(source)) {
      if (name == "Action") {
        return value;
      }
    }
  }
  return {};
}

// Returns the first label of the Host header ("sqs" of "sqs.us-east-1.localhost:4566"),
// or "" for a bare host such as "localhost:4566" or "127.0.0.1:4566".
std::string_view HostLabel(const http::Request& request) {
  auto host = request.headers.Get("host");
  if (!host.has_value()) {
    return {};
  }
  std::string_view name = host->substr(0, host->find(':'));
  const size_t dot = name.find('.');
  if (dot == std::string_view::npos || (!name.empty() && name[0] >= '0' && name[0] <= '9')) {
    return {};
  }
  return name.substr(0, dot);
}

// A service-independent error, for requests whose service cannot be told.
http::Response UnroutableResponse(const http::Request& request, const RequestContext& context,
                                  std::string_view code, const std::string& message) {
  http::Response response;
  response.status = 400;
  response.headers.Set("x-amzn-RequestId", context.request_id);
  if (IsFormRequest(request)) {
    response.headers.Set("Content-Type", "text/xml");
    response.body = Format(
        "<ErrorResponse><Error><Type>Sender</Type><Code>{}</Code><Message>{}</Message></Error>"
        "<RequestId>{}</RequestId></ErrorResponse>",
        code, message, context.request_id);
  } else {
    response.headers.Set("Content-Type", "application/x-amz-json-1.1");
    response.headers.Set("x-amzn-ErrorType", std::string(code));
    response.body = DumpJson(Json{{"__type", code}, {"message", message}});
  }
  return response;
}

}  // namespace

Dispatcher::Dispatcher(DispatcherOptions options,
                       const ModelRegistry& models,
                       const OperationTable& operations,
                       IdGenerator& ids,
                       const Clock& clock)
    : options_(std::move(options)),
      models_(models),
      operations_(operations),
      ids_(ids),
      clock_(clock) {}

Route Dispatcher::Resolve(const http::Request& request,
                          const std::optional<SigV4Signature>& signature) const {
  Route route;
  // 1. JSON protocols name service and operation in X-Amz-Target ("AmazonSQS.SendMessage").
  if (auto target = request.headers.Get("x-amz-target")) {
    const size_t dot = target->rfind('.');
    if (dot != std::string_view::npos) {
      route.service = models_.FindByTargetPrefix(target->substr(0, dot));
      route.operation_name = std::string(target->substr(dot + 1));
    }
  }
  // 2. The credential scope names the signing service; 3. a virtual host names the endpoint.
  if (route.service == nullptr && signature.has_value()) {
    route.service = models_.FindBySigningName(signature->service);
  }
  if (route.service == nullptr) {
    if (std::string_view label = HostLabel(request); !label.empty()) {
      route.service = models_.FindByEndpointPrefix(label);
    }
  }
  const std::string action = FindAction(request);
  // 4. An unsigned query-protocol call: the service that has the Action (SQS first).
  if (route.service == nullptr && !action.empty()) {
    for (std::string_view candidate : {"sqs", "monitoring", "cloudformation", "iam", "sts"}) {
      const ServiceModel* model = models_.Find(candidate);
      if (model != nullptr && model->FindOperation(action) != nullptr) {
        route.service = model;
        break;
      }
    }
  }
  if (route.service == nullptr) {
    return route;
  }
  if (route.operation_name.empty() && !action.empty()) {
    route.operation_name = action;
  }
  if (!route.operation_name.empty()) {
    route.operation = route.service->FindOperation(route.operation_name);
  } else if (const Protocol protocol = route.service->protocol();
             protocol == Protocol::kRestJson || protocol == Protocol::kRestXml) {
    // 5. REST services name the operation by method and URI template.
    route.operation = FindRestOperation(*route.service, request);
    if (route.operation != nullptr) {
      route.operation_name = route.operation->name;
    }
  }
  return route;
}

void Dispatcher::Handle(http::Request request, http::Responder respond) const {
  RequestContext context;
  context.request_id = ids_.Uuid();
  context.account_id = options_.account_id;
  context.region = options_.default_region;
  context.received = clock_.Now();
  if (auto host = request.headers.Get("host")) {
    context.host = std::string(*host);
  }
  context.path = request.path;

  Result<std::optional<SigV4Signature>> signature = ParseSigV4(request);
  const Route route = Resolve(request, signature.ok() ? *signature : std::nullopt);
  if (route.service == nullptr) {
    respond(UnroutableResponse(
        request, context, "UnknownServiceException",
        "stratus could not tell which AWS service this request is for (no X-Amz-Target, "
        "credential scope, service host name or known Action)"));
    return;
  }
  const ServiceModel& service = *route.service;
  const ProtocolCodec& codec = CodecFor(RequestProtocol(service, request));
  context.service = service.name();
  context.operation = route.operation_name;
  auto fail = [&](const Status& error) { respond(codec.SerializeError(service, error, context)); };

  if (!signature.ok()) {
    fail(signature.status());
    return;
  }
  if (signature->has_value()) {
    context.access_key_id = (*signature)->access_key_id;
    if (!(*signature)->region.empty()) {
      context.region = (*signature)->region;
    }
  }
  if (options_.credentials.has_value()) {
    if (!signature->has_value()) {
      // AWS: an unsigned request is MissingAuthenticationToken (HTTP 403).
      fail(Status::Unauthenticated("Request is missing Authentication Token")
               .WithAwsType("MissingAuthenticationToken", 403));
      return;
    }
    if (Status verified = VerifySigV4(request, **signature, *options_.credentials); !verified.ok()) {
      fail(verified);
      return;
    }
  }
  if (route.operation == nullptr) {
    // AWS: JSON services say UnknownOperationException; query services say InvalidAction.
    const bool query = RequestProtocol(service, request) == Protocol::kQuery;
    fail(Status::InvalidArgument(route.operation_name.empty()
                                     ? std::string("Missing operation name")
                                     : Format("Unknown operation {}", route.operation_name))
             .WithAwsType(query ? "InvalidAction" : "UnknownOperationException", 400));
    return;
  }
  const OperationModel& operation = *route.operation;
  Result<Json> input = codec.ParseRequest(service, operation, request);
  if (!input.ok()) {
    fail(input.status());
    return;
  }
  kAwsLog.Debug("request id={} service={} operation={}", context.request_id, context.service,
                context.operation);
  operations_.Invoke(
      context, service.name(), operation.name, std::move(input).value(),
      [&codec, &service, &operation, context, respond = std::move(respond)](Result<Json> output) {
        if (!output.ok()) {
          respond(codec.SerializeError(service, output.status(), context));
          return;
        }
        respond(codec.SerializeResponse(service, operation, *output, context));
      });
}

}  // namespace stratus::aws
