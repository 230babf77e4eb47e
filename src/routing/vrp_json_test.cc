// SPDX-License-Identifier: Apache-2.0
#include "routing/vrp_json.h"

#include <gtest/gtest.h>

namespace baseline::routing {
namespace {

IpPrefix prefix(const char* text) {
  return *IpPrefix::parse(text);
}

TEST(VrpJson, ReadsRpkiClientAndRoutinatorForms) {
  VrpSet vrps;
  // rpki-client: numeric asn; Routinator: "AS..." strings; both carry extra keys.
  auto stats = parse_vrp_json(R"({
    "metadata": {"buildtime": "2026-11-22T06:00:00Z", "roas": 3},
    "roas": [
      {"asn": 64500, "prefix": "198.18.30.0/27", "maxLength": 27, "ta": "lab", "expires": 1},
      {"asn": "AS64501", "prefix": "198.18.30.0/27", "maxLength": 27, "ta": "lab"},
      {"asn": "AS64500", "prefix": "2001:db8:30::/48", "maxLength": 64},
      {"asn": "AS64500", "prefix": "198.18.30.0/27", "maxLength": 27},
      {"prefix": "198.18.31.0/24", "asn": "AS64502"}
    ],
    "aspas": [{"customer_asid": 1, "providers": [2, 3]}]
  })",
                              "vrps.json", vrps);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->entries, 5u);
  EXPECT_EQ(stats->vrps, 4u);
  EXPECT_EQ(vrps.validity(prefix("198.18.30.0/27"), 64501), RouteValidity::kValid);
  EXPECT_EQ(vrps.validity(prefix("2001:db8:30:5::/64"), 64500), RouteValidity::kValid);
  // No maxLength: the prefix length.
  EXPECT_EQ(vrps.validity(prefix("198.18.31.0/24"), 64502), RouteValidity::kValid);
  EXPECT_EQ(vrps.validity(prefix("198.18.31.0/25"), 64502), RouteValidity::kInvalid);
}

void expect_error(const std::string& text, const std::string& fragment) {
  VrpSet vrps;
  auto stats = parse_vrp_json(text, "vrps.json", vrps);
  ASSERT_FALSE(stats.ok()) << text;
  EXPECT_NE(stats.error().message.find(fragment), std::string::npos)
      << "got: " << stats.error().message << "\nwanted: " << fragment;
  EXPECT_EQ(stats.error().message.rfind("vrps.json: ", 0), 0u);
}

TEST(VrpJson, MalformedInputNamesTheOffsetOrTheEntry) {
  expect_error(R"({"roas": [{"asn": 1, "prefix": "198.18.30.0/24", "maxLength": 24},)",
               "malformed JSON at byte offset");
  expect_error(R"({"roas": [{"asn": 1, "prefix": "198.18.30.0/24" "maxLength": 24}]})",
               "malformed JSON at byte offset 59");
  expect_error(R"({"roas": [{"asn": 1, "prefix": "198.18.30.0/24"}, {"asn": 1, "prefix": "x"}]})",
               "roas[1]: 'x' is not a prefix");
  expect_error(R"({"roas": [{"asn": "ASX", "prefix": "198.18.30.0/24"}]})",
               "roas[0]: 'ASX' is not an AS number");
  expect_error(R"({"roas": [{"asn": 1, "prefix": "198.18.30.0/24", "maxLength": 23}]})",
               "roas[0]: maxLength 23 does not fit 198.18.30.0/24");
  expect_error(R"({"roas": [{"asn": 1, "prefix": "198.18.30.0/24", "maxLength": 33}]})",
               "maxLength 33 does not fit");
  expect_error(R"({"roas": [{"asn": 1, "prefix": "198.18.30.0/24", "maxLength": "24"}]})",
               "\"maxLength\" must be a number");
  expect_error(R"({"roas": [{"asn": -1, "prefix": "198.18.30.0/24"}]})", "\"asn\" is a negative");
  expect_error(R"({"roas": [{"asn": 1.5, "prefix": "198.18.30.0/24"}]})", "\"asn\" is a fraction");
  expect_error(R"({"roas": [{"prefix": "198.18.30.0/24"}]})", "roas[0]: no \"asn\"");
  expect_error(R"({"roas": [{"asn": 1}]})", "roas[0]: no \"prefix\"");
  expect_error(R"({"roas": ["198.18.30.0/24"]})", "roas[0]: an entry must be an object");
  expect_error(R"({"roas": {}})", "\"roas\" must be an array");
  expect_error(R"({"roas": 3})", "\"roas\" must be an array");
  expect_error(R"([{"asn": 1}])", "the top level must be an object");
  expect_error(R"({"vrps": []})", "no \"roas\" array");
  expect_error("", "malformed JSON");
}

TEST(VrpJson, MissingFileIsAnError) {
  VrpSet vrps;
  auto stats = load_vrp_file("/nonexistent/vrps.json", vrps);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.error().message.find("cannot open /nonexistent/vrps.json"), std::string::npos);
}

}  // namespace
}  // namespace baseline::routing
