#include "states/asl/retry_policy.h"

#include <gtest/gtest.h>

#include "base/random.h"

namespace stratus::states::asl {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicyTest, WildcardsSkipTerminalErrors) {
  const std::vector<std::string> all = {"States.ALL"};
  EXPECT_TRUE(ErrorMatches(all, "MyError"));
  EXPECT_TRUE(ErrorMatches(all, "States.Timeout"));
  EXPECT_FALSE(ErrorMatches(all, "States.Runtime"));
  EXPECT_FALSE(ErrorMatches(all, "States.DataLimitExceeded"));
  const std::vector<std::string> task_failed = {"States.TaskFailed"};
  EXPECT_TRUE(ErrorMatches(task_failed, "Lambda.ServiceException"));
  EXPECT_FALSE(ErrorMatches(task_failed, "States.Timeout"));
  const std::vector<std::string> exact = {"States.Runtime"};
  EXPECT_TRUE(ErrorMatches(exact, "States.Runtime"));
}

TEST(RetryPolicyTest, FindsTheFirstMatchingRetrierAndCatcher) {
  std::vector<Retrier> retriers(2);
  retriers[0].error_equals = {"A"};
  retriers[1].error_equals = {"States.ALL"};
  EXPECT_EQ(FindRetrier(retriers, "A"), 0);
  EXPECT_EQ(FindRetrier(retriers, "B"), 1);
  EXPECT_EQ(FindRetrier(retriers, "States.Runtime"), -1);
  std::vector<Catcher> catchers(1);
  catchers[0].error_equals = {"B"};
  EXPECT_EQ(FindCatcher(catchers, "A"), -1);
  EXPECT_EQ(FindCatcher(catchers, "B"), 0);
}

TEST(RetryPolicyTest, DelayGrowsByBackoffRateAndIsCapped) {
  Retrier retrier;
  retrier.interval_seconds = 2;
  retrier.backoff_rate = 1.5;
  EXPECT_EQ(RetryDelay(retrier, 0, nullptr), milliseconds(2000));
  EXPECT_EQ(RetryDelay(retrier, 1, nullptr), milliseconds(3000));
  EXPECT_EQ(RetryDelay(retrier, 2, nullptr), milliseconds(4500));
  retrier.max_delay_seconds = 4;
  EXPECT_EQ(RetryDelay(retrier, 2, nullptr), milliseconds(4000));
}

TEST(RetryPolicyTest, FullJitterDrawsBelowTheDelay) {
  Retrier retrier;
  retrier.interval_seconds = 10;
  retrier.jitter_strategy = JitterStrategy::kFull;
  IdGenerator ids(1);
  for (int i = 0; i < 20; ++i) {
    const milliseconds delay = RetryDelay(retrier, 1, &ids);
    EXPECT_GE(delay.count(), 0);
    EXPECT_LT(delay.count(), 20000);
  }
}

}  // namespace
}  // namespace stratus::states::asl
