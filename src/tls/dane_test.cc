// SPDX-License-Identifier: Apache-2.0
#include "tls/dane.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace baseline::tls {
namespace {

std::vector<std::uint8_t> sha256(const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> out(32);
  unsigned n = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &n, EVP_sha256(), nullptr);
  return out;
}

TEST(Dane, ParsesAndMatchesDaneEe) {
  ChainCertificate leaf{{1, 2, 3}, {4, 5, 6}};
  ChainCertificate ca{{7, 8}, {9}};
  std::vector<std::uint8_t> rdata{3, 1, 1};
  auto h = sha256(leaf.spki_der);
  rdata.insert(rdata.end(), h.begin(), h.end());
  auto tlsa = parse_tlsa(rdata);
  ASSERT_TRUE(tlsa);
  EXPECT_TRUE(tlsa_matches(*tlsa, {leaf, ca}, false));
  EXPECT_FALSE(tlsa_matches(*tlsa, {ca, leaf}, false));
  EXPECT_EQ(tlsa->text().substr(0, 6), "3 1 1 ");
}

TEST(Dane, UsagesTwoAndOneAndExact) {
  ChainCertificate leaf{{1, 2, 3}, {4, 5, 6}};
  ChainCertificate ca{{7, 8}, {9}};
  Tlsa ta{2, 0, 0, ca.der};
  EXPECT_TRUE(tlsa_matches(ta, {leaf, ca}, false));
  Tlsa ta_leaf{2, 0, 0, leaf.der};
  EXPECT_FALSE(tlsa_matches(ta_leaf, {leaf, ca}, false));  // DANE-TA never matches the leaf
  Tlsa pkix{1, 0, 0, leaf.der};
  EXPECT_FALSE(tlsa_matches(pkix, {leaf}, false));
  EXPECT_TRUE(tlsa_matches(pkix, {leaf}, true));
  EXPECT_FALSE(parse_tlsa({3, 1}));
}

}  // namespace
}  // namespace baseline::tls
