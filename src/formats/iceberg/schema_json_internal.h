#pragma once

// Schema and type JSON as values, for the table metadata parser and writer.

#include "base/result.h"
#include "formats/iceberg/json_internal.h"
#include "formats/iceberg/schema.h"

namespace stratus::formats::iceberg {

OrderedJson TypeToJsonValue(const Type& type);
Result<Type> TypeFromJsonValue(const OrderedJson& value, int depth = 0);
OrderedJson SchemaToJsonValue(const Schema& schema);
Result<Schema> SchemaFromJsonValue(const OrderedJson& value);

}  // namespace stratus::formats::iceberg
