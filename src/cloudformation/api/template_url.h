#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "base/result.h"

namespace stratus::cloudformation {

class ServiceCaller;

/// The S3 object a TemplateURL names: bucket and key, from a path-style
/// ("https://s3.amazonaws.com/BUCKET/KEY", "http://localhost:4566/BUCKET/KEY")
/// or virtual-hosted ("https://BUCKET.s3.REGION.amazonaws.com/KEY") URL.
/// Anything else is ValidationError "TemplateURL must be a supported URL.".
Result<std::pair<std::string, std::string>> ParseTemplateUrl(std::string_view url);

/// Returns a fetcher that reads a TemplateURL's object through S3's
/// GetObject in the operation table (via `caller`).
std::function<Result<std::string>(const std::string& url)> MakeS3TemplateFetcher(
    std::shared_ptr<const ServiceCaller> caller);

}  // namespace stratus::cloudformation
