#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/api_members.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

using Kind = ApiMember::Kind;

constexpr std::string_view kType = "AWS::Lambda::EventSourceMapping";

// Properties UpdateEventSourceMapping changes in place (and CreateEventSourceMapping takes).
constexpr ApiMember kUpdatable[] = {
    {"BatchSize", Kind::kInteger},
    {"BisectBatchOnFunctionError", Kind::kBoolean},
    {"DestinationConfig", Kind::kObject},
    {"Enabled", Kind::kBoolean},
    {"FilterCriteria", Kind::kObject},
    {"FunctionName", Kind::kString},
    {"FunctionResponseTypes", Kind::kList},
    {"MaximumBatchingWindowInSeconds", Kind::kInteger},
    {"MaximumRecordAgeInSeconds", Kind::kInteger},
    {"MaximumRetryAttempts", Kind::kInteger},
    {"ParallelizationFactor", Kind::kInteger},
    {"ScalingConfig", Kind::kObject},
    {"TumblingWindowInSeconds", Kind::kInteger},
};

// AWS: "Update requires: Replacement" for these.
constexpr ApiMember kReplacing[] = {
    {"EventSourceArn", Kind::kString},
    {"Queues", Kind::kList},
    {"StartingPosition", Kind::kString},
    {"StartingPositionTimestamp", Kind::kInteger},
    {"Topics", Kind::kList},
};

std::vector<std::string_view> SupportedProperties() {
  std::vector<std::string_view> names = {"Tags"};
  for (const ApiMember& member : kUpdatable) {
    names.push_back(member.property);
  }
  for (const ApiMember& member : kReplacing) {
    names.push_back(member.property);
  }
  return names;
}

// A mapping's Ref is its UUID.
class EventSourceMappingProvider final : public ResourceProvider {
 public:
  explicit EventSourceMappingProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, SupportedProperties()));
    Json input = Json::object();
    STRATUS_RETURN_IF_ERROR(CopyApiMembers(properties, kUpdatable, &input));
    STRATUS_RETURN_IF_ERROR(CopyApiMembers(properties, kReplacing, &input));
    STRATUS_ASSIGN_OR_RETURN(Json tags, TagMap(properties));
    if (!tags.empty()) {
      input["Tags"] = tags;
    }
    STRATUS_ASSIGN_OR_RETURN(
        Json created, caller_->Call(request.stack, "lambda", "CreateEventSourceMapping", input));
    const std::string id = created.value("UUID", "");
    Result<ResourceOutcome> outcome = WaitSettled(request.stack, id);
    if (!outcome.ok()) {
      (void)caller_->Call(request.stack, "lambda", "DeleteEventSourceMapping", {{"UUID", id}});
    }
    return outcome;
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    for (const ApiMember& member : kReplacing) {
      if (PropertyChanged(request, member.property)) {
        return UpdateKind::kReplacement;
      }
    }
    return UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, SupportedProperties()));
    if (PropertyChanged(request, "Tags")) {
      return Status::InvalidArgument(
          "Updating Tags of an AWS::Lambda::EventSourceMapping is not supported by stratus");
    }
    Json input = Json::object();
    for (const ApiMember& member : kUpdatable) {
      if (PropertyChanged(request, member.property)) {
        STRATUS_RETURN_IF_ERROR(CopyApiMembers(request.properties, std::span(&member, 1), &input));
      }
    }
    if (!input.empty()) {
      input["UUID"] = request.physical_id;
      STRATUS_RETURN_IF_ERROR(
          caller_->Call(request.stack, "lambda", "UpdateEventSourceMapping", input).status());
    }
    return WaitSettled(request.stack, request.physical_id);
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Status status = caller_
                        ->Call(request.stack, "lambda", "DeleteEventSourceMapping",
                               {{"UUID", request.physical_id}})
                        .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  // Waits while the mapping is Creating, Enabling, Updating or Disabling.
  Result<ResourceOutcome> WaitSettled(const StackIdentity& stack, const std::string& id) const {
    auto check = [](const Json& output) -> Result<ServiceCaller::Poll> {
      const std::string state = output.value("State", "Enabled");
      return state.ends_with("ing") ? ServiceCaller::Poll::kPending : ServiceCaller::Poll::kDone;
    };
    STRATUS_ASSIGN_OR_RETURN(
        Json mapping,
        caller_->WaitFor(
            stack, "lambda", "GetEventSourceMapping", {{"UUID", id}}, check,
            ServiceCaller::WaitOptions{.interval = std::chrono::milliseconds(200),
                                       .timeout = std::chrono::minutes(5),
                                       .what = Format("event source mapping {} to settle", id),
                                       .until_gone = false}));
    std::map<std::string, Json> attributes = {{"Id", id}};
    if (mapping.contains("EventSourceMappingArn")) {
      attributes["EventSourceMappingArn"] = mapping["EventSourceMappingArn"];
    }
    return ResourceOutcome{.physical_id = id, .ref = {}, .attributes = std::move(attributes)};
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeEventSourceMappingProvider(SharedCaller caller) {
  return std::make_shared<EventSourceMappingProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
