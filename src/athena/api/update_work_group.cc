#include <utility>

#include "athena/api/athena_json.h"
#include "athena/api/handlers.h"
#include "athena/api/request_fields.h"
#include "athena/engine.h"
#include "athena/store.h"
#include "base/clock.h"

namespace stratus::athena::api {
namespace {

// Applies WorkGroupConfigurationUpdates (update) to `work_group`.
Status ApplyUpdates(const Json& updates, WorkGroup& work_group) {
  STRATUS_ASSIGN_OR_RETURN(Json result, OptionalObject(updates, "ResultConfigurationUpdates"));
  STRATUS_ASSIGN_OR_RETURN(work_group.output_location,
                           StringOr(result, "OutputLocation", work_group.output_location));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> remove_location,
                           OptionalBool(result, "RemoveOutputLocation"));
  if (remove_location.value_or(false)) {
    work_group.output_location.clear();
  }
  STRATUS_ASSIGN_OR_RETURN(
      work_group.expected_bucket_owner,
      StringOr(result, "ExpectedBucketOwner", work_group.expected_bucket_owner));
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> enforce,
                           OptionalBool(updates, "EnforceWorkGroupConfiguration"));
  work_group.enforce_configuration = enforce.value_or(work_group.enforce_configuration);
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> publish,
                           OptionalBool(updates, "PublishCloudWatchMetricsEnabled"));
  work_group.publish_cloudwatch_metrics = publish.value_or(work_group.publish_cloudwatch_metrics);
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> requester_pays,
                           OptionalBool(updates, "RequesterPaysEnabled"));
  work_group.requester_pays = requester_pays.value_or(work_group.requester_pays);
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> cutoff,
                           OptionalInteger(updates, "BytesScannedCutoffPerQuery"));
  work_group.bytes_scanned_cutoff = cutoff.value_or(work_group.bytes_scanned_cutoff);
  STRATUS_ASSIGN_OR_RETURN(std::optional<bool> remove_cutoff,
                           OptionalBool(updates, "RemoveBytesScannedCutoffPerQuery"));
  if (remove_cutoff.value_or(false)) {
    work_group.bytes_scanned_cutoff = 0;
  }
  STRATUS_ASSIGN_OR_RETURN(Json engine_version, OptionalObject(updates, "EngineVersion"));
  STRATUS_ASSIGN_OR_RETURN(
      work_group.selected_engine_version,
      StringOr(engine_version, "SelectedEngineVersion", work_group.selected_engine_version));
  return Status::Ok();
}

}  // namespace

void UpdateWorkGroup(Engine& engine,
                     const aws::RequestContext& /*context*/,
                     const Json& input,
                     aws::Reply reply) {
  StartOrReply(reply, [&]() -> Status {
    STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredString(input, "WorkGroup"));
    STRATUS_ASSIGN_OR_RETURN(WorkGroup work_group, engine.store().GetWorkGroup(name));
    STRATUS_ASSIGN_OR_RETURN(work_group.description,
                             StringOr(input, "Description", work_group.description));
    STRATUS_ASSIGN_OR_RETURN(work_group.state, StringOr(input, "State", work_group.state));
    STRATUS_ASSIGN_OR_RETURN(Json updates, OptionalObject(input, "ConfigurationUpdates"));
    STRATUS_RETURN_IF_ERROR(ApplyUpdates(updates, work_group));
    engine.store().PutWorkGroup(std::move(work_group),
                                ReplyEmptyAfterCommit<bool>(std::move(reply)));
    return Status::Ok();
  });
}

}  // namespace stratus::athena::api
