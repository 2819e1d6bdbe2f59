// Fuzzes iam::ValidatePolicyDocument, the check of every policy document IAM
// takes (CreateRole's trust policy, PutRolePolicy, CreatePolicy, ...), and
// UrlEncodeDocument, which encodes documents for the responses. The input is
// the document.
//
// Properties: nothing crashes or hangs; a refused document is
// MalformedPolicyDocument; the URL encoding holds only unreserved characters
// and %XX escapes and decodes back to the document.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/check.h"
#include "base/digest.h"
#include "iam/policy_document.h"

namespace stratus::iam {
namespace {

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

std::string Decode(std::string_view encoded) {
  std::string decoded;
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '%') {
      STRATUS_CHECK(IsUnreserved(encoded[i]), "reserved character left: {}", encoded[i]);
      decoded += encoded[i];
      continue;
    }
    STRATUS_CHECK(i + 2 < encoded.size(), "truncated escape in {}", encoded);
    const int high = HexDigitValue(encoded[i + 1]);
    const int low = HexDigitValue(encoded[i + 2]);
    STRATUS_CHECK(high >= 0 && low >= 0, "bad escape in {}", encoded);
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
}

int FuzzOne(const uint8_t* data, size_t size) {
  const std::string_view document(reinterpret_cast<const char*>(data), size);
  Status status = ValidatePolicyDocument(document);
  if (!status.ok()) {
    STRATUS_CHECK(status.aws_type() == "MalformedPolicyDocument", "untagged error: {}",
                  status.ToString());
  }
  const std::string encoded = UrlEncodeDocument(document);
  STRATUS_CHECK(Decode(encoded) == document, "encoding does not round-trip");
  return 0;
}

}  // namespace
}  // namespace stratus::iam

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return stratus::iam::FuzzOne(data, size);
}
