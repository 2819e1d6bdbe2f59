#include "s3/api/cors.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "base/format.h"
#include "http/message.h"
#include "s3/api/s3_service.h"

namespace stratus::s3::api {
namespace {

std::string Lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Matches `text` against a pattern with at most one '*' (any run of characters).
bool WildcardMatch(std::string_view pattern, std::string_view text) {
  const size_t star = pattern.find('*');
  if (star == std::string_view::npos) {
    return pattern == text;
  }
  const std::string_view head = pattern.substr(0, star);
  const std::string_view tail = pattern.substr(star + 1);
  return text.size() >= head.size() + tail.size() && text.starts_with(head) && text.ends_with(tail);
}

std::vector<std::string> Strings(const Json& rule, const char* member) {
  std::vector<std::string> out;
  auto it = rule.find(member);
  if (it == rule.end() || !it->is_array()) {
    return out;
  }
  for (const Json& item : *it) {
    if (item.is_string()) {
      out.push_back(item.get<std::string>());
    }
  }
  return out;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    out += out.empty() ? item : ", " + item;
  }
  return out;
}

// Returns the bucket of a routed (path-style) request path.
std::string BucketOf(std::string_view path) {
  if (path.starts_with('/')) {
    path.remove_prefix(1);
  }
  return http::PercentDecode(path.substr(0, path.find('/')));
}

std::vector<std::string> SplitHeaderNames(std::string_view value) {
  std::vector<std::string> names;
  for (std::string_view rest = value; !rest.empty();) {
    const size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    while (!item.empty() && item.back() == ' ') {
      item.remove_suffix(1);
    }
    if (!item.empty()) {
      names.push_back(Lowered(item));
    }
  }
  return names;
}

// Returns the first rule allowing `origin`, `method` and `headers`.
std::optional<Json> MatchingRule(const Json& configuration,
                                 std::string_view origin,
                                 std::string_view method,
                                 const std::vector<std::string>& headers) {
  auto rules = configuration.find("CORSRules");
  if (rules == configuration.end() || !rules->is_array()) {
    return std::nullopt;
  }
  for (const Json& rule : *rules) {
    const std::vector<std::string> origins = Strings(rule, "AllowedOrigins");
    const std::vector<std::string> methods = Strings(rule, "AllowedMethods");
    const std::vector<std::string> allowed = Strings(rule, "AllowedHeaders");
    const bool origin_ok = std::any_of(origins.begin(), origins.end(), [&](const std::string& p) {
      return WildcardMatch(p, origin);
    });
    const bool method_ok = std::find(methods.begin(), methods.end(), method) != methods.end();
    const bool headers_ok = std::all_of(headers.begin(), headers.end(), [&](const std::string& h) {
      return std::any_of(allowed.begin(), allowed.end(),
                         [&](const std::string& p) { return WildcardMatch(Lowered(p), h); });
    });
    if (origin_ok && method_ok && headers_ok) {
      return rule;
    }
  }
  return std::nullopt;
}

void AddAllowHeaders(const Json& rule, std::string_view origin, http::Headers& headers) {
  const std::vector<std::string> origins = Strings(rule, "AllowedOrigins");
  const bool any_origin = std::find(origins.begin(), origins.end(), "*") != origins.end();
  headers.Set("Access-Control-Allow-Origin", any_origin ? "*" : std::string(origin));
  headers.Set("Access-Control-Allow-Methods", Joined(Strings(rule, "AllowedMethods")));
  if (!any_origin) {
    headers.Set("Access-Control-Allow-Credentials", "true");
  }
  if (std::vector<std::string> exposed = Strings(rule, "ExposeHeaders"); !exposed.empty()) {
    headers.Set("Access-Control-Expose-Headers", Joined(exposed));
  }
  if (auto max_age = rule.find("MaxAgeSeconds");
      max_age != rule.end() && max_age->is_number_integer()) {
    headers.Set("Access-Control-Max-Age", std::to_string(max_age->get<int64_t>()));
  }
  headers.Set("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
}

std::optional<Json> Configuration(S3Service& service, const std::string& bucket) {
  if (bucket.empty()) {
    return std::nullopt;
  }
  Result<std::string> stored = service.engine().GetBucketConfig(bucket, "cors", "");
  if (!stored.ok()) {
    return std::nullopt;
  }
  Result<Json> parsed = ParseJson(*stored);
  return parsed.ok() ? std::optional<Json>(std::move(parsed).value()) : std::nullopt;
}

http::Response CorsError(int status, std::string_view code, std::string_view message) {
  http::Response response;
  response.status = status;
  response.headers.Set("Content-Type", "application/xml");
  response.body = Format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code><Message>{}</Message>"
      "</Error>",
      code, message);
  return response;
}

}  // namespace

aws::HttpHooks CorsHooks(S3Service& service) {
  aws::HttpHooks hooks;
  hooks.unrouted = [&service](const http::Request& request, const aws::RequestContext& context,
                              const http::Responder& respond) {
    if (request.method != "OPTIONS") {
      return false;
    }
    auto origin = request.headers.Get("origin");
    auto method = request.headers.Get("access-control-request-method");
    if (!origin.has_value() || !method.has_value()) {
      respond(
          CorsError(400, "BadRequest", "Insufficient information. Origin request header needed."));
      return true;
    }
    std::optional<Json> configuration = Configuration(service, BucketOf(request.path));
    if (!configuration.has_value()) {
      respond(
          CorsError(403, "AccessForbidden", "CORSResponse: CORS is not enabled for this bucket."));
      return true;
    }
    const std::vector<std::string> headers =
        SplitHeaderNames(request.headers.Get("access-control-request-headers").value_or(""));
    std::optional<Json> rule = MatchingRule(*configuration, *origin, *method, headers);
    if (!rule.has_value()) {
      respond(CorsError(403, "AccessForbidden",
                        "CORSResponse: This CORS request is not allowed. This is usually because "
                        "the evalution of Origin, request method / Access-Control-Request-Method "
                        "or Access-Control-Request-Headers are not whitelisted by the resource's "
                        "CORS spec."));
      return true;
    }
    http::Response response;
    AddAllowHeaders(*rule, *origin, response.headers);
    if (auto requested = request.headers.Get("access-control-request-headers")) {
      response.headers.Set("Access-Control-Allow-Headers", std::string(*requested));
    }
    response.headers.Set("x-amz-request-id", context.request_id);
    respond(std::move(response));
    return true;
  };
  hooks.decorate = [&service](const http::Request& request, const aws::RequestContext& /*context*/,
                              http::Response& response) {
    auto origin = request.headers.Get("origin");
    if (!origin.has_value()) {
      return;
    }
    std::optional<Json> configuration = Configuration(service, BucketOf(request.path));
    if (!configuration.has_value()) {
      return;
    }
    std::optional<Json> rule = MatchingRule(*configuration, *origin, request.method, {});
    if (rule.has_value()) {
      AddAllowHeaders(*rule, *origin, response.headers);
    }
  };
  return hooks;
}

}  // namespace stratus::s3::api
