#include "aws/dispatcher.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

#include "aws/aws_chunked.h"
#include "aws/log.h"
#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/payload_hash.h"
#include "aws/protocol/codec.h"
#include "aws/protocol/request_protocol.h"
#include "aws/protocol/rest_binding.h"
#include "aws/sigv2.h"
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
  for (std::string_view source :
       {std::string_view(request.query),
        IsFormRequest(request) ? std::string_view(request.body) : std::string_view()}) {
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

// Returns the host name without its port, lower-cased.
std::string HostName(const http::Request& request) {
  auto host = request.headers.Get("host");
  if (!host.has_value()) {
    return {};
  }
  std::string_view name = *host;
  if (!name.empty() && name.front() == '[') {
    return std::string(name.substr(0, name.find(']') + 1));  // An IPv6 literal.
  }
  std::string lowered(name.substr(0, name.find(':')));
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered;
}

bool IsNumericHost(std::string_view name) {
  return !name.empty() &&
         (name.front() == '[' || (name.front() >= '0' && name.front() <= '9' &&
                                  name.find_first_not_of("0123456789.") == std::string_view::npos));
}

// Returns the first label of the host ("sqs" of "sqs.us-east-1.localhost:4566"),
// or "" for a bare host such as "localhost:4566" or "127.0.0.1:4566".
std::string HostLabel(const http::Request& request) {
  const std::string name = HostName(request);
  const size_t dot = name.find('.');
  if (dot == std::string::npos || IsNumericHost(name)) {
    return {};
  }
  return name.substr(0, dot);
}

// True for a region name: lowercase words joined by '-', the last a number
// ("us-east-1", "us-gov-west-1").
bool LooksLikeRegion(std::string_view text) {
  return text.size() >= 4 && text.find('-') != std::string_view::npos && text.back() >= '0' &&
         text.back() <= '9' &&
         text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
}

// True when `request` may carry a body worth streaming.
bool MayHaveBody(const http::Request& head) {
  if (head.method != "PUT" && head.method != "POST") {
    return false;
  }
  if (auto length = head.headers.Get("content-length")) {
    return *length != "0";
  }
  return head.headers.Get("transfer-encoding").has_value();
}

// Accepts a body and keeps nothing: where a streamed body goes when the
// request will be refused anyway (its signature does not verify).
class DiscardingSink final : public http::BodySink {
 public:
  Status Append(std::string_view /*bytes*/) override { return Status::Ok(); }

  Status Finish() override { return Status::Ok(); }
};

// A service-independent error, for requests whose service cannot be told.
http::Response UnroutableResponse(const http::Request& request,
                                  const RequestContext& context,
                                  std::string_view code,
                                  const std::string& message) {
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

// Adds what a handler put beside its output to the response.
void ApplyPayload(const ResponsePayload& payload, bool success, http::Response& response) {
  for (const auto& [name, value] : payload.headers.fields()) {
    response.headers.Set(name, value);
  }
  if (!success) {
    return;
  }
  if (payload.status != 0) {
    response.status = payload.status;
  }
  if (payload.stream != nullptr) {
    response.body.clear();
    response.body_stream = payload.stream;
  }
}

// JSON protocols carry a handler's error elements as members of the error
// shape (Athena's InvalidRequestException.AthenaErrorCode, Lambda's
// TooManyRequestsException.Reason); rest-xml adds
// them to its body itself.
http::Response SerializeFailure(const ProtocolCodec& codec,
                                Protocol protocol,
                                const ServiceModel& service,
                                const Status& error,
                                const RequestContext& context) {
  const auto& elements = context.response_payload->error_elements;
  if (elements.empty() || (protocol != Protocol::kJson10 && protocol != Protocol::kJson11 &&
                           protocol != Protocol::kRestJson)) {
    return codec.SerializeError(service, error, context);
  }
  Json members = Json::object();
  for (const auto& [name, value] : elements) {
    members[name] = value;
  }
  return codec.SerializeErrorWithMembers(service, error, members, context);
}

}  // namespace

std::string VirtualHostBucket(std::string_view host,
                              const std::vector<std::string>& suffixes,
                              const ModelRegistry& models,
                              const std::optional<SigV4Signature>& signature) {
  if (host.empty() || IsNumericHost(host)) {
    return {};
  }
  std::string_view label;
  for (const std::string& suffix : suffixes) {
    if (host.size() > suffix.size() + 1 && host.ends_with(suffix) &&
        host[host.size() - suffix.size() - 1] == '.') {
      label = host.substr(0, host.size() - suffix.size() - 1);
      break;
    }
  }
  if (label.empty()) {
    return {};
  }
  // "s3", "s3.us-east-1", "s3-us-west-2": the path-style endpoint itself.
  if (label == "s3" || (label.starts_with("s3.") && LooksLikeRegion(label.substr(3))) ||
      (label.starts_with("s3-") && LooksLikeRegion(label.substr(3)))) {
    return {};
  }
  // "lake.s3": the bucket before the S3 label; "lake.s3.us-east-1", "lake.s3-us-west-2": the bucket
  // before ".s3" and a region. A bucket name may itself hold ".s3." ("logs.s3.backup").
  for (std::string_view marker : {std::string_view(".s3."), std::string_view(".s3-")}) {
    const size_t at = label.rfind(marker);
    if (at != std::string_view::npos && at > 0 &&
        LooksLikeRegion(label.substr(at + marker.size()))) {
      return std::string(label.substr(0, at));
    }
  }
  if (label.ends_with(".s3")) {
    return std::string(label.substr(0, label.size() - 3));
  }
  const bool signed_for_s3 = signature.has_value() && signature->service == "s3";
  if (!signed_for_s3 && label.find('.') == std::string_view::npos &&
      models.FindByEndpointPrefix(label) != nullptr) {
    return {};  // "sqs.localhost": the service, not a bucket named "sqs".
  }
  if (signature.has_value() && !signed_for_s3) {
    return {};
  }
  return std::string(label);
}

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

std::string Dispatcher::RoutedPath(const http::Request& request,
                                   const std::optional<SigV4Signature>& signature) const {
  const std::string bucket =
      VirtualHostBucket(HostName(request), options_.s3_host_suffixes, models_, signature);
  if (bucket.empty()) {
    return {};
  }
  return "/" + bucket + (request.path == "/" ? std::string() : request.path);
}

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
  // 2. The credential scope names the signing service; 3. a bucket's virtual
  // host names S3; 4. another virtual host names the endpoint.
  if (route.service == nullptr && signature.has_value()) {
    route.service = models_.FindBySigningName(signature->service);
  }
  if (route.service == nullptr &&
      !VirtualHostBucket(HostName(request), options_.s3_host_suffixes, models_, signature)
           .empty()) {
    route.service = models_.Find("s3");
  }
  if (route.service == nullptr) {
    if (std::string label = HostLabel(request); !label.empty()) {
      route.service = models_.FindByEndpointPrefix(label);
    }
  }
  const std::string action = FindAction(request);
  // 5. An unsigned query-protocol call: the service that has the Action (SQS first).
  if (route.service == nullptr && !action.empty()) {
    for (std::string_view candidate : {"sqs", "monitoring", "cloudformation", "iam", "sts"}) {
      const ServiceModel* model = models_.Find(candidate);
      if (model != nullptr && model->FindOperation(action) != nullptr) {
        route.service = model;
        break;
      }
    }
  }
  // 6. An unsigned REST call without a service host: S3 (presigned URLs carry
  // their scope; plain reads of public objects carry nothing).
  if (route.service == nullptr && action.empty() && !request.headers.Get("x-amz-target")) {
    route.service = models_.Find("s3");
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
    // 7. REST services name the operation by method and URI template.
    route.operation = FindRestOperation(*route.service, request);
    if (route.operation != nullptr) {
      route.operation_name = route.operation->name;
    }
  }
  return route;
}

RequestContext Dispatcher::BaseContext(const http::Request& request) const {
  RequestContext context;
  context.request_id = ids_.Uuid();
  context.account_id = options_.account_id;
  context.region = options_.default_region;
  context.received = clock_.Now();
  if (auto host = request.headers.Get("host")) {
    context.host = std::string(*host);
  }
  context.path = request.path;
  return context;
}

Result<const CredentialStore*> Dispatcher::CredentialsFor(const http::Request& request,
                                                          std::string_view access_key_id,
                                                          bool s3,
                                                          CredentialStore* scratch) const {
  const CredentialStore& configured = *options_.credentials;
  if (!options_.credential_lookup || configured.find(access_key_id) != configured.end()) {
    return &configured;
  }
  std::optional<LookedUpCredential> found = options_.credential_lookup(access_key_id);
  if (!found.has_value() || !found->active) {
    return &configured;  // VerifySigV4 words the unknown key.
  }
  if (!found->session_token.empty()) {
    std::string token;
    if (auto header = request.headers.Get("x-amz-security-token")) {
      token = std::string(*header);
    } else {
      for (auto& [name, value] : http::ParseQueryString(request.query)) {
        if (name == "X-Amz-Security-Token") {
          token = std::move(value);
        }
      }
    }
    // AWS: temporary credentials without their token, or with another one,
    // are InvalidClientTokenId; past their expiry, ExpiredToken.
    if (token != found->session_token) {
      return Status::Unauthenticated("The security token included in the request is invalid.")
          .WithAwsType(s3 ? "InvalidToken" : "InvalidClientTokenId", s3 ? 400 : 403);
    }
    if (found->expires_millis.has_value() && clock_.NowMillis() >= *found->expires_millis) {
      return Status::Unauthenticated(s3 ? "The provided token has expired."
                                        : "The security token included in the request is expired")
          .WithAwsType("ExpiredToken", s3 ? 400 : 403);
    }
  }
  *scratch = CredentialStore{{std::string(access_key_id), std::move(found->secret_access_key)}};
  return scratch;
}

std::shared_ptr<http::BodySink> Dispatcher::OpenBodySink(const http::Request& head) const {
  if (!MayHaveBody(head)) {
    return nullptr;
  }
  Result<std::optional<SigV4Signature>> signature = ParseSigV4(head);
  if (!signature.ok()) {
    return nullptr;  // Handle() answers the error.
  }
  http::Request routed;
  routed.method = head.method;
  routed.path = head.path;
  routed.query = head.query;
  routed.headers = head.headers;
  if (std::string path = RoutedPath(head, *signature); !path.empty()) {
    routed.path = std::move(path);
  }
  const Route route = Resolve(routed, *signature);
  if (route.service == nullptr || route.operation == nullptr) {
    return nullptr;
  }
  const PayloadSinkFactory* factory =
      operations_.FindPayloadSinkFactory(route.service->name(), route.operation->name);
  if (factory == nullptr) {
    return nullptr;
  }
  std::optional<ChunkSigningContext> signing;
  if (options_.credentials.has_value() && !signature->has_value()) {
    // A SigV2 request (awscli v1's presigned PUT) signs no body: check its head.
    Result<std::optional<SigV2Signature>> v2 = ParseSigV2(routed);
    if (!v2.ok() || !v2->has_value() || !VerifySigV2(routed, **v2, *options_.credentials).ok()) {
      return std::make_shared<DiscardingSink>();
    }
  } else if (options_.credentials.has_value()) {
    // The head's signature is checked now: a streamed body's chunk signatures
    // chain from it. A request that fails is refused by Handle().
    CredentialStore looked_up;
    Result<const CredentialStore*> credentials =
        CredentialsFor(head, (*signature)->access_key_id, /*s3=*/true, &looked_up);
    if (!credentials.ok() || !VerifySigV4(head, **signature, **credentials).ok()) {
      return std::make_shared<DiscardingSink>();
    }
    auto secret = (*credentials)->find((*signature)->access_key_id);
    if (secret != (*credentials)->end()) {
      signing = ChunkSigningContextFor(**signature, secret->second);
    }
  }
  RequestContext context = BaseContext(head);
  context.service = route.service->name();
  context.operation = route.operation->name;
  return (*factory)(context, routed, signing.has_value() ? &*signing : nullptr);
}

void Dispatcher::Handle(http::Request request, http::Responder respond) const {
  RequestContext context = BaseContext(request);
  Result<std::optional<SigV4Signature>> signature = ParseSigV4(request);
  const std::optional<SigV4Signature> parsed =
      signature.ok() ? *signature : std::optional<SigV4Signature>();
  std::string original_path;
  if (std::string routed = RoutedPath(request, parsed); !routed.empty()) {
    original_path = std::move(request.path);
    request.path = std::move(routed);
  }
  const Route route = Resolve(request, parsed);
  if (route.service == nullptr) {
    respond(UnroutableResponse(
        request, context, "UnknownServiceException",
        "stratus could not tell which AWS service this request is for (no X-Amz-Target, "
        "credential scope, service host name or known Action)"));
    return;
  }
  const ServiceModel& service = *route.service;
  const ProtocolCodec& codec = CodecFor(RequestProtocol(service, request));
  const HttpHooks* hooks = operations_.FindHttpHooks(service.name());
  context.service = service.name();
  context.operation = route.operation_name;
  context.response_payload = std::make_shared<ResponsePayload>();
  // The decorating hook sees the request's head, kept past this call.
  std::shared_ptr<http::Request> head;
  if (hooks != nullptr && hooks->decorate) {
    head = std::make_shared<http::Request>();
    head->method = request.method;
    head->path = request.path;
    head->query = request.query;
    head->headers = request.headers;
  }
  auto finish = [head, hooks, context](http::Response response, const http::Responder& send) {
    if (head != nullptr) {
      hooks->decorate(*head, context, response);
    }
    send(std::move(response));
  };
  auto fail = [&](const Status& error) {
    http::Response response = codec.SerializeError(service, error, context);
    ApplyPayload(*context.response_payload, /*success=*/false, response);
    finish(std::move(response), respond);
  };

  if (!signature.ok()) {
    fail(signature.status());
    return;
  }
  if (parsed.has_value()) {
    context.access_key_id = parsed->access_key_id;
    if (!parsed->region.empty()) {
      context.region = parsed->region;
    }
    // Presigned URLs expire whether or not signatures are verified.
    if (Status fresh = CheckPresignedExpiry(*parsed, clock_.Now()); !fresh.ok()) {
      fail(fresh);
      return;
    }
  }
  // S3 still takes its older SigV2 (awscli v1's `aws s3 presign` makes it).
  std::optional<SigV2Signature> v2;
  if (!parsed.has_value() && service.name() == "s3") {
    Result<std::optional<SigV2Signature>> parsed_v2 = ParseSigV2(request);
    if (!parsed_v2.ok()) {
      fail(parsed_v2.status());
      return;
    }
    v2 = *parsed_v2;
  }
  if (v2.has_value()) {
    context.access_key_id = v2->access_key_id;
    if (Status fresh = CheckSigV2Expiry(*v2, clock_.Now()); !fresh.ok()) {
      fail(fresh);
      return;
    }
    if (options_.credentials.has_value()) {
      if (Status verified = VerifySigV2(request, *v2, *options_.credentials); !verified.ok()) {
        fail(verified);
        return;
      }
    }
  } else if (options_.credentials.has_value()) {
    if (!parsed.has_value()) {
      // AWS: an unsigned request is MissingAuthenticationToken (HTTP 403).
      fail(Status::Unauthenticated("Request is missing Authentication Token")
               .WithAwsType(service.name() == "s3" ? "AccessDenied" : "MissingAuthenticationToken",
                            403));
      return;
    }
    if (!original_path.empty()) {
      std::swap(request.path, original_path);  // The client signed the path it sent.
    }
    CredentialStore looked_up;
    Result<const CredentialStore*> credentials =
        CredentialsFor(request, parsed->access_key_id, service.name() == "s3", &looked_up);
    Status verified =
        credentials.ok() ? VerifySigV4(request, *parsed, **credentials) : credentials.status();
    if (!original_path.empty()) {
      std::swap(request.path, original_path);
    }
    if (!verified.ok()) {
      fail(verified);
      return;
    }
  }
  if (route.operation == nullptr) {
    if (hooks != nullptr && hooks->unrouted && hooks->unrouted(request, context, respond)) {
      return;
    }
    // AWS: JSON services say UnknownOperationException; query services say
    // InvalidAction; S3 says MethodNotAllowed.
    const Protocol protocol = RequestProtocol(service, request);
    if (service.name() == "s3") {
      fail(Status::InvalidArgument("The specified method is not allowed against this resource.")
               .WithAwsType("MethodNotAllowed", 405));
      return;
    }
    fail(
        Status::InvalidArgument(route.operation_name.empty()
                                    ? std::string("Missing operation name")
                                    : Format("Unknown operation {}", route.operation_name))
            .WithAwsType(
                protocol == Protocol::kQuery ? "InvalidAction" : "UnknownOperationException", 400));
    return;
  }
  const OperationModel& operation = *route.operation;
  const Protocol protocol = RequestProtocol(service, request);
  if (request.body_sink == nullptr) {
    // A body the server kept in memory still has its declared hash checked.
    if (Status hashed = VerifyPayloadHash(request); !hashed.ok()) {
      fail(hashed);
      return;
    }
  }
  Result<Json> input = codec.ParseRequest(service, operation, request);
  if (!input.ok()) {
    fail(input.status());
    return;
  }
  context.payload = std::move(request.body_sink);
  kAwsLog.Debug("request id={} service={} operation={}", context.request_id, context.service,
                context.operation);
  operations_.Invoke(
      context, service.name(), operation.name, std::move(input).value(),
      [&codec, &service, &operation, context, protocol, finish = std::move(finish),
       respond = std::move(respond)](Result<Json> output) {
        http::Response response =
            output.ok() ? codec.SerializeResponse(service, operation, *output, context)
                        : SerializeFailure(codec, protocol, service, output.status(), context);
        ApplyPayload(*context.response_payload, output.ok(), response);
        finish(std::move(response), respond);
      });
}

}  // namespace stratus::aws
