#include "cloudformation/api/page_token.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::cloudformation::api {
namespace {

Json Numbers(int count) {
  Json items = Json::array();
  for (int i = 0; i < count; ++i) {
    items.push_back(i);
  }
  return items;
}

TEST(PageTokenTest, PagesWalkEveryItemOnceAndTheLastHasNoToken) {
  Json input = Json::object();
  std::vector<int> seen;
  int num_pages = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(Json page, PageOf(input, Numbers(250), "Items", 100));
    ++num_pages;
    for (const Json& item : page["Items"]) {
      seen.push_back(item.get<int>());
    }
    if (!page.contains("NextToken")) {
      break;
    }
    input["NextToken"] = page["NextToken"];
  }
  EXPECT_EQ(num_pages, 3);
  ASSERT_EQ(seen.size(), 250u);
  for (int i = 0; i < 250; ++i) {
    EXPECT_EQ(seen[i], i);
  }
}

TEST(PageTokenTest, AnExactMultipleOfThePageSizeEndsWithoutAnEmptyPage) {
  ASSERT_OK_AND_ASSIGN(Json page, PageOf(Json::object(), Numbers(100), "Items", 100));
  EXPECT_EQ(page["Items"].size(), 100u);
  EXPECT_FALSE(page.contains("NextToken"));
}

TEST(PageTokenTest, ATokenNotMadeHereIsAValidationError) {
  for (const char* token : {"garbage", "c3RyYXR1cy1wYWdlOg==", "aGVsbG8="}) {
    Result<Json> page = PageOf(Json{{"NextToken", token}}, Numbers(3), "Items", 100);
    ASSERT_FALSE(page.ok()) << token;
    EXPECT_EQ(page.status().aws_type(), "ValidationError") << token;
  }
}

TEST(PageTokenTest, PageStartDecodesWhatEncodePageTokenWrote) {
  ASSERT_OK_AND_ASSIGN(size_t start, PageStart(Json{{"NextToken", EncodePageToken(42)}}, 7));
  EXPECT_EQ(start, 42u);
  ASSERT_OK_AND_ASSIGN(size_t first, PageStart(Json::object(), 7));
  EXPECT_EQ(first, 7u);
}

}  // namespace
}  // namespace stratus::cloudformation::api
