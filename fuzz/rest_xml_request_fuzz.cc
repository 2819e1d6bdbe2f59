// Fuzzes the rest-xml request codec with S3 operations whose input is an XML
// body. Byte 0 picks the operation; the rest of the input is the body.
//
// Properties: nothing crashes, and a body that parses becomes a JSON object.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "aws/model/model_registry.h"
#include "aws/model/service_model.h"
#include "aws/protocol/codec.h"
#include "base/check.h"
#include "fuzz_input.h"

namespace stratus::aws {
namespace {

struct XmlOperation {
  const char* name = "";
  const char* method = "";
  const char* target = "";  // A path and query that the operation's URI template matches.
};

constexpr XmlOperation kOperations[] = {
    {"DeleteObjects", "POST", "/bucket?delete"},
    {"CompleteMultipartUpload", "POST", "/bucket/dir/key?uploadId=upload-1"},
    {"PutBucketCors", "PUT", "/bucket?cors"},
    {"PutBucketTagging", "PUT", "/bucket?tagging"},
    {"PutObjectTagging", "PUT", "/bucket/key?tagging"},
    {"PutBucketLifecycleConfiguration", "PUT", "/bucket?lifecycle"},
    {"CreateBucket", "PUT", "/bucket"},
    {"PutBucketVersioning", "PUT", "/bucket?versioning"},
    {"PutBucketNotificationConfiguration", "PUT", "/bucket?notification"},
    {"RestoreObject", "POST", "/bucket/key?restore"},
    {"PutObjectAcl", "PUT", "/bucket/key?acl"},
    {"PutBucketWebsite", "PUT", "/bucket?website"},
};

const ServiceModel& S3() {
  static const ModelRegistry kRegistry;
  static const ServiceModel* const kS3 = kRegistry.Find("s3");
  STRATUS_CHECK(kS3 != nullptr, "no s3 model");
  return *kS3;
}

int FuzzOne(const uint8_t* data, size_t size) {
  fuzz::FuzzInput input(data, size);
  const XmlOperation& chosen = kOperations[input.Byte() % std::size(kOperations)];
  const ServiceModel& s3 = S3();
  const OperationModel* operation = s3.FindOperation(chosen.name);
  STRATUS_CHECK(operation != nullptr, "s3 has no {}", chosen.name);

  http::Request request;
  request.method = chosen.method;
  request.target = chosen.target;
  const std::string_view target = request.target;
  const size_t question = target.find('?');
  request.path = std::string(target.substr(0, question));
  request.query =
      question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
  request.headers.Add("Host", "localhost:4566");
  request.headers.Add("Content-Type", "application/xml");
  request.body = std::string(input.Rest());
  request.headers.Add("Content-Length", std::to_string(request.body.size()));

  Result<Json> parsed = CodecFor(Protocol::kRestXml).ParseRequest(s3, *operation, request);
  if (parsed.ok()) {
    STRATUS_CHECK(parsed->is_object(), "{} input is not an object", chosen.name);
  }
  return 0;
}

}  // namespace
}  // namespace stratus::aws

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return stratus::aws::FuzzOne(data, size);
}
