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

constexpr std::string_view kType = "AWS::Athena::NamedQuery";
constexpr std::string_view kProperties[] = {"Database", "Description", "Name", "QueryString",
                                            "WorkGroup"};

// AWS: every property of a named query requires replacement; its Ref is the
// NamedQueryId.
class AthenaNamedQueryProvider final : public ResourceProvider {
 public:
  explicit AthenaNamedQueryProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    if (HasProperty(request.properties, "Name")) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 128, .lowercase = false, .extra_characters = "-_", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::string database, RequiredString(properties, "Database"));
    STRATUS_ASSIGN_OR_RETURN(std::string query, RequiredString(properties, "QueryString"));
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name, OptionalString(properties, "Name"));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json input = {{"Name", *name}, {"Database", database}, {"QueryString", query}};
    for (const char* member : {"Description", "WorkGroup"}) {
      STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> value,
                               OptionalString(properties, member));
      if (value.has_value()) {
        input[member] = *value;
      }
    }
    STRATUS_ASSIGN_OR_RETURN(Json created,
                             caller_->Call(request.stack, "athena", "CreateNamedQuery", input));
    const std::string id = created.value("NamedQueryId", "");
    return ResourceOutcome{.physical_id = id, .ref = {}, .attributes = {{"NamedQueryId", id}}};
  }

  UpdateKind KindOfUpdate(const ResourceRequest& /*request*/) const override {
    return UpdateKind::kReplacement;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    return ResourceOutcome{.physical_id = request.physical_id,
                           .ref = {},
                           .attributes = {{"NamedQueryId", request.physical_id}}};
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Status status = caller_
                        ->Call(request.stack, "athena", "DeleteNamedQuery",
                               {{"NamedQueryId", request.physical_id}})
                        .status();
    return IsNotFound(status) ? Status::Ok() : status;
  }

  // The NamedQueryId is Athena's; the query is found again by its
  // generated name among its work group's named queries.
  Status DeleteGenerated(const ResourceRequest& request) override {
    if (request.generated_name.empty()) {
      return Status::Ok();
    }
    Json list = Json::object();
    Result<std::optional<std::string>> work_group = OptionalString(request.properties, "WorkGroup");
    if (work_group.ok() && work_group->has_value()) {
      list["WorkGroup"] = **work_group;
    }
    while (true) {
      STRATUS_ASSIGN_OR_RETURN(Json page,
                               caller_->Call(request.stack, "athena", "ListNamedQueries", list));
      const Json ids = page.value("NamedQueryIds", Json::array());
      if (!ids.empty()) {
        STRATUS_ASSIGN_OR_RETURN(
            Json queries,
            caller_->Call(request.stack, "athena", "BatchGetNamedQuery", {{"NamedQueryIds", ids}}));
        for (const Json& query : queries.value("NamedQueries", Json::array())) {
          if (query.value("Name", "") == request.generated_name) {
            ResourceRequest found = request;
            found.physical_id = query.value("NamedQueryId", "");
            STRATUS_RETURN_IF_ERROR(Delete(found));
          }
        }
      }
      const std::string next = page.value("NextToken", "");
      if (next.empty()) {
        return Status::Ok();
      }
      list["NextToken"] = next;
    }
  }

 private:
  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeAthenaNamedQueryProvider(SharedCaller caller) {
  return std::make_shared<AthenaNamedQueryProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
