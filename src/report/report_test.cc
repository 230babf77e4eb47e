// SPDX-License-Identifier: Apache-2.0
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "catalog/explanations.h"
#include "checks/registry.h"
#include "report/catalog_export.h"
#include "report/comply_or_explain.h"
#include "report/html.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/standard_status.h"
#include "report/terminal_report.h"

namespace baseline::report {
namespace {
using core::Verdict;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono;

core::CheckResult result(const std::string& id, Verdict verdict, const std::string& target,
                         const std::string& summary) {
  return {id, target, verdict, checks::find_check(id)->level, summary};
}

// example.nl: DNSSEC fails (explained until 2027-06-30), IPv6 of the name servers passes,
// CAA warns; a summary carries markup from the network, which must come out escaped.
class Reports : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog = *catalog::load_catalog("");
    report.started = sys_days{2026y / November / 22} + hours(10);
    report.duration = milliseconds(812);
    report.results = {
        result("dns.dnssec.signed", Verdict::kFail, "example.nl", "no DNSKEY <script>x</script>"),
        result("dns.dnssec.valid", Verdict::kFail, "example.nl", "insecure"),
        result("dns.ns.ipv6", Verdict::kPass, "example.nl", "2 name servers with IPv6"),
        result("dns.ns.ipv6_reach", Verdict::kPass, "[2001:db8::1]:53", "answers"),
        result("dns.caa", Verdict::kWarn, "example.nl", "no issue tag"),
    };
    book.add({"example.nl", "dnssec", "Registrar migration", year_month_day{2027y, June, 30d}, ""});
    card = catalog::score_domain(catalog, report.results, "example.nl", &book,
                                 year_month_day{2026y, November, 22d});
  }

  catalog::Catalog catalog;
  engine::DomainReport report{*core::DomainName::parse("example.nl")};
  catalog::ExplanationBook book;
  catalog::Scorecard card;
};

TEST_F(Reports, JsonCarriesScoreStandardsCategoriesAndCatalogueVersion) {
  const auto j = to_json(report, catalog, card);
  EXPECT_EQ(j["schema"], "baseline/test-result/1");
  EXPECT_EQ(j["catalog_version"], catalog.version);
  // dnssec fails; ipv6 passes on the name-server checks that ran (web and mail ones did not);
  // caa is recommended and does not count: 1 of 2 -> 50.
  EXPECT_EQ(j["score"], 50);
  ASSERT_TRUE(j["standards"].is_array());
  bool found = false;
  for (const auto& s : j["standards"]) {
    if (s["id"] != "dnssec") continue;
    found = true;
    EXPECT_EQ(s["verdict"], "fail");
    EXPECT_EQ(s["explanation"]["until"], "2027-06-30");
    EXPECT_EQ(s["explanation"]["status"], "explained");
    EXPECT_EQ(s["failed_checks"], nlohmann::json({"dns.dnssec.signed", "dns.dnssec.valid"}));
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(j["categories"], nlohmann::json({{"web_dnssec", 0}}));
  EXPECT_EQ(j["checks"].size(), report.results.size());
}

TEST_F(Reports, JsonWithoutCatalogueArgumentUsesTheBuiltInOne) {
  const auto j = to_json(report);
  EXPECT_EQ(j["catalog_version"], catalog.version);
  EXPECT_FALSE(j["standards"].empty());
}

TEST_F(Reports, SeveralDomainsGiveAnArray) {
  EXPECT_TRUE(to_json(std::vector<engine::DomainReport>{report}).is_object());
  const auto both = to_json(std::vector<engine::DomainReport>{report, report});
  ASSERT_TRUE(both.is_array());
  EXPECT_EQ(both.size(), 2u);
}

TEST_F(Reports, TerminalShowsStandardsBeforeChecks) {
  std::ostringstream out;
  write_terminal(out, report, catalog, card, false);
  const auto text = out.str();
  EXPECT_THAT(text, HasSubstr("catalogue " + catalog.version));
  EXPECT_THAT(text, HasSubstr("Explained until 2027-06-30"));
  EXPECT_THAT(text, HasSubstr("Not tested in this run"));
  // Each standard not tested says why (MTA-STS here: its check was not part of these results).
  EXPECT_THAT(text, HasSubstr(not_tested_reason(*card.find("mta-sts"))));
  EXPECT_LT(text.find("Standards"), text.find("Checks"));
  EXPECT_LT(text.find("DNSSEC (signed domain names)"), text.find("dns.dnssec.signed"));
}

TEST_F(Reports, HtmlIsSelfContainedAndSaysWhatMatters) {
  std::ostringstream out;
  write_html(out, {{report, card}}, catalog, {"store.yaml", sys_days{2026y / November / 22}});
  const auto page = out.str();
  // Self-contained: no scripts, no external styles, images or fonts.
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, Not(HasSubstr("<link")));
  EXPECT_THAT(page, Not(HasSubstr(" src=")));
  EXPECT_THAT(page, Not(HasSubstr("url(")));
  // What a procurement officer needs, and the proof of what was tested.
  EXPECT_THAT(page, HasSubstr("example.nl"));
  EXPECT_THAT(page, HasSubstr("version <strong>" + catalog.version + "</strong>"));
  EXPECT_THAT(page, HasSubstr("2026-11-22 10:00 UTC"));
  EXPECT_THAT(page, HasSubstr("Explained until 2027-06-30"));
  EXPECT_THAT(page, HasSubstr("Registrar migration"));
  EXPECT_THAT(page, HasSubstr(html::escape(catalog.find("dnssec")->failure)));
  EXPECT_THAT(page, HasSubstr("Meets (partly tested)"));  // ipv6: web and mail not tested
  EXPECT_THAT(page, HasSubstr("Technical fix, for the operator"));
  EXPECT_THAT(page, HasSubstr("https://www.rfc-editor.org/rfc/rfc9364"));
  EXPECT_THAT(page, HasSubstr("Why this matters to your organisation"));
  EXPECT_THAT(page, HasSubstr("@media print"));
  EXPECT_THAT(page, HasSubstr("Ask the supplier"));
  // Network text is escaped.
  EXPECT_THAT(page, HasSubstr("no DNSKEY &lt;script&gt;x&lt;/script&gt;"));
}

TEST_F(Reports, ExplanationTemplateListsUnmetStandardsAndImportsOnceFilledIn) {
  const auto j = to_json(report, catalog, card);
  auto text = explanation_template(j, catalog, "result.json");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_THAT(*text, HasSubstr("standard: \"dnssec\""));
  EXPECT_THAT(*text, HasSubstr("explanation: \"Registrar migration\""));  // prefilled
  EXPECT_THAT(*text, Not(HasSubstr("standard: \"ipv6\"")));
  // As exported (already explained), it imports as is.
  auto book_again = catalog::parse_explanations(*text, "t.yaml", catalog);
  ASSERT_TRUE(book_again) << book_again.error().message << "\n" << *text;
  EXPECT_EQ(book_again->entries().size(), 1u);
}

TEST_F(Reports, ExplanationTemplateHasRoomForNewExplanations) {
  card = catalog::score_domain(catalog, report.results, "example.nl", nullptr,
                               year_month_day{2026y, November, 22d});
  auto text = explanation_template(to_json(report, catalog, card), catalog, "result.json");
  ASSERT_TRUE(text);
  EXPECT_THAT(*text, HasSubstr("explanation: \"\"\n    until: \"\""));
  // Unfilled, it is refused: an empty explanation explains nothing.
  auto refused = catalog::parse_explanations(*text, "t.yaml", catalog);
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message, HasSubstr("field 'explanation' is empty"));
}

TEST_F(Reports, ExplanationTemplateRefusesOtherJson) {
  auto text = explanation_template(nlohmann::json{{"hello", 1}}, catalog, "x.json");
  ASSERT_FALSE(text);
  EXPECT_THAT(text.error().message, HasSubstr("x.json: not a baseline test result"));
}

TEST_F(Reports, ExpiredExplanationShowsTheFailAgain) {
  card = catalog::score_domain(catalog, report.results, "example.nl", &book,
                               year_month_day{2027y, July, 1d});
  const auto& dnssec = *card.find("dnssec");
  EXPECT_EQ(shown_status(dnssec), ShownStatus::kUnmet);
  EXPECT_EQ(status_label(dnssec), "Does not meet (explanation expired 2027-06-30)");
  const auto j = to_json(dnssec);
  EXPECT_EQ(j["verdict"], "fail");
  EXPECT_EQ(j["explanation"]["status"], "expired");
}

TEST_F(Reports, NotTestedReasonTellsMissingFamilyFromSkippedChecks) {
  // A standard left only with checks this build lacks says which family is missing. Which checks
  // those are changes as families grow, so the test takes one from the registry.
  const auto lacking =
      std::find_if(checks::all_checks().begin(), checks::all_checks().end(),
                   [](const auto& spec) { return !checks::check_implemented(spec.id); });
  if (lacking != checks::all_checks().end()) {
    auto standard = *card.find("mta-sts");
    standard.untested_checks = {std::string(lacking->id)};
    EXPECT_EQ(
        not_tested_reason(standard),
        "this build does not test " + std::string(checks::to_string(lacking->family)) + " yet");
  }
  // MTA-STS's check is implemented but was not part of this report's results.
  EXPECT_EQ(not_tested_reason(*card.find("mta-sts")), "its checks were not run in this test");
  // DMARC's checks are implemented but were not part of this report's results.
  EXPECT_EQ(not_tested_reason(*card.find("dmarc")), "its checks were not run in this test");
  EXPECT_EQ(not_tested_reason(*card.find("bcp38")),
            "cannot be tested from outside; assessed by questionnaire");
  // A DNS check that simply did not run (the family is implemented) is not blamed on the build.
  report.results.erase(report.results.begin() + 4);  // dns.caa
  card = catalog::score_domain(catalog, report.results, "example.nl", nullptr,
                               year_month_day{2026y, November, 22d});
  EXPECT_EQ(card.find("caa")->verdict, catalog::StandardVerdict::kNotTested);
  EXPECT_EQ(not_tested_reason(*card.find("caa")), "its checks were not run in this test");
}

TEST(CatalogExport, EveryFormatHasEveryStandard) {
  const auto catalog = *catalog::load_catalog("");
  std::ostringstream md;
  write_catalog_markdown(md, catalog);
  std::ostringstream html;
  write_catalog_html(html, catalog);
  const auto json = catalog_to_json(catalog);
  EXPECT_EQ(json["standards"].size(), catalog.standards.size());
  EXPECT_EQ(json["catalog_version"], catalog.version);
  for (const auto& s : catalog.standards) {
    EXPECT_THAT(md.str(), HasSubstr("<a id=\"" + s.id + "\"></a>" + s.name));
    EXPECT_THAT(html.str(), HasSubstr("id=\"" + s.id + "\""));
    EXPECT_THAT(md.str(), HasSubstr(s.procurement_clause.requirement));
  }
  EXPECT_THAT(html.str(), Not(HasSubstr("<script")));
}

TEST(Html, ProseEscapesAndRendersCodeSpans) {
  EXPECT_EQ(html::prose("run `dig <x>` & see"), "run <code>dig &lt;x&gt;</code> &amp; see");
  EXPECT_EQ(html::prose("no code"), "no code");
}

}  // namespace
}  // namespace baseline::report
