// String functions: concat (and the || operator), LIKE, and the rest of
// Trino's varchar functions.

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "sql/functions/kernel_frame_internal.h"
#include "sql/functions/kernel_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/functions/utf8_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

Status ConcatKernel(std::span<const Vector> arguments,
                    size_t rows,
                    const LogicalType& type,
                    Vector* result) {
  std::vector<std::unique_ptr<ArgumentData>> data;
  NewResult(type, rows, result);
  for (const Vector& argument : arguments) {
    data.push_back(std::make_unique<ArgumentData>(argument));
    PropagateNulls(*data.back(), rows, result);
  }
  const uint64_t* validity = result->validity();
  auto* out = result->mutable_values<StringView>();
  std::string buffer;
  for (size_t i = 0; i < rows; ++i) {
    if (ResultIsNull(validity, i)) {
      continue;
    }
    buffer.clear();
    for (const std::unique_ptr<ArgumentData>& argument : data) {
      buffer.append(argument->values<StringView>()[argument->Index(i)].view());
    }
    out[i] = AddString(result, buffer);
  }
  return Status::Ok();
}

void RegisterConcat(FunctionRegistry::Impl& impl) {
  impl.AddScalar(ScalarSpec{.name = "concat",
                            .arguments = {"varchar", "varchar", "varchar"},
                            .returns = "varchar",
                            .description = "Concatenates the strings (the || operator)",
                            .variadic = true},
                 [](const std::vector<LogicalType>& bound) -> Result<ScalarBinding> {
                   int64_t length = 0;
                   for (const LogicalType& type : bound) {
                     if (type.length() == LogicalType::kUnboundedLength || length < 0) {
                       length = -1;
                     } else {
                       length += type.length();
                     }
                   }
                   const LogicalType type = length < 0 || length > 0x7fffffff
                                                ? LogicalType::Varchar()
                                                : LogicalType::Varchar(static_cast<int>(length));
                   return ScalarBinding{
                       .name = "concat",
                       .argument_types = bound,
                       .return_type = type,
                       .kernel = [type](std::span<const Vector> arguments, size_t rows,
                                        const FunctionContext& /*context*/, Vector* result) {
                         return ConcatKernel(arguments, rows, type, result);
                       }};
                 });
}

// Case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic (the
// simple one-to-one mappings; other scripts are left as they are).
char32_t ToUpperCase(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7) ||
      (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) || (c >= 0x430 && c <= 0x44F)) {
    return c - 0x20;
  }
  if (c >= 0x450 && c <= 0x45F) {
    return c - 0x50;
  }
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
      c != 0x178 && c != 0x17F) {
    const bool odd_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (odd_lower ? (c % 2 == 0) : (c % 2 == 1)) {
      return c - 1;
    }
  }
  return c;
}

char32_t ToLowerCase(char32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
      (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F)) {
    return c + 0x20;
  }
  if (c >= 0x400 && c <= 0x40F) {
    return c + 0x50;
  }
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
      c != 0x178 && c != 0x17F) {
    const bool odd_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (odd_lower ? (c % 2 == 1) : (c % 2 == 0)) {
      return c + 1;
    }
  }
  return c;
}

bool IsTrimWhitespace(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
}

enum class TrimSide : uint8_t { kBoth, kLeft, kRight };

// Trims code points for which `strip` holds from the chosen ends.
template <typename Strip>
std::string_view TrimCodePoints(std::string_view text, TrimSide side, Strip strip) {
  size_t begin = 0;
  size_t end = text.size();
  if (side != TrimSide::kRight) {
    while (begin < end) {
      size_t next = begin;
      if (!strip(DecodeCodePoint(text, &next))) {
        break;
      }
      begin = next;
    }
  }
  if (side != TrimSide::kLeft) {
    while (end > begin) {
      size_t start = end - 1;
      while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
        --start;
      }
      size_t pos = start;
      if (!strip(DecodeCodePoint(text, &pos))) {
        break;
      }
      end = start;
    }
  }
  return text.substr(begin, end - begin);
}

void RegisterTrims(FunctionRegistry::Impl& impl) {
  struct Trim {
    std::string_view name;
    TrimSide side;
  };

  for (const Trim trim : {Trim{"trim", TrimSide::kBoth}, Trim{"ltrim", TrimSide::kLeft},
                          Trim{"rtrim", TrimSide::kRight}}) {
    const TrimSide side = trim.side;
    AddRowFunction(impl,
                   ScalarSpec{.name = trim.name,
                              .arguments = {"varchar"},
                              .returns = "varchar(x)",
                              .description = "Removes whitespace from the string's ends"},
                   [side](KernelFrame& frame, size_t row, const FunctionContext&) {
                     frame.SetString(row,
                                     TrimCodePoints(frame.String(0, row), side, IsTrimWhitespace));
                     return Status::Ok();
                   });
    AddRowFunction(impl,
                   ScalarSpec{.name = trim.name,
                              .arguments = {"varchar", "varchar"},
                              .returns = "varchar(x)",
                              .description = "Removes the given characters from the string's ends"},
                   [side](KernelFrame& frame, size_t row, const FunctionContext&) {
                     const std::string_view chars = frame.String(1, row);
                     frame.SetString(
                         row, TrimCodePoints(frame.String(0, row), side, [chars](char32_t c) {
                           size_t pos = 0;
                           while (pos < chars.size()) {
                             if (DecodeCodePoint(chars, &pos) == c) {
                               return true;
                             }
                           }
                           return false;
                         }));
                     return Status::Ok();
                   });
  }
}

std::string_view Substring(std::string_view text, int64_t start, int64_t length) {
  if (start == 0 || length <= 0) {
    return {};
  }
  const auto size = static_cast<int64_t>(CountCodePoints(text));
  if (start < 0) {
    start = size + start + 1;
    if (start <= 0) {
      return {};
    }
  }
  if (start > size) {
    return {};
  }
  const int64_t end = length > size ? size + 1 : std::min(start + length, size + 1);
  const size_t begin_byte = CodePointOffset(text, static_cast<size_t>(start - 1));
  const size_t end_byte = CodePointOffset(text, static_cast<size_t>(end - 1));
  return text.substr(begin_byte, end_byte - begin_byte);
}

// Returns the 1-based code point position of the instance-th occurrence, or 0.
int64_t StringPosition(std::string_view text, std::string_view search, int64_t instance) {
  size_t from = 0;
  size_t found = 0;
  for (int64_t i = 0; i < instance; ++i) {
    found = text.find(search, from);
    if (found == std::string_view::npos) {
      return 0;
    }
    from = found + std::max<size_t>(search.size(), 1);
  }
  return static_cast<int64_t>(CountCodePoints(text.substr(0, found))) + 1;
}

void RegisterSubstringAndSearch(FunctionRegistry::Impl& impl) {
  for (std::string_view name : {"substr", "substring"}) {
    AddRowFunction(impl,
                   ScalarSpec{.name = name,
                              .arguments = {"varchar", "bigint"},
                              .returns = "varchar(x)",
                              .description = "Returns the rest of the string from start "
                                             "(1-based; negative counts from the end)"},
                   [](KernelFrame& frame, size_t row, const FunctionContext&) {
                     frame.SetString(row,
                                     Substring(frame.String(0, row), frame.Get<int64_t>(1, row),
                                               std::numeric_limits<int64_t>::max()));
                     return Status::Ok();
                   });
    AddRowFunction(impl,
                   ScalarSpec{.name = name,
                              .arguments = {"varchar", "bigint", "bigint"},
                              .returns = "varchar(x)",
                              .description = "Returns length characters of the string from start"},
                   [](KernelFrame& frame, size_t row, const FunctionContext&) {
                     frame.SetString(row,
                                     Substring(frame.String(0, row), frame.Get<int64_t>(1, row),
                                               frame.Get<int64_t>(2, row)));
                     return Status::Ok();
                   });
  }
  AddRowFunction(impl,
                 ScalarSpec{.name = "strpos",
                            .arguments = {"varchar", "varchar"},
                            .returns = "bigint",
                            .description = "Returns the position of the first occurrence of "
                                           "substring (1-based), or 0"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.out<int64_t>()[row] =
                       StringPosition(frame.String(0, row), frame.String(1, row), 1);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "strpos",
                            .arguments = {"varchar", "varchar", "bigint"},
                            .returns = "bigint",
                            .description = "Returns the position of the instance-th occurrence "
                                           "of substring, or 0"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   const auto instance = frame.Get<int64_t>(2, row);
                   if (instance <= 0) {
                     return SqlError(kInvalidFunctionArgument,
                                     "'instance' must be a positive number.");
                   }
                   frame.out<int64_t>()[row] =
                       StringPosition(frame.String(0, row), frame.String(1, row), instance);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "starts_with",
                            .arguments = {"varchar", "varchar"},
                            .returns = "boolean",
                            .description = "Returns whether the string starts with prefix"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.out<uint8_t>()[row] =
                       frame.String(0, row).starts_with(frame.String(1, row));
                   return Status::Ok();
                 });
}

std::string ReplaceAll(std::string_view text, std::string_view search, std::string_view with) {
  std::string out;
  if (search.empty()) {
    // Trino inserts the replacement before every character and at the end.
    size_t pos = 0;
    while (pos < text.size()) {
      out.append(with);
      const size_t length = Utf8Length(static_cast<unsigned char>(text[pos]));
      out.append(text.substr(pos, length));
      pos += length;
    }
    out.append(with);
    return out;
  }
  size_t from = 0;
  while (true) {
    const size_t found = text.find(search, from);
    if (found == std::string_view::npos) {
      out.append(text.substr(from));
      return out;
    }
    out.append(text.substr(from, found - from));
    out.append(with);
    from = found + search.size();
  }
}

void RegisterCaseAndShape(FunctionRegistry::Impl& impl) {
  AddRowFunction(impl,
                 ScalarSpec{.name = "length",
                            .arguments = {"varchar"},
                            .returns = "bigint",
                            .description = "Returns the length of the string in characters"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.out<int64_t>()[row] =
                       static_cast<int64_t>(CountCodePoints(frame.String(0, row)));
                   return Status::Ok();
                 });

  struct CaseMap {
    std::string_view name;
    bool upper;
  };

  for (const CaseMap map : {CaseMap{"lower", false}, CaseMap{"upper", true}}) {
    const bool upper = map.upper;
    AddRowFunction(impl,
                   ScalarSpec{.name = map.name,
                              .arguments = {"varchar"},
                              .returns = "varchar(x)",
                              .description = upper ? "Converts the string to upper case"
                                                   : "Converts the string to lower case"},
                   [upper](KernelFrame& frame, size_t row, const FunctionContext&) {
                     const std::string_view input = frame.String(0, row);
                     std::string text(input);
                     bool ascii = true;
                     for (char& c : text) {
                       ascii = ascii && static_cast<unsigned char>(c) < 0x80;
                       if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) {
                         c = static_cast<char>(c ^ 0x20);
                       }
                     }
                     if (!ascii) {
                       text.clear();
                       size_t pos = 0;
                       while (pos < input.size()) {
                         const char32_t c = DecodeCodePoint(input, &pos);
                         AppendCodePoint(&text, upper ? ToUpperCase(c) : ToLowerCase(c));
                       }
                     }
                     frame.SetString(row, text);
                     return Status::Ok();
                   });
  }
  AddRowFunction(
      impl,
      ScalarSpec{.name = "reverse",
                 .arguments = {"varchar"},
                 .returns = "varchar(x)",
                 .description = "Returns the string's characters in reverse order"},
      [](KernelFrame& frame, size_t row, const FunctionContext&) {
        const std::string_view text = frame.String(0, row);
        std::string out(text.size(), '\0');
        size_t pos = 0;
        while (pos < text.size()) {
          const size_t length =
              std::min(Utf8Length(static_cast<unsigned char>(text[pos])), text.size() - pos);
          std::memcpy(out.data() + text.size() - pos - length, text.data() + pos, length);
          pos += length;
        }
        frame.SetString(row, out);
        return Status::Ok();
      });
  AddRowFunction(impl,
                 ScalarSpec{.name = "replace",
                            .arguments = {"varchar", "varchar"},
                            .returns = "varchar",
                            .description = "Removes every occurrence of search"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, ReplaceAll(frame.String(0, row), frame.String(1, row), {}));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "replace",
                            .arguments = {"varchar", "varchar", "varchar"},
                            .returns = "varchar",
                            .description = "Replaces every occurrence of search with replace"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   frame.SetString(row, ReplaceAll(frame.String(0, row), frame.String(1, row),
                                                   frame.String(2, row)));
                   return Status::Ok();
                 });
}

Status Pad(KernelFrame& frame, size_t row, bool left) {
  const std::string_view text = frame.String(0, row);
  const auto size = frame.Get<int64_t>(1, row);
  const std::string_view pad = frame.String(2, row);
  if (size < 0 || size > std::numeric_limits<int32_t>::max()) {
    return SqlError(kInvalidFunctionArgument, "Target length must be in the range [0..2147483647]");
  }
  if (pad.empty()) {
    return SqlError(kInvalidFunctionArgument, "Padding string must not be empty");
  }
  const auto length = static_cast<int64_t>(CountCodePoints(text));
  if (length >= size) {
    frame.SetString(row, text.substr(0, CodePointOffset(text, static_cast<size_t>(size))));
    return Status::Ok();
  }
  std::string fill;
  const auto pad_length = static_cast<int64_t>(CountCodePoints(pad));
  int64_t needed = size - length;
  while (needed >= pad_length) {
    fill.append(pad);
    needed -= pad_length;
  }
  fill.append(pad.substr(0, CodePointOffset(pad, static_cast<size_t>(needed))));
  frame.SetString(row, left ? fill + std::string(text) : std::string(text) + fill);
  return Status::Ok();
}

void RegisterPadding(FunctionRegistry::Impl& impl) {
  AddRowFunction(
      impl,
      ScalarSpec{.name = "lpad",
                 .arguments = {"varchar", "bigint", "varchar"},
                 .returns = "varchar",
                 .description = "Left-pads the string to size characters with padstring"},
      [](KernelFrame& frame, size_t row, const FunctionContext&) { return Pad(frame, row, true); });
  AddRowFunction(
      impl,
      ScalarSpec{.name = "rpad",
                 .arguments = {"varchar", "bigint", "varchar"},
                 .returns = "varchar",
                 .description = "Right-pads the string to size characters with padstring"},
      [](KernelFrame& frame, size_t row, const FunctionContext&) {
        return Pad(frame, row, false);
      });
}

Status Split(KernelFrame& frame, size_t row, int64_t limit, ArrayWriter* writer) {
  const std::string_view text = frame.String(0, row);
  const std::string_view delimiter = frame.String(1, row);
  if (delimiter.empty()) {
    return SqlError(kInvalidFunctionArgument, "The delimiter may not be the empty string");
  }
  if (limit <= 0) {
    return SqlError(kInvalidFunctionArgument, "Limit must be positive");
  }
  size_t from = 0;
  int64_t parts = 1;
  while (parts < limit) {
    const size_t found = text.find(delimiter, from);
    if (found == std::string_view::npos) {
      break;
    }
    writer->AddString(text.substr(from, found - from));
    from = found + delimiter.size();
    ++parts;
  }
  writer->AddString(text.substr(from));
  writer->FinishRow(row);
  return Status::Ok();
}

void RegisterSplits(FunctionRegistry::Impl& impl) {
  const LogicalType array = LogicalType::Array(LogicalType::Varchar());
  for (int num_arguments : {2, 3}) {
    ScalarSpec spec{.name = "split",
                    .arguments = {"varchar", "varchar"},
                    .returns = "array(varchar)",
                    .description = "Splits the string on delimiter (into at most limit parts)"};
    if (num_arguments == 3) {
      spec.arguments.emplace_back("bigint");
    }
    impl.AddScalar(
        spec,
        ScalarKernel([array, num_arguments](std::span<const Vector> arguments, size_t rows,
                                            const FunctionContext& /*context*/, Vector* result) {
          KernelFrame frame(arguments, rows, array, result);
          ArrayWriter writer(result);
          return frame.ForEachRow([&](size_t row) {
            const int64_t limit = num_arguments == 3 ? frame.Get<int64_t>(2, row)
                                                     : std::numeric_limits<int64_t>::max();
            return Split(frame, row, limit, &writer);
          });
        }));
  }
  AddRowFunction(impl,
                 ScalarSpec{.name = "split_part",
                            .arguments = {"varchar", "varchar", "bigint"},
                            .returns = "varchar(x)",
                            .description = "Returns field index (1-based) of the string split on "
                                           "delimiter, or NULL"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   const std::string_view text = frame.String(0, row);
                   const std::string_view delimiter = frame.String(1, row);
                   const auto index = frame.Get<int64_t>(2, row);
                   if (index <= 0) {
                     return SqlError(kInvalidFunctionArgument, "Index must be greater than zero");
                   }
                   if (delimiter.empty()) {
                     if (index == 1) {
                       frame.SetString(row, text);
                     } else {
                       frame.SetNull(row);
                     }
                     return Status::Ok();
                   }
                   size_t from = 0;
                   for (int64_t part = 1; part < index; ++part) {
                     const size_t found = text.find(delimiter, from);
                     if (found == std::string_view::npos) {
                       frame.SetNull(row);
                       return Status::Ok();
                     }
                     from = found + delimiter.size();
                   }
                   const size_t end = text.find(delimiter, from);
                   frame.SetString(
                       row, text.substr(from, end == std::string_view::npos ? std::string_view::npos
                                                                            : end - from));
                   return Status::Ok();
                 });
}

void RegisterConcatWs(FunctionRegistry::Impl& impl) {
  impl.AddScalar(ScalarSpec{.name = "concat_ws",
                            .arguments = {"varchar", "varchar", "varchar"},
                            .returns = "varchar",
                            .description = "Joins the non-NULL strings with the separator",
                            .variadic = true},
                 ScalarKernel([](std::span<const Vector> arguments, size_t rows,
                                 const FunctionContext& /*context*/, Vector* result) {
                   // NULL strings are skipped; only a NULL separator makes the result NULL.
                   KernelFrame frame(arguments.subspan(0, 1), rows, LogicalType::Varchar(), result);
                   std::vector<std::unique_ptr<ArgumentData>> parts;
                   for (const Vector& argument : arguments.subspan(1)) {
                     parts.push_back(std::make_unique<ArgumentData>(argument));
                   }
                   std::string buffer;
                   return frame.ForEachRow([&](size_t row) {
                     buffer.clear();
                     bool first = true;
                     for (const std::unique_ptr<ArgumentData>& part : parts) {
                       if (part->IsNull(row)) {
                         continue;
                       }
                       if (!first) {
                         buffer.append(frame.String(0, row));
                       }
                       first = false;
                       buffer.append(part->values<StringView>()[part->Index(row)].view());
                     }
                     frame.SetString(row, buffer);
                     return Status::Ok();
                   });
                 }));
}

std::u32string CodePointsOf(std::string_view text) {
  std::u32string out;
  size_t pos = 0;
  while (pos < text.size()) {
    out.push_back(DecodeCodePoint(text, &pos));
  }
  return out;
}

void RegisterTranslations(FunctionRegistry::Impl& impl) {
  AddRowFunction(impl,
                 ScalarSpec{.name = "translate",
                            .arguments = {"varchar", "varchar", "varchar"},
                            .returns = "varchar",
                            .description = "Replaces each character of from with the one at the "
                                           "same position of to (removed when to is shorter)"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   const std::u32string from = CodePointsOf(frame.String(1, row));
                   const std::u32string to = CodePointsOf(frame.String(2, row));
                   std::string out;
                   for (char32_t c : CodePointsOf(frame.String(0, row))) {
                     const size_t at = from.find(c);
                     if (at == std::u32string::npos) {
                       AppendCodePoint(&out, c);
                     } else if (at < to.size()) {
                       AppendCodePoint(&out, to[at]);
                     }
                   }
                   frame.SetString(row, out);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "hamming_distance",
                            .arguments = {"varchar", "varchar"},
                            .returns = "bigint",
                            .description = "Returns the number of positions where the strings "
                                           "differ"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   const std::u32string a = CodePointsOf(frame.String(0, row));
                   const std::u32string b = CodePointsOf(frame.String(1, row));
                   if (a.size() != b.size()) {
                     return SqlError(kInvalidFunctionArgument,
                                     "The input strings to hamming_distance function must have "
                                     "the same length");
                   }
                   int64_t distance = 0;
                   for (size_t i = 0; i < a.size(); ++i) {
                     distance += a[i] != b[i];
                   }
                   frame.out<int64_t>()[row] = distance;
                   return Status::Ok();
                 });
}

void RegisterCodePoints(FunctionRegistry::Impl& impl) {
  AddRowFunction(impl,
                 ScalarSpec{.name = "chr",
                            .arguments = {"bigint"},
                            .returns = "varchar(1)",
                            .description = "Returns the character of a Unicode code point"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   const auto code_point = frame.Get<int64_t>(0, row);
                   if (code_point < 0 || code_point > 0x10FFFF ||
                       (code_point >= 0xD800 && code_point <= 0xDFFF)) {
                     return SqlError(kInvalidFunctionArgument, "Not a valid Unicode code point: " +
                                                                   std::to_string(code_point));
                   }
                   std::string text;
                   AppendCodePoint(&text, static_cast<char32_t>(code_point));
                   frame.SetString(row, text);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "codepoint",
                            .arguments = {"varchar"},
                            .returns = "integer",
                            .description = "Returns the Unicode code point of a one-character "
                                           "string"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   const std::string_view text = frame.String(0, row);
                   if (CountCodePoints(text) != 1) {
                     return SqlError(kInvalidFunctionArgument,
                                     "Input string must be a single character string");
                   }
                   size_t pos = 0;
                   frame.out<int32_t>()[row] = static_cast<int32_t>(DecodeCodePoint(text, &pos));
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "levenshtein_distance",
                            .arguments = {"varchar", "varchar"},
                            .returns = "bigint",
                            .description = "Returns the Levenshtein edit distance of two strings"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   std::u32string a;
                   std::u32string b;
                   for (auto [text, out] : {std::pair{frame.String(0, row), &a},
                                            std::pair{frame.String(1, row), &b}}) {
                     size_t pos = 0;
                     while (pos < text.size()) {
                       out->push_back(DecodeCodePoint(text, &pos));
                     }
                   }
                   std::vector<int64_t> previous(b.size() + 1);
                   std::vector<int64_t> current(b.size() + 1);
                   for (size_t j = 0; j <= b.size(); ++j) {
                     previous[j] = static_cast<int64_t>(j);
                   }
                   for (size_t i = 1; i <= a.size(); ++i) {
                     current[0] = static_cast<int64_t>(i);
                     for (size_t j = 1; j <= b.size(); ++j) {
                       current[j] = std::min({previous[j] + 1, current[j - 1] + 1,
                                              previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
                     }
                     std::swap(previous, current);
                   }
                   frame.out<int64_t>()[row] = previous[b.size()];
                   return Status::Ok();
                 });
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  RegisterConcat(impl);
  RegisterConcatWs(impl);
  RegisterLikeOperator(impl);
  RegisterTrims(impl);
  RegisterSubstringAndSearch(impl);
  RegisterCaseAndShape(impl);
  RegisterPadding(impl);
  RegisterSplits(impl);
  RegisterCodePoints(impl);
  RegisterTranslations(impl);
  RegisterBinaryFunctions(impl);
  RegisterUrlFunctions(impl);
  RegisterFormatFunction(impl);
}

}  // namespace stratus::sql::functions
