#pragma once

#include <string>
#include <vector>

#include "athena/athena_types.h"
#include "base/json.h"
#include "base/result.h"

namespace stratus::athena::api {

// Data catalogs other than AwsDataCatalog (Create/Update/Delete/GetDataCatalog)
// and the tags of work groups and data catalogs, as Athena's shapes.

/// Reads the catalog Create/UpdateDataCatalog describe (Name, Type,
/// Description, Parameters). GLUE needs "catalog-id", HIVE
/// "metadata-function", LAMBDA "function" or both "metadata-function" and
/// "record-function"; FEDERATED and AwsDataCatalog are InvalidRequestException.
Result<DataCatalog> DataCatalogOf(const Json& input);

/// The DataCatalog shape.
Json DataCatalogToJson(const DataCatalog& catalog);

/// Reads a TagList member ([{Key, Value}]); absent is empty.
Result<std::vector<Tag>> TagsOf(const Json& input, const char* member);

/// The TagList shape.
Json TagsToJson(const std::vector<Tag>& tags);

/// Returns the stored resource key ("workgroup/<name>", "datacatalog/<name>")
/// of an Athena ARN; another ARN is InvalidRequestException.
Result<std::string> TaggedResourceOf(const std::string& arn);

}  // namespace stratus::athena::api
