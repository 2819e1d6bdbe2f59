#include "base/result.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus {
namespace {

Result<int> Half(int value) {
  if (value % 2 != 0) {
    return Status::InvalidArgument("odd");
  }
  return value / 2;
}

Result<int> Quarter(int value) {
  STRATUS_ASSIGN_OR_RETURN(int half, Half(value));
  STRATUS_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(ResultTest, HoldsAValueOrAnError) {
  ASSERT_OK_AND_ASSIGN(int quarter, Quarter(8));
  EXPECT_EQ(quarter, 2);
  EXPECT_STATUS(StatusCode::kInvalidArgument, Quarter(6));
}

TEST(ResultTest, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<std::string>> result = std::make_unique<std::string>("x");
  ASSERT_TRUE(result.ok());
  std::unique_ptr<std::string> owned = std::move(result).value();
  EXPECT_EQ(*owned, "x");
}

TEST(ResultTest, ValueOrFallsBackOnError) {
  EXPECT_EQ(Half(3).value_or(-1), -1);
  EXPECT_EQ(Half(4).value_or(-1), 2);
}

TEST(ResultTest, ConvertsFromCompatibleTypes) {
  Result<std::string> result = "text";
  EXPECT_EQ(*result, "text");
}

}  // namespace
}  // namespace stratus
