#pragma once

// The bridge to Apache Avro C: a parsed schema, and the binary encoding and
// decoding of datums under it (the container framing is ours:
// object_container.cc).
//
// Thread safety: an AvroDatumCodec is used by one thread at a time.

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "formats/avro/avro_value.h"

namespace stratus::formats::avro {

/// Encodes and decodes datums of one schema with avro-c.
class AvroDatumCodec {
 public:
  /// Parses the schema JSON; invalid JSON or schema is InvalidArgument.
  static Result<std::unique_ptr<AvroDatumCodec>> Make(std::string_view schema_json);
  ~AvroDatumCodec();
  AvroDatumCodec(const AvroDatumCodec&) = delete;
  AvroDatumCodec& operator=(const AvroDatumCodec&) = delete;

  /// Appends the binary encoding of `value` to *out.
  Status Encode(const AvroValue& value, std::string* out);

  /// Decodes `count` datums from `bytes` into *out; they must use all the bytes.
  Status DecodeBlock(std::string_view bytes, int64_t count, std::vector<AvroValue>* out);

 private:
  struct State;
  explicit AvroDatumCodec(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

}  // namespace stratus::formats::avro
