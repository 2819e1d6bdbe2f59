#include "logs/api/operations.h"

#include "aws/service_operations.h"
#include "logs/api/handlers.h"
#include "logs/errors.h"
#include "logs/log_store.h"

namespace stratus::logs {

void RegisterLogsOperations(aws::OperationTable& table,
                            const aws::ModelRegistry& models,
                            LogStore& store) {
  // AWS: the front door checks the model's constraints (required members,
  // lengths, ranges) and answers InvalidParameterException before Logs runs.
  aws::ServiceOperations operations(
      table, models, "logs",
      aws::ServiceOperationsOptions{.model_constraints = aws::ConstraintOptions{},
                                    .on_json_error = [](std::string_view what) {
                                      return LogsError::InvalidParameter(std::string(what));
                                    }});
  auto add = [&](std::string_view name, auto* handler) {
    operations.Add(name, aws::Bind(store, handler));
  };
  add("CreateLogGroup", &api::CreateLogGroup);
  add("CreateLogStream", &api::CreateLogStream);
  add("DeleteLogGroup", &api::DeleteLogGroup);
  add("DeleteLogStream", &api::DeleteLogStream);
  add("DeleteRetentionPolicy", &api::DeleteRetentionPolicy);
  add("DescribeLogGroups", &api::DescribeLogGroups);
  add("DescribeLogStreams", &api::DescribeLogStreams);
  add("FilterLogEvents", &api::FilterLogEvents);
  add("GetLogEvents", &api::GetLogEvents);
  add("ListTagsForResource", &api::ListTagsForResource);
  add("ListTagsLogGroup", &api::ListTagsLogGroup);
  add("PutLogEvents", &api::PutLogEvents);
  add("PutRetentionPolicy", &api::PutRetentionPolicy);
  add("TagLogGroup", &api::TagLogGroup);
  add("TagResource", &api::TagResource);
  add("UntagLogGroup", &api::UntagLogGroup);
  add("UntagResource", &api::UntagResource);
}

}  // namespace stratus::logs
