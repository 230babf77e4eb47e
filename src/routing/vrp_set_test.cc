// SPDX-License-Identifier: Apache-2.0
// RFC 6811 route origin validation, and what the routing checks conclude about one address.
#include "routing/vrp_set.h"

#include <gtest/gtest.h>

#include "routing/route_table.h"
#include "routing/routing_data.h"

namespace baseline::routing {
namespace {

IpPrefix prefix(const char* text) {
  return *IpPrefix::parse(text);
}
boost::asio::ip::address address(const char* text) {
  return boost::asio::ip::make_address(text);
}

class RouteOriginValidation : public ::testing::Test {
 protected:
  RouteOriginValidation() {
    vrps_.add({prefix("198.18.30.0/27"), 27, 64500});
    vrps_.add({prefix("198.18.30.0/27"), 27, 64501});  // a second authorised origin
    vrps_.add({prefix("198.18.30.0/27"), 27, 64500});  // duplicate: ignored
    vrps_.add({prefix("198.18.30.64/27"), 27, 64500});
    vrps_.add({prefix("198.18.30.128/25"), 28, 64502});
    vrps_.add({prefix("198.18.30.128/26"), 26, 64503});  // shorter maxLength, other origin
    vrps_.add({prefix("198.18.40.0/24"), 24, 0});        // AS0: nothing may originate it
    vrps_.add({prefix("2001:db8:30::/48"), 64, 64500});
  }
  VrpSet vrps_;
};

TEST_F(RouteOriginValidation, DuplicatesAreStoredOnce) {
  EXPECT_EQ(vrps_.size(), 7u);
}

TEST_F(RouteOriginValidation, ValidWhenAnyCoveringVrpMatches) {
  EXPECT_EQ(vrps_.validity(prefix("198.18.30.0/27"), 64500), RouteValidity::kValid);
  EXPECT_EQ(vrps_.validity(prefix("198.18.30.0/27"), 64501), RouteValidity::kValid);
  EXPECT_EQ(vrps_.validity(prefix("198.18.30.128/28"), 64502), RouteValidity::kValid);
  EXPECT_EQ(vrps_.validity(prefix("2001:db8:30:1::/64"), 64500), RouteValidity::kValid);
  auto detailed = vrps_.validate(prefix("198.18.30.128/26"), 64503);
  EXPECT_EQ(detailed.validity, RouteValidity::kValid);
  EXPECT_EQ(detailed.covering.size(), 2u);  // both the /25 and the /26 cover it
}

TEST_F(RouteOriginValidation, InvalidByOrigin) {
  auto v = vrps_.validate(prefix("198.18.30.0/27"), 64666);
  EXPECT_EQ(v.validity, RouteValidity::kInvalid);
  EXPECT_NE(v.reason.find("AS64666 is not authorised"), std::string::npos) << v.reason;
  EXPECT_EQ(v.covering.size(), 2u);
}

TEST_F(RouteOriginValidation, InvalidByMaxLength) {
  auto v = vrps_.validate(prefix("198.18.30.64/28"), 64500);
  EXPECT_EQ(v.validity, RouteValidity::kInvalid);
  EXPECT_NE(v.reason.find("maxLength 27"), std::string::npos) << v.reason;
  // The /26 authorises AS64503 only up to /26; the /25 allows AS64502 down to /28.
  EXPECT_EQ(vrps_.validity(prefix("198.18.30.128/27"), 64503), RouteValidity::kInvalid);
  EXPECT_EQ(vrps_.validity(prefix("198.18.30.128/29"), 64502), RouteValidity::kInvalid);
  EXPECT_EQ(vrps_.validity(prefix("2001:db8:30::/65"), 64500), RouteValidity::kInvalid);
}

TEST_F(RouteOriginValidation, NotFoundWhenNoVrpCovers) {
  EXPECT_EQ(vrps_.validity(prefix("198.18.30.96/27"), 64500), RouteValidity::kNotFound);
  // A VRP more specific than the route does not cover it (RFC 6811).
  EXPECT_EQ(vrps_.validity(prefix("198.18.30.0/24"), 64500), RouteValidity::kNotFound);
  EXPECT_EQ(vrps_.validate(prefix("2001:db8:31::/48"), 64500).reason,
            "no VRP covers 2001:db8:31::/48");
}

TEST_F(RouteOriginValidation, As0AndAsSetOriginsNeverMatch) {
  EXPECT_EQ(vrps_.validity(prefix("198.18.40.0/24"), 0), RouteValidity::kInvalid);
  EXPECT_EQ(vrps_.validity(prefix("198.18.40.0/24"), 64500), RouteValidity::kInvalid);
  auto v = vrps_.validate(prefix("198.18.30.0/27"), kNoSingleOrigin);
  EXPECT_EQ(v.validity, RouteValidity::kInvalid);
  EXPECT_NE(v.reason.find("AS_SET"), std::string::npos);
}

TEST(RouteTable, AnswersEveryCoveringPrefixWithItsOrigins) {
  RouteTable table;
  EXPECT_TRUE(table.add(prefix("198.18.0.0/15"), 64510));
  EXPECT_TRUE(table.add(prefix("198.18.30.0/27"), 64500));
  EXPECT_TRUE(table.add(prefix("198.18.30.0/27"), 64666));
  EXPECT_FALSE(table.add(prefix("198.18.30.0/27"), 64500));  // same route from another peer
  EXPECT_EQ(table.prefix_count(), 2u);
  EXPECT_EQ(table.route_count(), 3u);
  auto covering = table.covering(IpPrefix::from_address(address("198.18.30.5")));
  ASSERT_EQ(covering.size(), 2u);
  EXPECT_EQ(covering[0].prefix.to_string(), "198.18.0.0/15");
  EXPECT_EQ(covering[1].prefix.to_string(), "198.18.30.0/27");
  EXPECT_EQ(covering[1].origins, (std::vector<std::uint32_t>{64500, 64666}));
  EXPECT_TRUE(table.covering(IpPrefix::from_address(address("198.20.0.1"))).empty());
  std::vector<std::uint32_t> origins;
  EXPECT_EQ(table.most_specific(IpPrefix::from_address(address("198.18.30.5")),
                                [&](std::uint32_t o) { origins.push_back(o); }),
            27);
  EXPECT_EQ(origins.size(), 2u);
}

TEST_F(RouteOriginValidation, AssessAddressJudgesTheMostSpecificRoute) {
  RouteTable table;
  table.add(prefix("198.18.0.0/15"), 64510);  // not-found aggregate, less specific
  table.add(prefix("198.18.30.0/27"), 64500);
  table.add(prefix("198.18.30.0/27"), 64666);  // a second origin for the same prefix
  auto a = assess_address(vrps_, &table, address("198.18.30.1"));
  EXPECT_EQ(a.covering_vrps.size(), 2u);
  EXPECT_EQ(a.announced.size(), 2u);
  ASSERT_TRUE(a.route.has_value());
  EXPECT_EQ(a.route->to_string(), "198.18.30.0/27");
  ASSERT_EQ(a.origins.size(), 2u);
  EXPECT_EQ(a.origins[0].validation.validity, RouteValidity::kValid);
  EXPECT_EQ(a.origins[1].validation.validity, RouteValidity::kInvalid);

  auto unannounced = assess_address(vrps_, &table, address("198.20.0.1"));
  EXPECT_FALSE(unannounced.route.has_value());
  EXPECT_TRUE(unannounced.origins.empty());
  auto without_rib = assess_address(vrps_, nullptr, address("198.18.30.1"));
  EXPECT_EQ(without_rib.covering_vrps.size(), 2u);
  EXPECT_FALSE(without_rib.route.has_value());
}

}  // namespace
}  // namespace baseline::routing
