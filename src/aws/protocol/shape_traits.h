#pragma once

#include <string>
#include <string_view>

#include "base/json.h"

namespace stratus::aws {

class ServiceModel;

/// Read-only accessors for botocore shape and member-reference traits. A
/// shape is `{"type": ..., ...}`; a reference is `{"shape": "Name", ...}`.
/// Missing or mistyped traits read as empty/false: models are trusted data,
/// so these never fail.

/// Returns the string trait `key` of `object`, or "" when absent.
std::string_view StringTrait(const Json& object, std::string_view key);
/// Returns true when `object` has the boolean trait `key` set to true.
bool BoolTrait(const Json& object, std::string_view key);
/// Returns the object trait `key`, or an empty object.
const Json& ObjectTrait(const Json& object, std::string_view key);

/// Returns the shape a reference points at; an empty object when the
/// reference names no known shape.
const Json& ResolveShape(const ServiceModel& service, const Json& ref);

/// Returns the shape's type: "structure", "list", "map", "string", "blob",
/// "boolean", "integer", "long", "float", "double", "bigdecimal",
/// "biginteger", "timestamp", "byte", "short", "union" (reported as
/// "structure"), or "" for an unknown shape.
std::string_view ShapeType(const Json& shape);

/// Returns `ref`'s locationName (else the shape's), or `fallback`.
std::string SerializedName(const Json& ref, const Json& shape, std::string_view fallback);

/// Returns true when the reference or its shape is flattened.
bool IsFlattened(const Json& ref, const Json& shape);

/// Returns the reference's (else the shape's) timestampFormat, or `fallback`.
std::string_view TimestampFormatOf(const Json& ref, const Json& shape, std::string_view fallback);

/// Returns the empty JSON object used as a missing reference.
const Json& EmptyJsonObject();

}  // namespace stratus::aws
