// SPDX-License-Identifier: Apache-2.0
// A scan's report against the store: the comparison per domain, explanations on the rows, the
// XLSX export, and public links that stop working when revoked.
#include "observatory/scan_report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "observatory/list_edit.h"
#include "observatory/list_owner.h"
#include "observatory/report_links.h"
#include "observatory/server_scans.h"
#include "observatory/xlsx_export.h"
#include "store/testing/fresh_store.h"

namespace baseline::observatory {
namespace {

store::DomainRecord record(const std::string& domain,
                           std::vector<store::StandardVerdict> standards) {
  store::DomainRecord r{domain, "2026-12-01T10:00:00Z", 10, 50};
  core::CheckResult check;
  check.id = "dns.dnssec.valid";
  check.target = domain;
  check.verdict = core::Verdict::kPass;
  r.results.push_back(check);
  r.standards = std::move(standards);
  return r;
}

// On SQLite, and on PostgreSQL when BASELINE_TEST_POSTGRESQL names a database the test may empty.
class ScanReportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-report-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    std::string skip;
    std::string url = store::testing::fresh_store_url(GetParam(), dir_, skip);
    if (url.empty()) GTEST_SKIP() << skip;
    auto opened = store::open_store(url);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->save_list("gov", {{"up.example", "", "", "Org A"},
                                          {"down.example", "", "", "Org A"},
                                          {"same.example", "", "", "Org B"},
                                          {"mixed.example", "", "", "Org B"}}));
    ASSERT_TRUE(set_list_settings(*store_, 1, kOwner, "all"));
    first_ = scan({record("up.example", {{"dnssec", "fail"}, {"dmarc", "pass"}}),
                   record("down.example", {{"dnssec", "pass"}}),
                   record("same.example", {{"dnssec", "fail"}}),
                   record("mixed.example", {{"dnssec", "fail"}, {"dmarc", "pass"}})});
    // new.example joins the list for the second scan.
    ASSERT_TRUE(store_->save_list("gov", {{"up.example", "", "", "Org A"},
                                          {"down.example", "", "", "Org A"},
                                          {"same.example", "", "", "Org B"},
                                          {"mixed.example", "", "", "Org B"},
                                          {"new.example", "", "", "Org C"}}));
    second_ = scan({record("up.example", {{"dnssec", "pass"}, {"dmarc", "pass"}}),
                    record("down.example", {{"dnssec", "error"}}),
                    record("same.example", {{"dnssec", "fail"}}),
                    record("mixed.example", {{"dnssec", "pass"}, {"dmarc", "fail"}}),
                    record("new.example", {{"dnssec", "pass"}})});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::int64_t scan(const std::vector<store::DomainRecord>& records) {
    auto id = store_->create_scan("gov", "t", "c");
    EXPECT_TRUE(id);
    EXPECT_TRUE(store_->save(*id, records));
    EXPECT_TRUE(store_->finish_scan(*id));
    return *id;
  }
  const DomainRow* row(const ScanReport& report, const std::string& domain) {
    for (const auto& r : report.rows) {
      if (r.domain.domain == domain) return &r;
    }
    return nullptr;
  }

  static constexpr std::int64_t kOwner = 3;
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::int64_t first_ = 0, second_ = 0;
};

TEST_P(ScanReportTest, ComparesPerDomain) {
  auto report = build_scan_report(*store_, "gov", second_, first_, kOwner, "2026-12-04");
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(row(*report, "up.example")->change, "improved");
  EXPECT_EQ(row(*report, "down.example")->change, "regressed");  // pass -> error
  EXPECT_EQ(row(*report, "same.example")->change, "unchanged");
  EXPECT_EQ(row(*report, "mixed.example")->change, "regressed");  // a regression outweighs
  EXPECT_EQ(row(*report, "new.example")->change, "new");
  EXPECT_EQ(report->improved, 1);
  EXPECT_EQ(report->regressed, 2);
  EXPECT_EQ(report->unchanged, 1);
  EXPECT_EQ(report->added, 1);
  EXPECT_EQ(report->comparison.regressed.size(), 2u);
  EXPECT_EQ(report->adoption.standards["dnssec"].adopted, 3);
  // Without a comparison, no change column.
  auto alone = build_scan_report(*store_, "gov", second_, std::nullopt, kOwner, "2026-12-04");
  ASSERT_TRUE(alone);
  EXPECT_EQ(row(*alone, "up.example")->change, "");
  EXPECT_FALSE(build_scan_report(*store_, "gov", second_, 999, kOwner, "2026-12-04"));
}

TEST_P(ScanReportTest, ShowsTheOwnersExplanationsWhileTheyHold) {
  ASSERT_TRUE(save_explanation(
      *store_, kOwner,
      {"", "same.example", "dnssec", "signing next year", "2027-01-31", "2026-12-01"}));
  ASSERT_TRUE(save_explanation(
      *store_, 99, {"", "down.example", "dnssec", "someone else's", "2027-01-31", "2026-12-01"}));
  auto report = build_scan_report(*store_, "gov", second_, first_, kOwner, "2026-12-04");
  ASSERT_TRUE(report);
  ASSERT_TRUE(row(*report, "same.example")->explained.contains("dnssec"));
  EXPECT_EQ(row(*report, "same.example")->explained.at("dnssec").until, "2027-01-31");
  EXPECT_TRUE(row(*report, "down.example")->explained.empty());
  auto later = build_scan_report(*store_, "gov", second_, first_, kOwner, "2027-02-01");
  EXPECT_TRUE(row(*later, "same.example")->explained.empty());
}

TEST_P(ScanReportTest, ExportsAWorkbook) {
  auto report = build_scan_report(*store_, "gov", second_, first_, kOwner, "2026-12-04");
  ASSERT_TRUE(report);
  auto catalog = catalog::load_catalog("");
  ASSERT_TRUE(catalog);
  auto bytes = xlsx_bytes(*report, *catalog);
  ASSERT_TRUE(bytes) << bytes.error().message;
  // A zip archive (XLSX is OOXML in a zip) holding the three sheets.
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  EXPECT_NE(bytes->find("xl/worksheets/sheet3.xml"), std::string::npos);
  EXPECT_FALSE(write_xlsx(*report, *catalog, (dir_ / "no" / "such" / "dir.xlsx").string()));
}

TEST_P(ScanReportTest, PublicLinksOpenOneScanUntilRevoked) {
  auto link = publish_scan(*store_, kOwner, second_);
  ASSERT_TRUE(link) << link.error().message;
  EXPECT_EQ(link->token.size(), 43u);
  auto opened = open_public_link(*store_, link->token);
  ASSERT_TRUE(opened && *opened);
  EXPECT_EQ((*opened)->scan, second_);
  EXPECT_EQ((*opened)->list, "gov");
  // Only the digest is stored.
  auto stored = store_->sql("SELECT token_digest FROM report_links");
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0][0], link->digest);
  EXPECT_EQ((*stored)[0][0].find(link->token), std::string::npos);
  // Another account can neither publish nor revoke the owner's scan.
  EXPECT_FALSE(publish_scan(*store_, kOwner + 1, second_));
  EXPECT_FALSE(*revoke_link(*store_, kOwner + 1, link->digest));
  EXPECT_TRUE(*open_public_link(*store_, link->token));
  EXPECT_TRUE(*revoke_link(*store_, kOwner, link->digest));
  EXPECT_FALSE(*open_public_link(*store_, link->token));
  EXPECT_FALSE(*revoke_link(*store_, kOwner, link->digest));
  EXPECT_TRUE(scan_links(*store_, kOwner, second_)->front().revoked);
  // Malformed and unknown tokens open nothing.
  EXPECT_FALSE(*open_public_link(*store_, ""));
  EXPECT_FALSE(*open_public_link(*store_, "' OR 1=1 --"));
  EXPECT_FALSE(*open_public_link(*store_, std::string(43, 'A')));
}

TEST_P(ScanReportTest, OnlyTheOwnerDeletesAListWithEverythingOfIt) {
  ASSERT_TRUE(publish_scan(*store_, kOwner, second_));
  ASSERT_TRUE(start_scan_now(*store_, 1, 1796421660, "t", "c"));
  ASSERT_TRUE(set_schedule(*store_, "gov", *Recurrence::parse("weekly"), 1796421660));
  EXPECT_FALSE(*delete_list(*store_, kOwner + 1, 1));
  EXPECT_TRUE(*find_list(*store_, "gov"));
  EXPECT_TRUE(*delete_list(*store_, kOwner, 1));
  EXPECT_FALSE(*find_list(*store_, "gov"));
  for (const char* table : {"scans", "scan_domains", "results", "standard_results", "schedules",
                            "server_scans", "report_links", "list_domains", "list_settings"}) {
    auto rows = store_->sql(std::string("SELECT COUNT(*) FROM ") + table);
    ASSERT_TRUE(rows) << table;
    EXPECT_EQ((*rows)[0][0], "0") << table;
  }
}

TEST_P(ScanReportTest, AccountListNamesAreTheirOwn) {
  auto mine = create_owned_list(*store_, 5, "gov", {{"a.example"}}, "web");
  ASSERT_TRUE(mine) << mine.error().message;
  auto theirs = create_owned_list(*store_, 6, "gov", {{"b.example"}}, "mail");
  ASSERT_TRUE(theirs) << theirs.error().message;
  EXPECT_FALSE(create_owned_list(*store_, 5, "gov", {{"c.example"}}, "all"));
  EXPECT_FALSE(create_owned_list(*store_, 5, "", {{"c.example"}}, "all"));
  EXPECT_FALSE(create_owned_list(*store_, 5, "x", {{"c.example"}}, "ftp"));
  auto five = owned_lists(*store_, 5);
  ASSERT_EQ(five->size(), 1u);
  EXPECT_EQ(shown_list_name(five->front().name), "gov");
  EXPECT_EQ(five->front().scan_type, "web");
  EXPECT_FALSE(*find_owned_list(*store_, 5, *theirs));
  EXPECT_FALSE(*rename_list(*store_, 5, *theirs, "stolen"));
  EXPECT_TRUE(*rename_list(*store_, 5, *mine, "ministries"));
  EXPECT_EQ(shown_list_name((*find_owned_list(*store_, 5, *mine))->name), "ministries");
  // The command line's list "gov" belongs to kOwner in this fixture; an unowned one to nobody.
  ASSERT_TRUE(store_->save_list("cli", {{"d.example"}}));
  EXPECT_EQ((*find_list(*store_, "cli"))->owner, 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, ScanReportTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace baseline::observatory
