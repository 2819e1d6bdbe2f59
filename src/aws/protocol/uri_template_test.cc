#include "aws/protocol/uri_template.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

using Labels = std::map<std::string, std::string, std::less<>>;

TEST(UriTemplateTest, MatchesLabelsAndGreedyLabels) {
  ASSERT_OK_AND_ASSIGN(UriTemplate uri, UriTemplate::Parse("/{Bucket}/{Key+}"));
  Labels labels;
  ASSERT_TRUE(uri.MatchPath("/my-bucket/a/b%20c/d.txt", &labels));
  EXPECT_EQ(labels["Bucket"], "my-bucket");
  EXPECT_EQ(labels["Key"], "a/b c/d.txt");
  EXPECT_FALSE(uri.MatchPath("/my-bucket", &labels));
  EXPECT_FALSE(uri.MatchPath("/my-bucket/", &labels));
  EXPECT_EQ(uri.FillPath({{"Bucket", "b"}, {"Key", "x y/z"}}), "/b/x%20y/z");
}

TEST(UriTemplateTest, PlainLabelsStopAtSlashes) {
  ASSERT_OK_AND_ASSIGN(UriTemplate uri,
                       UriTemplate::Parse("/2015-03-31/functions/{FunctionName}/invocations"));
  Labels labels;
  ASSERT_TRUE(uri.MatchPath("/2015-03-31/functions/my%3Afn/invocations", &labels));
  EXPECT_EQ(labels["FunctionName"], "my:fn");
  EXPECT_FALSE(uri.MatchPath("/2015-03-31/functions/a/b/invocations", &labels));
  EXPECT_FALSE(uri.MatchPath("/2015-03-31/functions//invocations", &labels));
}

TEST(UriTemplateTest, ToleratesATrailingSlash) {
  ASSERT_OK_AND_ASSIGN(UriTemplate uri, UriTemplate::Parse("/{Bucket}"));
  Labels labels;
  EXPECT_TRUE(uri.MatchPath("/b/", &labels));
  EXPECT_EQ(labels["Bucket"], "b");
}

TEST(UriTemplateTest, MatchesStaticQueryParameters) {
  ASSERT_OK_AND_ASSIGN(UriTemplate list_v2, UriTemplate::Parse("/{Bucket}?list-type=2"));
  ASSERT_OK_AND_ASSIGN(UriTemplate tagging, UriTemplate::Parse("/{Bucket}?tagging"));
  ASSERT_OK_AND_ASSIGN(UriTemplate plain, UriTemplate::Parse("/{Bucket}"));
  EXPECT_TRUE(list_v2.MatchQuery({{"list-type", "2"}, {"prefix", "a"}}));
  EXPECT_FALSE(list_v2.MatchQuery({{"list-type", "1"}}));
  EXPECT_TRUE(tagging.MatchQuery({{"tagging", ""}}));
  EXPECT_FALSE(tagging.MatchQuery({}));
  EXPECT_GT(list_v2.Specificity(), plain.Specificity());
}

TEST(UriTemplateTest, RejectsUnbalancedBraces) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, UriTemplate::Parse("/{Bucket"));
}

}  // namespace
}  // namespace stratus::aws
