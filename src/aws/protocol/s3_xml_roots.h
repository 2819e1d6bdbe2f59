#pragma once

#include <string_view>

namespace stratus::aws {

/// S3 answers with root elements its model does not name: the output shape
/// is "ListObjectsV2Output" but the document is <ListBucketResult>. Returns
/// the root S3 uses for an output shape of the S3 model, or "" when the
/// shape's own name (or locationName) is right.
///
/// AWS: the root elements of the S3 API reference's response syntax, e.g.
/// ListObjectsV2 "<ListBucketResult>", DeleteObjects "<DeleteResult>".
/// Pinned by test/wire/test_s3_xml_documents.py.
std::string_view S3ResponseRoot(std::string_view output_shape);

/// The XML namespace of every S3 document.
inline constexpr std::string_view kS3XmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

}  // namespace stratus::aws
