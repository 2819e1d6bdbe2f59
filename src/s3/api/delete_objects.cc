#include <utility>

#include "s3/api/handlers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"

namespace stratus::s3::api::handlers {
namespace {

// AWS: one DeleteObjects request names at most 1,000 keys.
constexpr size_t kMaxKeys = 1000;

}  // namespace

void DeleteObjects(S3Service& service,
                   const aws::RequestContext& /*context*/,
                   const Json& input,
                   aws::Reply reply) {
  auto prepare = [&]() -> Result<std::pair<std::vector<Engine::DeleteTarget>, bool>> {
    STRATUS_ASSIGN_OR_RETURN(Json request, OptionalObject(input, "Delete"));
    STRATUS_ASSIGN_OR_RETURN(Json objects, OptionalArray(request, "Objects"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<bool> quiet, OptionalBool(request, "Quiet"));
    if (objects.empty() || objects.size() > kMaxKeys) {
      return S3Error::MalformedXml();
    }
    std::vector<Engine::DeleteTarget> targets;
    for (const Json& object : objects) {
      STRATUS_ASSIGN_OR_RETURN(std::string key, RequiredString(object, "Key"));
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> version_id,
                               OptionalString(object, "VersionId"));
      targets.push_back(Engine::DeleteTarget{.key = std::move(key), .version_id = version_id});
    }
    return std::make_pair(std::move(targets), quiet.value_or(false));
  };
  Result<std::string> bucket = RequiredString(input, "Bucket");
  if (!bucket.ok()) {
    reply(bucket.status());
    return;
  }
  auto prepared = prepare();
  if (!prepared.ok()) {
    reply(prepared.status());
    return;
  }
  Result<BucketInfo> info = service.engine().FindBucket(*bucket);
  if (!info.ok()) {
    reply(info.status());
    return;
  }
  const bool versioned = info->versioning != VersioningState::kUnversioned;
  std::vector<Engine::DeleteTarget> targets = std::move(prepared->first);
  const bool quiet = prepared->second;
  std::vector<std::pair<std::string, std::optional<std::string>>> asked;
  asked.reserve(targets.size());
  for (const Engine::DeleteTarget& target : targets) {
    asked.emplace_back(target.key, target.version_id);
  }
  service.engine().DeleteObjects(
      *bucket, std::move(targets),
      [versioned, quiet, asked = std::move(asked),
       reply = std::move(reply)](Result<std::vector<Result<DeleteResult>>> results) {
        if (!results.ok()) {
          reply(results.status());
          return;
        }
        Json deleted = Json::array();
        Json errors = Json::array();
        for (size_t i = 0; i < results->size(); ++i) {
          const Result<DeleteResult>& result = (*results)[i];
          const auto& [key, version_id] = asked[i];
          if (!result.ok()) {
            Json error = {{"Key", key},
                          {"Code", result.status().aws_type().empty() ? std::string("InternalError")
                                                                      : result.status().aws_type()},
                          {"Message", result.status().message()}};
            if (version_id.has_value()) {
              error["VersionId"] = *version_id;
            }
            errors.push_back(std::move(error));
            continue;
          }
          if (quiet) {
            continue;  // AWS: quiet mode reports only the errors.
          }
          Json entry = {{"Key", key}};
          if (version_id.has_value()) {
            entry["VersionId"] = *version_id;
          }
          if (result->delete_marker) {
            entry["DeleteMarker"] = true;
            if (versioned) {
              entry["DeleteMarkerVersionId"] = result->version_id;
            }
          }
          deleted.push_back(std::move(entry));
        }
        Json output = Json::object();
        if (!deleted.empty()) {
          output["Deleted"] = std::move(deleted);
        }
        if (!errors.empty()) {
          output["Errors"] = std::move(errors);
        }
        reply(std::move(output));
      });
}

}  // namespace stratus::s3::api::handlers
