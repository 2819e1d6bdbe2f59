#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stratus::aws {

// Amazon Resource Names and the partitions they live in. Every service builds
// and reads ARNs here, so that a resource in cn-north-1 is
// "arn:aws-cn:sqs:cn-north-1:...", one in us-gov-west-1 "arn:aws-us-gov:...",
// and so on, without each service knowing the partition table.
//
// AWS: the partitions and their region patterns are botocore's
// data/partitions.json ("regionRegex"): aws ^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$,
// aws-cn ^cn-\w+-\d+$, aws-us-gov ^us-gov-\w+-\d+$, aws-iso ^us-iso-\w+-\d+$,
// aws-iso-b ^us-isob-\w+-\d+$, aws-iso-e ^eu-isoe-\w+-\d+$, aws-iso-f
// ^us-isof-\w+-\d+$, aws-eusc ^eusc-(de)-\w+-\d+$. A region that matches none
// (a made-up local region) is in "aws", as the SDKs resolve it.
// Pinned by test/wire/test_arn_partitions.py.

/// Returns the partition of `region`: "aws-cn" for cn-north-1, "aws-us-gov"
/// for us-gov-west-1, "aws-iso" for us-iso-east-1, "aws-iso-b" for
/// us-isob-east-1, ..., and "aws" otherwise.
std::string_view PartitionOf(std::string_view region);

/// Returns true for a partition AWS has ("aws", "aws-cn", "aws-us-gov",
/// "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc").
bool IsKnownPartition(std::string_view partition);

/// The parts of "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE".
struct Arn {
  std::string partition = "aws";
  std::string service = {};
  /// Empty for global services (IAM).
  std::string region = {};
  /// Empty for resources no account owns ("arn:aws:states:::lambda:invoke").
  std::string account_id = {};
  /// Everything after the fifth colon, colons included: "stateMachine:m:1",
  /// "role/service-role/x", "queue-name".
  std::string resource = {};

  /// Returns the ARN's text.
  std::string ToString() const;
};

/// Returns the ARN of `resource` of a regional service, in the partition of
/// `region`: MakeArn("sqs", "cn-north-1", "123456789012", "q") is
/// "arn:aws-cn:sqs:cn-north-1:123456789012:q".
std::string MakeArn(std::string_view service,
                    std::string_view region,
                    std::string_view account_id,
                    std::string_view resource);

/// Returns the ARN of `resource` of a global service (no region part), in
/// the partition of `home_region`: MakeGlobalArn("iam", "us-gov-west-1",
/// "123456789012", "root") is "arn:aws-us-gov:iam::123456789012:root".
std::string MakeGlobalArn(std::string_view service,
                          std::string_view home_region,
                          std::string_view account_id,
                          std::string_view resource);

/// Parses an ARN of any known partition; nullopt when `text` is not one:
/// not "arn:" and five more colon-separated parts, an unknown partition, or
/// an empty service or resource. Region and account may be empty.
std::optional<Arn> ParseArn(std::string_view text);

/// Returns true for a 12-digit AWS account id.
bool IsAccountId(std::string_view text);

}  // namespace stratus::aws
