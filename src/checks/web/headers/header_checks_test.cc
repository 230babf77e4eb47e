// SPDX-License-Identifier: Apache-2.0
// The table of header checks against the declarations, and each judge on a missing header and on
// its own good example.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "checks/registry.h"
#include "checks/web/headers/header_check.h"

namespace baseline::checks::web_headers {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

TEST(HeaderChecks, EveryDeclaredHeaderCheckHasOneJudgeInDeclarationOrder) {
  std::vector<std::string> declared;
  for (auto id : checks_in(Family::kWeb, {Group::kHeaders})) declared.push_back(id.str());
  std::vector<std::string> judged;
  std::set<std::string> fields;
  for (const auto* check : header_checks()) {
    judged.push_back(check->id.str());
    EXPECT_EQ(check->id.spec().group, Group::kHeaders) << check->id.view();
    EXPECT_TRUE(fields.insert(std::string(check->header)).second) << check->header;
    for (char c : check->header) EXPECT_FALSE(c >= 'A' && c <= 'Z') << check->header;
  }
  ASSERT_FALSE(judged.empty());
  EXPECT_EQ(judged, declared);
}

TEST(HeaderChecks, AMissingHeaderWarnsAndNamesItsCheck) {
  const Fields none;
  for (const auto* check : header_checks()) {
    const auto r = check->judge(HeaderFields{none}, "192.0.2.1:443");
    EXPECT_EQ(r.id, check->id.view());
    EXPECT_EQ(r.target, "192.0.2.1:443");
    EXPECT_EQ(r.verdict, core::Verdict::kWarn) << r.id;
    EXPECT_FALSE(r.summary.empty()) << r.id;
  }
}

TEST(HeaderChecks, EachGoodExamplePassesAloneAndBesideTheOthers) {
  Fields all;
  for (const auto* check : header_checks()) {
    all.emplace_back(std::string(check->header), std::string(check->good_example));
  }
  for (const auto* check : header_checks()) {
    const Fields alone{{std::string(check->header), std::string(check->good_example)}};
    const auto r = check->judge(HeaderFields{alone}, "192.0.2.1:443");
    EXPECT_EQ(r.verdict, core::Verdict::kPass) << r.id << ": " << r.summary;
    EXPECT_EQ(check->judge(HeaderFields{all}, "192.0.2.1:443").verdict, core::Verdict::kPass)
        << r.id;
  }
}

TEST(HeaderChecks, FrameAncestorsStandsInForXFrameOptions) {
  const auto* xfo = header_checks().front();
  for (const auto* check : header_checks()) {
    if (check->id == "web.headers.x_frame_options") xfo = check;
  }
  ASSERT_EQ(xfo->id, "web.headers.x_frame_options");
  const Fields csp_only{{"content-security-policy", "frame-ancestors 'self'"}};
  EXPECT_EQ(xfo->judge(HeaderFields{csp_only}, "t").verdict, core::Verdict::kPass);
  const Fields allow_all{{"x-frame-options", "ALLOWALL"}};
  const auto r = xfo->judge(HeaderFields{allow_all}, "t");
  EXPECT_EQ(r.verdict, core::Verdict::kWarn);
  EXPECT_NE(r.summary.find("ALLOWALL"), std::string::npos);
}

TEST(HeaderChecks, TheFirstOfRepeatedFieldsIsJudged) {
  const Fields twice{{"referrer-policy", "unsafe-url"}, {"referrer-policy", "no-referrer"}};
  EXPECT_EQ(HeaderFields{twice}.first("referrer-policy"), "unsafe-url");
  EXPECT_FALSE(HeaderFields{twice}.first("Referrer-Policy"));  // names are lower case
}

}  // namespace
}  // namespace baseline::checks::web_headers
