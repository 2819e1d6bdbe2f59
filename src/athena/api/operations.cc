#include "athena/api/operations.h"

#include "athena/api/handlers.h"
#include "athena/engine.h"
#include "athena/errors.h"
#include "aws/service_operations.h"

namespace stratus::athena {
namespace {

// AWS: InvalidRequestException carries an AthenaErrorCode member beside its
// Message. Pinned by test/wire/test_athena_catalogs.py::
// test_invalid_request_carries_athena_error_code.
aws::OperationHandler WithAthenaErrorCode(aws::OperationHandler handler) {
  return [handler = std::move(handler)](const aws::RequestContext& context, Json input,
                                        aws::Reply reply) {
    handler(context, std::move(input),
            [payload = context.response_payload, reply = std::move(reply)](Result<Json> output) {
              if (!output.ok() && payload != nullptr &&
                  output.status().aws_type() == "InvalidRequestException") {
                payload->error_elements.emplace_back("AthenaErrorCode",
                                                     std::string(kAthenaErrorCode));
              }
              reply(std::move(output));
            });
  };
}

}  // namespace

void RegisterAthenaOperations(aws::OperationTable& table,
                              const aws::ModelRegistry& models,
                              Engine& engine) {
  // AWS: the front door checks the model's constraints (required members,
  // lengths, ranges) and answers InvalidRequestException before Athena runs.
  aws::ServiceOperations operations(
      table, models, "athena",
      aws::ServiceOperationsOptions{.model_constraints = aws::ConstraintOptions{},
                                    .on_json_error = [](std::string_view what) {
                                      return AthenaError::InvalidRequest(std::string(what));
                                    }});
  auto add = [&](std::string_view name, auto* handler) {
    operations.Add(name, WithAthenaErrorCode(aws::Bind(engine, handler)));
  };
  add("BatchGetNamedQuery", &api::BatchGetNamedQuery);
  add("BatchGetPreparedStatement", &api::BatchGetPreparedStatement);
  add("BatchGetQueryExecution", &api::BatchGetQueryExecution);
  add("CreateDataCatalog", &api::CreateDataCatalog);
  add("CreateNamedQuery", &api::CreateNamedQuery);
  add("CreatePreparedStatement", &api::CreatePreparedStatement);
  add("CreateWorkGroup", &api::CreateWorkGroup);
  add("DeleteDataCatalog", &api::DeleteDataCatalog);
  add("DeleteNamedQuery", &api::DeleteNamedQuery);
  add("DeletePreparedStatement", &api::DeletePreparedStatement);
  add("DeleteWorkGroup", &api::DeleteWorkGroup);
  add("GetDataCatalog", &api::GetDataCatalog);
  add("GetDatabase", &api::GetDatabase);
  add("GetNamedQuery", &api::GetNamedQuery);
  add("GetPreparedStatement", &api::GetPreparedStatement);
  add("GetQueryExecution", &api::GetQueryExecution);
  add("GetQueryResults", &api::GetQueryResults);
  add("GetQueryRuntimeStatistics", &api::GetQueryRuntimeStatistics);
  add("GetTableMetadata", &api::GetTableMetadata);
  add("GetWorkGroup", &api::GetWorkGroup);
  add("ListDataCatalogs", &api::ListDataCatalogs);
  add("ListDatabases", &api::ListDatabases);
  add("ListNamedQueries", &api::ListNamedQueries);
  add("ListPreparedStatements", &api::ListPreparedStatements);
  add("ListQueryExecutions", &api::ListQueryExecutions);
  add("ListTagsForResource", &api::ListTagsForResource);
  add("ListTableMetadata", &api::ListTableMetadata);
  add("ListWorkGroups", &api::ListWorkGroups);
  add("StartQueryExecution", &api::StartQueryExecution);
  add("StopQueryExecution", &api::StopQueryExecution);
  add("TagResource", &api::TagResource);
  add("UntagResource", &api::UntagResource);
  add("UpdateDataCatalog", &api::UpdateDataCatalog);
  add("UpdateNamedQuery", &api::UpdateNamedQuery);
  add("UpdatePreparedStatement", &api::UpdatePreparedStatement);
  add("UpdateWorkGroup", &api::UpdateWorkGroup);
}

}  // namespace stratus::athena
