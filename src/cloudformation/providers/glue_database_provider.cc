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

constexpr std::string_view kType = "AWS::Glue::Database";
constexpr std::string_view kProperties[] = {"CatalogId", "DatabaseInput", "DatabaseName"};

// Returns the database's name: DatabaseInput.Name, else DatabaseName, else empty.
Result<std::string> DatabaseName(const Json& properties) {
  STRATUS_ASSIGN_OR_RETURN(
      std::optional<std::string> name,
      OptionalString(properties.value("DatabaseInput", Json::object()), "Name"));
  if (!name.has_value()) {
    STRATUS_ASSIGN_OR_RETURN(name, OptionalString(properties, "DatabaseName"));
  }
  return name.value_or("");
}

class GlueDatabaseProvider final : public ResourceProvider {
 public:
  explicit GlueDatabaseProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    Result<std::string> given = DatabaseName(request.properties);
    if (!given.ok() || !given->empty()) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 255, .lowercase = true, .extra_characters = "-_", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    if (!properties.contains("DatabaseInput") || !properties["DatabaseInput"].is_object()) {
      return Status::InvalidArgument(
          "Property validation failure: required key [DatabaseInput] not found");
    }
    STRATUS_ASSIGN_OR_RETURN(std::string name, DatabaseName(properties));
    if (name.empty()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json database = properties["DatabaseInput"];
    database["Name"] = name;
    STRATUS_RETURN_IF_ERROR(Call(request, "CreateDatabase", {{"DatabaseInput", database}}));
    return Outcome(name);
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    Result<std::string> before = DatabaseName(request.previous_properties);
    Result<std::string> after = DatabaseName(request.properties);
    const bool renamed = !before.ok() || !after.ok() || *before != *after;
    return renamed || PropertyChanged(request, "CatalogId") ? UpdateKind::kReplacement
                                                            : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, kProperties));
    Json database = request.properties.value("DatabaseInput", Json::object());
    database["Name"] = request.physical_id;
    STRATUS_RETURN_IF_ERROR(Call(request, "UpdateDatabase",
                                 {{"Name", request.physical_id}, {"DatabaseInput", database}}));
    return Outcome(request.physical_id);
  }

  Status Delete(const ResourceRequest& request) override {
    if (request.physical_id.empty()) {
      return Status::Ok();
    }
    Status status = Call(request, "DeleteDatabase", {{"Name", request.physical_id}});
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  Status Call(const ResourceRequest& request, const char* operation, Json input) const {
    return caller_->Call(request.stack, "glue", operation, std::move(input)).status();
  }

  static ResourceOutcome Outcome(const std::string& name) {
    return ResourceOutcome{.physical_id = name, .ref = {}, .attributes = {}};
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeGlueDatabaseProvider(SharedCaller caller) {
  return std::make_shared<GlueDatabaseProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
