#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

struct Template;

/// What intrinsic functions resolve against. Resource lookups are callbacks
/// so that the stack engine answers them from its live resources.
struct EvaluationContext {
  /// Parameter values: strings, or lists of strings for list types.
  std::map<std::string, Json> parameters = {};
  /// Pseudo parameters by name ("AWS::Region" → "us-east-1").
  std::map<std::string, Json> pseudo = {};
  const Json* mappings = nullptr;
  /// Evaluated conditions.
  std::map<std::string, bool> conditions = {};
  /// Ref of a resource; may fail (not created yet).
  std::function<Result<Json>(const std::string& logical_id)> ref_resource = nullptr;
  /// Fn::GetAtt of a resource.
  std::function<Result<Json>(const std::string& logical_id, const std::string& attribute)> get_att =
      nullptr;
  /// Fn::ImportValue: another stack's export.
  std::function<Result<Json>(const std::string& export_name)> import_value = nullptr;
};

/// Returns the pseudo parameters of a stack: AWS::Region, AWS::AccountId,
/// AWS::StackName, AWS::StackId, AWS::Partition, AWS::URLSuffix,
/// AWS::NotificationARNs.
std::map<std::string, Json> PseudoParameters(const std::string& region,
                                             const std::string& account_id,
                                             const std::string& stack_name,
                                             const std::string& stack_id);

/// Resolves every intrinsic function in `value`; AWS::NoValue removes the
/// member or list element it stands for (a NoValue at the top is null).
/// Errors are InvalidArgument in AWS's "Template error: ..." wording.
Result<Json> Evaluate(const Json& value, const EvaluationContext& context);

/// Evaluates the template's Conditions section (conditions may refer to
/// each other) into `context.conditions`.
Status EvaluateConditions(const Template& parsed, EvaluationContext& context);

/// Checks the Rules section's assertions against the parameters; a failed
/// assertion returns its AssertDescription.
Status CheckRules(const Template& parsed, const EvaluationContext& context);

}  // namespace stratus::cloudformation
