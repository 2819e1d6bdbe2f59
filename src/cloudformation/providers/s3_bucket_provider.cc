#include <string>
#include <vector>

#include "base/format.h"
#include "cloudformation/providers/built_in_providers.h"
#include "cloudformation/providers/physical_name.h"
#include "cloudformation/providers/property_values.h"
#include "cloudformation/providers/resource_provider.h"
#include "cloudformation/providers/service_caller.h"

namespace stratus::cloudformation {
namespace {

constexpr std::string_view kType = "AWS::S3::Bucket";
// AccessControl (a canned ACL) is accepted and ignored: the local S3 keeps
// every bucket private to its account.
constexpr std::string_view kProperties[] = {"AccessControl",
                                            "BucketEncryption",
                                            "BucketName",
                                            "CorsConfiguration",
                                            "NotificationConfiguration",
                                            "OwnershipControls",
                                            "PublicAccessBlockConfiguration",
                                            "Tags",
                                            "VersioningConfiguration"};

// Returns CloudFormation's notification filter ({S3Key: {Rules}}) as the
// API's ({Key: {FilterRules}}).
Json NotificationFilter(const Json& entry) {
  Json rules = entry.value("Filter", Json::object())
                   .value("S3Key", Json::object())
                   .value("Rules", Json::array());
  return Json{{"Key", {{"FilterRules", rules}}}};
}

// Returns CloudFormation's NotificationConfiguration as the
// PutBucketNotificationConfiguration input's.
Result<Json> NotificationConfiguration(const Json& properties) {
  Json out = Json::object();
  const Json& configuration = properties["NotificationConfiguration"];
  if (!configuration.is_object()) {
    return Status::InvalidArgument("NotificationConfiguration must be an object");
  }

  struct Kind {
    const char* property;
    const char* target;
    const char* api_list;
    const char* api_target;
  };

  for (const Kind& kind :
       {Kind{"LambdaConfigurations", "Function", "LambdaFunctionConfigurations",
             "LambdaFunctionArn"},
        Kind{"QueueConfigurations", "Queue", "QueueConfigurations", "QueueArn"},
        Kind{"TopicConfigurations", "Topic", "TopicConfigurations", "TopicArn"}}) {
    if (!configuration.contains(kind.property)) {
      continue;
    }
    Json list = Json::array();
    for (const Json& entry : configuration[kind.property]) {
      STRATUS_ASSIGN_OR_RETURN(std::string target, RequiredString(entry, kind.target));
      STRATUS_ASSIGN_OR_RETURN(std::string event, RequiredString(entry, "Event"));
      Json api = {{kind.api_target, target}, {"Events", Json::array({event})}};
      if (entry.contains("Filter")) {
        api["Filter"] = NotificationFilter(entry);
      }
      list.push_back(std::move(api));
    }
    out[kind.api_list] = std::move(list);
  }
  if (configuration.value("EventBridgeConfiguration", Json::object())
          .value("EventBridgeEnabled", false)) {
    out["EventBridgeConfiguration"] = Json::object();
  }
  return out;
}

// Returns CloudFormation's BucketEncryption as PutBucketEncryption's
// ServerSideEncryptionConfiguration.
Json EncryptionConfiguration(const Json& properties) {
  Json rules = Json::array();
  for (const Json& rule :
       properties["BucketEncryption"].value("ServerSideEncryptionConfiguration", Json::array())) {
    Json api = Json::object();
    if (rule.contains("ServerSideEncryptionByDefault")) {
      api["ApplyServerSideEncryptionByDefault"] = rule["ServerSideEncryptionByDefault"];
    }
    if (rule.contains("BucketKeyEnabled")) {
      api["BucketKeyEnabled"] = rule["BucketKeyEnabled"];
    }
    rules.push_back(std::move(api));
  }
  return Json{{"Rules", rules}};
}

// Returns CloudFormation's CorsConfiguration as PutBucketCors's CORSConfiguration.
Json CorsConfiguration(const Json& properties) {
  Json rules = Json::array();
  for (const Json& rule : properties["CorsConfiguration"].value("CorsRules", Json::array())) {
    Json api = Json::object();
    for (const auto& [from, to] : std::initializer_list<std::pair<const char*, const char*>>{
             {"AllowedHeaders", "AllowedHeaders"},
             {"AllowedMethods", "AllowedMethods"},
             {"AllowedOrigins", "AllowedOrigins"},
             {"ExposedHeaders", "ExposeHeaders"},
             {"Id", "ID"},
             {"MaxAge", "MaxAgeSeconds"}}) {
      if (rule.contains(from)) {
        api[to] = rule[from];
      }
    }
    rules.push_back(std::move(api));
  }
  return Json{{"CORSRules", rules}};
}

Json TagSet(const Json& tags) {
  Json set = Json::array();
  for (const auto& [key, value] : tags.items()) {
    set.push_back({{"Key", key}, {"Value", value}});
  }
  return set;
}

class S3BucketProvider final : public ResourceProvider {
 public:
  explicit S3BucketProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "BucketName")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 63, .lowercase = true, .extra_characters = "-", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name,
                             OptionalString(request.properties, "BucketName"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json input = {{"Bucket", *name}};
    if (request.stack.region != "us-east-1") {
      input["CreateBucketConfiguration"] = {{"LocationConstraint", request.stack.region}};
    }
    STRATUS_RETURN_IF_ERROR(caller_->Call(request.stack, "s3", "CreateBucket", input).status());
    ResourceRequest created = request;
    created.physical_id = *name;
    created.previous_properties = Json::object();
    Status configured = Configure(created);
    if (!configured.ok()) {
      (void)caller_->Call(request.stack, "s3", "DeleteBucket", Json{{"Bucket", *name}});
      return configured;
    }
    return Outcome(request.stack, *name);
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    return AnyPropertyChanged(request, {"BucketName", "ObjectLockEnabled"})
               ? UpdateKind::kReplacement
               : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, kProperties));
    STRATUS_RETURN_IF_ERROR(Configure(request));
    return Outcome(request.stack, request.physical_id);
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    // AWS: a bucket that still holds objects fails to delete (BucketNotEmpty).
    Status status =
        caller_->Call(request.stack, "s3", "DeleteBucket", Json{{"Bucket", request.physical_id}})
            .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  // Applies every sub-resource property that differs from the previous
  // properties (all of them on create); a removed one is deleted.
  Status Configure(const ResourceRequest& request) const {
    const Json& properties = request.properties;
    const std::string& bucket = request.physical_id;
    auto call = [&](const char* operation, Json input) {
      input["Bucket"] = bucket;
      return caller_->Call(request.stack, "s3", operation, std::move(input)).status();
    };
    auto present = [&](const char* name) {
      return properties.contains(name) && !properties[name].is_null();
    };
    if (PropertyChanged(request, "Tags")) {
      STRATUS_ASSIGN_OR_RETURN(Json tags, TagMap(properties));
      STRATUS_RETURN_IF_ERROR(
          tags.empty() ? call("DeleteBucketTagging", Json::object())
                       : call("PutBucketTagging", {{"Tagging", {{"TagSet", TagSet(tags)}}}}));
    }
    if (PropertyChanged(request, "VersioningConfiguration") && present("VersioningConfiguration")) {
      STRATUS_ASSIGN_OR_RETURN(std::string status,
                               RequiredString(properties["VersioningConfiguration"], "Status"));
      STRATUS_RETURN_IF_ERROR(
          call("PutBucketVersioning", {{"VersioningConfiguration", {{"Status", status}}}}));
    }
    if (PropertyChanged(request, "NotificationConfiguration")) {
      Json configuration = Json::object();
      if (present("NotificationConfiguration")) {
        STRATUS_ASSIGN_OR_RETURN(configuration, NotificationConfiguration(properties));
      }
      STRATUS_RETURN_IF_ERROR(call("PutBucketNotificationConfiguration",
                                   {{"NotificationConfiguration", configuration}}));
    }
    if (PropertyChanged(request, "PublicAccessBlockConfiguration")) {
      STRATUS_RETURN_IF_ERROR(
          present("PublicAccessBlockConfiguration")
              ? call("PutPublicAccessBlock", {{"PublicAccessBlockConfiguration",
                                               properties["PublicAccessBlockConfiguration"]}})
              : call("DeletePublicAccessBlock", Json::object()));
    }
    if (PropertyChanged(request, "BucketEncryption")) {
      STRATUS_RETURN_IF_ERROR(
          present("BucketEncryption")
              ? call("PutBucketEncryption",
                     {{"ServerSideEncryptionConfiguration", EncryptionConfiguration(properties)}})
              : call("DeleteBucketEncryption", Json::object()));
    }
    if (PropertyChanged(request, "OwnershipControls")) {
      STRATUS_RETURN_IF_ERROR(present("OwnershipControls")
                                  ? call("PutBucketOwnershipControls",
                                         {{"OwnershipControls", properties["OwnershipControls"]}})
                                  : call("DeleteBucketOwnershipControls", Json::object()));
    }
    if (PropertyChanged(request, "CorsConfiguration")) {
      STRATUS_RETURN_IF_ERROR(
          present("CorsConfiguration")
              ? call("PutBucketCors", {{"CORSConfiguration", CorsConfiguration(properties)}})
              : call("DeleteBucketCors", Json::object()));
    }
    return Status::Ok();
  }

  static ResourceOutcome Outcome(const StackIdentity& stack, const std::string& name) {
    // AWS: the documented attribute values of AWS::S3::Bucket.
    return ResourceOutcome{
        .physical_id = name,
        .ref = {},
        .attributes =
            {
                {"Arn", Format("arn:aws:s3:::{}", name)},
                {"DomainName", Format("{}.s3.amazonaws.com", name)},
                {"RegionalDomainName", Format("{}.s3.{}.amazonaws.com", name, stack.region)},
                {"DualStackDomainName",
                 Format("{}.s3.dualstack.{}.amazonaws.com", name, stack.region)},
                {"WebsiteURL", Format("http://{}.s3-website-{}.amazonaws.com", name, stack.region)},
            },
    };
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeS3BucketProvider(SharedCaller caller) {
  return std::make_shared<S3BucketProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
