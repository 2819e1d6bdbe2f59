#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "cloudformation/providers/physical_name.h"

namespace stratus::aws {
class OperationTable;
}  // namespace stratus::aws

namespace stratus::cloudformation {

/// Who a resource belongs to: enough to build the in-process request context
/// of the calls a provider makes, and the names AWS derives from the stack.
struct StackIdentity {
  std::string stack_name = {};
  std::string stack_id = {};  // arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID
  std::string account_id = "000000000000";
  std::string region = "us-east-1";
  std::string host = "localhost:4566";  // For URLs the services build (queue URLs).
};

/// One resource operation as the stack engine asks it of a provider. The
/// properties are resolved: no intrinsic functions left, AWS::NoValue removed.
struct ResourceRequest {
  StackIdentity stack = {};
  std::string logical_id = {};
  std::string type = {};  // "AWS::SQS::Queue"
  Json properties = Json::object();
  /// Update and Delete: the physical id Create returned; for updates, the
  /// properties the resource has now.
  std::string physical_id = {};
  Json previous_properties = Json::object();
  /// Create, and recovery after a crash: the name the stack engine chose
  /// (and wrote to disk) for a resource whose template gives none, when the
  /// type has generated names (GeneratedNameRules). The provider creates the
  /// resource under this name instead of generating one.
  std::string generated_name = {};
  /// Delete: the resource's DeletionPolicy, "Delete" or "Snapshot" (the
  /// stack engine itself keeps a "Retain" resource). A type that can take a
  /// snapshot takes one before it goes; others delete.
  std::string deletion_policy = "Delete";
};

/// What a created or updated resource is: `Ref` returns `physical_id` (or
/// `ref` when the type's Ref is not its physical id); `Fn::GetAtt` looks up
/// `attributes` (name → string, number, or list of strings, as AWS documents
/// for the type).
struct ResourceOutcome {
  std::string physical_id = {};
  std::string ref = {};  // Empty: Ref is physical_id.
  std::map<std::string, Json> attributes = {};
};

/// How a provider takes a change of properties.
enum class UpdateKind : uint8_t {
  kNoInterruption,  // Update in place.
  kReplacement,     // Create a new resource, then delete the old one after the update completes.
};

/// Creates, updates and deletes resources of one or more types by calling
/// the services through the operation table (never around it). A provider may
/// block (waiting for an RDS instance to become available): the stack engine
/// runs resources on its own worker threads, several at once when they do
/// not depend on each other. A failure's Status message is what the stack
/// events show as ResourceStatusReason.
///
/// Thread safety: every method may be called from several threads at once.
class ResourceProvider {
 public:
  virtual ~ResourceProvider() = default;

  /// The resource types this provider handles: {"AWS::SQS::Queue"}.
  virtual std::vector<std::string> types() const = 0;

  /// How the name CloudFormation generates for this resource must look
  /// (STACK-LOGICALID-RANDOM), or nullopt when the template names the
  /// resource or the type has no generated names. The stack engine asks it
  /// before Create and passes the name it chose in `generated_name`.
  virtual std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& /*request*/) const {
    return std::nullopt;
  }

  /// Creates the resource; on failure, leaves nothing behind.
  virtual Result<ResourceOutcome> Create(const ResourceRequest& request) = 0;

  /// Recovery after a crash during Create: deletes whatever a Create of
  /// `request` (properties and `generated_name` as given to Create) may have
  /// made, found by its generated name; nothing there is success. The
  /// default deletes the physical id `generated_name` (types whose physical
  /// id is their name).
  virtual Status DeleteGenerated(const ResourceRequest& request);

  /// Which kind of update changing `request.previous_properties` to
  /// `request.properties` needs (AWS documents it per property).
  virtual UpdateKind KindOfUpdate(const ResourceRequest& request) const = 0;

  /// Updates in place (only asked when KindOfUpdate is kNoInterruption).
  virtual Result<ResourceOutcome> Update(const ResourceRequest& request) = 0;

  /// Deletes the resource; a resource already gone is success.
  virtual Status Delete(const ResourceRequest& request) = 0;
};

/// The resource types stratus can deploy, type → provider.
///
/// Thread safety: filled once, then read-only.
class ProviderRegistry {
 public:
  /// Adds every type of `provider`. REQUIRES: none of them registered yet.
  void Add(std::shared_ptr<ResourceProvider> provider);

  /// Returns the provider of `type`, or nullptr (the deploy then fails with
  /// "Unsupported resource type").
  ResourceProvider* Find(std::string_view type) const;

  /// Returns every supported type, sorted.
  std::vector<std::string> Types() const;

 private:
  std::map<std::string, std::shared_ptr<ResourceProvider>, std::less<>> providers_;
};

/// Returns the registry of every built-in provider, calling the services
/// through `table`. REQUIRES: `table` outlives the registry.
std::unique_ptr<ProviderRegistry> MakeBuiltInProviders(const aws::OperationTable& table);

}  // namespace stratus::cloudformation
