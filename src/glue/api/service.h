#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"

namespace stratus::glue {

class Engine;

/// Glue as the server runs it, and its catalog engine.
struct OpenedGlue {
  std::unique_ptr<aws::Service> service = nullptr;
  /// The catalog, for the services that read and write it in process
  /// (Athena, `stratus sql`); owned by `service`, valid until it is
  /// destroyed and usable until it is stopped.
  Engine* engine = nullptr;
};

/// Opens Glue for the server: `<data_dir>/glue.db` (see glue::Engine) with
/// the API handlers on it.
Result<OpenedGlue> OpenGlue(const aws::ServiceEnvironment& environment);

}  // namespace stratus::glue
