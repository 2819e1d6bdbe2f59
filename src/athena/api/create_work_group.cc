#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/data_catalog_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {
namespace {

// Applies a WorkGroupConfiguration (create) to `work_group`.
Status ApplyConfiguration(const Json& configuration, WorkGroup& work_group) {
  STRATUS_ASSIGN_OR_RETURN(Json result, OptionalObject(configuration, "ResultConfiguration"));
  STRATUS_ASSIGN_OR_RETURN(work_group.output_location, StringOr(result, "OutputLocation", ""));
  STRATUS_ASSIGN_OR_RETURN(work_group.expected_bucket_owner,
                           StringOr(result, "ExpectedBucketOwner", ""));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> enforce,
                           OptionalBool(configuration, "EnforceWorkGroupConfiguration"));
  // AWS: EnforceWorkGroupConfiguration defaults to true.
  work_group.enforce_configuration = enforce.value_or(true);
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> publish,
                           OptionalBool(configuration, "PublishCloudWatchMetricsEnabled"));
  work_group.publish_cloudwatch_metrics = publish.value_or(true);
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> requester_pays,
                           OptionalBool(configuration, "RequesterPaysEnabled"));
  work_group.requester_pays = requester_pays.value_or(false);
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> cutoff,
                           OptionalInteger(configuration, "BytesScannedCutoffPerQuery"));
  work_group.bytes_scanned_cutoff = cutoff.value_or(0);
  STRATUS_ASSIGN_OR_RETURN(Json engine_version, OptionalObject(configuration, "EngineVersion"));
  STRATUS_ASSIGN_OR_RETURN(work_group.selected_engine_version,
                           StringOr(engine_version, "SelectedEngineVersion", "AUTO"));
  return Status::Ok();
}

}  // namespace

void CreateWorkGroup(Engine& engine,
                     const aws::RequestContext& /*context*/,
                     const Json& input,
                     aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    WorkGroup work_group;
    STRATUS_ASSIGN_OR_RETURN(work_group.name, RequiredString(input, "Name"));
    STRATUS_ASSIGN_OR_RETURN(work_group.description, StringOr(input, "Description", ""));
    STRATUS_ASSIGN_OR_RETURN(Json configuration, OptionalObject(input, "Configuration"));
    STRATUS_RETURN_IF_ERROR(ApplyConfiguration(configuration, work_group));
    work_group.created_millis = engine.clock().NowMillis();
    STRATUS_ASSIGN_OR_RETURN(std::vector<Tag> tags, TagsOf(input, "Tags"));
    engine.store().CreateWorkGroup(std::move(work_group), std::move(tags),
                                   ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
