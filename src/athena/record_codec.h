#pragma once

#include <string>
#include <string_view>

#include "athena/athena_types.h"
#include "base/result.h"

namespace stratus::athena {

// The `record` blobs of athena.db (docs/formats/athena.md). Each starts with
// a format version byte, then fields in the storage::RecordWriter encoding
// (strings as varint length + bytes, numbers as zigzag varints, optional
// parts behind a 0/1 byte, lists as a varint count then their elements).

std::string EncodeExecution(const QueryExecution& execution);
/// Decodes what EncodeExecution wrote; Corruption when malformed.
Result<QueryExecution> DecodeExecution(std::string_view bytes);

std::string EncodeWorkGroup(const WorkGroup& work_group);
Result<WorkGroup> DecodeWorkGroup(std::string_view bytes);

std::string EncodeNamedQuery(const NamedQuery& query);
Result<NamedQuery> DecodeNamedQuery(std::string_view bytes);

std::string EncodePreparedStatement(const PreparedStatement& statement);
Result<PreparedStatement> DecodePreparedStatement(std::string_view bytes);

std::string EncodeDataCatalog(const DataCatalog& catalog);
Result<DataCatalog> DecodeDataCatalog(std::string_view bytes);

}  // namespace stratus::athena
