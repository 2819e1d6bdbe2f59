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

constexpr std::string_view kType = "AWS::Glue::Table";
constexpr std::string_view kProperties[] = {"CatalogId", "DatabaseName", "OpenTableFormatInput",
                                            "TableInput"};

Result<std::optional<std::string>> TableName(const Json& properties) {
  return OptionalString(properties.value("TableInput", Json::object()), "Name");
}

class GlueTableProvider final : public ResourceProvider {
 public:
  explicit GlueTableProvider(SharedCaller caller) : caller_(std::move(caller)) {}

  std::vector<std::string> types() const override { return {std::string(kType)}; }

  std::optional<PhysicalNameRules> GeneratedNameRules(
      const ResourceRequest& request) const override {
    Result<std::optional<std::string>> given = TableName(request.properties);
    if (!given.ok() || given->has_value()) {
      return std::nullopt;
    }
    return PhysicalNameRules{
        .max_length = 255, .lowercase = true, .extra_characters = "_", .suffix = {}};
  }

  Result<ResourceOutcome> Create(const ResourceRequest& request) override {
    const Json& properties = request.properties;
    STRATUS_RETURN_IF_ERROR(CheckSupported(properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::string database, RequiredString(properties, "DatabaseName"));
    if (!properties.contains("TableInput") || !properties["TableInput"].is_object()) {
      return Status::InvalidArgument(
          "Property validation failure: required key [TableInput] not found");
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> name, TableName(properties));
    if (!name.has_value()) {
      STRATUS_ASSIGN_OR_RETURN(name, RequireGeneratedName(request));
    }
    Json table = properties["TableInput"];
    table["Name"] = *name;
    Json input = {{"DatabaseName", database}, {"TableInput", table}};
    if (properties.contains("OpenTableFormatInput")) {
      input["OpenTableFormatInput"] = properties["OpenTableFormatInput"];
    }
    STRATUS_RETURN_IF_ERROR(Call(request, "CreateTable", input));
    return ResourceOutcome{.physical_id = *name, .ref = {}, .attributes = {}};
  }

  UpdateKind KindOfUpdate(const ResourceRequest& request) const override {
    Result<std::optional<std::string>> before = TableName(request.previous_properties);
    Result<std::optional<std::string>> after = TableName(request.properties);
    const bool renamed = !before.ok() || !after.ok() || *before != *after;
    return renamed || AnyPropertyChanged(request,
                                         {"CatalogId", "DatabaseName", "OpenTableFormatInput"})
               ? UpdateKind::kReplacement
               : UpdateKind::kNoInterruption;
  }

  Result<ResourceOutcome> Update(const ResourceRequest& request) override {
    STRATUS_RETURN_IF_ERROR(CheckSupported(request.properties, kType, kProperties));
    STRATUS_ASSIGN_OR_RETURN(std::string database,
                             RequiredString(request.properties, "DatabaseName"));
    Json table = request.properties.value("TableInput", Json::object());
    table["Name"] = request.physical_id;
    STRATUS_RETURN_IF_ERROR(
        Call(request, "UpdateTable", {{"DatabaseName", database}, {"TableInput", table}}));
    return ResourceOutcome{.physical_id = request.physical_id, .ref = {}, .attributes = {}};
  }

  Status Delete(const ResourceRequest& request) override {
    Result<std::string> database = RequiredString(request.properties, "DatabaseName");
    if (request.physical_id.empty() || !database.ok()) {
      return Status::Ok();
    }
    Status status =
        Call(request, "DeleteTable", {{"DatabaseName", *database}, {"Name", request.physical_id}});
    return IsNotFound(status) ? Status::Ok() : status;
  }

 private:
  Status Call(const ResourceRequest& request, const char* operation, Json input) const {
    return caller_->Call(request.stack, "glue", operation, std::move(input)).status();
  }

  SharedCaller caller_;
};

}  // namespace

std::shared_ptr<ResourceProvider> MakeGlueTableProvider(SharedCaller caller) {
  return std::make_shared<GlueTableProvider>(std::move(caller));
}

}  // namespace stratus::cloudformation
