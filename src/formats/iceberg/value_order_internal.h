#pragma once

// Orders primitive sql::Values of one type as Iceberg compares bounds:
// numbers numerically, strings and binaries by unsigned bytes (UTF-8 byte
// order is code point order), booleans false < true.

#include "sql/types/value.h"

namespace stratus::formats::iceberg {

/// Returns <0, 0 or >0. REQUIRES: neither is null.
int CompareValues(const sql::Value& a, const sql::Value& b);

}  // namespace stratus::formats::iceberg
