#include "states/jsonata/jsonata.h"

#include <gtest/gtest.h>

namespace stratus::states {
namespace {

TEST(JsonataTest, ErrorCodeIsTheMessagePrefix) {
  const Status status = Status::InvalidArgument("T2001: The left side of the + operator");
  EXPECT_EQ(JsonataErrorCode(status), "T2001");
  EXPECT_EQ(JsonataErrorMessage(status), "The left side of the + operator");
}

}  // namespace
}  // namespace stratus::states
