// SPDX-License-Identifier: Apache-2.0
#include "observatory/adoption.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "observatory/exports.h"
#include "observatory/html_page.h"

namespace baseline::observatory {
namespace {

// The check counts of the domains, as the store folds them (worst verdict per domain).
std::vector<store::CheckCount> counts(const std::vector<std::string>& dnssec_verdicts) {
  std::map<std::string, std::int64_t> n;
  for (const auto& v : dnssec_verdicts) ++n[v];
  std::vector<store::CheckCount> out{{"mail.mx", "not_applicable", 4}};
  for (const auto& [v, count] : n) out.push_back({"dns.dnssec.valid", v, count});
  return out;
}

store::DomainSummary domain(const std::string& name, const std::string& sector,
                            const std::string& dnssec) {
  store::DomainSummary d{name, sector, "NL", ""};
  d.score = dnssec == "pass" ? 100 : 0;
  d.standards = {{"dnssec", dnssec}, {"rpki", "not_tested"}};
  return d;
}

TEST(Adoption, CountsOnlyTestedApplicableDomains) {
  const std::vector<store::DomainSummary> domains{
      domain("a.nl", "health", "pass"), domain("b.nl", "health", "fail"),
      domain("c.nl", "government", "error"), domain("d.nl", "", "not_applicable")};
  auto a = adoption_of(store::ScanInfo{7}, domains, counts({"pass", "fail", "warn", "pass"}));
  EXPECT_EQ(a.domains, 4);
  EXPECT_EQ(a.standards["dnssec"].adopted, 1);
  EXPECT_EQ(a.standards["dnssec"].counted, 3);
  EXPECT_EQ(a.standards["rpki"].counted, 0);
  EXPECT_FALSE(a.standards["rpki"].percent());
  EXPECT_EQ(a.checks["dns.dnssec.valid"].adopted, 3);  // warn counts as adopted
  EXPECT_EQ(a.checks.count("mail.mx"), 0u);
  EXPECT_EQ(a.by_tag["sector"]["health"]["dnssec"].counted, 2);
  EXPECT_EQ(a.by_tag["sector"]["government"]["dnssec"].adopted, 0);
  EXPECT_EQ(a.by_tag["sector"].count(""), 0u);
  EXPECT_DOUBLE_EQ(*a.mean_score, 25.0);
}

TEST(Adoption, ComparisonNamesImprovedAndRegressedDomains) {
  const std::vector<store::DomainSummary> before{
      domain("a.nl", "", "pass"), domain("b.nl", "", "fail"), domain("c.nl", "", "pass")};
  const std::vector<store::DomainSummary> after{
      domain("a.nl", "", "error"), domain("b.nl", "", "pass"), domain("c.nl", "", "pass")};
  auto c = compare(1, before, 2, after);
  ASSERT_EQ(c.improved.size(), 1u);
  EXPECT_EQ(c.improved[0].domain, "b.nl");
  ASSERT_EQ(c.regressed.size(), 1u);
  EXPECT_EQ(c.regressed[0].domain, "a.nl");
  EXPECT_EQ(c.regressed[0].after, "error");
}

TEST(Adoption, TrendHasOnePointPerScanWithAValue) {
  auto svg = trend_svg({1, 2, 3, 4}, {10.0, std::nullopt, 50.0, 100.0}, "DNSSEC");
  std::size_t points = 0;
  for (auto at = svg.find("class=point"); at != std::string::npos;
       at = svg.find("class=point", at + 1))
    ++points;
  EXPECT_EQ(points, 3u);
  EXPECT_NE(svg.find("data-scan=\"4\""), std::string::npos);
  EXPECT_EQ(svg.find("data-scan=\"2\""), std::string::npos);
}

TEST(Adoption, CsvQuotesAndDefusesFormulas) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("=cmd()"), "\"'=cmd()\"");
}

TEST(Adoption, CsvHasARowPerScanGroupAndItem) {
  ObservatoryReport report{"gov"};
  report.scans.push_back(adoption_of(store::ScanInfo{1, "gov", "2026-11-22T10:00:00Z"},
                                     {domain("a.nl", "health", "pass")}, counts({"pass"})));
  std::ostringstream out;
  write_adoption_csv(out, report);
  const auto csv = out.str();
  EXPECT_NE(csv.find("1,2026-11-22T10:00:00Z,all,,standard,dnssec,1,1,100.0\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find("1,2026-11-22T10:00:00Z,sector,health,standard,dnssec,1,1,100.0\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find(",all,,check,dns.dnssec.valid,1,1,100.0"), std::string::npos);
  auto json = to_json(report);
  EXPECT_EQ(json["schema"], "baseline/observatory/1");
  EXPECT_EQ(json["scans"][0]["standards"]["dnssec"]["adopted"], 1);
}

}  // namespace
}  // namespace baseline::observatory
