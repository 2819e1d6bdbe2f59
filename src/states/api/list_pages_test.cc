#include "states/api/list_pages.h"

#include <gtest/gtest.h>

#include "states/api/request_fields.h"
#include "testing/status_matchers.h"

namespace stratus::states::api {
namespace {

TEST(ListPageTest, TakesEverythingWhenTheItemsFitAndIssuesNoToken) {
  ASSERT_OK_AND_ASSIGN(ListPage page, ListPage::Read(Json{{"maxResults", 2}}, "things"));
  EXPECT_EQ(page.size(), 2u);
  EXPECT_EQ(page.after(), "");
  EXPECT_TRUE(page.Add("a", "a"));
  EXPECT_TRUE(page.Add("b", "b"));
  EXPECT_EQ(std::move(page).Finish(), (Json{{"things", {"a", "b"}}}));
}

TEST(ListPageTest, CutsAFullPageWithATokenAfterItsLastItem) {
  ASSERT_OK_AND_ASSIGN(ListPage page, ListPage::Read(Json{{"maxResults", 2}}, "things"));
  EXPECT_TRUE(page.Add("a", "pos-a"));
  EXPECT_TRUE(page.Add("b", "pos-b"));
  EXPECT_FALSE(page.Add("c", "pos-c"));
  EXPECT_FALSE(page.Add("d", "pos-d"));
  Json output = std::move(page).Finish();
  EXPECT_EQ(output["things"], (Json{"a", "b"}));
  ASSERT_OK_AND_ASSIGN(ListPage next,
                       ListPage::Read(Json{{"nextToken", output["nextToken"]}}, "things"));
  EXPECT_EQ(next.after(), "pos-b");
}

TEST(ListPageTest, HoldsAHundredItemsWhenMaxResultsIsAbsentOrZero) {
  ASSERT_OK_AND_ASSIGN(ListPage absent, ListPage::Read(Json::object(), "things"));
  EXPECT_EQ(absent.size(), 100u);
  ASSERT_OK_AND_ASSIGN(ListPage zero, ListPage::Read(Json{{"maxResults", 0}}, "things"));
  EXPECT_EQ(zero.size(), 100u);
  EXPECT_EQ(std::move(zero).Finish(), (Json{{"things", Json::array()}}));
}

TEST(ListPageTest, RejectsBadMaxResultsAndTokens) {
  EXPECT_EQ(ListPage::Read(Json{{"maxResults", 1001}}, "things").status().aws_type(),
            "ValidationException");
  EXPECT_EQ(
      ListPage::Read(Json{{"nextToken", std::string(1025, 'a')}}, "things").status().aws_type(),
      "ValidationException");
  EXPECT_EQ(ListPage::Read(Json{{"nextToken", "Zm9v"}}, "things").status().aws_type(),
            "InvalidToken");
  ASSERT_OK_AND_ASSIGN(
      ListPage page,
      ListPage::Read(Json{{"nextToken", EncodePageToken("m-17", PageScope("things", {}))}},
                     "things"));
  EXPECT_EQ(page.after(), "m-17");
}

TEST(ListPageTest, PageTokensRoundTripAndForeignTokensAreInvalidToken) {
  const std::string scope = PageScope("events", {"arn", "forward"});
  ASSERT_OK_AND_ASSIGN(std::string position,
                       DecodePageToken(EncodePageToken("m-17", scope), scope));
  EXPECT_EQ(position, "m-17");
  EXPECT_EQ(DecodePageToken("garbage!", scope).status().message(),
            "Invalid Token: 'Invalid token'");
  EXPECT_EQ(DecodePageToken("Zm9v", scope).status().aws_type(), "InvalidToken");
}

// AWS: pinned by
// test/wire/test_stepfunctions_service.py::test_page_tokens_are_bound_to_their_filters.
TEST(ListPageTest, TokenReusedWithOtherFiltersOrOnAnotherListIsInconsistent) {
  ASSERT_OK_AND_ASSIGN(ListPage page, ListPage::Read(Json{{"maxResults", 1}}, "things", {"m1"}));
  EXPECT_TRUE(page.Add("a", "pos-a"));
  EXPECT_FALSE(page.Add("b", "pos-b"));
  const Json token = std::move(page).Finish()["nextToken"];
  EXPECT_OK(ListPage::Read(Json{{"nextToken", token}, {"maxResults", 5}}, "things", {"m1"}));
  for (Result<ListPage> other : {ListPage::Read(Json{{"nextToken", token}}, "things", {"m2"}),
                                 ListPage::Read(Json{{"nextToken", token}}, "things"),
                                 ListPage::Read(Json{{"nextToken", token}}, "others", {"m1"})}) {
    EXPECT_EQ(other.status().aws_type(), "InvalidToken");
    EXPECT_EQ(other.status().message(), "Invalid Token: 'Input inconsistent with page token'");
  }
}

}  // namespace
}  // namespace stratus::states::api
