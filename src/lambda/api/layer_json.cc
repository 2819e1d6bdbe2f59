#include "lambda/api/layer_json.h"

#include <charconv>

#include "base/format.h"
#include "lambda/api/function_json.h"
#include "lambda/engine.h"
#include "lambda/errors.h"
#include "lambda/layer_store.h"

namespace stratus::lambda::api {
namespace {

// AWS: layer names are 1 to 140 letters, digits, '-' and '_'.
bool ValidLayerName(std::string_view name) {
  return !name.empty() && name.size() <= 140 &&
         name.find_first_not_of(
             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") ==
             std::string_view::npos;
}

std::optional<int64_t> PositiveNumber(std::string_view text) {
  int64_t number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number <= 0) {
    return std::nullopt;
  }
  return number;
}

}  // namespace

std::string LayerArn(const LambdaEngine& engine, std::string_view name) {
  return Format("arn:aws:lambda:{}:{}:layer:{}", engine.options().region,
                engine.options().account_id, name);
}

std::string LayerVersionArn(const LambdaEngine& engine, std::string_view name, int64_t version) {
  return Format("{}:{}", LayerArn(engine, name), version);
}

Result<LayerVersionRef> ParseLayerVersionArn(const LambdaEngine& engine, std::string_view arn) {
  const std::string prefix = LayerArn(engine, "");
  const size_t colon = arn.rfind(':');
  if (!arn.starts_with(prefix) || colon == std::string_view::npos || colon < prefix.size()) {
    // AWS: a malformed or foreign layer version ARN.
    return LambdaError::InvalidParameter(Format(
        "1 validation error detected: Value '{}' at 'arn' failed to satisfy constraint: Member "
        "must satisfy regular expression pattern: "
        "arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{{12}}:layer:[a-zA-Z0-9-_]+:[0-9]+",
        arn));
  }
  const std::string_view name = arn.substr(prefix.size(), colon - prefix.size());
  const std::optional<int64_t> version = PositiveNumber(arn.substr(colon + 1));
  if (!ValidLayerName(name) || !version.has_value()) {
    return LambdaError::InvalidParameter(Format("Invalid layer version ARN: {}", arn));
  }
  return LayerVersionRef{.name = std::string(name), .version = *version};
}

Result<LayerVersionRef> LayerRefOf(const LambdaEngine& /*engine*/,
                                   const Json& input,
                                   bool with_version) {
  LayerVersionRef ref;
  if (!input.contains("LayerName") || !input["LayerName"].is_string()) {
    return LambdaError::InvalidParameter("LayerName is required");
  }
  std::string name = input["LayerName"].get<std::string>();
  // AWS: LayerName is a name or the layer's ARN.
  if (const size_t marker = name.find(":layer:");
      name.starts_with("arn:") && marker != std::string::npos) {
    name = name.substr(marker + 7);
  }
  if (!ValidLayerName(name)) {
    return LambdaError::InvalidParameter(Format(
        "1 validation error detected: Value '{}' at 'layerName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: "
        "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{{12}}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+",
        name));
  }
  ref.name = std::move(name);
  if (with_version) {
    const Json& number = input.contains("VersionNumber") ? input["VersionNumber"] : Json();
    std::optional<int64_t> version;
    if (number.is_number_integer()) {
      version = number.get<int64_t>();
    } else if (number.is_string()) {
      version = PositiveNumber(number.get<std::string>());
    }
    if (!version.has_value()) {
      return LambdaError::InvalidParameter("VersionNumber must be a layer version number");
    }
    ref.version = *version;
  }
  return ref;
}

Status LayerVersionNotFound() {
  return LambdaError::FromEngine(Status::NotFound("The resource you requested does not exist."));
}

Result<LayerVersion> FindLayerVersion(LambdaEngine& engine, const LayerVersionRef& ref) {
  Result<LayerVersion> layer = engine.store().layers().Get(ref.name, ref.version);
  if (!layer.ok()) {
    return layer.status().code() == StatusCode::kNotFound ? LayerVersionNotFound()
                                                          : LambdaError::FromEngine(layer.status());
  }
  return layer;
}

Json LayerVersionToJson(const LambdaEngine& engine, const LayerVersion& layer, bool list_item) {
  Json out{{"LayerVersionArn", LayerVersionArn(engine, layer.name, layer.version)},
           {"Version", layer.version},
           {"CreatedDate", LastModifiedText(layer.created_millis)}};
  if (!layer.description.empty()) {
    out["Description"] = layer.description;
  }
  if (!layer.license_info.empty()) {
    out["LicenseInfo"] = layer.license_info;
  }
  if (!layer.compatible_runtimes.empty()) {
    out["CompatibleRuntimes"] = layer.compatible_runtimes;
  }
  if (!layer.compatible_architectures.empty()) {
    out["CompatibleArchitectures"] = layer.compatible_architectures;
  }
  if (!list_item) {
    out["LayerArn"] = LayerArn(engine, layer.name);
    out["Content"] = {{"CodeSha256", layer.code.sha256}, {"CodeSize", layer.code.size}};
  }
  return out;
}

}  // namespace stratus::lambda::api
