#include "base/json.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus {
namespace {

TEST(JsonTest, ParsesValidTextAndDumpsCompactly) {
  ASSERT_OK_AND_ASSIGN(Json value, ParseJson(R"({"a": [1, 2], "b": "x"})"));
  EXPECT_EQ(DumpJson(value), R"({"a":[1,2],"b":"x"})");
}

TEST(JsonTest, MalformedTextIsInvalidArgumentWithOffset) {
  Result<Json> value = ParseJson(R"({"a": )");
  EXPECT_STATUS(StatusCode::kInvalidArgument, value);
  EXPECT_NE(value.status().message().find("byte"), std::string::npos);
}

TEST(JsonTest, DumpReplacesInvalidUtf8InsteadOfThrowing) {
  Json value = std::string("\xff");
  EXPECT_FALSE(DumpJson(value).empty());
}

}  // namespace
}  // namespace stratus
