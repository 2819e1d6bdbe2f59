#include "lake/object_uri.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::lake {
namespace {

TEST(ObjectUriTest, ParsesS3AndS3aUris) {
  ASSERT_OK_AND_ASSIGN(ObjectUri uri, ParseObjectUri("s3://datalake/data/myschema/users/x.csv"));
  EXPECT_EQ(uri.scheme, UriScheme::kS3);
  EXPECT_EQ(uri.bucket, "datalake");
  EXPECT_EQ(uri.key, "data/myschema/users/x.csv");
  ASSERT_OK_AND_ASSIGN(ObjectUri dotted, ParseObjectUri("S3A://datalake.staging.liveproject/k"));
  EXPECT_EQ(dotted.scheme, UriScheme::kS3);
  EXPECT_EQ(dotted.bucket, "datalake.staging.liveproject");
  EXPECT_EQ(dotted.key, "k");
  EXPECT_EQ(ParseObjectUri("s3://bucket").value().key, "");
  EXPECT_EQ(ParseObjectUri("s3://bucket/").value().key, "");
  // Keys are verbatim: not decoded, not normalized.
  EXPECT_EQ(ParseObjectUri("s3://b/a//b/../c%20d e").value().key, "a//b/../c%20d e");
}

TEST(ObjectUriTest, ParsesFileUris) {
  for (const char* text :
       {"file:///tmp/t/x.csv", "file://localhost/tmp/t/x.csv", "FILE:/tmp/t/x.csv"}) {
    SCOPED_TRACE(text);
    ASSERT_OK_AND_ASSIGN(ObjectUri uri, ParseObjectUri(text));
    EXPECT_EQ(uri.scheme, UriScheme::kFile);
    EXPECT_EQ(uri.bucket, "");
    EXPECT_EQ(uri.key, "/tmp/t/x.csv");
    EXPECT_EQ(uri.ToString(), "file:///tmp/t/x.csv");
  }
  EXPECT_EQ(ParseObjectUri("s3://b/k/x").value().ToString(), "s3://b/k/x");
}

TEST(ObjectUriTest, RefusesMalformedUrisSayingWhy) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "no scheme"},
      {"/tmp/x", "no scheme"},
      {"bucket/key", "no scheme"},
      {"gs://b/k", "unknown scheme 'gs'"},
      {"s3:/b/k", "expected s3://bucket/key"},
      {"s3:///key", "no bucket"},
      {"s3://bad bucket/k", "not a bucket name"},
      {"file://host/tmp/x", "names no host"},
      {"file:relative/x", "absolute path"},
      {"file://localhost", "no path"},
  };
  for (const auto& [text, why] : cases) {
    SCOPED_TRACE(text);
    const Result<ObjectUri> uri = ParseObjectUri(text);
    ASSERT_EQ(uri.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(uri.status().message(), ::testing::HasSubstr(why));
    EXPECT_THAT(uri.status().message(), ::testing::HasSubstr(std::string("'") + text + "'"));
  }
}

}  // namespace
}  // namespace stratus::lake
