// SPDX-License-Identifier: Apache-2.0
#include "tls/key_shares.h"

#include <gtest/gtest.h>
#include <openssl/obj_mac.h>

#include <utility>

#include "tls/openssl_handles.h"

namespace baseline::tls {
namespace {

// The size of each share is the group's (RFC 8446 4.2.8.2, RFC 7748, RFC 8734).
TEST(KeyShares, EachGroupGetsAValueOfItsSize) {
  EXPECT_EQ(key_share_value(0x001d)->size(), 32u);   // x25519
  EXPECT_EQ(key_share_value(0x001e)->size(), 56u);   // x448
  EXPECT_EQ(key_share_value(0x0017)->size(), 65u);   // secp256r1
  EXPECT_EQ(key_share_value(0x0018)->size(), 97u);   // secp384r1
  EXPECT_EQ(key_share_value(0x0019)->size(), 133u);  // secp521r1
  EXPECT_EQ(key_share_value(0x001f)->size(), 65u);   // brainpoolP256r1tls13
  EXPECT_EQ(key_share_value(0x0020)->size(), 97u);
  EXPECT_EQ(key_share_value(0x0021)->size(), 129u);
}

TEST(KeyShares, GroupsWithoutAValueAreOfferedWithoutAShare) {
  for (std::uint16_t group : {0x0100, 0x11ec, 0x001a}) {  // ffdhe2048, X25519MLKEM768,
    EXPECT_FALSE(key_share_value(group).has_value());     // brainpoolP256r1 (TLS 1.2 only)
    EXPECT_FALSE(makes_key_share(group));
  }
  for (std::uint16_t group : {0x001d, 0x001e, 0x0017, 0x0018, 0x0019, 0x001f, 0x0020, 0x0021}) {
    EXPECT_TRUE(makes_key_share(group)) << group;
  }
}

// A server decodes an elliptic-curve share as a point and refuses one that is not on the curve.
TEST(KeyShares, CurveSharesArePointsOnTheirCurve) {
  const std::pair<std::uint16_t, int> curves[] = {
      {0x0017, NID_X9_62_prime256v1}, {0x0018, NID_secp384r1},       {0x0019, NID_secp521r1},
      {0x001f, NID_brainpoolP256r1},  {0x0020, NID_brainpoolP384r1}, {0x0021, NID_brainpoolP512r1}};
  for (const auto& [group, nid] : curves) {
    const auto value = key_share_value(group);
    ASSERT_TRUE(value.has_value()) << group;
    EXPECT_EQ(value->front(), 0x04) << "uncompressed";
    const EcGroupPtr curve(EC_GROUP_new_by_curve_name(nid));
    const EcPointPtr point(EC_POINT_new(curve.get()));
    ASSERT_EQ(EC_POINT_oct2point(curve.get(), point.get(), value->data(), value->size(), nullptr),
              1)
        << group;
    EXPECT_EQ(EC_POINT_is_on_curve(curve.get(), point.get(), nullptr), 1) << group;
    EXPECT_EQ(EC_POINT_is_at_infinity(curve.get(), point.get()), 0) << group;
  }
}

}  // namespace
}  // namespace baseline::tls
