#include <cstring>
#include <utility>

#include "formats/text/text_tokenizer_internal.h"
#include "sql/vector/string_heap.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace stratus::formats::text {
namespace {

// Returns the first byte at or after p that is a, b or '\n'. REQUIRES: a
// '\n' follows p, and 16 readable bytes follow that '\n'.
const char* FindSpecial(const char* p, char a, char b) {
#if defined(__SSE2__)
  const __m128i match_a = _mm_set1_epi8(a);
  const __m128i match_b = _mm_set1_epi8(b);
  const __m128i match_newline = _mm_set1_epi8('\n');
  for (;; p += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, match_a), _mm_cmpeq_epi8(chunk, match_b)),
                     _mm_cmpeq_epi8(chunk, match_newline));
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) {
      return p + __builtin_ctz(static_cast<unsigned>(mask));
    }
  }
#else
  while (*p != a && *p != b && *p != '\n') {
    ++p;
  }
  return p;
#endif
}

// Java's Character.isWhitespace for ASCII.
bool IsJavaWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\x0b' || c == '\f' || c == '\r' ||
         (c >= '\x1c' && c <= '\x1f');
}

bool IsAllWhitespace(const std::string& text) {
  for (const char c : text) {
    if (!IsJavaWhitespace(c)) {
      return false;
    }
  }
  return true;
}

}  // namespace

LineTokenizer::LineTokenizer(const TextFormatOptions& options,
                             std::vector<int> slot_of_column,
                             size_t num_slots)
    : options_(options), slot_of_column_(std::move(slot_of_column)), fields_(num_slots) {}

LineTokenizer::~LineTokenizer() = default;

size_t LineTokenizer::Tokenize(const char* begin,
                               const char* end,
                               const char* last_start,
                               size_t max_rows,
                               const char** next) {
  if (heap_used_ || csv_heap_ == nullptr) {
    csv_heap_ = std::make_shared<sql::StringHeap>();
    heap_used_ = false;
  }
  for (std::vector<FieldRef>& slot : fields_) {
    slot.assign(max_rows, FieldRef{.data = nullptr, .length = 0, .flags = kFieldMissing});
  }
  const bool lazy_simple = options_.serde == TextSerde::kLazySimple;
  if (lazy_simple && !options_.escape.has_value()) {
    return TokenizeLazySimpleLines(begin, end, last_start, max_rows, next);
  }
  size_t row = 0;
  const char* line = begin;
  while (row < max_rows && line < end && line <= last_start) {
    line = lazy_simple ? TokenizeLazySimpleLine(line, row) : TokenizeCsvLine(line, end, row);
    ++row;
  }
  *next = line;
  return row;
}

// Without an escape byte every delimiter and '\n' ends a field, so the
// block is scanned 16 bytes at a time for both at once and the hits are
// walked as bits: one pass over the bytes, no per-field call.
size_t LineTokenizer::TokenizeLazySimpleLines(const char* begin,
                                              const char* end,
                                              const char* last_start,
                                              size_t max_rows,
                                              const char** next) {
  size_t row = 0;
  if (max_rows == 0 || begin >= end || begin > last_start) {
    *next = begin;
    return 0;
  }
  const char delimiter = options_.field_delimiter;
  size_t column = 0;
  const char* field_start = begin;
  const char* base = begin;
#if defined(__SSE2__)
  const __m128i match_delimiter = _mm_set1_epi8(delimiter);
  const __m128i match_newline = _mm_set1_epi8('\n');
#endif
  for (;; base += 16) {
#if defined(__SSE2__)
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base));
    auto mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(chunk, match_delimiter), _mm_cmpeq_epi8(chunk, match_newline))));
#else
    uint32_t mask = 0;
    for (int i = 0; i < 16; ++i) {
      if (base[i] == delimiter || base[i] == '\n') {
        mask |= uint32_t{1} << i;
      }
    }
#endif
    while (mask != 0) {
      const char* hit = base + __builtin_ctz(mask);
      mask &= mask - 1;
      if (*hit == delimiter && delimiter != '\n') {
        Emit(column, row, field_start, hit, 0);
        ++column;
        field_start = hit + 1;
        continue;
      }
      const char* field_end = hit > field_start && hit[-1] == '\r' ? hit - 1 : hit;
      Emit(column, row, field_start, field_end, 0);
      ++row;
      column = 0;
      field_start = hit + 1;
      if (row == max_rows || field_start >= end || field_start > last_start) {
        *next = field_start;
        return row;
      }
    }
  }
}

const char* LineTokenizer::TokenizeLazySimpleLine(const char* line, size_t row) {
  const char delimiter = options_.field_delimiter;
  // Without an escape byte, search for the delimiter twice (a harmless repeat).
  const char escape = options_.escape.value_or(delimiter);
  size_t column = 0;
  const char* field_start = line;
  uint32_t flags = 0;
  const char* p = line;
  for (;;) {
    const char* special = FindSpecial(p, delimiter, escape);
    if (*special == '\n') {
      const char* field_end = special > field_start && special[-1] == '\r' ? special - 1 : special;
      Emit(column, row, field_start, field_end, flags);
      return special + 1;
    }
    if (*special == delimiter) {
      Emit(column, row, field_start, special, flags);
      ++column;
      field_start = special + 1;
      flags = 0;
      p = special + 1;
    } else {
      // The escape byte: the next byte never splits, unless it ends the line.
      flags |= kFieldEscaped;
      p = special[1] == '\n' ? special + 1 : special + 2;
    }
  }
}

const char* LineTokenizer::TokenizeCsvLine(const char* line, const char* end, size_t row) {
  const char* newline =
      static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(end - line)));
  const char* line_end = newline > line && newline[-1] == '\r' ? newline - 1 : newline;
  const auto length = static_cast<size_t>(line_end - line);
  if (length == 0) {
    return newline + 1;  // An empty line is a row of NULLs.
  }
  if (std::memchr(line, options_.quote, length) != nullptr ||
      std::memchr(line, options_.csv_escape, length) != nullptr) {
    ParseQuotedCsvLine(line, line_end, row);
    return newline + 1;
  }
  const char separator = options_.separator;
  const char* field = line;
  for (size_t column = 0; column < slot_of_column_.size(); ++column) {
    const auto* stop = static_cast<const char*>(
        std::memchr(field, separator, static_cast<size_t>(line_end - field)));
    if (stop == nullptr) {
      Emit(column, row, field, line_end, 0);
      break;
    }
    Emit(column, row, field, stop, 0);
    field = stop + 1;
  }
  return newline + 1;
}

// OpenCSV's CSVParser.parseLine as Trino's CsvDeserializer keeps it, bug for
// bug: an escape byte keeps a following quote or escape byte; a doubled quote
// inside quotes is one quote; a quote in the middle of a field ("a,bc"d"ef")
// is kept literally; an unterminated quoted last field is NULL.
void LineTokenizer::ParseQuotedCsvLine(const char* line, const char* line_end, size_t row) {
  const char separator = options_.separator;
  const char quote = options_.quote;
  const char escape = options_.csv_escape;
  const auto length = static_cast<size_t>(line_end - line);
  const auto peek = [&](size_t i) {
    return i + 1 < length ? line[i + 1] : '\0';
  };
  const auto has_next = [&](size_t i) {
    return i + 1 < length;
  };
  heap_used_ = true;
  const auto emit = [&](size_t column) {
    char* copy = csv_heap_->Allocate(scratch_.size());
    std::memcpy(copy, scratch_.data(), scratch_.size());
    Emit(column, row, copy, copy + scratch_.size(), 0);
  };
  scratch_.clear();
  size_t column = 0;
  bool in_quotes = false;
  bool in_field = false;
  for (size_t i = 0; i < length && column < slot_of_column_.size(); ++i) {
    const char c = line[i];
    if (c == escape) {
      if ((in_quotes || in_field) && has_next(i) && (peek(i) == quote || peek(i) == escape)) {
        scratch_ += line[++i];
      }
    } else if (c == quote) {
      if ((in_quotes || in_field) && has_next(i) && peek(i) == quote) {
        scratch_ += line[++i];
      } else {
        if (i > 2 && line[i - 1] != separator && length > i + 1 && line[i + 1] != separator) {
          if (!scratch_.empty() && IsAllWhitespace(scratch_)) {
            scratch_.clear();
          } else {
            scratch_ += c;
          }
        }
        in_quotes = !in_quotes;
      }
      in_field = !in_field;
    } else if (c == separator && !in_quotes) {
      emit(column++);
      scratch_.clear();
      in_field = false;
    } else {
      scratch_ += c;
      in_field = true;
    }
  }
  if (column < slot_of_column_.size() && !in_quotes) {
    emit(column);
  }
}

}  // namespace stratus::formats::text
