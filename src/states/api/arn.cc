#include "states/api/arn.h"

#include <optional>
#include <vector>

#include "aws/arn.h"
#include "base/format.h"
#include "states/api/errors.h"

namespace stratus::states::api {
namespace {

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

bool IsDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

Status Invalid(std::string_view arn) {
  return StatesApiError::InvalidArn(arn);
}

// Fills the resource part (after the account) of `parsed`.
Status ParseResource(std::string_view arn,
                     const std::vector<std::string_view>& parts,
                     StatesArn* parsed) {
  const std::string_view type = parts[5];
  const size_t num_rest = parts.size() - 6;
  auto rest = [&parts](size_t i) {
    return std::string(parts[6 + i]);
  };
  if (type == "stateMachine") {
    if (num_rest == 1) {
      parsed->kind = ArnKind::kStateMachine;
    } else if (num_rest == 2) {
      parsed->qualifier = rest(1);
      parsed->kind =
          IsDigits(parsed->qualifier) ? ArnKind::kStateMachineVersion : ArnKind::kStateMachineAlias;
    } else {
      return Invalid(arn);
    }
    parsed->machine_name = rest(0);
  } else if (type == "execution" && num_rest == 2) {
    parsed->kind = ArnKind::kExecution;
    parsed->machine_name = rest(0);
    parsed->execution_name = rest(1);
  } else if (type == "express" && num_rest == 3) {
    parsed->kind = ArnKind::kExpressExecution;
    parsed->machine_name = rest(0);
    parsed->execution_name = rest(1);
    parsed->id = rest(2);
  } else if (type == "mapRun" && num_rest == 2) {
    const size_t slash = parts[6].find('/');
    if (slash == std::string_view::npos) {
      return Invalid(arn);
    }
    parsed->kind = ArnKind::kMapRun;
    parsed->machine_name = std::string(parts[6].substr(0, slash));
    parsed->execution_name = std::string(parts[6].substr(slash + 1));
    parsed->id = rest(1);
  } else if (type == "activity" && num_rest == 1) {
    parsed->kind = ArnKind::kActivity;
    parsed->machine_name = rest(0);
  } else {
    return Invalid(arn);
  }
  if (parsed->machine_name.empty()) {
    return Invalid(arn);
  }
  return Status::Ok();
}

}  // namespace

std::string StatesArn::StateMachineArn() const {
  return Format("arn:{}:states:{}:{}:stateMachine:{}", partition, region, account_id, machine_name);
}

Result<StatesArn> ParseStatesArn(std::string_view arn) {
  if (!arn.starts_with("arn:")) {
    return StatesApiError::InvalidArn(Format("Invalid ARN prefix: {}", arn));
  }
  // AWS: ARNs of every partition are accepted (arn:aws-cn:states:cn-north-1:...).
  // Pinned by test/wire/test_arn_partitions.py::test_step_functions_arns_use_the_regions_partition.
  std::optional<aws::Arn> parsed_arn = aws::ParseArn(arn);
  const std::vector<std::string_view> parts = Split(arn, ':');
  if (!parsed_arn.has_value() || parsed_arn->service != "states" || parts.size() < 7) {
    return Invalid(arn);
  }
  StatesArn parsed;
  parsed.partition = std::move(parsed_arn->partition);
  parsed.region = std::move(parsed_arn->region);
  parsed.account_id = std::move(parsed_arn->account_id);
  STRATUS_RETURN_IF_ERROR(ParseResource(arn, parts, &parsed));
  return parsed;
}

Result<StatesArn> ParseExecutionArn(std::string_view arn) {
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(arn));
  if (parsed.kind == ArnKind::kExecution) {
    return parsed;
  }
  const std::vector<std::string_view> parts = Split(arn, ':');
  return StatesApiError::InvalidArn(
      Format("Resource type not valid in this context: {}", parts.size() > 5 ? parts[5] : arn));
}

Result<StatesArn> ParseActivityArn(std::string_view arn) {
  STRATUS_ASSIGN_OR_RETURN(StatesArn parsed, ParseStatesArn(arn));
  if (parsed.kind == ArnKind::kActivity) {
    return parsed;
  }
  const std::vector<std::string_view> parts = Split(arn, ':');
  return StatesApiError::InvalidArn(
      Format("Resource type not valid in this context: {}", parts.size() > 5 ? parts[5] : arn));
}

bool IsActivityArn(std::string_view arn) {
  Result<StatesArn> parsed = ParseStatesArn(arn);
  return parsed.ok() && parsed->kind == ArnKind::kActivity;
}

std::string MakeActivityArn(std::string_view region,
                            std::string_view account_id,
                            std::string_view name) {
  return aws::MakeArn("states", region, account_id, Format("activity:{}", name));
}

std::string MakeStateMachineArn(std::string_view region,
                                std::string_view account_id,
                                std::string_view name) {
  return aws::MakeArn("states", region, account_id, Format("stateMachine:{}", name));
}

std::string MakeExecutionArn(const StatesArn& machine,
                             std::string_view name,
                             std::string_view express_id) {
  if (!express_id.empty()) {
    return Format("arn:{}:states:{}:{}:express:{}:{}:{}", machine.partition, machine.region,
                  machine.account_id, machine.machine_name, name, express_id);
  }
  return Format("arn:{}:states:{}:{}:execution:{}:{}", machine.partition, machine.region,
                machine.account_id, machine.machine_name, name);
}

std::string MakeMapRunArn(const StatesArn& execution, std::string_view id) {
  return Format("arn:{}:states:{}:{}:mapRun:{}/{}:{}", execution.partition, execution.region,
                execution.account_id, execution.machine_name, execution.execution_name, id);
}

bool IsValidRoleArn(std::string_view arn) {
  std::optional<aws::Arn> parsed = aws::ParseArn(arn);
  return parsed.has_value() && parsed->service == "iam" && parsed->region.empty() &&
         aws::IsAccountId(parsed->account_id) && parsed->resource.starts_with("role/") &&
         parsed->resource.size() > std::string_view("role/").size() &&
         parsed->resource.find(':') == std::string::npos;
}

}  // namespace stratus::states::api
