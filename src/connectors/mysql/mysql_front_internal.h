#pragma once

#include <cstdint>
#include <memory>

#include "base/result.h"
#include "connectors/mysql/mysql_front.h"

namespace stratus::connectors::mysql {

/// Settings tests change to reach rare paths cheaply.
struct MySqlFrontTuning {
  /// Where an export starts a new part file (Aurora: 6 GB).
  uint64_t max_part_bytes = uint64_t{6} * 1000 * 1000 * 1000;
};

/// MySqlFront::Start with tuning.
Result<std::unique_ptr<MySqlFront>> StartMySqlFront(const MySqlFrontOptions& options,
                                                    const MySqlFrontTuning& tuning);

}  // namespace stratus::connectors::mysql
