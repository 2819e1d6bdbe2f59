#include "states/jsonata/aws_functions.h"

#include <cmath>
#include <random>
#include <string>

#include <openssl/evp.h>

#include "base/digest.h"
#include "base/random.h"

namespace stratus::states {
namespace {

using Args = std::span<const std::optional<Json>>;

Status AwsError(std::string message) {
  return Status::InvalidArgument(std::move(message));
}

Result<std::optional<Json>> Partition(Args args) {
  if (!args[0].has_value() || !args[1].has_value()) {
    return std::optional<Json>();
  }
  const Json& array = *args[0];
  const double size = args[1]->get<double>();
  if (size < 1 || std::trunc(size) != size) {
    return AwsError("$partition(): the chunk size must be a positive integer");
  }
  const auto chunk = static_cast<size_t>(size);
  Json result = Json::array();
  for (size_t i = 0; i < array.size(); i += chunk) {
    Json part = Json::array();
    for (size_t j = i; j < array.size() && j < i + chunk; ++j) {
      part.push_back(array[j]);
    }
    result.push_back(std::move(part));
  }
  return std::optional<Json>(std::move(result));
}

Json Number(double value) {
  constexpr double kLimit = 9223372036854775808.0;
  if (std::trunc(value) == value && std::abs(value) < kLimit) {
    return Json(static_cast<int64_t>(value));  // NOLINT(modernize-return-braced-init-list)
  }
  return Json(value);  // NOLINT(modernize-return-braced-init-list): braces make an array
}

Result<std::optional<Json>> Range(Args args) {
  if (!args[0].has_value() || !args[1].has_value()) {
    return std::optional<Json>();
  }
  const double start = args[0]->get<double>();
  const double end = args[1]->get<double>();
  const double step = args[2].has_value() ? args[2]->get<double>() : 1;
  if (step == 0) {
    return AwsError("$range(): the step must not be zero");
  }
  // AWS: the same limit as States.ArrayRange (at most 1000 items).
  constexpr double kMaxItems = 1000;
  if ((end - start) / step + 1 > kMaxItems) {
    return AwsError("$range(): the result would have more than 1000 items");
  }
  Json result = Json::array();
  for (double value = start; step > 0 ? value <= end : value >= end; value += step) {
    result.push_back(Number(value));
  }
  return std::optional<Json>(std::move(result));
}

Result<std::optional<Json>> Hash(Args args) {
  if (!args[0].has_value() || !args[1].has_value()) {
    return std::optional<Json>();
  }
  const auto& data = args[0]->get_ref<const std::string&>();
  const auto& algorithm = args[1]->get_ref<const std::string&>();
  const EVP_MD* md = nullptr;
  if (algorithm == "MD5") {
    md = EVP_md5();
  } else if (algorithm == "SHA-1") {
    md = EVP_sha1();
  } else if (algorithm == "SHA-256") {
    md = EVP_sha256();
  } else if (algorithm == "SHA-384") {
    md = EVP_sha384();
  } else if (algorithm == "SHA-512") {
    md = EVP_sha512();
  } else {
    return AwsError("$hash(): unsupported algorithm '" + algorithm +
                    "'; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr) != 1) {
    return Status::Internal("$hash(): digest failed");
  }
  return std::optional<Json>(
      ToHex(std::string_view(reinterpret_cast<const char*>(digest), length)));
}

Result<std::optional<Json>> Parse(Args args) {
  if (!args[0].has_value()) {
    return std::optional<Json>();
  }
  Result<Json> parsed = ParseJson(args[0]->get_ref<const std::string&>());
  if (!parsed.ok()) {
    return AwsError("$parse(): the argument is not valid JSON: " + parsed.status().message());
  }
  Json value = std::move(parsed).value();
  if (value.is_number_float()) {
    value = Number(value.get<double>());
  }
  return std::optional<Json>(std::move(value));
}

}  // namespace

void AddAwsFunctions(JsonataBindings& bindings, IdGenerator& ids) {
  bindings.SetFunction("partition", {.signature = "<an:a>", .body = &Partition});
  bindings.SetFunction("range",
                       {.signature = "<nnn?:a>", .body = &Range, .returns_sequence = true});
  bindings.SetFunction("hash", {.signature = "<ss:s>", .body = &Hash});
  bindings.SetFunction("parse", {.signature = "<s:x>", .body = &Parse});
  bindings.SetFunction(
      "random", {.signature = "<n?:n>", .body = [&ids](Args args) -> Result<std::optional<Json>> {
                   uint64_t bits = 0;
                   if (args[0].has_value()) {
                     // A seed gives a fixed value, as AWS documents.
                     std::mt19937_64 engine(static_cast<uint64_t>(args[0]->get<double>()));
                     bits = engine();
                   } else {
                     bits = ids.Next();
                   }
                   return std::optional<Json>(static_cast<double>(bits >> 11) * 0x1.0p-53);
                 }});
  bindings.SetFunction("uuid",
                       {.signature = "<:s>", .body = [&ids](Args) -> Result<std::optional<Json>> {
                          return std::optional<Json>(ids.Uuid());
                        }});
}

}  // namespace stratus::states
