#include "aws/arn.h"

#include <array>
#include <cctype>

#include "base/format.h"

namespace stratus::aws {
namespace {

constexpr std::string_view kDefaultPartition = "aws";
constexpr size_t kAccountIdLength = 12;

struct PartitionRule {
  std::string_view partition;
  /// The region's leading labels, with their trailing '-'.
  std::string_view region_prefix;
};

// botocore partitions.json, other than "aws": each regionRegex is the
// prefix followed by \w+-\d+.
constexpr std::array<PartitionRule, 7> kRules = {{
    {"aws-cn", "cn-"},
    {"aws-us-gov", "us-gov-"},
    {"aws-iso", "us-iso-"},
    {"aws-iso-b", "us-isob-"},
    {"aws-iso-e", "eu-isoe-"},
    {"aws-iso-f", "us-isof-"},
    {"aws-eusc", "eusc-de-"},
}};

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool IsDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// True for "\w+-\d+": "north-1", "east-2".
bool IsAreaAndNumber(std::string_view text) {
  const size_t dash = text.find('-');
  if (dash == 0 || dash == std::string_view::npos) {
    return false;
  }
  for (char c : text.substr(0, dash)) {
    if (!IsWordChar(c)) {
      return false;
    }
  }
  return IsDigits(text.substr(dash + 1));
}

}  // namespace

std::string_view PartitionOf(std::string_view region) {
  for (const PartitionRule& rule : kRules) {
    if (region.starts_with(rule.region_prefix) &&
        IsAreaAndNumber(region.substr(rule.region_prefix.size()))) {
      return rule.partition;
    }
  }
  return kDefaultPartition;
}

bool IsKnownPartition(std::string_view partition) {
  if (partition == kDefaultPartition) {
    return true;
  }
  for (const PartitionRule& rule : kRules) {
    if (rule.partition == partition) {
      return true;
    }
  }
  return false;
}

std::string Arn::ToString() const {
  return Format("arn:{}:{}:{}:{}:{}", partition, service, region, account_id, resource);
}

std::string MakeArn(std::string_view service,
                    std::string_view region,
                    std::string_view account_id,
                    std::string_view resource) {
  return Format("arn:{}:{}:{}:{}:{}", PartitionOf(region), service, region, account_id, resource);
}

std::string MakeGlobalArn(std::string_view service,
                          std::string_view home_region,
                          std::string_view account_id,
                          std::string_view resource) {
  return Format("arn:{}:{}::{}:{}", PartitionOf(home_region), service, account_id, resource);
}

std::optional<Arn> ParseArn(std::string_view text) {
  constexpr size_t kNumHeadParts = 5;  // arn, partition, service, region, account.
  std::array<std::string_view, kNumHeadParts> head;
  std::string_view rest = text;
  for (std::string_view& part : head) {
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    part = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  if (head[0] != "arn" || !IsKnownPartition(head[1]) || head[2].empty() || rest.empty()) {
    return std::nullopt;
  }
  return Arn{.partition = std::string(head[1]),
             .service = std::string(head[2]),
             .region = std::string(head[3]),
             .account_id = std::string(head[4]),
             .resource = std::string(rest)};
}

bool IsAccountId(std::string_view text) {
  return text.size() == kAccountIdLength && IsDigits(text);
}

}  // namespace stratus::aws
