#include "base/format.h"
#include "cloudformation/api/cfn_json.h"
#include "cloudformation/api/handlers.h"
#include "cloudformation/api/page_token.h"
#include "cloudformation/engine/stack_engine.h"
#include "cloudformation/errors.h"

namespace stratus::cloudformation::api {

Result<Json> ListExports(StackEngine& engine,
                         const aws::RequestContext& /*context*/,
                         const Json& input) {
  Json exports = Json::array();
  for (const StackExport& entry : engine.ListExports()) {
    exports.push_back(
        Json{{"ExportingStackId", entry.stack_id}, {"Name", entry.name}, {"Value", entry.value}});
  }
  return PageOf(input, std::move(exports), "Exports", kExportsPerPage);
}

Result<Json> ListImports(StackEngine& engine,
                         const aws::RequestContext& /*context*/,
                         const Json& input) {
  STRATUS_ASSIGN_OR_RETURN(std::string name, RequiredMember(input, "ExportName"));
  std::vector<std::string> importers = engine.ListImports(name);
  if (importers.empty()) {
    // AWS: an export nobody imports is an error, not an empty list.
    return CfnError::Validation(Format("Export '{}' is not imported by any stack.", name));
  }
  return Json{{"Imports", importers}};
}

}  // namespace stratus::cloudformation::api
