// Bitwise functions on bigint: bitwise_and/or/xor/not, bit_count and shifts.

#include <bit>

#include "sql/functions/simple_function_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {

void RegisterBitwiseFunctions(FunctionRegistry& registry) {
  FunctionRegistry::Impl& impl = registry.impl();
  AddBinaryFunction<int64_t, int64_t, int64_t>(
      impl,
      ScalarSpec{.name = "bitwise_and",
                 .arguments = {"bigint", "bigint"},
                 .returns = "bigint",
                 .description = "Returns the bitwise AND of x and y"},
      [](int64_t x, int64_t y) { return x & y; });
  AddBinaryFunction<int64_t, int64_t, int64_t>(
      impl,
      ScalarSpec{.name = "bitwise_or",
                 .arguments = {"bigint", "bigint"},
                 .returns = "bigint",
                 .description = "Returns the bitwise OR of x and y"},
      [](int64_t x, int64_t y) { return x | y; });
  AddBinaryFunction<int64_t, int64_t, int64_t>(
      impl,
      ScalarSpec{.name = "bitwise_xor",
                 .arguments = {"bigint", "bigint"},
                 .returns = "bigint",
                 .description = "Returns the bitwise XOR of x and y"},
      [](int64_t x, int64_t y) { return x ^ y; });
  AddUnaryFunction<int64_t, int64_t>(impl,
                                     ScalarSpec{.name = "bitwise_not",
                                                .arguments = {"bigint"},
                                                .returns = "bigint",
                                                .description = "Returns the bitwise NOT of x"},
                                     [](int64_t x) { return ~x; });
  AddCheckedBinaryFunction<int64_t, int64_t, int64_t>(
      impl,
      ScalarSpec{.name = "bit_count",
                 .arguments = {"bigint", "bigint"},
                 .returns = "bigint",
                 .description = "Returns the number of 1 bits of x as a bits-wide integer"},
      [](int64_t x, int64_t bits, int64_t* out) {
        if (bits < 2 || bits > 64) {
          return false;
        }
        const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
        *out = std::popcount(static_cast<uint64_t>(x) & mask);
        return true;
      },
      [](int64_t, int64_t) {
        return SqlError(kInvalidFunctionArgument,
                        "Bits specified in bit_count must be between 2 and 64");
      });
  AddBinaryFunction<int64_t, int64_t, int64_t>(
      impl,
      ScalarSpec{.name = "bitwise_left_shift",
                 .arguments = {"bigint", "bigint"},
                 .returns = "bigint",
                 .description = "Shifts x left by n bits"},
      [](int64_t x, int64_t n) -> int64_t {
        return n < 0 || n >= 64 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(x) << n);
      });
  AddBinaryFunction<int64_t, int64_t, int64_t>(
      impl,
      ScalarSpec{.name = "bitwise_right_shift",
                 .arguments = {"bigint", "bigint"},
                 .returns = "bigint",
                 .description = "Shifts x right by n bits, zero-filling"},
      [](int64_t x, int64_t n) -> int64_t {
        return n < 0 || n >= 64 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(x) >> n);
      });
}

}  // namespace stratus::sql::functions
