#pragma once

#include <cstdint>
#include <optional>

#include "base/json.h"
#include "base/result.h"
#include "states/asl/state_machine.h"

namespace stratus::states::interpreter {

/// AWS: "The Distributed Map state stops reading items beyond 100,000,000".
inline constexpr int64_t kMaxReaderItems = 100'000'000;

/// Returns the items of a DISTRIBUTED Map from what its ItemReader read (the
/// host's answer to a TaskKind::kItemReader RunTask, effect.h), shaped as AWS
/// shapes them:
///   - s3:listObjectsV2: the listed objects, {"Etag", "Key", "LastModified",
///     "Size", "StorageClass"} each, as the host gave them;
///   - s3:getObject with InputType CSV: one object of strings per row, keyed
///     by the first row (FIRST_ROW) or CSVHeaders (GIVEN); a row with fewer
///     fields than headers gets "" for the rest, extra fields are dropped;
///   - JSON: the top-level array (or the one at ItemsPointer);
///   - JSONL: one value per non-empty line.
/// At most `max_items` items when it is positive (and never more than
/// kMaxReaderItems). Failures are States.ItemReaderFailed with AWS's causes
/// where they are known (recorded: "CSV headers cannot contain
/// duplicates.", "Attempting to map over non-iterable node."); MANIFEST and
/// PARQUET inputs are not supported and say so.
Result<Json> ItemsFromReader(const asl::MapResource& reader,
                             const Json& read,
                             std::optional<int64_t> max_items);

}  // namespace stratus::states::interpreter
