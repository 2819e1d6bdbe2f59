#include "iam/policy_document.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::iam {
namespace {

TEST(PolicyDocumentTest, AcceptsOneStatementOrAList) {
  EXPECT_OK(ValidatePolicyDocument(
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})"));
  EXPECT_OK(
      ValidatePolicyDocument(R"({"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]})"));
}

TEST(PolicyDocumentTest, RejectsInvalidJsonAndMissingStatementAsMalformed) {
  for (const char* text : {"not json", "[]", R"({"Version":"2012-10-17"})", R"({"Statement":[]})",
                           R"({"Statement":[{"Effect":"Maybe"}]})", R"({"Statement":[1]})"}) {
    Status status = ValidatePolicyDocument(text);
    EXPECT_EQ(status.aws_type(), "MalformedPolicyDocument") << text;
  }
}

TEST(PolicyDocumentTest, UrlEncodesLikeIam) {
  EXPECT_EQ(UrlEncodeDocument(R"({"a": "b/c"})"), "%7B%22a%22%3A%20%22b%2Fc%22%7D");
}

}  // namespace
}  // namespace stratus::iam
