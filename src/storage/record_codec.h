#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::storage {

/// Writes the fields of a record that a service keeps in one BLOB column:
/// a format byte, then varints (LEB128), zigzag integers, booleans as one
/// byte and length-prefixed strings. Services build their records (S3's
/// object attributes, Glue's table definitions) from these; their layouts
/// are in docs/formats/.
class RecordWriter {
 public:
  /// Starts a record whose first byte is `format`.
  explicit RecordWriter(uint8_t format) { out_.push_back(static_cast<char>(format)); }

  void Varint(uint64_t value);
  void Int(int64_t value);  // Zigzag, then Varint.
  void Bool(bool value);
  void String(std::string_view text);                   // Varint length, then the bytes.
  void Strings(const std::vector<std::string>& texts);  // Varint count, then each String.

  /// Writes whether `value` is present (a Bool) and, if it is, calls
  /// write(*value) to write its fields.
  template <typename T, typename Write>
  void Optional(const std::optional<T>& value, Write write) {
    Bool(value.has_value());
    if (value.has_value()) {
      write(*value);
    }
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

/// Reads what a RecordWriter wrote; every read checks its bounds, and a
/// record that is cut short or malformed is Corruption ("<what> record is
/// malformed"), never a crash.
class RecordReader {
 public:
  /// `what` names the record in errors ("s3", "glue").
  RecordReader(std::string_view bytes, std::string_view what) : bytes_(bytes), what_(what) {}

  /// Checks the format byte.
  Status Format(uint8_t expected);
  Result<uint64_t> Varint();
  Result<int64_t> Int();
  Result<bool> Bool();
  Result<std::string> String();
  Result<std::vector<std::string>> Strings();

  /// Reads what RecordWriter::Optional wrote: nullopt, or the value that
  /// read() (returning Result<T>) reads.
  template <typename T, typename Read>
  Result<std::optional<T>> Optional(Read read) {
    STRATUS_ASSIGN_OR_RETURN(bool present, Bool());
    if (!present) {
      return std::optional<T>();
    }
    STRATUS_ASSIGN_OR_RETURN(T value, read());
    return std::optional<T>(std::move(value));
  }

  /// Returns a count of elements that are each at least one byte long (so
  /// that a corrupt count cannot ask for more than the record holds).
  Result<uint64_t> Count();
  /// Checks that every byte was read.
  Status End() const;

  Status Malformed() const;

 private:
  std::string_view bytes_;
  std::string_view what_;
  size_t position_ = 0;
};

}  // namespace stratus::storage
