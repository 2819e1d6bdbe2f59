#include "states/api/request_fields.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::states::api {
namespace {

// AWS: pinned by test_sfn_api::test_list_sms_pagination.
TEST(RequestFieldsTest, MaxResultsAbove1000IsAValidationError) {
  EXPECT_EQ(MaxResults(Json{{"maxResults", 1001}}).status().message(),
            "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy "
            "constraint: Member must have value less than or equal to 1000");
  ASSERT_OK_AND_ASSIGN(int64_t value, MaxResults(Json{{"maxResults", 5}}));
  EXPECT_EQ(value, 5);
  ASSERT_OK_AND_ASSIGN(int64_t absent, MaxResults(Json::object()));
  EXPECT_EQ(absent, 0);
}

TEST(RequestFieldsTest, IntegerAndNumberMembersAreTypeChecked) {
  ASSERT_OK_AND_ASSIGN(std::optional<int64_t> count, OptionalInteger(Json{{"n", 3}}, "n"));
  EXPECT_EQ(count, 3);
  ASSERT_OK_AND_ASSIGN(std::optional<int64_t> none, OptionalInteger(Json{{"n", nullptr}}, "n"));
  EXPECT_FALSE(none.has_value());
  EXPECT_EQ(OptionalInteger(Json{{"n", 1.5}}, "n").status().message(),
            "Invalid type for parameter n, expected an integer");
  ASSERT_OK_AND_ASSIGN(std::optional<double> share, OptionalNumber(Json{{"p", 2.5}}, "p"));
  EXPECT_EQ(share, 2.5);
  ASSERT_OK_AND_ASSIGN(std::optional<double> whole, OptionalNumber(Json{{"p", 7}}, "p"));
  EXPECT_EQ(whole, 7.0);
  EXPECT_EQ(OptionalNumber(Json{{"p", "x"}}, "p").status().message(),
            "Invalid type for parameter p, expected a number");
}

TEST(RequestFieldsTest, NextTokenLongerThanTheLimitIsAValidationError) {
  EXPECT_EQ(NextToken(Json{{"nextToken", std::string(1025, 'a')}}, 1024).status().aws_type(),
            "ValidationException");
}

TEST(RequestFieldsTest, AccessorsNeverThrowOnUnexpectedTypes) {
  EXPECT_EQ(StringMember(Json::array(), "a"), "");
  EXPECT_EQ(StringMember(Json{{"a", 1}}, "a"), "");
  EXPECT_TRUE(MemberOrNull(Json("x"), "a").is_null());
  EXPECT_EQ(RequiredString(Json{{"a", 1}}, "a").status().aws_type(), "ValidationException");
}

}  // namespace
}  // namespace stratus::states::api
