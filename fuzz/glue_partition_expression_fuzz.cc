// Fuzzes glue::PartitionFilter, the parser of GetPartitions' Expression (user
// input). The input is:
//
//   line 1     partition values for the keys year (int), dt (date), region
//              (string) and amount (decimal(10,2)), separated by ','; missing
//              ones are ""
//   the rest   the expression
//
// Properties: nothing crashes or hangs (deep nesting and long chains are
// refused, not recursed into); a parse error is InvalidInputException; a
// parsed filter prints (ToString) to an expression that parses again to a
// filter printing the same text and keeping the same partitions.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/check.h"
#include "fuzz_input.h"
#include "glue/partition_expression.h"

namespace stratus::glue {
namespace {

const std::vector<Column>& Keys() {
  static const std::vector<Column> kKeys = {Column{.name = "year", .type = "int"},
                                            Column{.name = "dt", .type = "date"},
                                            Column{.name = "region", .type = "string"},
                                            Column{.name = "amount", .type = "decimal(10,2)"}};
  return kKeys;
}

std::vector<std::string> ValuesFrom(std::string_view line) {
  std::vector<std::string> values;
  while (values.size() < Keys().size()) {
    const size_t comma = line.find(',');
    values.emplace_back(line.substr(0, comma));
    line.remove_prefix(comma == std::string_view::npos ? line.size() : comma + 1);
  }
  return values;
}

int FuzzOne(const uint8_t* data, size_t size) {
  fuzz::FuzzInput input(data, size);
  const std::vector<std::string> values = ValuesFrom(input.Line());
  const std::string_view expression = input.Rest();
  Result<PartitionFilter> filter = PartitionFilter::Parse(expression, Keys());
  if (!filter.ok()) {
    STRATUS_CHECK(filter.status().aws_type() == "InvalidInputException", "untagged error: {}",
                  filter.status().ToString());
    return 0;
  }
  const bool keeps = filter->Matches(values);
  const std::string printed = filter->ToString();
  Result<PartitionFilter> again = PartitionFilter::Parse(printed, Keys());
  STRATUS_CHECK(again.ok(), "printed form does not parse: {} -> {}: {}", expression, printed,
                again.status().ToString());
  STRATUS_CHECK(again->ToString() == printed, "printing is not stable: {} vs {}", printed,
                again->ToString());
  STRATUS_CHECK(again->Matches(values) == keeps, "printed form filters differently: {}", printed);
  return 0;
}

}  // namespace
}  // namespace stratus::glue

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return stratus::glue::FuzzOne(data, size);
}
