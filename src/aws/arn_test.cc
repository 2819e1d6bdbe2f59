#include "aws/arn.h"

#include <gtest/gtest.h>

namespace stratus::aws {
namespace {

// AWS: botocore data/partitions.json regionRegex per partition.
TEST(ArnTest, RegionsMapToTheirPartitions) {
  EXPECT_EQ(PartitionOf("us-east-1"), "aws");
  EXPECT_EQ(PartitionOf("eu-west-3"), "aws");
  EXPECT_EQ(PartitionOf("cn-north-1"), "aws-cn");
  EXPECT_EQ(PartitionOf("cn-northwest-1"), "aws-cn");
  EXPECT_EQ(PartitionOf("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(PartitionOf("us-gov-east-1"), "aws-us-gov");
  EXPECT_EQ(PartitionOf("us-iso-east-1"), "aws-iso");
  EXPECT_EQ(PartitionOf("us-isob-east-1"), "aws-iso-b");
  EXPECT_EQ(PartitionOf("eu-isoe-west-1"), "aws-iso-e");
  EXPECT_EQ(PartitionOf("us-isof-south-1"), "aws-iso-f");
  EXPECT_EQ(PartitionOf("eusc-de-east-1"), "aws-eusc");
}

TEST(ArnTest, RegionsOfNoKnownShapeAreInTheAwsPartition) {
  EXPECT_EQ(PartitionOf(""), "aws");
  EXPECT_EQ(PartitionOf("local"), "aws");
  EXPECT_EQ(PartitionOf("cn-"), "aws");
  EXPECT_EQ(PartitionOf("cn-north"), "aws");
  EXPECT_EQ(PartitionOf("us-gov-west-x"), "aws");
}

TEST(ArnTest, BuildsRegionalAndGlobalArnsInTheRegionsPartition) {
  EXPECT_EQ(MakeArn("sqs", "us-east-1", "123456789012", "q"),
            "arn:aws:sqs:us-east-1:123456789012:q");
  EXPECT_EQ(MakeArn("states", "cn-north-1", "123456789012", "stateMachine:m"),
            "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:m");
  EXPECT_EQ(MakeGlobalArn("iam", "us-gov-west-1", "123456789012", "root"),
            "arn:aws-us-gov:iam::123456789012:root");
}

TEST(ArnTest, ParsesArnsOfEveryKnownPartition) {
  std::optional<Arn> parsed = ParseArn("arn:aws-iso-b:states:us-isob-east-1:1:stateMachine:m:2");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->partition, "aws-iso-b");
  EXPECT_EQ(parsed->service, "states");
  EXPECT_EQ(parsed->region, "us-isob-east-1");
  EXPECT_EQ(parsed->account_id, "1");
  EXPECT_EQ(parsed->resource, "stateMachine:m:2");
  EXPECT_EQ(parsed->ToString(), "arn:aws-iso-b:states:us-isob-east-1:1:stateMachine:m:2");

  std::optional<Arn> role = ParseArn("arn:aws-cn:iam::123456789012:role/service-role/r");
  ASSERT_TRUE(role.has_value());
  EXPECT_EQ(role->region, "");
  EXPECT_EQ(role->resource, "role/service-role/r");

  std::optional<Arn> integration = ParseArn("arn:aws:states:::lambda:invoke");
  ASSERT_TRUE(integration.has_value());
  EXPECT_EQ(integration->account_id, "");
  EXPECT_EQ(integration->resource, "lambda:invoke");
}

TEST(ArnTest, RejectsTextThatIsNotAnArn) {
  EXPECT_FALSE(ParseArn("").has_value());
  EXPECT_FALSE(ParseArn("not-an-arn").has_value());
  EXPECT_FALSE(ParseArn("arn:aws:sqs:us-east-1:1").has_value());
  EXPECT_FALSE(ParseArn("arn:aws:sqs:us-east-1:1:").has_value());
  EXPECT_FALSE(ParseArn("arn:aws::us-east-1:1:q").has_value());
  EXPECT_FALSE(ParseArn("arn:mars:sqs:us-east-1:1:q").has_value());
  EXPECT_FALSE(ParseArn("urn:aws:sqs:us-east-1:1:q").has_value());
}

TEST(ArnTest, AccountIdsAreTwelveDigits) {
  EXPECT_TRUE(IsAccountId("000000000000"));
  EXPECT_FALSE(IsAccountId("123"));
  EXPECT_FALSE(IsAccountId("aws"));
  EXPECT_FALSE(IsAccountId("12345678901a"));
  EXPECT_FALSE(IsAccountId("1234567890123"));
}

}  // namespace
}  // namespace stratus::aws
