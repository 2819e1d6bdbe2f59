#pragma once

// Runs Aurora's S3 statements over a client's own authenticated backend
// connection, between two of the client's commands (the server is idle).

#include <cstdint>
#include <string>

#include "base/result.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::connectors::mysql {

class PacketChannel;
struct OutfileS3Statement;
struct LoadFromS3Statement;

/// Where a statement runs.
struct S3StatementContext {
  /// The client's backend connection. Borrowed.
  PacketChannel* backend = nullptr;
  /// Borrowed.
  lake::Lake* lake = nullptr;
  /// The connection's capability flags (as the server was told them).
  uint32_t capabilities = 0;
  std::string region = "us-east-1";
  /// Where an export starts a new part file (Aurora: 6 GB).
  uint64_t max_part_bytes = uint64_t{6} * 1000 * 1000 * 1000;
};

/// Runs `SELECT ... INTO OUTFILE S3`: the SELECT on the server, its rows
/// into `<uri>.part_NNNNN` (and `<uri>.manifest` with MANIFEST ON). Returns
/// the payload of the packet that answers the client: an OK whose affected
/// rows are the rows written, or an ERR (server error, existing files with
/// OVERWRITE OFF, lake error; no part file stays visible then). An error
/// Status means the backend connection broke.
Result<std::string> RunOutfileS3(const OutfileS3Statement& statement,
                                 const S3StatementContext& context);

/// Runs `LOAD DATA FROM S3` as `LOAD DATA LOCAL INFILE` on the server,
/// sending it the lake objects' bytes. Returns the payload answering the
/// client: the server's OK or ERR, or an ERR for a missing object or a bad
/// manifest. An error Status means the backend connection broke.
Result<std::string> RunLoadFromS3(const LoadFromS3Statement& statement,
                                  const S3StatementContext& context);

}  // namespace stratus::connectors::mysql
