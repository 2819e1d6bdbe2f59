#include "s3/bucket_name.h"

#include <gtest/gtest.h>

namespace stratus::s3 {
namespace {

TEST(BucketNameTest, AcceptsS3sGeneralPurposeNames) {
  for (const char* name :
       {"abc", "datalake", "datalake.staging.liveproject", "my-bucket-1", "123", "a.b-c"}) {
    EXPECT_TRUE(ValidateBucketName(name).ok()) << name;
  }
  EXPECT_TRUE(ValidateBucketName(std::string(63, 'a')).ok());
}

TEST(BucketNameTest, RefusesWhatS3Refuses) {
  for (const char* name :
       {"ab", "Upper", "under_score", "-start", "end-", ".dot", "dot.", "two..dots", "192.168.5.4",
        "xn--bucket", "sthree-x", "x-s3alias", "x--ol-s3", "x.mrap", "sp ace", ""}) {
    Status status = ValidateBucketName(name);
    EXPECT_EQ(status.aws_type(), "InvalidBucketName") << name;
  }
  EXPECT_FALSE(ValidateBucketName(std::string(64, 'a')).ok());
}

}  // namespace
}  // namespace stratus::s3
