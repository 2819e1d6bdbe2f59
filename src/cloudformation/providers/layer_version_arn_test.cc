#include "cloudformation/providers/layer_version_arn.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace stratus::cloudformation {
namespace {

TEST(LayerVersionArnTest, SplitsALayerVersionArnIntoNameAndVersion) {
  ASSERT_OK_AND_ASSIGN(Json members,
                       LayerVersionMembers("arn:aws:lambda:us-east-1:000000000000:layer:libs:3"));
  EXPECT_EQ(members, (Json{{"LayerName", "libs"}, {"VersionNumber", 3}}));
}

TEST(LayerVersionArnTest, ReadsAVersionThatIsNoNumberAsZero) {
  ASSERT_OK_AND_ASSIGN(Json members,
                       LayerVersionMembers("arn:aws:lambda:us-east-1:000000000000:layer:libs:x"));
  EXPECT_EQ(members["VersionNumber"], 0);
}

TEST(LayerVersionArnTest, RejectsAnArnThatNamesNoLayerVersion) {
  EXPECT_STATUS(StatusCode::kInvalidArgument, LayerVersionMembers(""));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                LayerVersionMembers("arn:aws:lambda:us-east-1:000000000000:function:f"));
  EXPECT_STATUS(StatusCode::kInvalidArgument,
                LayerVersionMembers("arn:aws:lambda:us-east-1:000000000000:layer:libs"));
}

}  // namespace
}  // namespace stratus::cloudformation
