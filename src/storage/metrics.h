#pragma once

#include <cstdint>

namespace stratus::storage {

/// Counters of one Database since it was opened; a snapshot, by value.
struct DatabaseMetrics {
  int64_t num_works = 0;           // Works whose `done` was called after a commit attempt.
  int64_t num_commits = 0;         // Group transactions committed (one fsync each with fsync=true).
  int64_t num_failed_commits = 0;  // Group transactions whose BEGIN or COMMIT failed.
  int64_t max_group_size = 0;      // Most works in one group so far.
};

}  // namespace stratus::storage
