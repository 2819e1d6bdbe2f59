#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::aws {

class ServiceModel;

/// Converts between the JSON bodies of the json and rest-json protocols and
/// operation JSON (our convention: member names as in the model, blobs base64,
/// timestamps epoch seconds). Wire bodies name members by locationName when
/// the model gives one, and encode timestamps per timestampFormat
/// (epoch seconds by default).

/// Reads a wire value of the shape `ref` points at. Null members are dropped;
/// unknown members are ignored; a value of the wrong JSON type is
/// InvalidArgument tagged "SerializationException". `path` names the value in
/// error messages.
Result<Json> ReadJsonValue(const ServiceModel& service,
                           const Json& ref,
                           const Json& wire,
                           std::string_view path);

/// Writes operation JSON as a wire value of the shape `ref` points at. Values
/// of an unexpected type are passed through unchanged (the handler's bug,
/// never the client's). Response bodies are written as text in one pass by
/// json_wire_writer.h, which must give the same bytes as this value dumped;
/// error bodies, which get members added, are built with this.
Json WriteJsonValue(const ServiceModel& service, const Json& ref, const Json& value);

/// Reads/writes only the members of `structure` that `include` accepts
/// (rest-json bodies leave out members bound to headers, the URI or the query).
Result<Json> ReadJsonMembers(const ServiceModel& service,
                             const Json& structure,
                             const Json& wire,
                             bool (*include)(const Json& member_ref));
Json WriteJsonMembers(const ServiceModel& service,
                      const Json& structure,
                      const Json& value,
                      bool (*include)(const Json& member_ref));

/// Returns the SerializationException error for a body or value that does not parse.
Status SerializationError(std::string message);

}  // namespace stratus::aws
