#include <array>

#include <openssl/evp.h>

#include "base/digest.h"
#include "base/format.h"
#include "states/asl/intrinsics_internal.h"

namespace stratus::states::asl {
namespace {

// AWS: Base64Encode/Base64Decode/Hash accept at most 10,000 characters.
constexpr size_t kMaxInputCharacters = 10000;

const EVP_MD* DigestByName(std::string_view algorithm) {
  if (algorithm == "MD5") {
    return EVP_md5();
  }
  if (algorithm == "SHA-1") {
    return EVP_sha1();
  }
  if (algorithm == "SHA-256") {
    return EVP_sha256();
  }
  if (algorithm == "SHA-384") {
    return EVP_sha384();
  }
  if (algorithm == "SHA-512") {
    return EVP_sha512();
  }
  return nullptr;
}

}  // namespace

Result<Json> IntrinsicBase64Encode(std::span<const Json> args,
                                   const EvaluationContext& /*context*/) {
  if (!args[0].is_string()) {
    return Status::InvalidArgument("the argument must be a string");
  }
  const auto& text = args[0].get_ref<const std::string&>();
  if (text.size() > kMaxInputCharacters) {
    return Status::InvalidArgument(
        Format("the input must be at most {} characters", kMaxInputCharacters));
  }
  return Json(Base64Encode(text));
}

Result<Json> IntrinsicBase64Decode(std::span<const Json> args,
                                   const EvaluationContext& /*context*/) {
  if (!args[0].is_string()) {
    return Status::InvalidArgument("the argument must be a string");
  }
  const auto& text = args[0].get_ref<const std::string&>();
  if (text.size() > kMaxInputCharacters) {
    return Status::InvalidArgument(
        Format("the input must be at most {} characters", kMaxInputCharacters));
  }
  std::string decoded;
  if (!Base64Decode(text, &decoded)) {
    return Status::InvalidArgument("the input is not valid base64");
  }
  return Json(std::move(decoded));
}

Result<Json> IntrinsicHash(std::span<const Json> args, const EvaluationContext& /*context*/) {
  if (!args[1].is_string()) {
    return Status::InvalidArgument("the algorithm must be a string");
  }
  const EVP_MD* digest = DigestByName(args[1].get_ref<const std::string&>());
  if (digest == nullptr) {
    return Status::InvalidArgument(
        Format("the hash algorithm {} is not supported; use MD5, SHA-1, SHA-256, SHA-384 or "
               "SHA-512",
               args[1].get<std::string>()));
  }
  const std::string data = args[0].is_string() ? args[0].get<std::string>() : DumpJson(args[0]);
  if (data.size() > kMaxInputCharacters) {
    return Status::InvalidArgument(
        Format("the input must be at most {} characters", kMaxInputCharacters));
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, digest, nullptr) != 1) {
    return Status::Internal("EVP_Digest failed");
  }
  return Json(ToHex(std::string_view(reinterpret_cast<const char*>(out.data()), length)));
}

}  // namespace stratus::states::asl
