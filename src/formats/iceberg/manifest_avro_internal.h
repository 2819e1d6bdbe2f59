#pragma once

// Iceberg values as Avro: the Avro schema of a partition tuple's fields and
// the conversion of partition values (sql::Value) to and from AvroValues.

#include <string>
#include <vector>

#include "base/result.h"
#include "formats/avro/avro_value.h"
#include "formats/iceberg/json_internal.h"
#include "formats/iceberg/schema.h"
#include "sql/types/value.h"

namespace stratus::formats::iceberg {

/// The Avro type of a primitive Iceberg type (with logical types as Java writes them).
OrderedJson AvroTypeOf(const Type& type);

/// Converts a (non-null) value of a primitive type to its Avro datum.
Result<avro::AvroValue> ToAvroDatum(const sql::Value& value, const Type& type);

/// Converts an Avro datum back (null datum → typed NULL).
Result<sql::Value> FromAvroDatum(const avro::AvroValue& datum, const Type& type);

}  // namespace stratus::formats::iceberg
