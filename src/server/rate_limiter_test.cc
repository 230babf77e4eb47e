// SPDX-License-Identifier: Apache-2.0
#include "server/rate_limiter.h"

#include <gtest/gtest.h>

namespace baseline::server {
namespace {

using boost::asio::ip::make_address;

TEST(RateLimiter, LimitsEachAddressPerMinuteAndSaysWhenToRetry) {
  RateLimiter limiter({3, 100});
  const auto t0 = RateLimiter::Clock::now();
  const auto a = make_address("192.0.2.1");
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.admit(a, t0 + std::chrono::seconds(i)));
  auto wait = limiter.admit(a, t0 + std::chrono::seconds(10));
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 50);  // the first of the three leaves the window at t0 + 60
  EXPECT_FALSE(limiter.admit(make_address("192.0.2.2"), t0));  // another address is not affected
  EXPECT_FALSE(limiter.admit(a, t0 + std::chrono::seconds(61)));
}

TEST(RateLimiter, CountsAnIpv6Slash64AsOneClient) {
  RateLimiter limiter({100, 4});
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(limiter.admit(make_address("2001:db8:1:2::" + std::to_string(i + 1)), t0));
  }
  EXPECT_TRUE(limiter.admit(make_address("2001:db8:1:2:ffff::9"), t0));
  EXPECT_FALSE(limiter.admit(make_address("2001:db8:1:3::1"), t0));  // the next /64
  EXPECT_EQ(RateLimiter::prefix_key(make_address("2001:db8:1:2:aa::1")), "2001:db8:1:2::/64");
  EXPECT_EQ(RateLimiter::prefix_key(make_address("::ffff:192.0.2.1")), "");
}

TEST(RateLimiter, V4MappedAddressesShareTheIpv4Window) {
  RateLimiter limiter({1, 100});
  const auto t0 = RateLimiter::Clock::now();
  EXPECT_FALSE(limiter.admit(make_address("192.0.2.7"), t0));
  EXPECT_TRUE(limiter.admit(make_address("::ffff:192.0.2.7"), t0));
}

}  // namespace
}  // namespace baseline::server
