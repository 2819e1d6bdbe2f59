#pragma once

// The Thrift compact protocol, as much of it as Parquet's footer and page
// headers use (docs/formats/parquet.md, "Thrift compact protocol").
//
// ThriftCompactReader walks bytes that may be corrupt or hostile: every read
// is bounds-checked, list sizes are capped by the bytes left and nesting by
// kMaxDepth, and every failure is Corruption — never a crash or an allocation
// larger than the input. ThriftCompactWriter appends to a std::string.
//
// Thread safety: both are used by one thread at a time.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::formats::parquet {

/// Compact protocol type ids (the low nibble of a field header).
enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

/// A field's id and type, as NextField() reads them.
struct ThriftField {
  int16_t id = 0;
  ThriftType type = ThriftType::kStop;
};

/// A list's element type and size.
struct ThriftList {
  ThriftType element_type = ThriftType::kStop;
  uint32_t size = 0;
};

/// Reads compact-protocol values from a byte range (see the essay above).
class ThriftCompactReader {
 public:
  static constexpr int kMaxDepth = 64;

  explicit ThriftCompactReader(std::string_view bytes) : bytes_(bytes) {}

  /// Enters a struct (the top level or a struct-typed field or element).
  Status BeginStruct();
  /// Reads the next field header; returns false at the struct's stop byte,
  /// which also leaves the struct.
  Result<bool> NextField(ThriftField* field);
  /// Reads an i8/i16/i32/i64 (zigzag varint; a byte for kByte).
  Result<int64_t> ReadInt(ThriftType type);
  /// Reads an integer field and checks it fits int32.
  Result<int32_t> ReadInt32(ThriftType type);
  /// Returns a bool field's value (held in its type).
  Result<bool> ReadBool(ThriftType type);
  Result<std::string_view> ReadBinary();
  Result<ThriftList> ReadListHeader();
  /// Skips a value of any type, nested values included.
  Status Skip(ThriftType type);

  /// Bytes consumed so far.
  size_t position() const { return position_; }

 private:
  Result<uint64_t> ReadVarint();
  Result<uint8_t> ReadByte();

  std::string_view bytes_;
  size_t position_ = 0;
  std::vector<int16_t> last_ids_;  // One per open struct.
};

/// Appends compact-protocol values to a string.
class ThriftCompactWriter {
 public:
  explicit ThriftCompactWriter(std::string* out) : out_(out) {}

  void BeginStruct() { last_ids_.push_back(0); }

  /// Writes the stop byte and leaves the struct.
  void EndStruct();
  void FieldHeader(int16_t id, ThriftType type);
  void FieldI32(int16_t id, int32_t value);
  void FieldI64(int16_t id, int64_t value);
  void FieldBool(int16_t id, bool value);
  void FieldBinary(int16_t id, std::string_view value);
  /// Starts a struct-typed field; close it with EndStruct().
  void FieldStruct(int16_t id);
  /// Starts a list-typed field; write `size` elements next.
  void FieldList(int16_t id, ThriftType element_type, uint32_t size);
  void Int(int64_t value);

  /// Writes an i8 (one raw byte).
  void Byte(int8_t value) { out_->push_back(static_cast<char>(value)); }

  void Binary(std::string_view value);

 private:
  void Varint(uint64_t value);

  std::string* out_;
  std::vector<int16_t> last_ids_;
};

}  // namespace stratus::formats::parquet
