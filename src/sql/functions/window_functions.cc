// The window-only functions: the executor computes them over partitions;
// the registry only resolves their signatures and result types.

#include <utility>
#include <vector>

#include "sql/functions/registry_internal.h"
#include "sql/types/type_names.h"

namespace stratus::sql::functions {
namespace {

void AddWindow(FunctionRegistry::Impl& impl,
               std::string_view name,
               std::vector<std::string_view> arguments,
               std::string_view returns,
               WindowFunctionKind kind,
               std::string_view description) {
  const bool generic = returns == "T";
  const LogicalType fixed = generic ? LogicalType::Unknown() : *ParseTrinoType(returns);
  impl.AddWindow(ScalarSpec{.name = name,
                            .arguments = std::move(arguments),
                            .returns = returns,
                            .description = description},
                 [name = std::string(name), kind, generic,
                  fixed](const std::vector<LogicalType>& bound) -> Result<WindowBinding> {
                   return WindowBinding{.name = name,
                                        .kind = kind,
                                        .argument_types = bound,
                                        .return_type = generic ? bound[0] : fixed};
                 });
}

}  // namespace

void RegisterWindowFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  using Kind = WindowFunctionKind;
  AddWindow(impl, "row_number", {}, "bigint", Kind::kRowNumber,
            "Returns the row's number in its partition, from 1");
  AddWindow(impl, "rank", {}, "bigint", Kind::kRank, "Returns the row's rank, with gaps");
  AddWindow(impl, "dense_rank", {}, "bigint", Kind::kDenseRank,
            "Returns the row's rank, without gaps");
  AddWindow(impl, "percent_rank", {}, "double", Kind::kPercentRank,
            "Returns (rank - 1) / (partition rows - 1)");
  AddWindow(impl, "cume_dist", {}, "double", Kind::kCumeDist,
            "Returns the fraction of rows up to the row's peers");
  AddWindow(impl, "ntile", {"bigint"}, "bigint", Kind::kNtile,
            "Returns the bucket (1 to n) of the row");
  AddWindow(impl, "first_value", {"T"}, "T", Kind::kFirstValue,
            "Returns the first value of the frame");
  AddWindow(impl, "last_value", {"T"}, "T", Kind::kLastValue,
            "Returns the last value of the frame");
  AddWindow(impl, "nth_value", {"T", "bigint"}, "T", Kind::kNthValue,
            "Returns the n-th value of the frame");
  for (const auto& [name, kind] :
       {std::pair<std::string_view, Kind>{"lag", Kind::kLag}, {"lead", Kind::kLead}}) {
    const std::string_view description = kind == Kind::kLag
                                             ? "Returns the value offset rows before the row"
                                             : "Returns the value offset rows after the row";
    AddWindow(impl, name, {"T"}, "T", kind, description);
    AddWindow(impl, name, {"T", "bigint"}, "T", kind, description);
    AddWindow(impl, name, {"T", "bigint", "T"}, "T", kind, description);
  }
}

}  // namespace stratus::sql::functions
