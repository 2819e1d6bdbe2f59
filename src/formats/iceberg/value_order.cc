#include "formats/iceberg/value_order_internal.h"

namespace stratus::formats::iceberg {

int CompareValues(const sql::Value& a, const sql::Value& b) {
  switch (a.type().physical_type()) {
    case sql::PhysicalType::kFloat:
    case sql::PhysicalType::kDouble: {
      const double x = a.double_value();
      const double y = b.double_value();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case sql::PhysicalType::kInt128: {
      const sql::Int128 x = a.decimal_value();
      const sql::Int128 y = b.decimal_value();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case sql::PhysicalType::kString: {
      const int c = a.string_value().compare(b.string_value());
      // std::string compares char_traits<char>, which is unsigned (memcmp).
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case sql::PhysicalType::kBool: {
      const bool x = a.boolean_value();
      const bool y = b.boolean_value();
      return x == y ? 0 : (x ? 1 : -1);
    }
    default: {
      if (a.type().kind() == sql::TypeKind::kDecimal) {
        const sql::Int128 x = a.decimal_value();
        const sql::Int128 y = b.decimal_value();
        return x < y ? -1 : (x > y ? 1 : 0);
      }
      const int64_t x = a.int64_value();
      const int64_t y = b.int64_value();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
  }
}

}  // namespace stratus::formats::iceberg
