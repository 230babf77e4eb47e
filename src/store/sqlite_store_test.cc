// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/store.h"

namespace baseline::store {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-store-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    auto opened = open_store("sqlite:" + dir_ + "/test.db");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<core::ListEntry> entries(int n) {
    std::vector<core::ListEntry> out;
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      out.push_back(
          {"d" + std::to_string(i) + ".example", i % 2 ? "health" : "government", "NL", ""});
    }
    return out;
  }
  DomainRecord record(const std::string& domain, const std::string& verdict) {
    DomainRecord r{domain, "2026-11-22T10:00:00Z", 12, 50};
    core::CheckResult check;
    check.id = "dns.dnssec.valid";
    check.target = domain;
    check.verdict = verdict == "pass" ? core::Verdict::kPass : core::Verdict::kFail;
    check.details = {{"why", "test"}};
    r.results.push_back(check);
    check.target = "[2001:db8::1]:443";  // a second target: the domain's worst verdict counts
    check.verdict = core::Verdict::kPass;
    r.results.push_back(check);
    r.standards.push_back({"dnssec", verdict});
    return r;
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, ClaimsEachDomainOnceAndSavesEachResultSetOnce) {
  ASSERT_TRUE(store_->save_list("gov", entries(5)));
  auto scan = store_->create_scan("gov", "0.1", "cat-1");
  ASSERT_TRUE(scan) << scan.error().message;
  auto first = store_->claim(*scan, "w1", 3, 1000, 2000);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->size(), 3u);
  EXPECT_EQ(first->front(), "d0.example");  // list order
  auto second = store_->claim(*scan, "w2", 10, 1000, 2000);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->size(), 2u);  // the rest; leased ones are not handed out twice
  auto none = store_->claim(*scan, "w2", 10, 1500, 2500);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());

  auto saved = store_->save(*scan, {record("d0.example", "pass"), record("d1.example", "fail")});
  ASSERT_TRUE(saved);
  EXPECT_EQ(*saved, 2u);
  // The same domain finished again (an expired lease taken over): not stored twice.
  saved = store_->save(*scan, {record("d0.example", "fail")});
  ASSERT_TRUE(saved);
  EXPECT_EQ(*saved, 0u);

  // Leases expire: at time 3000 the three unfinished domains are free again.
  auto expired = store_->claim(*scan, "w3", 10, 3000, 4000);
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->size(), 3u);
  auto progress = store_->progress(*scan);
  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->total, 5);
  EXPECT_EQ(progress->done, 2);

  auto domains = store_->domains(*scan);
  ASSERT_TRUE(domains);
  ASSERT_EQ(domains->size(), 2u);
  EXPECT_EQ((*domains)[0].standards.at(0).verdict, "pass");
  EXPECT_EQ((*domains)[1].sector, "health");
  auto checks = store_->check_counts(*scan);
  ASSERT_TRUE(checks) << checks.error().message;
  ASSERT_EQ(checks->size(), 2u);  // one domain's worst is pass, the other's fail
  for (const auto& c : *checks) {
    EXPECT_EQ(c.check, "dns.dnssec.valid");
    EXPECT_EQ(c.domains, 1);
  }
}

TEST_F(SqliteStoreTest, ResumeFindsTheUnfinishedScanAndReleasesItsLeases) {
  ASSERT_TRUE(store_->save_list("gov", entries(3)));
  auto scan = store_->create_scan("gov", "0.1", "cat-1");
  ASSERT_TRUE(scan);
  ASSERT_TRUE(store_->claim(*scan, "dead", 3, 1000, 1'000'000'000'000));
  auto unfinished = store_->unfinished_scan("gov");
  ASSERT_TRUE(unfinished);
  ASSERT_TRUE(unfinished->has_value());
  EXPECT_EQ((*unfinished)->id, *scan);
  ASSERT_TRUE(store_->release_leases(*scan));
  auto again = store_->claim(*scan, "me", 10, 1000, 2000);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->size(), 3u);
  ASSERT_TRUE(store_->finish_scan(*scan));
  unfinished = store_->unfinished_scan("gov");
  ASSERT_TRUE(unfinished);
  EXPECT_FALSE(unfinished->has_value());
}

TEST_F(SqliteStoreTest, ReopeningKeepsDataAndSchema) {
  ASSERT_TRUE(store_->save_list("gov", entries(2)));
  auto scan = store_->create_scan("gov", "0.1", "cat-1");
  ASSERT_TRUE(scan);
  store_.reset();
  auto reopened = open_store(dir_ + "/test.db");  // a plain path works too
  ASSERT_TRUE(reopened) << reopened.error().message;
  auto scans = (*reopened)->scans("gov");
  ASSERT_TRUE(scans);
  ASSERT_EQ(scans->size(), 1u);
  EXPECT_EQ((*scans)[0].domains, 2);
  EXPECT_EQ((*scans)[0].catalog_version, "cat-1");
}

TEST_F(SqliteStoreTest, UnwritableDatabaseIsAClearError) {
  auto opened = open_store("sqlite:/nonexistent-dir/x.db");
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("/nonexistent-dir/x.db"), std::string::npos);
}

TEST_F(SqliteStoreTest, ScanOfUnknownListFails) {
  EXPECT_FALSE(store_->create_scan("nope", "0.1", "c"));
}

}  // namespace
TEST_F(SqliteStoreTest, WebTestIsJoinedWhileActiveAndReusedWhileFresh) {
  auto first = store_->submit_test("t1", "example.nl", "web,mail", 1000, 600);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->test.state, "queued");
  // Queued: a second submission joins it.
  auto joined = store_->submit_test("t2", "example.nl", "web,mail", 1001, 600);
  ASSERT_TRUE(joined);
  EXPECT_FALSE(joined->created);
  EXPECT_EQ(joined->test.id, "t1");
  // Other families are another test.
  auto web_only = store_->submit_test("t3", "example.nl", "web", 1001, 600);
  ASSERT_TRUE(web_only);
  EXPECT_TRUE(web_only->created);

  auto claimed = store_->claim_test("w", 1002, 2000);
  ASSERT_TRUE(claimed && *claimed);
  EXPECT_EQ((*claimed)->id, "t1");  // oldest first
  ASSERT_TRUE(store_->finish_test("t1", "w", 87, R"({"score":87})", 1010));
  auto done = store_->find_test("t1");
  ASSERT_TRUE(done && *done);
  EXPECT_EQ((*done)->state, "done");
  EXPECT_EQ((*done)->result, R"({"score":87})");
  EXPECT_EQ((*done)->score, 87);
  // Done less than the reuse window ago: shown instead of a new test.
  auto reused = store_->submit_test("t4", "example.nl", "web,mail", 1500, 600);
  ASSERT_TRUE(reused);
  EXPECT_FALSE(reused->created);
  EXPECT_EQ(reused->test.id, "t1");
  // Older than the window: a new test.
  auto fresh = store_->submit_test("t5", "example.nl", "web,mail", 1700, 600);
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(fresh->created);
  // A finished result is immutable: a late finish by another worker changes nothing.
  ASSERT_TRUE(store_->finish_test("t1", "other", 1, "{}", 1800));
  EXPECT_EQ((*store_->find_test("t1"))->result, R"({"score":87})");

  auto history = store_->site_tests("example.nl", 10, false);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].id, "t1");
  EXPECT_TRUE((*history)[0].result.empty());
}

TEST_F(SqliteStoreTest, RunningTestsAreRequeuedAfterARestartAndExpiredLeasesTakenOver) {
  ASSERT_TRUE(store_->submit_test("a", "a.example", "web,mail", 100, 600));
  ASSERT_TRUE(store_->submit_test("b", "b.example", "web,mail", 101, 600));
  ASSERT_TRUE(store_->claim_test("w1", 102, 200));
  ASSERT_TRUE(store_->claim_test("w1", 102, 200));
  auto none = store_->claim_test("w2", 150, 300);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);  // both leased
  auto taken = store_->claim_test("w2", 201, 300);
  ASSERT_TRUE(taken && *taken);  // the lease of w1 expired
  EXPECT_EQ((*taken)->id, "a");

  auto requeued = store_->requeue_running_tests();
  ASSERT_TRUE(requeued);
  EXPECT_EQ(*requeued, 2);
  EXPECT_EQ(*store_->active_tests(), 2);
  auto again = store_->claim_test("w3", 202, 400);
  ASSERT_TRUE(again && *again);
  ASSERT_TRUE(store_->fail_test((*again)->id, "w3", "resolver unavailable", 203));
  auto failed = store_->find_test((*again)->id);
  EXPECT_EQ((*failed)->state, "error");
  EXPECT_EQ((*failed)->error, "resolver unavailable");
  EXPECT_EQ(*store_->active_tests(), 1);
}

}  // namespace baseline::store
