// Fuzzes the CloudFormation template reader (cloudformation/template): the
// input is a template body, YAML or JSON. It is parsed, its sections loaded,
// and, when that succeeds, its parameters, conditions and every resource's
// properties are resolved with fake resources.
//
// Properties: nothing crashes or throws; every error is InvalidArgument (a
// ValidationError to the client).

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/check.h"
#include "cloudformation/template/evaluator.h"
#include "cloudformation/template/parameters.h"
#include "cloudformation/template/template.h"

namespace stratus::cloudformation {
namespace {

void CheckError(const Status& status) {
  STRATUS_CHECK(status.code() == StatusCode::kInvalidArgument, "unexpected error {}",
                status.ToString());
}

void Resolve(const Template& parsed) {
  EvaluationContext context;
  Result<std::map<std::string, Json>> parameters = ResolveParameters(parsed, {});
  if (!parameters.ok()) {
    CheckError(parameters.status());
    return;
  }
  context.parameters = *std::move(parameters);
  context.pseudo = PseudoParameters("us-east-1", "000000000000", "fuzz", "id");
  context.mappings = &parsed.mappings;
  context.ref_resource = [](const std::string& id) -> Result<Json> {
    return Json(id);
  };
  context.get_att = [](const std::string& id, const std::string& name) -> Result<Json> {
    return Json(id + name);
  };
  if (Status conditions = EvaluateConditions(parsed, context); !conditions.ok()) {
    CheckError(conditions);
    return;
  }
  for (const auto& [id, resource] : parsed.resources) {
    Result<Json> properties = Evaluate(resource.properties, context);
    if (!properties.ok()) {
      CheckError(properties.status());
    }
  }
}

}  // namespace
}  // namespace stratus::cloudformation

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  stratus::Result<stratus::cloudformation::Template> parsed =
      stratus::cloudformation::LoadTemplateText(text);
  if (!parsed.ok()) {
    stratus::cloudformation::CheckError(parsed.status());
    return 0;
  }
  stratus::cloudformation::Resolve(*parsed);
  return 0;
}
