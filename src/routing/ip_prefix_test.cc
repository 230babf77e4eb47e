// SPDX-License-Identifier: Apache-2.0
#include "routing/ip_prefix.h"

#include <gtest/gtest.h>

#include <random>

#include "routing/prefix_trie.h"

namespace baseline::routing {
namespace {

TEST(IpPrefix, ParsesIpv4AndIpv6) {
  auto v4 = IpPrefix::parse("198.18.30.0/27");
  ASSERT_TRUE(v4.ok()) << v4.error().message;
  EXPECT_EQ(v4->family(), IpFamily::kIpv4);
  EXPECT_EQ(v4->length(), 27);
  EXPECT_EQ(v4->to_string(), "198.18.30.0/27");
  auto v6 = IpPrefix::parse("2001:db8:30::/120");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->family(), IpFamily::kIpv6);
  EXPECT_EQ(v6->to_string(), "2001:db8:30::/120");
  EXPECT_TRUE(IpPrefix::parse("0.0.0.0/0").ok());
  EXPECT_TRUE(IpPrefix::parse("::/0").ok());
}

TEST(IpPrefix, RefusesMalformedText) {
  for (const char* bad :
       {"198.18.30.0", "198.18.30.0/33", "198.18.30.1/24", "2001:db8::/129", "foo/24",
        "198.18.30.0/", "198.18.30.0/-1", "198.18.30.0/2x", "/24", "fe80::1%eth0/128", ""}) {
    EXPECT_FALSE(IpPrefix::parse(bad).ok()) << bad;
  }
}

TEST(IpPrefix, CoversAndTruncates) {
  auto wide = *IpPrefix::parse("198.18.30.0/24");
  auto narrow = *IpPrefix::parse("198.18.30.64/28");
  EXPECT_TRUE(wide.covers(narrow));
  EXPECT_FALSE(narrow.covers(wide));
  EXPECT_TRUE(wide.covers(wide));
  EXPECT_FALSE(wide.covers(*IpPrefix::parse("198.18.31.0/28")));
  EXPECT_FALSE(wide.covers(*IpPrefix::parse("2001:db8::/32")));
  EXPECT_EQ(narrow.truncated(24), wide);
  auto address = IpPrefix::from_address(boost::asio::ip::make_address("198.18.30.70"));
  EXPECT_EQ(address.length(), 32);
  EXPECT_TRUE(narrow.covers(address));
}

TEST(IpPrefix, FromBytesClearsHostBitsAndChecksLength) {
  const std::uint8_t bytes[] = {198, 18, 30, 77};
  auto p = IpPrefix::from_bytes(IpFamily::kIpv4, bytes, 4, 26);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->to_string(), "198.18.30.64/26");
  EXPECT_FALSE(IpPrefix::from_bytes(IpFamily::kIpv4, bytes, 4, 33).ok());
  EXPECT_FALSE(IpPrefix::from_bytes(IpFamily::kIpv4, bytes, 5, 8).ok());
}

TEST(Asn, ParsesBothForms) {
  EXPECT_EQ(*parse_asn("AS64500"), 64500u);
  EXPECT_EQ(*parse_asn("as64500"), 64500u);
  EXPECT_EQ(*parse_asn("4200000000"), 4200000000u);
  for (const char* bad : {"", "AS", "AS-1", "64500x", "AS4294967296", " 1"}) {
    EXPECT_FALSE(parse_asn(bad).ok()) << bad;
  }
  EXPECT_EQ(asn_text(64500), "AS64500");
}

TEST(PrefixTrie, FindsEveryCoveringPrefixShortestFirst) {
  PrefixTrie<int> trie;
  auto same = [](int a, int b) { return a == b; };
  EXPECT_TRUE(trie.insert(*IpPrefix::parse("0.0.0.0/0"), 0, same));
  EXPECT_TRUE(trie.insert(*IpPrefix::parse("198.18.0.0/15"), 15, same));
  EXPECT_TRUE(trie.insert(*IpPrefix::parse("198.18.30.0/24"), 24, same));
  EXPECT_TRUE(trie.insert(*IpPrefix::parse("198.18.30.0/24"), 2424, same));
  EXPECT_FALSE(trie.insert(*IpPrefix::parse("198.18.30.0/24"), 24, same));
  EXPECT_TRUE(trie.insert(*IpPrefix::parse("198.18.31.0/24"), 31, same));
  EXPECT_TRUE(trie.insert(*IpPrefix::parse("::/0"), 6, same));
  EXPECT_EQ(trie.prefix_count(), 5u);
  EXPECT_EQ(trie.value_count(), 6u);

  std::vector<std::pair<int, int>> seen;
  trie.for_each_covering(IpPrefix::from_address(boost::asio::ip::make_address("198.18.30.9")),
                         [&](int length, int value) { seen.emplace_back(length, value); });
  std::vector<std::pair<int, int>> expected{{0, 0}, {15, 15}, {24, 2424}, {24, 24}};
  EXPECT_EQ(seen, expected);

  seen.clear();
  trie.for_each_covering(*IpPrefix::parse("198.18.0.0/16"),
                         [&](int length, int value) { seen.emplace_back(length, value); });
  expected = {{0, 0}, {15, 15}};
  EXPECT_EQ(seen, expected);

  seen.clear();
  trie.for_each_covering(IpPrefix::from_address(boost::asio::ip::make_address("2001:db8::1")),
                         [&](int length, int value) { seen.emplace_back(length, value); });
  expected = {{0, 6}};
  EXPECT_EQ(seen, expected);
}

TEST(PrefixTrie, CompactingKeepsEveryAnswer) {
  PrefixTrie<std::uint32_t> trie;
  std::mt19937 random(42);  // NOLINT(cert-msc51-cpp): the same keys on every run, on purpose
  std::vector<IpPrefix> keys;
  for (std::uint32_t i = 0; i < 3000; ++i) {
    std::uint8_t bytes[16];
    for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
    const bool v6 = i % 3 == 0;
    const int length = static_cast<int>(random() % (v6 ? 65 : 33));
    auto p =
        *IpPrefix::from_bytes(v6 ? IpFamily::kIpv6 : IpFamily::kIpv4, bytes, v6 ? 16 : 4, length);
    trie.insert(p, i, [](std::uint32_t a, std::uint32_t b) { return a == b; });
    trie.insert(p, i + 100000, [](std::uint32_t a, std::uint32_t b) { return a == b; });
    keys.push_back(*IpPrefix::from_bytes(p.family(), bytes, v6 ? 16 : 4, v6 ? 128 : 32));
  }
  auto answers = [&] {
    std::vector<std::vector<std::pair<int, std::uint32_t>>> out;
    for (const auto& k : keys) {
      out.emplace_back();
      trie.for_each_covering(k, [&](int l, std::uint32_t v) { out.back().emplace_back(l, v); });
      trie.for_each_at_longest(k, [&](std::uint32_t v) { out.back().emplace_back(-1, v); });
    }
    return out;
  };
  const auto before = answers();
  const auto count = trie.value_count();
  trie.compact();
  EXPECT_EQ(answers(), before);
  EXPECT_EQ(trie.value_count(), count);
}

}  // namespace
}  // namespace baseline::routing
