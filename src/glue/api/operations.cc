#include "glue/api/operations.h"

#include "aws/service_operations.h"
#include "glue/api/handlers.h"
#include "glue/engine.h"

namespace stratus::glue {

void RegisterGlueOperations(aws::OperationTable& table,
                            const aws::ModelRegistry& models,
                            Engine& engine) {
  // AWS: the front door checks the model's constraints (required members,
  // lengths, ranges) and answers ValidationException before Glue runs.
  aws::ServiceOperations operations(
      table, models, "glue",
      aws::ServiceOperationsOptions{.model_constraints = aws::ConstraintOptions{},
                                    .on_json_error = [](std::string_view what) {
                                      return GlueError::InvalidInput(std::string(what));
                                    }});
  auto add = [&](std::string_view name, auto* handler) {
    operations.Add(name, aws::Bind(engine, handler));
  };
  add("BatchCreatePartition", &api::BatchCreatePartition);
  add("BatchDeletePartition", &api::BatchDeletePartition);
  add("BatchDeleteTable", &api::BatchDeleteTable);
  add("BatchDeleteTableVersion", &api::BatchDeleteTableVersion);
  add("BatchGetPartition", &api::BatchGetPartition);
  add("CreateDatabase", &api::CreateDatabase);
  add("CreatePartition", &api::CreatePartition);
  add("CreateTable", &api::CreateTable);
  add("DeleteDatabase", &api::DeleteDatabase);
  add("DeletePartition", &api::DeletePartition);
  add("DeleteTable", &api::DeleteTable);
  add("DeleteTableVersion", &api::DeleteTableVersion);
  add("GetCatalogImportStatus", &api::GetCatalogImportStatus);
  add("GetDatabase", &api::GetDatabase);
  add("GetDatabases", &api::GetDatabases);
  add("GetPartition", &api::GetPartition);
  add("GetPartitions", &api::GetPartitions);
  add("GetTable", &api::GetTable);
  add("GetTableVersion", &api::GetTableVersion);
  add("GetTableVersions", &api::GetTableVersions);
  add("GetTables", &api::GetTables);
  add("UpdateDatabase", &api::UpdateDatabase);
  add("UpdatePartition", &api::UpdatePartition);
  add("UpdateTable", &api::UpdateTable);
}

}  // namespace stratus::glue
