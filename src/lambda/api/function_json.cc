#include "lambda/api/function_json.h"

#include <array>
#include <ctime>

#include "base/format.h"
#include "lambda/api/function_layers.h"
#include "lambda/engine.h"

namespace stratus::lambda::api {

std::string LastModifiedText(int64_t millis) {
  const time_t seconds = static_cast<time_t>(millis / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &parts);
  return Format("{}.{:03d}+0000", text.data(), static_cast<int>(millis % 1000));
}

Json FunctionConfigurationToJson(const LambdaEngine& engine,
                                 const FunctionConfig& function,
                                 std::string_view arn) {
  const std::string own_arn =
      function.version == kLatestVersion
          ? engine.FunctionArn(function.name)
          : engine.QualifiedArn(Format("{}:{}", function.name, function.version));
  Json out{
      {"FunctionName", function.name},
      {"FunctionArn", arn.empty() ? own_arn : std::string(arn)},
      {"Runtime", function.runtime},
      {"Role", function.role},
      {"Handler", function.handler},
      {"CodeSize", function.code.size},
      {"Description", function.description},
      {"Timeout", function.timeout_seconds},
      {"MemorySize", function.memory_mb},
      {"LastModified", LastModifiedText(function.last_modified_millis)},
      {"CodeSha256", function.code.sha256},
      {"Version", function.version},
      {"TracingConfig", {{"Mode", "PassThrough"}}},
      {"RevisionId", function.revision_id},
      {"State", "Active"},
      {"LastUpdateStatus", "Successful"},
      {"PackageType", "Zip"},
      {"Architectures", Json::array({function.architecture})},
      {"EphemeralStorage", {{"Size", function.ephemeral_storage_mb}}},
      {"SnapStart", {{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}}},
      {"LoggingConfig", {{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/" + function.name}}}};
  if (!function.environment.empty()) {
    out["Environment"] = {{"Variables", function.environment}};
  }
  if (!function.layers.empty()) {
    out["Layers"] = LayersToJson(function.layers);
  }
  return out;
}

Json AliasToJson(const LambdaEngine& engine, const FunctionAlias& alias) {
  Json out{{"AliasArn", engine.QualifiedArn(Format("{}:{}", alias.function, alias.name))},
           {"Name", alias.name},
           {"FunctionVersion", alias.function_version},
           {"Description", alias.description},
           {"RevisionId", alias.revision_id}};
  if (!alias.additional_version_weights.empty()) {
    Json weights = Json::object();
    for (const auto& [version, weight] : alias.additional_version_weights) {
      weights[version] = weight;
    }
    out["RoutingConfig"] = {{"AdditionalVersionWeights", std::move(weights)}};
  }
  return out;
}

}  // namespace stratus::lambda::api
