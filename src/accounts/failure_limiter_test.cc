// SPDX-License-Identifier: Apache-2.0
#include "accounts/failure_limiter.h"

#include <gtest/gtest.h>

namespace baseline::accounts {
namespace {

using std::chrono::seconds;

struct FakeClock {
  SteadyTime now{};
  Now fn() {
    return [this] { return now; };
  }
};

TEST(FailureLimiter, BlocksAfterMaxFailuresUntilTheOldestLeavesTheWindow) {
  FakeClock clock;
  FailureLimiter limiter({.max_failures = 3, .window = seconds(60)}, clock.fn());
  EXPECT_FALSE(limiter.retry_after("alice"));
  limiter.record_failure("alice");  // t=0
  clock.now += seconds(10);
  limiter.record_failure("alice");  // t=10
  clock.now += seconds(10);
  EXPECT_FALSE(limiter.retry_after("alice"));
  limiter.record_failure("alice");  // t=20
  auto wait = limiter.retry_after("alice");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, seconds(40));             // the t=0 failure leaves at t=60
  EXPECT_FALSE(limiter.retry_after("bob"));  // per key
  clock.now += seconds(40);
  EXPECT_FALSE(limiter.retry_after("alice"));  // sliding: two failures left in the window
  limiter.record_failure("alice");
  ASSERT_TRUE(limiter.retry_after("alice"));
  EXPECT_EQ(*limiter.retry_after("alice"), seconds(10));  // now the t=10 one is oldest
}

TEST(FailureLimiter, ResetForgetsFailures) {
  FakeClock clock;
  FailureLimiter limiter({.max_failures = 1, .window = seconds(60)}, clock.fn());
  limiter.record_failure("alice");
  EXPECT_TRUE(limiter.retry_after("alice"));
  limiter.reset("alice");
  EXPECT_FALSE(limiter.retry_after("alice"));
  EXPECT_EQ(limiter.tracked_keys(), 0u);
}

TEST(FailureLimiter, MemoryIsBoundedUnderManyKeys) {
  FakeClock clock;
  FailureLimiter limiter({.max_failures = 2, .window = seconds(60), .max_keys = 100}, clock.fn());
  limiter.record_failure("victim");
  limiter.record_failure("victim");
  for (int i = 0; i < 100000; ++i) limiter.record_failure("10.0." + std::to_string(i));
  EXPECT_LE(limiter.tracked_keys(), 100u);
  // Failures beyond max_failures keep only the newest ones.
  for (int i = 0; i < 1000; ++i) limiter.record_failure("busy");
  EXPECT_TRUE(limiter.retry_after("busy"));
  EXPECT_LE(limiter.tracked_keys(), 100u);
}

TEST(FailureLimiter, TheLongestIdleKeyIsForgottenFirst) {
  FakeClock clock;
  FailureLimiter limiter({.max_failures = 1, .window = seconds(600), .max_keys = 2}, clock.fn());
  limiter.record_failure("a");
  limiter.record_failure("b");
  limiter.record_failure("a");  // a is now the most recent
  limiter.record_failure("c");  // evicts b
  EXPECT_TRUE(limiter.retry_after("a"));
  EXPECT_FALSE(limiter.retry_after("b"));
  EXPECT_TRUE(limiter.retry_after("c"));
}

}  // namespace
}  // namespace baseline::accounts
