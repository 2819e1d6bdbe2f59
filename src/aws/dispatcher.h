#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/operation_table.h"
#include "aws/sigv4.h"
#include "http/message.h"

namespace stratus {
class Clock;
class IdGenerator;
}  // namespace stratus

namespace stratus::aws {

class ModelRegistry;
class ServiceModel;
struct OperationModel;

/// A signing key the configured credentials do not hold, as a
/// CredentialLookup finds it: an access key IAM made, or STS's temporary
/// credentials.
struct LookedUpCredential {
  std::string secret_access_key = {};
  /// Temporary credentials' token, which a request must carry as
  /// X-Amz-Security-Token; empty for long-term keys.
  std::string session_token = {};
  /// When temporary credentials stop verifying (ExpiredToken); nullopt for
  /// long-term keys.
  std::optional<int64_t> expires_millis = std::nullopt;
  /// False for a deactivated key, which verifies as an unknown one.
  bool active = true;
};

/// Finds a key made at run time; nullopt for a key it does not know.
/// Called on I/O threads for keys the configured credentials lack.
using CredentialLookup =
    std::function<std::optional<LookedUpCredential>(std::string_view access_key_id)>;

struct DispatcherOptions {
  std::string account_id = "000000000000";
  std::string default_region = "us-east-1";
  /// When set, every request must carry a valid SigV4 signature by one of these keys.
  std::optional<CredentialStore> credentials = std::nullopt;
  /// With `credentials`: where keys not among them are looked up (IAM's
  /// access keys, STS's temporary credentials). Empty: only `credentials`.
  CredentialLookup credential_lookup = nullptr;
  /// Host names under which the first labels name an S3 bucket
  /// (virtual-hosted-style addressing): "BUCKET.localhost",
  /// "BUCKET.s3.localhost", "BUCKET.s3.us-east-1.localhost".
  std::vector<std::string> s3_host_suffixes = {"localhost"};
};

/// Where a request goes: the service's model and operation, or why not.
struct Route {
  const ServiceModel* service = nullptr;
  const OperationModel* operation = nullptr;
  std::string operation_name = {};  // As the client named it, even if unknown.
};

/// Returns the bucket a virtual-hosted-style S3 request names in its Host
/// ("lake" of "lake.s3.localhost:4566" under the suffix "localhost"), or ""
/// for path-style and non-S3 hosts. A label that is another service's
/// endpoint prefix ("sqs.localhost") names that service, unless the request
/// is signed for S3.
std::string VirtualHostBucket(std::string_view host,
                              const std::vector<std::string>& suffixes,
                              const ModelRegistry& models,
                              const std::optional<SigV4Signature>& signature);

/// The front door's brain: turns an HTTP request into an operation call and
/// the reply into an HTTP response. Routes by X-Amz-Target, then the SigV4
/// credential scope, then the Host header, then a query-protocol Action;
/// checks signatures when credentials are configured; parses and serializes
/// with the service's protocol codec; calls the operation table.
///
/// Thread safety: Handle() is safe from any thread; the referenced registry,
/// table, ids and clock must outlive the dispatcher.
class Dispatcher {
 public:
  Dispatcher(DispatcherOptions options,
             const ModelRegistry& models,
             const OperationTable& operations,
             IdGenerator& ids,
             const Clock& clock);

  /// Handles one request; responds exactly once, possibly later (long polls).
  void Handle(http::Request request, http::Responder respond) const;

  /// Chooses where a request's body goes once its head has arrived: the
  /// payload sink of a streaming operation (S3 PutObject, UploadPart), or
  /// nullptr to keep it in memory. Runs on an I/O thread (see
  /// http::BodySinkFactory).
  std::shared_ptr<http::BodySink> OpenBodySink(const http::Request& head) const;

  /// Finds the service and operation a request addresses (exposed for
  /// tests). A virtual-hosted S3 request's path is resolved with its bucket
  /// in front.
  Route Resolve(const http::Request& request, const std::optional<SigV4Signature>& signature) const;

 private:
  // Returns the request's path with the bucket of a virtual host in front
  // (S3 operations are modelled on path-style URIs), or "" when unchanged.
  std::string RoutedPath(const http::Request& request,
                         const std::optional<SigV4Signature>& signature) const;
  // Returns the credentials that verify a SigV4 signature by `access_key_id`:
  // the configured ones when they hold the key (or nothing else is looked
  // up), else `*scratch` filled with the looked-up key once its session
  // token and expiry check out (InvalidClientTokenId, ExpiredToken).
  // REQUIRES: options_.credentials is set.
  Result<const CredentialStore*> CredentialsFor(const http::Request& request,
                                                std::string_view access_key_id,
                                                bool s3,
                                                CredentialStore* scratch) const;
  // Returns the context of a request, before routing.
  RequestContext BaseContext(const http::Request& request) const;

  DispatcherOptions options_;
  const ModelRegistry& models_;
  const OperationTable& operations_;
  IdGenerator& ids_;
  const Clock& clock_;
};

}  // namespace stratus::aws
