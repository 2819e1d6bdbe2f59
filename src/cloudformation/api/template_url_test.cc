#include "cloudformation/api/template_url.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

using Location = std::pair<std::string, std::string>;

TEST(TemplateUrlTest, PathStyleAndVirtualHostedUrlsNameTheObject) {
  ASSERT_OK_AND_ASSIGN(Location local,
                       ParseTemplateUrl("http://localhost:4566/deploys/app/stack.template"));
  EXPECT_EQ(local, Location("deploys", "app/stack.template"));
  ASSERT_OK_AND_ASSIGN(Location global,
                       ParseTemplateUrl("https://s3.amazonaws.com/deploys/a%20b.yaml?versionId=1"));
  EXPECT_EQ(global, Location("deploys", "a b.yaml"));
  ASSERT_OK_AND_ASSIGN(Location hosted,
                       ParseTemplateUrl("https://deploys.s3.us-east-1.amazonaws.com/x/y.json"));
  EXPECT_EQ(hosted, Location("deploys", "x/y.json"));
}

TEST(TemplateUrlTest, OtherUrlsAreValidationErrors) {
  for (const char* url : {"stack.yaml", "https://example.com/", "http://localhost:4566/bucket",
                          "http://localhost:4566/bucket/"}) {
    Result<Location> parsed = ParseTemplateUrl(url);
    EXPECT_EQ(parsed.status().aws_type(), "ValidationError") << url;
    EXPECT_EQ(parsed.status().message(), "TemplateURL must be a supported URL.") << url;
  }
}

}  // namespace
}  // namespace stratus::cloudformation
