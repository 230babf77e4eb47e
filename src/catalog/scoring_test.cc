// SPDX-License-Identifier: Apache-2.0
// Worked examples of the scoring rules (docs/scoring.md), computed by hand.
#include "catalog/scoring.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/testing/catalog_text.h"
#include "checks/registry.h"

namespace baseline::catalog {
namespace {
using core::Verdict;
using namespace std::chrono;

core::CheckResult result(const std::string& id, Verdict verdict, const std::string& target = "t") {
  core::CheckResult r;
  r.id = id;
  r.target = target;
  r.verdict = verdict;
  r.level = checks::find_check(id)->level;
  r.summary = "summary of " + id;
  return r;
}

Catalog load(const std::string& text) {
  auto c = parse_catalog(text, "test.yaml");
  if (!c) throw std::runtime_error(c.error().message);
  return *c;
}

const year_month_day kToday{2026y, November, 22d};

// The example of docs/scoring.md:
//   dnssec  required, weight 2: signed pass, valid pass, algorithms (recommended) fail -> pass
//   ipv6    required, weight 1: ns.ipv6 pass, ns.ipv6_reach pass on one address, fail on the
//                               other -> fail
//   caa     recommended, weight 1: warn -> pass, but recommended standards do not count
//   spf     required, weight 1: no mail checks ran -> not_tested, does not count
//   bcp38   questionnaire -> not_tested
//   score = 2 / (2 + 1) = 66.7 -> 67
class WorkedExample : public ::testing::Test {
 protected:
  Catalog catalog = load(testing::catalog_with(
      {testing::tested_standard("dnssec", "required", "2",
                                "[dns.dnssec.signed, dns.dnssec.valid, dns.dnssec.algorithms]"),
       testing::tested_standard("ipv6", "required", "1", "[dns.ns.ipv6, dns.ns.ipv6_reach]"),
       testing::tested_standard("caa", "recommended", "1", "[dns.caa]"),
       testing::tested_standard("spf", "required", "1", "[mail.spf, mail.spf.policy]"),
       testing::questionnaire_standard("bcp38")}));
  std::vector<core::CheckResult> results = {
      result("dns.dnssec.signed", Verdict::kPass),
      result("dns.dnssec.valid", Verdict::kPass),
      result("dns.dnssec.algorithms", Verdict::kFail),
      result("dns.ns.ipv6", Verdict::kPass),
      result("dns.ns.ipv6_reach", Verdict::kPass, "[2001:db8::1]:53"),
      result("dns.ns.ipv6_reach", Verdict::kFail, "[2001:db8::2]:53"),
      result("dns.caa", Verdict::kWarn),
  };
};

TEST_F(WorkedExample, PerStandardVerdicts) {
  auto card = score_domain(catalog, results, "example.nl", nullptr, kToday);
  EXPECT_EQ(card.find("dnssec")->verdict, StandardVerdict::kPass);
  EXPECT_EQ(card.find("dnssec")->warning_checks,
            std::vector<std::string>{"dns.dnssec.algorithms"});  // a recommended fail shows
  EXPECT_EQ(card.find("ipv6")->verdict, StandardVerdict::kFail);
  EXPECT_EQ(card.find("ipv6")->failed_checks, std::vector<std::string>{"dns.ns.ipv6_reach"});
  EXPECT_EQ(card.find("caa")->verdict, StandardVerdict::kPass);
  EXPECT_EQ(card.find("caa")->warning_checks, std::vector<std::string>{"dns.caa"});
  EXPECT_EQ(card.find("spf")->verdict, StandardVerdict::kNotTested);
  EXPECT_EQ(card.find("spf")->untested_checks,
            (std::vector<std::string>{"mail.spf", "mail.spf.policy"}));
  EXPECT_EQ(card.find("bcp38")->verdict, StandardVerdict::kNotTested);
}

TEST_F(WorkedExample, WeightedScore) {
  auto card = score_domain(catalog, results, "example.nl", nullptr, kToday);
  EXPECT_DOUBLE_EQ(card.passed_weight, 2);
  EXPECT_DOUBLE_EQ(card.counted_weight, 3);
  EXPECT_EQ(card.score, 67);
  EXPECT_TRUE(card.find("dnssec")->counts_in_score);
  EXPECT_FALSE(card.find("caa")->counts_in_score);
  EXPECT_FALSE(card.find("spf")->counts_in_score);
}

TEST_F(WorkedExample, AnErrorCountsAsNotPassed) {
  // ipv6 reach could not be tested at all: the standard is error, still in the denominator.
  results.erase(results.begin() + 4, results.begin() + 6);
  results.push_back(result("dns.ns.ipv6_reach", Verdict::kError));
  auto card = score_domain(catalog, results, "example.nl", nullptr, kToday);
  EXPECT_EQ(card.find("ipv6")->verdict, StandardVerdict::kError);
  EXPECT_EQ(card.score, 67);
}

TEST_F(WorkedExample, FailWinsOverError) {
  results.push_back(result("dns.dnssec.valid", Verdict::kError, "other"));
  results.push_back(result("dns.dnssec.signed", Verdict::kFail, "other"));
  auto card = score_domain(catalog, results, "example.nl", nullptr, kToday);
  EXPECT_EQ(card.find("dnssec")->verdict, StandardVerdict::kFail);
  EXPECT_EQ(card.score, 0);  // 0 of 3
}

TEST_F(WorkedExample, NothingCountsMeansNoScore) {
  auto card =
      score_domain(catalog, {result("dns.caa", Verdict::kPass)}, "example.nl", nullptr, kToday);
  EXPECT_FALSE(card.score.has_value());
}

TEST(Scoring, ScoreRoundsHalfUp) {
  // Eight required standards of weight 1, one passes: 12.5 -> 13. Three of eight: 37.5 -> 38.
  std::vector<std::string> standards;
  standards.reserve(8);
  const char* ids[] = {"dns.dnssec.signed", "dns.dnssec.valid", "dns.ns.ipv6", "dns.ns.ipv6_reach",
                       "mail.spf",          "mail.dmarc",       "mail.dkim",   "web.hsts"};
  for (int i = 0; i < 8; ++i) {
    standards.push_back(testing::tested_standard("s" + std::to_string(i), "required", "1",
                                                 std::string("[") + ids[i] + "]"));
  }
  auto catalog = load(testing::catalog_with(standards));
  std::vector<core::CheckResult> results;
  results.reserve(8);
  for (int i = 0; i < 8; ++i)
    results.push_back(result(ids[i], i == 0 ? Verdict::kPass : Verdict::kFail));
  EXPECT_EQ(score_domain(catalog, results, "d.nl", nullptr, kToday).score, 13);
  results[1].verdict = results[2].verdict = Verdict::kPass;
  EXPECT_EQ(score_domain(catalog, results, "d.nl", nullptr, kToday).score, 38);
}

TEST(Scoring, FractionalWeights) {
  // pass 0.5 + pass 1.5, fail 2 -> 2 / 4 = 50.
  auto catalog =
      load(testing::catalog_with({testing::tested_standard("a", "required", "0.5", "[mail.spf]"),
                                  testing::tested_standard("b", "required", "1.5", "[mail.dkim]"),
                                  testing::tested_standard("c", "required", "2", "[mail.dmarc]")}));
  auto card = score_domain(catalog,
                           {result("mail.spf", Verdict::kPass), result("mail.dkim", Verdict::kPass),
                            result("mail.dmarc", Verdict::kFail)},
                           "d.nl", nullptr, kToday);
  EXPECT_EQ(card.score, 50);
}

TEST(Scoring, InfoOnADecidingCheckMeansAbsent) {
  // mail.mta_sts is recommended; "info" is its verdict when no policy exists.
  auto catalog = load(testing::catalog_with(
      {testing::tested_standard("mta-sts", "recommended", "1", "[mail.mta_sts]")}));
  auto card =
      score_domain(catalog, {result("mail.mta_sts", Verdict::kInfo)}, "d.nl", nullptr, kToday);
  EXPECT_EQ(card.find("mta-sts")->verdict, StandardVerdict::kFail);
}

TEST(Scoring, AllNotApplicableIsNotApplicableAndDoesNotCount) {
  auto catalog = load(testing::catalog_with(
      {testing::tested_standard("starttls", "required", "1", "[mail.mx, mail.starttls]"),
       testing::tested_standard("spf", "required", "1", "[mail.spf]")}));
  auto card = score_domain(
      catalog,
      {result("mail.mx", Verdict::kInfo), result("mail.starttls", Verdict::kNotApplicable),
       result("mail.spf", Verdict::kPass)},
      "d.nl", nullptr, kToday);
  EXPECT_EQ(card.find("starttls")->verdict, StandardVerdict::kNotApplicable);
  EXPECT_EQ(card.score, 100);
}

TEST(Scoring, OptionalChecksNeverDecide) {
  // Only the optional web.dane.exists ran: nothing can decide, so the standard is not tested.
  auto catalog = load(testing::catalog_with(
      {testing::tested_standard("dane", "required", "1", "[web.dane.exists, mail.dane.exists]")}));
  auto card =
      score_domain(catalog, {result("web.dane.exists", Verdict::kInfo)}, "d.nl", nullptr, kToday);
  EXPECT_EQ(card.find("dane")->verdict, StandardVerdict::kNotTested);
  // Once the required check ran, it decides and the optional info does not.
  card = score_domain(
      catalog,
      {result("web.dane.exists", Verdict::kInfo), result("mail.dane.exists", Verdict::kPass)},
      "d.nl", nullptr, kToday);
  EXPECT_EQ(card.find("dane")->verdict, StandardVerdict::kPass);
}

TEST(Scoring, ExplanationHoldsUntilItsDateAndNotAfter) {
  auto catalog = load(testing::catalog_with(
      {testing::tested_standard("dnssec", "required", "1", "[dns.dnssec.signed]")}));
  ExplanationBook book;
  book.add({"example.nl", "dnssec", "registrar migration", year_month_day{2027y, June, 30d}, ""});
  std::vector<core::CheckResult> failing = {result("dns.dnssec.signed", Verdict::kFail)};

  auto before =
      score_domain(catalog, failing, "example.nl", &book, year_month_day{2027y, June, 30d});
  ASSERT_NE(before.find("dnssec")->explanation, nullptr);
  EXPECT_EQ(before.find("dnssec")->explanation->text, "registrar migration");
  EXPECT_EQ(before.find("dnssec")->verdict, StandardVerdict::kFail);  // the measurement stays
  EXPECT_EQ(before.score, 0);

  auto after = score_domain(catalog, failing, "example.nl", &book, year_month_day{2027y, July, 1d});
  EXPECT_EQ(after.find("dnssec")->explanation, nullptr);
  ASSERT_NE(after.find("dnssec")->expired_explanation, nullptr);

  auto other_domain = score_domain(catalog, failing, "other.nl", &book, kToday);
  EXPECT_EQ(other_domain.find("dnssec")->explanation, nullptr);

  auto passing = score_domain(catalog, {result("dns.dnssec.signed", Verdict::kPass)}, "example.nl",
                              &book, kToday);
  EXPECT_EQ(passing.find("dnssec")->explanation, nullptr);  // nothing to explain
}

// ---- Internet.nl-compatible categories, with the built-in catalogue --------------------------

const Catalog& builtin() {
  static const Catalog catalog = *load_catalog("");
  return catalog;
}

int percent_of(const Scorecard& card, const std::string& id) {
  for (const auto& c : card.categories) {
    if (c.category->id == id) return c.percent();
  }
  return -1;  // not reported
}

TEST(Categories, DnsOnlyRunReportsOnlyCompleteCategories) {
  // web_dnssec = {signed, valid}: 1 of 2 -> 50. web_ipv6 and mail_* need web and mail checks.
  std::vector<core::CheckResult> results = {
      result("dns.dnssec.signed", Verdict::kPass), result("dns.dnssec.valid", Verdict::kFail),
      result("dns.ns.ipv6", Verdict::kPass), result("dns.ns.ipv6_reach", Verdict::kPass)};
  auto card = score_domain(builtin(), results, "d.nl", nullptr, kToday);
  EXPECT_EQ(percent_of(card, "web_dnssec"), 50);
  EXPECT_EQ(percent_of(card, "web_ipv6"), -1);
  EXPECT_EQ(percent_of(card, "mail_dnssec"), -1);
  EXPECT_EQ(card.categories.size(), 1u);
}

TEST(Categories, WebIpv6CountsRequiredChecksWorstOverTargets) {
  // dns.ns.ipv6 pass; dns.ns.ipv6_reach pass + fail -> fail; web.ipv6.address pass;
  // web.ipv6.reach warn (counts as pass); web.ipv6.same_site fail but recommended (not counted):
  // 3 of 4 -> 75.
  std::vector<core::CheckResult> results = {result("dns.ns.ipv6", Verdict::kPass),
                                            result("dns.ns.ipv6_reach", Verdict::kPass, "a"),
                                            result("dns.ns.ipv6_reach", Verdict::kFail, "b"),
                                            result("web.ipv6.address", Verdict::kPass),
                                            result("web.ipv6.reach", Verdict::kWarn),
                                            result("web.ipv6.same_site", Verdict::kFail)};
  EXPECT_EQ(percent_of(score_domain(builtin(), results, "d.nl", nullptr, kToday), "web_ipv6"), 75);
}

TEST(Categories, MailAuthLeavesOutNotApplicable) {
  // spf pass, spf.policy pass, dkim not_applicable (non-sending domain), dmarc pass,
  // dmarc.policy fail: 3 of 4 -> 75.
  std::vector<core::CheckResult> results = {
      result("mail.spf", Verdict::kPass), result("mail.spf.policy", Verdict::kPass),
      result("mail.dkim", Verdict::kNotApplicable), result("mail.dmarc", Verdict::kPass),
      result("mail.dmarc.policy", Verdict::kFail)};
  EXPECT_EQ(percent_of(score_domain(builtin(), results, "d.nl", nullptr, kToday), "mail_auth"), 75);
}

TEST(Categories, ThirdsRound) {
  // web_rpki: web.rpki.exists pass, web.rpki.valid fail, dns.rpki.exists pass, dns.rpki.valid
  // not_applicable: 2 of 3 -> 66.7 -> 67.
  std::vector<core::CheckResult> results = {
      result("web.rpki.exists", Verdict::kPass), result("web.rpki.valid", Verdict::kFail),
      result("dns.rpki.exists", Verdict::kPass), result("dns.rpki.valid", Verdict::kNotApplicable)};
  EXPECT_EQ(percent_of(score_domain(builtin(), results, "d.nl", nullptr, kToday), "web_rpki"), 67);
}

TEST(Categories, BeyondChecksDoNotEnterCategories) {
  // web.cert.expiry is Baseline's own (beyond Internet.nl): not in web_tls.
  for (const auto& c : builtin().categories) {
    for (const auto& id : c.checks) {
      EXPECT_NE(id, "web.cert.expiry");
      EXPECT_NE(id, "web.tls.post_quantum");
      EXPECT_NE(id, "mail.mta_sts");
    }
  }
}

}  // namespace
}  // namespace baseline::catalog
