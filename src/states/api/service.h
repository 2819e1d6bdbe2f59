#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"
#include "states/api/states_service.h"

namespace stratus::states::api {

/// The service for the server's lifecycle, and the StatesService inside it
/// (owned by `service`) for the console's live execution events.
struct OpenedStates {
  std::unique_ptr<aws::Service> service = nullptr;
  StatesService* states = nullptr;
};

/// Opens Step Functions for the server: `<data_dir>/states.db` with the
/// state machines, executions and history (see StatesService). The
/// environment's data dir, models and lake (for Distributed Maps' S3 work)
/// override those of `options`. Start() binds the operation table for task
/// integrations and runs executions.
Result<OpenedStates> OpenStates(const aws::ServiceEnvironment& environment,
                                StatesServiceOptions options);

}  // namespace stratus::states::api
