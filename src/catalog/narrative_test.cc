#include "catalog/narrative.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checks/registry.h"

namespace baseline::catalog {
namespace {
using core::Verdict;
using ::testing::HasSubstr;
using namespace std::chrono;

core::CheckResult result(const std::string& id, Verdict verdict, const std::string& summary) {
  return {id, "example.nl", verdict, checks::find_check(id)->level, summary};
}

TEST(Narrative, UnmetDnssecExplainsRiskEvidenceAndNextSteps) {
  auto catalog = *load_catalog("");
  std::vector<core::CheckResult> results = {
      result("dns.dnssec.signed", Verdict::kFail, "no DNSKEY at example.nl"),
      result("dns.dnssec.valid", Verdict::kFail, "insecure: no DS at the parent")};
  auto card =
      score_domain(catalog, results, "example.nl", nullptr, year_month_day{2026y, November, 22d});
  auto pages = decision_maker_pages(card, results, "example.nl", "2026-11-22");
  ASSERT_EQ(pages.size(), 2u);  // DNSSEC and RPKI
  const auto& dnssec = pages[0];
  EXPECT_EQ(dnssec.standard_id, "dnssec");
  EXPECT_EQ(
      dnssec.finding,
      "On 2026-11-22 Baseline found that example.nl does not meet DNSSEC (signed domain names).");
  // The catalogue's text, with the domain filled in.
  EXPECT_THAT(dnssec.paragraphs[0], HasSubstr("Every visit to example.nl"));
  EXPECT_THAT(dnssec.paragraphs[0], ::testing::Not(HasSubstr("{domain}")));
  ASSERT_EQ(dnssec.evidence.size(), 2u);
  EXPECT_THAT(dnssec.evidence[0], HasSubstr("no DNSKEY at example.nl"));
  EXPECT_FALSE(dnssec.next_steps.empty());

  const auto& rpki = pages[1];
  EXPECT_EQ(rpki.standard_id, "rpki");
  EXPECT_THAT(rpki.finding, HasSubstr("was not tested"));
  EXPECT_TRUE(rpki.evidence.empty());
}

TEST(Narrative, MetDnssecHasNoNextStepsAndMentionsExplanationOnlyWhenUnmet) {
  auto catalog = *load_catalog("");
  std::vector<core::CheckResult> results = {result("dns.dnssec.signed", Verdict::kPass, "signed"),
                                            result("dns.dnssec.valid", Verdict::kPass, "secure")};
  auto card =
      score_domain(catalog, results, "example.nl", nullptr, year_month_day{2026y, November, 22d});
  auto pages = decision_maker_pages(card, results, "example.nl", "2026-11-22");
  EXPECT_THAT(pages[0].finding, HasSubstr("meets DNSSEC"));
  EXPECT_TRUE(pages[0].next_steps.empty());
}

TEST(Narrative, ExplainedFailureQuotesTheExplanation) {
  auto catalog = *load_catalog("");
  ExplanationBook book;
  book.add({"example.nl", "dnssec", "registrar migration", year_month_day{2027y, June, 30d}, ""});
  std::vector<core::CheckResult> results = {
      result("dns.dnssec.signed", Verdict::kFail, "unsigned")};
  auto card =
      score_domain(catalog, results, "example.nl", &book, year_month_day{2026y, November, 22d});
  auto pages = decision_maker_pages(card, results, "example.nl", "2026-11-22");
  EXPECT_THAT(pages[0].finding, HasSubstr("explained this until 2027-06-30"));
  EXPECT_THAT(pages[0].finding, HasSubstr("registrar migration"));
}

TEST(Narrative, WithDomainReplacesEveryPlaceholder) {
  EXPECT_EQ(with_domain("{domain} and {domain}", "a.nl"), "a.nl and a.nl");
  EXPECT_EQ(with_domain("none", "a.nl"), "none");
}

}  // namespace
}  // namespace baseline::catalog
