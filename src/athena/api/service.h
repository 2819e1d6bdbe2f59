#pragma once

#include <functional>
#include <memory>

#include "athena/engine.h"
#include "aws/service.h"
#include "base/result.h"

namespace stratus::sql::catalog {
class Catalog;
}  // namespace stratus::sql::catalog

namespace stratus::athena {

/// What Athena runs on, built by the composition root: the catalog (Glue's,
/// through glue::SqlCatalog) and the SQL engine's Execute.
struct AthenaDependencies {
  sql::catalog::Catalog* catalog = nullptr;
  StatementRunner runner = nullptr;
  /// Called by Stop() once the query threads are joined (stops the SQL engine).
  std::function<void()> on_stop = nullptr;
  size_t num_query_threads = 4;
};

/// Athena as the server runs it, and its engine.
struct OpenedAthena {
  std::unique_ptr<aws::Service> service = nullptr;
  /// Owned by `service`; for in-process users.
  Engine* engine = nullptr;
};

/// Opens Athena for the server: `<data_dir>/athena.db` (see athena::Engine)
/// with the API handlers on it. Results go through `environment.lake`.
Result<OpenedAthena> OpenAthena(const aws::ServiceEnvironment& environment,
                                AthenaDependencies dependencies);

}  // namespace stratus::athena
