#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::lambda {

/// Called once with the outcome of a write, after its group commit, on the
/// database's writer thread; must not block.
template <typename T>
using Done = std::function<void(Result<T>)>;

/// A function's code, as the code store keeps it.
struct CodeInfo {
  std::string id = {};      // Hex SHA-256 of the zip: names its files under the data dir.
  std::string sha256 = {};  // Base64 SHA-256 of the zip (AWS's CodeSha256).
  int64_t size = 0;         // Bytes of the zip.
};

/// One layer a function uses (CreateFunction's Layers), as the function keeps
/// it: the layer version's content stays the function's even after the layer
/// version is deleted (AWS keeps it while functions use it).
struct FunctionLayer {
  std::string arn = {};  // arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION.
  CodeInfo code = {};
};

/// A published layer version (PublishLayerVersion), immutable but for its policy.
struct LayerVersion {
  std::string name = {};
  int64_t version = 0;  // 1, 2, ... per layer name; a number is never reused.
  std::string description = {};
  std::string license_info = {};
  std::vector<std::string> compatible_runtimes = {};
  std::vector<std::string> compatible_architectures = {};
  CodeInfo code = {};
  int64_t created_millis = 0;
  std::string policy_revision_id = {};  // Changes with every permission added or removed.
};

/// The version a configuration is: $LATEST (mutable) or a published one.
inline constexpr std::string_view kLatestVersion = "$LATEST";

/// One function's configuration: $LATEST, or a published version (an
/// immutable snapshot of $LATEST's code and configuration), stored in lambda.db.
struct FunctionConfig {
  std::string name = {};
  std::string runtime = {};  // "python3.12", "nodejs20.x", "provided.al2023".
  std::string handler = {};  // "app.handler"; unused by provided runtimes.
  std::string role = {};
  std::string description = {};
  int timeout_seconds = 3;  // AWS's default.
  int memory_mb = 128;      // AWS's default.
  int ephemeral_storage_mb = 512;
  std::map<std::string, std::string> environment = {};
  CodeInfo code = {};
  int64_t last_modified_millis = 0;
  std::string revision_id = {};  // Changes with every update.
  std::string architecture = "x86_64";
  std::map<std::string, std::string> tags = {};
  /// Async invocation settings (PutFunctionEventInvokeConfig); unset: AWS's defaults.
  std::optional<int> maximum_retry_attempts = std::nullopt;
  std::optional<int> maximum_event_age_seconds = std::nullopt;
  std::string on_success_destination = {};  // An SQS queue ARN, or "".
  std::string on_failure_destination = {};
  /// PutFunctionConcurrency: invocations of the function (all its versions
  /// and aliases) running at once; unset: no reservation. Kept in $LATEST's
  /// record only.
  std::optional<int> reserved_concurrency = std::nullopt;
  /// The layers overlaid under /opt, in order (later ones win); not in the
  /// function record: lambda.db's function_layers table holds them.
  std::vector<FunctionLayer> layers = {};
  /// "$LATEST" or the version's number ("1", "2", ...); not in the function
  /// record: the row it is read from says which it is.
  std::string version = std::string(kLatestVersion);
};

/// An alias: a name for one version of a function, optionally routing a
/// share of invocations to a second version.
struct FunctionAlias {
  std::string function = {};
  std::string name = {};
  std::string function_version = {};  // "$LATEST" or a version number.
  std::string description = {};
  /// RoutingConfig.AdditionalVersionWeights: version → share (0 to 1).
  std::map<std::string, double> additional_version_weights = {};
  std::string revision_id = {};  // Changes with every update.
  /// The alias's own async invocation settings (PutFunctionEventInvokeConfig
  /// with the alias as qualifier); unset: AWS's defaults.
  std::optional<int> maximum_retry_attempts = std::nullopt;
  std::optional<int> maximum_event_age_seconds = std::nullopt;
  std::string on_success_destination = {};
  std::string on_failure_destination = {};
};

/// An event source mapping: a queue whose messages the function consumes.
struct EventSourceMapping {
  std::string uuid = {};
  std::string function = {};
  std::string event_source_arn = {};  // arn:aws:sqs:REGION:ACCOUNT:NAME.
  int batch_size = 10;
  int batching_window_seconds = 0;
  bool enabled = true;
  bool report_batch_item_failures = false;
  int64_t last_modified_millis = 0;
};

/// An Event invocation waiting in lambda.db to run.
struct QueuedInvocation {
  int64_t id = 0;
  std::string function = {};
  std::string request_id = {};
  std::string payload = {};
  int attempts = 0;  // Runs that failed so far.
  int64_t enqueued_millis = 0;
  int64_t next_attempt_millis = 0;
};

}  // namespace stratus::lambda
