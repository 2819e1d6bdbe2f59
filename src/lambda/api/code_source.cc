#include "lambda/api/code_source.h"

#include "base/digest.h"
#include "base/format.h"
#include "lake/lake.h"
#include "lambda/api/request_fields.h"
#include "lambda/engine.h"
#include "lambda/errors.h"

namespace stratus::lambda::api {

Result<CodeInfo> StoreCode(LambdaEngine& engine, const Json& code) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> image, OptionalString(code, "ImageUri"));
  if (image.has_value()) {
    return LambdaError::InvalidParameter(
        "Container images (ImageUri) are not supported by stratus: it runs functions as local "
        "processes without Docker. Deploy a .zip package (ZipFile, or S3Bucket and S3Key).");
  }
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> zip_base64, OptionalString(code, "ZipFile"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> bucket, OptionalString(code, "S3Bucket"));
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> key, OptionalString(code, "S3Key"));
  std::string zip;
  if (zip_base64.has_value()) {
    if (!Base64Decode(*zip_base64, &zip)) {
      return LambdaError::InvalidParameter("ZipFile is not valid base64");
    }
  } else if (bucket.has_value() && key.has_value()) {
    if (engine.lake() == nullptr) {
      return LambdaError::Service("no lake to read S3 code from");
    }
    Result<std::string> read = engine.lake()->Read(Format("s3://{}/{}", *bucket, *key));
    if (!read.ok()) {
      // AWS: "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: ..."
      return LambdaError::InvalidParameter(
          Format("Error occurred while GetObject. S3 Error Code: {}. S3 Error Message: {}",
                 read.status().code() == StatusCode::kNotFound ? "NoSuchKey" : "InternalError",
                 read.status().message()));
    }
    zip = *std::move(read);
  } else {
    return LambdaError::InvalidParameter(
        "Please provide a source for function code (ZipFile, or S3Bucket and S3Key).");
  }
  return engine.code().Put(zip);
}

}  // namespace stratus::lambda::api
