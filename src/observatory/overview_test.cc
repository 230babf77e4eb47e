// SPDX-License-Identifier: Apache-2.0
#include "observatory/overview.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

namespace baseline::observatory {
namespace {

const catalog::Catalog& built_in() {
  static const auto catalog = catalog::load_catalog("");
  EXPECT_TRUE(catalog) << catalog.error().message;
  return *catalog;
}

const OverviewRow& row(const std::vector<OverviewRow>& rows, const std::string& domain,
                       const std::string& standard) {
  for (const auto& r : rows) {
    if (r.domain == domain && r.standard == standard) return r;
  }
  static const OverviewRow none{"", "", "", "missing", "", ""};
  return none;
}

std::vector<store::DomainSummary> scan() {
  store::DomainSummary a;
  a.domain = "a.example";
  a.organisation = "Ministry of Tests";
  a.standards = {{"dnssec", "pass"}, {"dmarc", "fail"}, {"spf", "error"}, {"dane", "fail"}};
  store::DomainSummary b;
  b.domain = "b.example";
  b.organisation = "Ministry of Tests";
  b.standards = {{"dnssec", "fail"}, {"dmarc", "not_applicable"}};
  store::DomainSummary c;
  c.domain = "c.example";  // no organisation tag
  c.standards = {{"dnssec", "fail"}};
  return {c, b, a};
}

TEST(Overview, ComplyExplainedNeitherAndNotTested) {
  const std::vector<StoredExplanation> explained{
      {"", "a.example", "dmarc", "moving to a new provider", "2027-06-30", "2026-12-01"},
      {"", "a.example", "spf", "expired promise", "2026-12-03", "2026-01-01"},
      // For the whole organisation: b.example's DNSSEC, and a.example's DANE.
      {"Ministry of Tests", "", "dnssec", "registrar move", "2026-12-04", "2026-12-01"},
      {"Ministry of Tests", "", "dane", "org-wide", "2027-01-01", "2026-12-01"},
      // Another organisation's explanation does not apply to c.example.
      {"Someone Else", "", "dnssec", "theirs", "2030-01-01", "2026-12-01"}};
  const auto rows = build_overview(scan(), explained, built_in(), "2026-12-04");
  EXPECT_EQ(rows.size(), 3 * built_in().standards.size());
  EXPECT_EQ(row(rows, "a.example", "dnssec").status, "complies");
  EXPECT_EQ(row(rows, "a.example", "dmarc").status, "explained");
  EXPECT_EQ(row(rows, "a.example", "dmarc").until, "2027-06-30");
  // Expired the day before: fails again, and says until when it held.
  EXPECT_EQ(row(rows, "a.example", "spf").status, "neither");
  EXPECT_EQ(row(rows, "a.example", "spf").until, "2026-12-03");
  EXPECT_EQ(row(rows, "a.example", "dane").status, "explained");
  // The last day itself still holds.
  EXPECT_EQ(row(rows, "b.example", "dnssec").status, "explained");
  EXPECT_EQ(row(rows, "b.example", "dmarc").status, "not_tested");
  EXPECT_EQ(row(rows, "b.example", "spf").status, "not_tested");
  EXPECT_EQ(row(rows, "c.example", "dnssec").status, "neither");
  EXPECT_EQ(row(rows, "c.example", "dnssec").until, "");
  // Ordered by organisation (untagged first), then domain.
  EXPECT_EQ(rows.front().domain, "c.example");
  EXPECT_EQ(rows.back().domain, "b.example");
}

TEST(Overview, TheDayAfterTheExplanationItFailsAgain) {
  const std::vector<StoredExplanation> explained{
      {"", "a.example", "dmarc", "soon", "2027-06-30", "2026-12-01"}};
  EXPECT_EQ(
      row(build_overview(scan(), explained, built_in(), "2027-06-30"), "a.example", "dmarc").status,
      "explained");
  EXPECT_EQ(
      row(build_overview(scan(), explained, built_in(), "2027-07-01"), "a.example", "dmarc").status,
      "neither");
}

TEST(Overview, CsvHasTheContractsColumnsAndEscapes) {
  auto domains = scan();
  domains[0].organisation = "=HYPERLINK(\"x\"), Inc";
  std::ostringstream out;
  write_overview_csv(out, build_overview(domains, {}, built_in(), "2026-12-04"));
  const auto text = out.str();
  EXPECT_EQ(text.substr(0, text.find("\r\n")), "organisation,domain,standard,status,until");
  EXPECT_NE(text.find("\"'=HYPERLINK(\"\"x\"\"), Inc\",c.example,dnssec,neither,\r\n"),
            std::string::npos)
      << text.substr(0, 400);
}

TEST(ExplanationStore, ImportReplacesAndIsPerOwner) {
  char dir[] = "/tmp/baseline-explain-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  auto opened = store::open_store(std::string("sqlite:") + dir + "/e.db");
  ASSERT_TRUE(opened) << opened.error().message;
  auto& store = **opened;
  auto book = catalog::parse_explanations(
      "format: baseline/explanations/1\nexplanations:\n"
      "  - domain: a.example\n    standard: dnssec\n    explanation: \"first\"\n"
      "    until: 2027-06-30\n",
      "test.yaml", built_in());
  ASSERT_TRUE(book) << book.error().message;
  ASSERT_EQ(*import_explanations(store, 0, *book, "2026-12-04"), 1u);
  auto replaced = catalog::parse_explanations(
      "format: baseline/explanations/1\nexplanations:\n"
      "  - domain: a.example\n    standard: dnssec\n    explanation: \"second\"\n"
      "    until: 2028-01-31\n",
      "test.yaml", built_in());
  ASSERT_TRUE(import_explanations(store, 0, *replaced, "2026-12-05"));
  ASSERT_TRUE(
      save_explanation(store, 7, {"Org", "", "dmarc", "account 7's", "2027-01-01", "2026-12-04"}));
  auto cli = explanations(store, 0);
  ASSERT_TRUE(cli);
  ASSERT_EQ(cli->size(), 1u);
  EXPECT_EQ(cli->front().reason, "second");
  EXPECT_EQ(cli->front().until, "2028-01-31");
  EXPECT_EQ(cli->front().recorded, "2026-12-05");
  auto seven = explanations(store, 7);
  ASSERT_EQ(seven->size(), 1u);
  EXPECT_EQ(seven->front().organisation, "Org");
  EXPECT_FALSE(*delete_explanation(store, 0, "Org", "", "dmarc"));  // not owner 0's
  EXPECT_TRUE(*delete_explanation(store, 7, "Org", "", "dmarc"));
  EXPECT_TRUE(explanations(store, 7)->empty());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace baseline::observatory
