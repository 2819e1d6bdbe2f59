#include "s3/api/lifecycle.h"

#include <future>
#include <utility>

#include "s3/api/object_headers.h"
#include "s3/api/request_fields.h"
#include "s3/api/s3_service.h"
#include "s3/errors.h"
#include "s3/log.h"
#include "storage/timer_service.h"

namespace stratus::s3::api {
namespace {

constexpr std::string_view kTimerOwner = "s3-lifecycle";
constexpr std::string_view kTimerId = "s3-lifecycle-daily";
constexpr int64_t kDayMillis = int64_t{24} * 60 * 60 * 1000;

Result<std::optional<int>> Days(const Json& action, std::string_view member) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> days, OptionalInteger(action, member));
  if (!days.has_value()) {
    return std::optional<int>();
  }
  if (*days <= 0 || *days > 100000) {
    return S3Error::InvalidArgument("'Days' for Expiration action must be a positive integer");
  }
  return std::optional<int>(static_cast<int>(*days));
}

// Reads a rule's filter: Filter.Prefix, Filter.Tag, Filter.And, the size
// bounds, or the legacy rule-level Prefix.
Status ReadFilter(const Json& rule, LifecycleRule* out) {
  STRATUS_ASSIGN_OR_RETURN(out->prefix, StringOr(rule, "Prefix", ""));
  STRATUS_ASSIGN_OR_RETURN(Json filter, OptionalObject(rule, "Filter"));
  STRATUS_ASSIGN_OR_RETURN(Json conjunction, OptionalObject(filter, "And"));
  for (const Json* part : {&filter, &conjunction}) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> prefix, OptionalString(*part, "Prefix"));
    if (prefix.has_value()) {
      out->prefix = *prefix;
    }
    STRATUS_ASSIGN_OR_RETURN(Json tag, OptionalObject(*part, "Tag"));
    if (!tag.empty()) {
      STRATUS_ASSIGN_OR_RETURN(Pairs tags, TagsFromTagSet(Json::array({tag})));
      out->tags.insert(out->tags.end(), tags.begin(), tags.end());
    }
    STRATUS_ASSIGN_OR_RETURN(Json tags, OptionalArray(*part, "Tags"));
    if (!tags.empty()) {
      STRATUS_ASSIGN_OR_RETURN(Pairs parsed, TagsFromTagSet(tags));
      out->tags.insert(out->tags.end(), parsed.begin(), parsed.end());
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> greater,
                             OptionalInteger(*part, "ObjectSizeGreaterThan"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> less,
                             OptionalInteger(*part, "ObjectSizeLessThan"));
    if (greater.has_value()) {
      out->size_greater_than = static_cast<uint64_t>(std::max<int64_t>(0, *greater));
    }
    if (less.has_value()) {
      out->size_less_than = static_cast<uint64_t>(std::max<int64_t>(0, *less));
    }
  }
  return Status::Ok();
}

// Returns the next midnight UTC strictly after `now_millis`.
int64_t NextMidnight(int64_t now_millis) {
  return (now_millis / kDayMillis + 1) * kDayMillis;
}

}  // namespace

Result<std::vector<LifecycleRule>> LifecycleRulesFromConfiguration(const Json& configuration) {
  std::vector<LifecycleRule> rules;
  STRATUS_ASSIGN_OR_RETURN(Json entries, OptionalArray(configuration, "Rules"));
  for (const Json& entry : entries) {
    LifecycleRule rule;
    STRATUS_ASSIGN_OR_RETURN(rule.id, StringOr(entry, "ID", ""));
    STRATUS_ASSIGN_OR_RETURN(std::string status, StringOr(entry, "Status", ""));
    rule.enabled = status == "Enabled";
    STRATUS_RETURN_IF_ERROR(ReadFilter(entry, &rule));
    STRATUS_ASSIGN_OR_RETURN(Json expiration, OptionalObject(entry, "Expiration"));
    STRATUS_ASSIGN_OR_RETURN(rule.expiration_days, Days(expiration, "Days"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<double> date, OptionalNumber(expiration, "Date"));
    if (date.has_value()) {
      rule.expiration_date_millis = static_cast<int64_t>(*date * 1000);
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<bool> marker,
                             OptionalBool(expiration, "ExpiredObjectDeleteMarker"));
    rule.expired_object_delete_marker = marker.value_or(false);
    STRATUS_ASSIGN_OR_RETURN(Json noncurrent, OptionalObject(entry, "NoncurrentVersionExpiration"));
    STRATUS_ASSIGN_OR_RETURN(rule.noncurrent_days, Days(noncurrent, "NoncurrentDays"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<int64_t> newer,
                             OptionalInteger(noncurrent, "NewerNoncurrentVersions"));
    if (newer.has_value()) {
      rule.newer_noncurrent_versions = static_cast<int>(*newer);
    }
    STRATUS_ASSIGN_OR_RETURN(Json abort, OptionalObject(entry, "AbortIncompleteMultipartUpload"));
    STRATUS_ASSIGN_OR_RETURN(rule.abort_incomplete_upload_days, Days(abort, "DaysAfterInitiation"));
    rules.push_back(std::move(rule));
  }
  return rules;
}

LifecycleRunner::LifecycleRunner(S3Service& service) : service_(service) {}

LifecycleRunner::~LifecycleRunner() {
  Stop();
}

Status LifecycleRunner::Start() {
  timers_ = std::make_unique<storage::TimerService>(service_.engine().database(), service_.clock());
  timers_->RegisterHandler(std::string(kTimerOwner), [this](const storage::TimerFired& fired) {
    Result<LifecycleReport> report = RunOnce(fired.due_millis);
    if (!report.ok()) {
      kS3Log.Warn("lifecycle run failed: {}", report.status().ToString());
    }
    ScheduleNext();
  });
  STRATUS_RETURN_IF_ERROR(timers_->Load());
  if (!timers_->NextDue().has_value()) {
    ScheduleNext();
  }
  timers_->Start();
  return Status::Ok();
}

void LifecycleRunner::Stop() {
  if (timers_ != nullptr) {
    timers_->Stop();
  }
}

void LifecycleRunner::ScheduleNext() {
  const int64_t due = NextMidnight(service_.clock().NowMillis());
  timers_->Schedule(std::string(kTimerOwner), std::string(kTimerId), FromUnixMillis(due), "",
                    [](const Status& scheduled) {
                      if (!scheduled.ok()) {
                        kS3Log.Warn("cannot schedule the lifecycle run: {}", scheduled.ToString());
                      }
                    });
}

Result<LifecycleReport> LifecycleRunner::RunOnce(int64_t now_millis) {
  Engine& engine = service_.engine();
  LifecycleReport total;
  for (const BucketInfo& bucket : engine.Buckets()) {
    Result<std::string> stored = engine.GetBucketConfig(bucket.name, "lifecycle", "");
    if (!stored.ok()) {
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(Json configuration, ParseJson(*stored));
    STRATUS_ASSIGN_OR_RETURN(std::vector<LifecycleRule> rules,
                             LifecycleRulesFromConfiguration(configuration));
    auto promise = std::make_shared<std::promise<Result<LifecycleReport>>>();
    std::future<Result<LifecycleReport>> future = promise->get_future();
    engine.ApplyLifecycle(
        bucket.name, std::move(rules), now_millis,
        [promise](Result<LifecycleReport> report) { promise->set_value(std::move(report)); });
    STRATUS_ASSIGN_OR_RETURN(LifecycleReport report, future.get());
    total.expired += report.expired;
    total.noncurrent_removed += report.noncurrent_removed;
    total.delete_markers_removed += report.delete_markers_removed;
    total.uploads_aborted += report.uploads_aborted;
  }
  return total;
}

}  // namespace stratus::s3::api
