#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "glue/catalog_types.h"

namespace stratus::glue {

// The `definition` blobs of glue.db (docs/formats/glue.md): a database's,
// a table version's and a partition's definition, and a partition's values.
// Each starts with a format version byte, then strings as varint length +
// bytes, numbers as zigzag varints, optional parts behind a 0/1 byte, lists
// and maps as a varint count then their elements.

std::string EncodeDatabase(const DatabaseDefinition& definition);
/// Decodes what EncodeDatabase wrote; Corruption when malformed.
Result<DatabaseDefinition> DecodeDatabase(std::string_view bytes);

std::string EncodeTable(const TableDefinition& definition);
Result<TableDefinition> DecodeTable(std::string_view bytes);

std::string EncodePartition(const PartitionDefinition& definition);
Result<PartitionDefinition> DecodePartition(std::string_view bytes);

/// Encodes partition values for the `partition_values` key column: equal
/// lists, and only they, encode to equal bytes.
std::string EncodeValues(const std::vector<std::string>& values);
Result<std::vector<std::string>> DecodeValues(std::string_view bytes);

}  // namespace stratus::glue
