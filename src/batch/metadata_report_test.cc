// SPDX-License-Identifier: Apache-2.0
#include "batch/metadata_report.h"

#include <gtest/gtest.h>

#include <functional>

#include "batch/test_mapping.h"

namespace baseline::batch {
namespace {

TEST(MetadataReport, EveryMappedNameHasADataItemAndAPlaceInTheHierarchy) {
  const auto report = metadata_report()["report"];
  const auto& data = report["data"];
  for (const auto& t : tests()) {
    const std::string name(t.test);
    ASSERT_TRUE(data.contains(name)) << name;
    EXPECT_EQ(data[name]["type"], "test");
    EXPECT_EQ(data[name]["translation_key"], name);
    EXPECT_TRUE(data[name]["status_verdict_map"].contains("not_tested"));
  }
  for (const auto& c : categories()) {
    EXPECT_EQ(data[std::string(c.category)]["type"], "category");
  }
  // web_rpki is a category and a section; the category item stays.
  EXPECT_EQ(data["web_rpki"]["type"], "category");
  EXPECT_EQ(data["web_https_tls"]["type"], "section");

  std::size_t leaves = 0;
  std::function<void(const nlohmann::json&)> count = [&](const nlohmann::json& h) {
    if (!h.contains("children")) {
      ++leaves;
      EXPECT_NE(find_test(h["name"].get<std::string>()), nullptr);
      return;
    }
    for (const auto& c : h["children"]) count(c);
  };
  for (const auto& h : report["hierarchy"]["web"]) count(h);
  for (const auto& h : report["hierarchy"]["mail"]) count(h);
  EXPECT_EQ(leaves, tests().size());
  EXPECT_EQ(report["hierarchy"]["web"].size(), 5u);
  EXPECT_EQ(report["hierarchy"]["mail"][3]["name"], "mail_starttls");
  EXPECT_EQ(report["hierarchy"]["mail"][3]["children"].size(), 3u);  // tls, cert, dane
}

TEST(MetadataReport, StatusVerdictMapFollowsTheLevel) {
  const auto report = metadata_report();
  const auto& data = report["report"]["data"];
  const auto required = data["web_https_tls_version"]["status_verdict_map"];
  EXPECT_EQ(required["passed"], nlohmann::json({"good"}));
  EXPECT_EQ(required["failed"], nlohmann::json({"bad"}));
  const auto recommended = data["web_appsecpriv_csp"]["status_verdict_map"];
  EXPECT_FALSE(recommended.contains("failed"));
  EXPECT_EQ(recommended["warning"], nlohmann::json({"bad"}));
  EXPECT_EQ(required["warning"], nlohmann::json({"phase-out"}));
  const auto lacking = data["web_https_http_compress"]["status_verdict_map"];
  EXPECT_EQ(lacking, nlohmann::json({{"not_tested", {"detail verdict not-tested"}}}));
}

}  // namespace
}  // namespace baseline::batch
