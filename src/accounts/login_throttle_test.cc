// SPDX-License-Identifier: Apache-2.0
#include "accounts/login_throttle.h"

#include <gtest/gtest.h>

namespace baseline::accounts {
namespace {

using std::chrono::seconds;

TEST(LoginThrottle, LimitsPerAccountAcrossAddresses) {
  SteadyTime now{};
  LoginThrottle throttle({.per_account = {.max_failures = 3, .window = seconds(60)},
                          .per_address = {.max_failures = 100, .window = seconds(60)}},
                         [&] { return now; });
  for (int i = 0; i < 3; ++i) throttle.failed("alice", "192.0.2." + std::to_string(i));
  auto wait = throttle.retry_after("alice", "198.51.100.7");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, seconds(60));
  EXPECT_FALSE(throttle.retry_after("bob", "198.51.100.7"));
  now += seconds(60);
  EXPECT_FALSE(throttle.retry_after("alice", "198.51.100.7"));
}

TEST(LoginThrottle, LimitsPerAddressAcrossAccountsAndSuccessDoesNotClearIt) {
  SteadyTime now{};
  LoginThrottle throttle({.per_account = {.max_failures = 100, .window = seconds(60)},
                          .per_address = {.max_failures = 3, .window = seconds(60)}},
                         [&] { return now; });
  for (int i = 0; i < 3; ++i) throttle.failed("user" + std::to_string(i), "192.0.2.9");
  throttle.succeeded("user0");
  EXPECT_TRUE(throttle.retry_after("anyone", "192.0.2.9"));
  EXPECT_FALSE(throttle.retry_after("anyone", "192.0.2.10"));
}

TEST(LoginThrottle, SuccessClearsTheAccount) {
  SteadyTime now{};
  LoginThrottle throttle({.per_account = {.max_failures = 2, .window = seconds(60)},
                          .per_address = {.max_failures = 100, .window = seconds(60)}},
                         [&] { return now; });
  throttle.failed("alice", "192.0.2.1");
  throttle.succeeded("alice");
  throttle.failed("alice", "192.0.2.1");
  EXPECT_FALSE(throttle.retry_after("alice", "192.0.2.1"));
}

TEST(LoginThrottle, WaitIsRoundedUpToWholeSeconds) {
  SteadyTime now{};
  LoginThrottle throttle({.per_account = {.max_failures = 1, .window = seconds(10)}},
                         [&] { return now; });
  throttle.failed("alice", "192.0.2.1");
  now += std::chrono::milliseconds(9500);
  EXPECT_EQ(throttle.retry_after("alice", "192.0.2.1"), seconds(1));
}

TEST(AddressKey, Ipv6CountsPer64AndMappedIpv4AsIpv4) {
  EXPECT_EQ(address_key("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(address_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_key("[2001:db8:1:2::ffff]"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_key("2001:db8:1:2::1"), address_key("2001:db8:1:2:ffff::9"));
  EXPECT_NE(address_key("2001:db8:1:2::1"), address_key("2001:db8:1:3::1"));
  EXPECT_EQ(address_key("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_key("not an address"), "not an address");
}

}  // namespace
}  // namespace baseline::accounts
