#include "sqs/receipt_handle.h"

#include <charconv>

#include "base/digest.h"
#include "base/format.h"

namespace stratus::sqs {
namespace {

constexpr std::string_view kVersion = "1";

bool ParseUnsigned(std::string_view text, int base, uint64_t* out) {
  if (text.empty()) {
    return false;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out, base);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

ReceiptHandle MakeReceiptHandle(const ReceiptHandleParts& parts) {
  return ReceiptHandle{.value = Base64Encode(Format("{}:{}:{:016x}:{}", kVersion, parts.seq,
                                                    parts.receive_nonce, parts.message_id))};
}

Result<ReceiptHandleParts> ParseReceiptHandle(std::string_view handle) {
  const Status invalid = Status::InvalidArgument(
      Format("The input receipt handle \"{}\" is not a valid receipt handle.", handle));
  std::string decoded;
  if (handle.empty() || !Base64Decode(handle, &decoded)) {
    return invalid;
  }
  std::string_view rest = decoded;
  std::string_view fields[4];
  for (int i = 0; i < 3; ++i) {
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos) {
      return invalid;
    }
    fields[i] = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  fields[3] = rest;
  ReceiptHandleParts parts;
  if (fields[0] != kVersion || !ParseUnsigned(fields[1], 10, &parts.seq) ||
      !ParseUnsigned(fields[2], 16, &parts.receive_nonce) || fields[3].empty()) {
    return invalid;
  }
  parts.message_id = std::string(fields[3]);
  return parts;
}

}  // namespace stratus::sqs
