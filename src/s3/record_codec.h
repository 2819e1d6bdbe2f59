#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "s3/object_types.h"

namespace stratus::s3 {

// The two blobs of an `objects` row (docs/formats/s3.md): an object's
// attributes, and where its bytes are. Both start with a format version
// byte, then strings as varint length + bytes and numbers as varints.

/// Encodes `attributes` for the `attributes` column.
std::string EncodeAttributes(const ObjectAttributes& attributes);

/// Decodes an `attributes` column; Corruption when it is malformed.
Result<ObjectAttributes> DecodeAttributes(std::string_view bytes);

/// Encodes the storage of `version` (inline flag, segments, parts) for the
/// `storage` column.
std::string EncodeStorage(const ObjectVersion& version);

/// Decodes a `storage` column into `version`'s storage fields.
Status DecodeStorage(std::string_view bytes, ObjectVersion* version);

/// Encodes (name, value) pairs alone (tag sets of uploads and configs).
std::string EncodePairs(const Pairs& pairs);
Result<Pairs> DecodePairs(std::string_view bytes);

}  // namespace stratus::s3
