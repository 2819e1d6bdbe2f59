#include "connectors/mysql/s3_uri.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::connectors::mysql {
namespace {

TEST(S3UriTest, RegionalUrisResolveToTheLakesS3) {
  EXPECT_EQ(LakeUriOf("s3://b/k").value(), "s3://b/k");
  EXPECT_EQ(LakeUriOf("s3-us-west-2://b/dir/k").value(), "s3://b/dir/k");
  EXPECT_EQ(LakeUriOf("S3://b/k").value(), "s3://b/k");
  EXPECT_STATUS(StatusCode::kInvalidArgument, LakeUriOf("http://b/k"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, LakeUriOf("b/k"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, LakeUriOf("s3:///k"));
}

TEST(S3UriTest, PartsAndManifestAreNamedAsAuroraNamesThem) {
  EXPECT_EQ(PartUri("s3://b/t.csv", 0), "s3://b/t.csv.part_00000");
  EXPECT_EQ(PartUri("s3://b/t.csv", 12), "s3://b/t.csv.part_00012");
  EXPECT_EQ(ManifestUri("s3://b/t.csv"), "s3://b/t.csv.manifest");
}

TEST(S3UriTest, ManifestRoundTrips) {
  const std::string json = ManifestJson({"s3-us-west-2://b/p.part_00000", "s3://b/p.part_00001"});
  EXPECT_EQ(json,
            "{\n  \"entries\": [\n    {\n      \"url\":\"s3-us-west-2://b/p.part_00000\"\n    },\n"
            "    {\n      \"url\":\"s3://b/p.part_00001\"\n    }\n  ]\n}\n");
  EXPECT_EQ(ParseManifest(json).value(),
            (std::vector<std::string>{"s3-us-west-2://b/p.part_00000", "s3://b/p.part_00001"}));
  EXPECT_EQ(ParseManifest(R"({"entries":[{"url":"s3://b/x","mandatory":true}]})").value(),
            (std::vector<std::string>{"s3://b/x"}));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseManifest("{}"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseManifest(R"({"entries":[{"uri":"x"}]})"));
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseManifest("not json"));
}

}  // namespace
}  // namespace stratus::connectors::mysql
