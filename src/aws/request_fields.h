#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::aws {

/// Reads members of an operation's input (the JSON value the protocol codecs
/// produce) with type checks. Every service words its complaints its own way
/// (SQS: MissingParameter / InvalidParameterValue; Step Functions:
/// ValidationException), so the readers take a FieldErrors that builds them;
/// each service keeps one constant FieldErrors and thin wrappers over these.
///
/// "Absent" means not in the object or JSON null; a non-object input has no
/// members at all.

/// The JSON type a member was expected to have.
enum class FieldType { kString, kBoolean, kInteger, kNumber, kObject, kArray, kStringList };

/// Names a member type as JSON services word it in "expected ..." messages:
/// "a string", "an integer", "a structure", "a list".
std::string_view DescribeFieldType(FieldType type);

/// How one service words a missing or mistyped member.
struct FieldErrors {
  Status (*missing)(std::string_view member) = nullptr;
  Status (*wrong_type)(std::string_view member, FieldType expected) = nullptr;
};

/// Returns the member, or nullptr when it is absent.
const Json* PresentMember(const Json& input, std::string_view member);

/// Returns the string member; errors.missing when absent, errors.wrong_type otherwise.
Result<std::string> RequiredString(const Json& input,
                                   std::string_view member,
                                   const FieldErrors& errors);

/// Returns the string member, or nullopt when absent.
Result<std::optional<std::string>> OptionalString(const Json& input,
                                                  std::string_view member,
                                                  const FieldErrors& errors);

/// Returns the boolean member, or nullopt when absent.
Result<std::optional<bool>> OptionalBool(const Json& input,
                                         std::string_view member,
                                         const FieldErrors& errors);

/// Returns the integer member, or nullopt when absent.
Result<std::optional<int64_t>> OptionalInteger(const Json& input,
                                               std::string_view member,
                                               const FieldErrors& errors);

/// Returns the number member (integer or not), or nullopt when absent.
Result<std::optional<double>> OptionalNumber(const Json& input,
                                             std::string_view member,
                                             const FieldErrors& errors);

/// Returns the object member ({} when absent).
Result<Json> OptionalObject(const Json& input, std::string_view member, const FieldErrors& errors);

/// Returns the array member ([] when absent).
Result<Json> OptionalArray(const Json& input, std::string_view member, const FieldErrors& errors);

/// Returns the list-of-strings member (empty when absent).
Result<std::vector<std::string>> StringList(const Json& input,
                                            std::string_view member,
                                            const FieldErrors& errors);

}  // namespace stratus::aws
