// SPDX-License-Identifier: Apache-2.0
#include "core/address_guard.h"

#include <gtest/gtest.h>

#include <string>

namespace baseline::core {
namespace {

boost::asio::ip::address ip(const std::string& text) {
  return boost::asio::ip::make_address(text);
}

std::string range_of(const std::string& text) {
  auto range = special_purpose_range(ip(text));
  EXPECT_TRUE(range.has_value()) << text << " was considered public";
  return range.value_or("");
}

TEST(SpecialPurposeRange, PublicAddressesHaveNone) {
  for (const char* text : {"8.8.8.8", "1.1.1.1", "193.0.14.129", "172.32.0.1", "100.128.0.1",
                           "198.20.0.1", "223.255.255.255", "2001:4860:4860::8888",
                           "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"}) {
    EXPECT_FALSE(special_purpose_range(ip(text)).has_value()) << text;
  }
}

TEST(SpecialPurposeRange, NamesIpv4Ranges) {
  EXPECT_EQ(range_of("10.0.0.1"), "10.0.0.0/8 (private-use)");
  EXPECT_EQ(range_of("10.255.255.255"), "10.0.0.0/8 (private-use)");
  EXPECT_EQ(range_of("127.0.0.1"), "127.0.0.0/8 (loopback)");
  EXPECT_EQ(range_of("127.53.0.9"), "127.0.0.0/8 (loopback)");
  EXPECT_EQ(range_of("169.254.169.254"), "169.254.0.0/16 (link-local)");
  EXPECT_EQ(range_of("172.16.0.1"), "172.16.0.0/12 (private-use)");
  EXPECT_EQ(range_of("172.31.255.255"), "172.16.0.0/12 (private-use)");
  EXPECT_EQ(range_of("192.168.1.1"), "192.168.0.0/16 (private-use)");
  EXPECT_EQ(range_of("198.18.0.1"), "198.18.0.0/15 (benchmarking)");
  EXPECT_EQ(range_of("198.19.255.254"), "198.18.0.0/15 (benchmarking)");
  EXPECT_EQ(range_of("100.64.0.1"), "100.64.0.0/10 (shared address space)");
  EXPECT_EQ(range_of("100.127.255.255"), "100.64.0.0/10 (shared address space)");
  EXPECT_EQ(range_of("224.0.0.251"), "224.0.0.0/4 (multicast)");
  EXPECT_EQ(range_of("239.255.255.250"), "224.0.0.0/4 (multicast)");
  EXPECT_EQ(range_of("0.0.0.0"), "0.0.0.0/8 (this network)");
  EXPECT_EQ(range_of("192.0.2.1"), "192.0.2.0/24 (documentation)");
  EXPECT_EQ(range_of("240.0.0.1"), "240.0.0.0/4 (reserved)");
  EXPECT_FALSE(range_of("255.255.255.255").empty());
}

TEST(SpecialPurposeRange, NamesIpv6Ranges) {
  EXPECT_EQ(range_of("::1"), "::1/128 (loopback)");
  EXPECT_EQ(range_of("::"), "::/128 (unspecified)");
  EXPECT_EQ(range_of("fe80::1"), "fe80::/10 (link-local)");
  EXPECT_EQ(range_of("febf::1"), "fe80::/10 (link-local)");
  EXPECT_EQ(range_of("fc00::1"), "fc00::/7 (unique local)");
  EXPECT_EQ(range_of("fd12:3456::1"), "fc00::/7 (unique local)");
  EXPECT_EQ(range_of("2001:db8::1"), "2001:db8::/32 (documentation)");
  EXPECT_EQ(range_of("3fff::1"), "3fff::/20 (documentation)");
  EXPECT_EQ(range_of("3fff:0fff::1"), "3fff::/20 (documentation)");
  EXPECT_EQ(range_of("ff02::1"), "ff00::/8 (multicast)");
  EXPECT_EQ(range_of("2001::1"), "2001::/32 (Teredo)");
  EXPECT_EQ(range_of("64:ff9b:1::1"), "64:ff9b:1::/48 (local-use NAT64)");
  EXPECT_EQ(range_of("4000::1"), "outside 2000::/3 (reserved)");
  EXPECT_EQ(range_of("1234::1"), "outside 2000::/3 (reserved)");
  EXPECT_FALSE(special_purpose_range(ip("3fff:1000::1")).has_value());  // just past the /20
}

TEST(SpecialPurposeRange, ChecksMappedIpv4Inside) {
  EXPECT_EQ(range_of("::ffff:10.0.0.1"), "::ffff:0:0/96 mapping 10.0.0.0/8 (private-use)");
  EXPECT_EQ(range_of("::ffff:127.0.0.1"), "::ffff:0:0/96 mapping 127.0.0.0/8 (loopback)");
  EXPECT_FALSE(special_purpose_range(ip("::ffff:8.8.8.8")).has_value());
}

TEST(AddressGuard, RefusesWithTheRangeNamed) {
  const AddressGuard guard(false);
  EXPECT_FALSE(guard.allows_private());
  auto refusal = guard.refusal(ip("10.0.0.1"));
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(*refusal,
            "address not public: 10.0.0.1 is in 10.0.0.0/8 (private-use) (use --allow-private to "
            "test it)");
  auto v6 = guard.refusal(ip("fe80::1"));
  ASSERT_TRUE(v6.has_value());
  EXPECT_NE(v6->find("fe80::/10 (link-local)"), std::string::npos);
  EXPECT_FALSE(guard.refusal(ip("8.8.8.8")).has_value());
  EXPECT_FALSE(guard.refusal(ip("2001:4860:4860::8888")).has_value());
}

TEST(AddressGuard, AllowPrivateLetsEverythingThrough) {
  const AddressGuard guard(true);
  EXPECT_TRUE(guard.allows_private());
  for (const char* text : {"10.0.0.1", "127.0.0.1", "169.254.1.1", "192.168.0.1", "198.18.0.1",
                           "100.64.0.1", "224.0.0.1", "::1", "fe80::1", "fc00::1", "2001:db8::1",
                           "::ffff:10.0.0.1", "3fff::1", "4000::1", "8.8.8.8"}) {
    EXPECT_FALSE(guard.refusal(ip(text)).has_value()) << text;
  }
}

}  // namespace
}  // namespace baseline::core
