#include "states/api/time_scale_override.h"

#include <gtest/gtest.h>

namespace stratus::states::api {
namespace {

TEST(TimeScaleOverrideTest, NameSuffixWinsOverTheMachineTag) {
  const Tags tags = {{"stratus:time-scale", "0.5"}};
  EXPECT_EQ(ExecutionTimeScale("run@ts=0.001", tags), 0.001);
  EXPECT_EQ(ExecutionTimeScale("run", tags), 0.5);
  EXPECT_EQ(ExecutionTimeScale("run", {}), std::nullopt);
}

TEST(TimeScaleOverrideTest, IgnoresFactorsThatAreNotPositiveNumbers) {
  EXPECT_EQ(ExecutionTimeScale("run@ts=abc", {}), std::nullopt);
  EXPECT_EQ(ExecutionTimeScale("run@ts=0", {}), std::nullopt);
  EXPECT_EQ(ExecutionTimeScale("run@ts=-1", {}), std::nullopt);
  EXPECT_EQ(ExecutionTimeScale("run", {{"stratus:time-scale", "inf"}}), std::nullopt);
}

}  // namespace
}  // namespace stratus::states::api
