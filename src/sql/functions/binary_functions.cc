// varbinary functions: to_utf8/from_utf8, hex and base64, md5 and sha256,
// and length of varbinary.

#include <string>

#include "base/digest.h"
#include "sql/functions/kernel_frame_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/functions/utf8_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

// Returns text with every invalid UTF-8 sequence replaced by U+FFFD.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    size_t length = Utf8Length(lead);
    bool valid = !(lead >= 0x80 && length == 1) && pos + length <= text.size();
    for (size_t i = 1; valid && i < length; ++i) {
      valid = (static_cast<unsigned char>(text[pos + i]) & 0xC0) == 0x80;
    }
    if (valid) {
      out.append(text.substr(pos, length));
      pos += length;
    } else {
      out.append("\xEF\xBF\xBD");
      ++pos;
    }
  }
  return out;
}

std::string Upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return text;
}

uint32_t Crc32(std::string_view bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  }
  return ~crc;
}

}  // namespace

void RegisterBinaryFunctions(FunctionRegistry::Impl& impl) {
  AddRowFunction(impl,
                 ScalarSpec{.name = "to_utf8",
                            .arguments = {"varchar"},
                            .returns = "varbinary",
                            .description = "Encodes the string as UTF-8 bytes"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, frame.String(0, row));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "from_utf8",
                            .arguments = {"varbinary"},
                            .returns = "varchar",
                            .description = "Decodes UTF-8 bytes (invalid ones become U+FFFD)"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, ValidUtf8(frame.String(0, row)));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "to_hex",
                            .arguments = {"varbinary"},
                            .returns = "varchar",
                            .description = "Encodes the bytes as upper-case hex"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, Upper(ToHex(frame.String(0, row))));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "from_hex",
                            .arguments = {"varchar"},
                            .returns = "varbinary",
                            .description = "Decodes hex into bytes"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   const std::string_view text = frame.String(0, row);
                   if (text.size() % 2 != 0) {
                     return SqlError(kInvalidFunctionArgument,
                                     "invalid input length " + std::to_string(text.size()));
                   }
                   std::string bytes;
                   if (!HexDecode(text, &bytes)) {
                     return SqlError(kInvalidFunctionArgument, "invalid hex character");
                   }
                   frame.SetString(row, bytes);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "to_base64",
                            .arguments = {"varbinary"},
                            .returns = "varchar",
                            .description = "Encodes the bytes as base64"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, Base64Encode(frame.String(0, row)));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "from_base64",
                            .arguments = {"varchar"},
                            .returns = "varbinary",
                            .description = "Decodes base64 into bytes"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   std::string bytes;
                   if (!Base64Decode(frame.String(0, row), &bytes)) {
                     return SqlError(kInvalidFunctionArgument, "Illegal base64 input");
                   }
                   frame.SetString(row, bytes);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "md5",
                            .arguments = {"varbinary"},
                            .returns = "varbinary",
                            .description = "Returns the MD5 digest of the bytes"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   std::string digest;
                   const bool decoded = HexDecode(Md5Hex(frame.String(0, row)), &digest);
                   static_cast<void>(decoded);
                   frame.SetString(row, digest);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "crc32",
                            .arguments = {"varbinary"},
                            .returns = "bigint",
                            .description = "Returns the CRC-32 of the bytes"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.out<int64_t>()[row] = Crc32(frame.String(0, row));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "sha256",
                            .arguments = {"varbinary"},
                            .returns = "varbinary",
                            .description = "Returns the SHA-256 digest of the bytes"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, Sha256(frame.String(0, row)));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "length",
                            .arguments = {"varbinary"},
                            .returns = "bigint",
                            .description = "Returns the length of the bytes"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.out<int64_t>()[row] = static_cast<int64_t>(frame.String(0, row).size());
                   return Status::Ok();
                 });
}

}  // namespace stratus::sql::functions
