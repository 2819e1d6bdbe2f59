#include "sql/exec/row_compare.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sql/types/logical_type.h"
#include "sql/vector/string_heap.h"
#include "sql/vector/string_view.h"
#include "sql/vector/vector.h"

namespace stratus::sql::exec {
namespace {

int Sign(int value) {
  return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

TEST(RowCompareTest, StringsOrderAsTheirUnsignedBytesInlineOrNot) {
  const uint64_t seed = 20261207;
  std::mt19937_64 random(seed);
  // Short alphabets with NUL and high bytes make shared prefixes, embedded
  // NULs and lengths around the 4- and 12-byte boundaries common.
  const std::string alphabet("\0\1ab\x7f\x80\xff", 7);
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i) {
    std::string text;
    const size_t length = random() % 18;
    for (size_t k = 0; k < length; ++k) {
      text += alphabet[random() % alphabet.size()];
    }
    texts.push_back(text);
  }
  Vector vector(LogicalType::Varchar(), texts.size());
  vector.set_size(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    vector.mutable_values<StringView>()[i] = vector.heap().Add(texts[i]);
  }
  const RowCompareFn compare = RowCompareFor(PhysicalType::kString);
  const ColumnView view = ViewOf(vector);
  const ViewCompareFn view_compare = ViewCompareFor(PhysicalType::kString);
  for (size_t a = 0; a < texts.size(); ++a) {
    for (size_t b = 0; b < texts.size(); ++b) {
      const int expected = Sign(std::string_view(texts[a]).compare(texts[b]));
      ASSERT_EQ(compare(vector, a, vector, b), expected) << a << " " << b << " seed " << seed;
      ASSERT_EQ(view_compare(view, a, view, b), expected) << a << " " << b << " seed " << seed;
    }
  }
}

}  // namespace
}  // namespace stratus::sql::exec
