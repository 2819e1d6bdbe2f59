#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus {
class IdGenerator;
}  // namespace stratus

namespace stratus::cloudformation {

class ResourceProvider;
struct ResourceRequest;

/// How a generated physical name must look for its resource type.
struct PhysicalNameRules {
  size_t max_length = 255;
  bool lowercase = false;  // S3 buckets, RDS identifiers.
  /// Characters the type accepts besides letters and digits; every other
  /// character of the stack name or logical id becomes '-'.
  std::string_view extra_characters = "-_";
  /// Appended after the random part ("" or ".fifo"), counted in max_length.
  std::string_view suffix = {};
};

/// Returns the name AWS CloudFormation gives a resource whose template names
/// none: STACKNAME-LOGICALID-RANDOM, RANDOM being 13 uppercase letters and
/// digits. When too long, the stack name and logical id are trimmed (the
/// longer one first) so the random part always survives; with
/// `rules.lowercase` the whole name is lowercase.
// AWS: "the stack name, the logical ID, and a random string... MyStack-MyQueue-1NHQ57L2BYN0D".
std::string GeneratePhysicalName(std::string_view stack_name,
                                 std::string_view logical_id,
                                 const PhysicalNameRules& rules,
                                 IdGenerator& ids);

/// Returns 13 random uppercase letters and digits (the unique part of a
/// generated physical name).
std::string RandomNameSuffix(IdGenerator& ids);

/// Returns the name the stack engine gives `request`'s resource before
/// Create (persisted with the resource's intent): GeneratePhysicalName with
/// the provider's GeneratedNameRules, or "" when the template names the
/// resource or the type has no generated names.
std::string ChooseGeneratedName(const ResourceProvider& provider,
                                const ResourceRequest& request,
                                IdGenerator& ids);

/// Returns `request.generated_name`, or an error when the stack engine gave
/// none (a provider's Create of an unnamed resource needs it).
Result<std::string> RequireGeneratedName(const ResourceRequest& request);

}  // namespace stratus::cloudformation
