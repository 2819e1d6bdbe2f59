#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

#include "aws/model/embedded_models.h"
#include "aws/model/service_model.h"

namespace stratus::aws {

/// The service models the server knows, looked up by the names requests
/// carry: our service name, the SigV4 signing name, the X-Amz-Target prefix
/// or the endpoint prefix (the first label of a virtual host).
///
/// Models are parsed lazily: the index (names, prefixes) is compiled in, and a
/// model's JSON is parsed the first time it is asked for, so start-up costs
/// nothing. Returned pointers stay valid for the registry's lifetime.
///
/// Thread safety: every method is safe to call concurrently; the first
/// look-up of a model parses it once (std::call_once per model), later ones
/// only read.
class ModelRegistry {
 public:
  /// A registry of the models compiled into the binary (EmbeddedModels()).
  ModelRegistry();
  /// A registry of `models`; they must outlive the registry.
  explicit ModelRegistry(std::span<const EmbeddedModel> models);
  ModelRegistry(const ModelRegistry&) = delete;
  ModelRegistry& operator=(const ModelRegistry&) = delete;
  ~ModelRegistry();

  /// Returns the model named `name` ("sqs", "states", "monitoring"), or nullptr.
  const ServiceModel* Find(std::string_view name) const;
  /// Returns the model for a SigV4 credential-scope service ("sqs", "states").
  /// When several share a signing name (dynamodb and streams.dynamodb), the
  /// one whose name equals it wins.
  const ServiceModel* FindBySigningName(std::string_view signing_name) const;
  /// Returns the model whose targetPrefix is `prefix`: the part of an
  /// X-Amz-Target header before its last '.' ("AmazonSQS", "DynamoDB_20120810").
  const ServiceModel* FindByTargetPrefix(std::string_view prefix) const;
  /// Returns the model whose endpointPrefix is `prefix` ("sqs", "streams.dynamodb").
  const ServiceModel* FindByEndpointPrefix(std::string_view prefix) const;

  /// Returns the index entries, without parsing anything.
  std::span<const EmbeddedModel> entries() const { return models_; }

 private:
  struct Slot;
  const ServiceModel* Load(size_t index) const;

  std::span<const EmbeddedModel> models_;
  std::vector<std::unique_ptr<Slot>> slots_;  // One per model; each parses once.
};

}  // namespace stratus::aws
