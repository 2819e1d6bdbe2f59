#pragma once

#include <string_view>

#include "aws/protocol/xml_document.h"
#include "aws/protocol/xml_writer.h"
#include "base/json.h"
#include "base/result.h"

namespace stratus::aws {

class ServiceModel;

/// Converts between XML (query responses, rest-xml bodies) and operation
/// JSON, following the model's XML traits the way botocore does: member
/// names from locationName, `flattened` lists and maps, list member names
/// (`member` by default), map `entry`/`key`/`value` names, xmlAttribute
/// members, xmlNamespace declarations. Timestamps are ISO 8601 unless a
/// timestampFormat trait says otherwise; blobs are base64 text.

/// Writes `value` (operation JSON of the shape `ref` points at) as the
/// element(s) named `name`. Flattened lists and maps write one element per
/// item, named as SDK parsers expect.
void WriteXmlMember(XmlWriter& writer,
                    const ServiceModel& service,
                    std::string_view name,
                    const Json& ref,
                    const Json& value);

/// Writes the members of structure `shape` (child elements only).
void WriteXmlStructureMembers(XmlWriter& writer,
                              const ServiceModel& service,
                              const Json& shape,
                              const Json& value);

/// Returns a structure's xmlAttribute members and the xmlns declaration of
/// `ref`/its shape, as attributes of the element that holds the structure.
XmlWriter::Attributes XmlStructureAttributes(const ServiceModel& service,
                                             const Json& ref,
                                             const Json& value);

/// Returns the member name under which an SDK looks for `member` in XML
/// (the list member's name for a flattened list with one, else the
/// member's locationName, else `member_name`).
std::string XmlMemberName(const ServiceModel& service,
                          const Json& member_ref,
                          std::string_view member_name);

/// Reads the members of structure `shape` from `element`'s children and
/// attributes. Members with a REST `location` (header, uri, ...) are
/// skipped. A value that does not parse (an integer "abc") is
/// InvalidArgument tagged "SerializationException".
Result<Json> ReadXmlStructure(const ServiceModel& service,
                              const Json& shape,
                              const XmlElement& element);

/// Reads one value of the shape `ref` points at from `element` (for a
/// flattened list or map, `element` is one of its repeated elements).
Result<Json> ReadXmlValue(const ServiceModel& service, const Json& ref, const XmlElement& element);

/// Converts a scalar's text (a query parameter or XML text) to operation
/// JSON for `shape`'s type; `format_ref` supplies the timestampFormat.
Result<Json> ReadScalarText(const Json& ref, const Json& shape, std::string_view text);

/// Formats a scalar of operation JSON as text for XML, query strings and
/// headers; `default_timestamp_format` applies without a timestampFormat trait.
std::string ScalarText(const Json& ref,
                       const Json& shape,
                       const Json& value,
                       std::string_view default_timestamp_format);

}  // namespace stratus::aws
