// SPDX-License-Identifier: Apache-2.0
// The scans `serve` runs, on SQLite and (when BASELINE_TEST_POSTGRESQL names a database the test
// may empty) PostgreSQL: each due time starts one scan, however many servers claim it at once.
#include "observatory/server_scans.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "store/testing/fresh_store.h"

namespace baseline::observatory {
namespace {

constexpr std::int64_t kNow = 1796421660;  // 2026-12-04T22:01:00Z

class ServerScansTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-schedule-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    std::string skip;
    url_ = store::testing::fresh_store_url(GetParam(), dir_, skip);
    if (url_.empty()) GTEST_SKIP() << skip;
    store_ = open();
    ASSERT_TRUE(store_->save_list("gov", {{"a.example"}, {"b.example"}, {"c.example"}}));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<store::Store> open() {
    auto opened = store::open_store(url_);
    EXPECT_TRUE(opened) << opened.error().message;
    return opened ? std::move(*opened) : nullptr;
  }
  std::int64_t scan_count() {
    auto rows = store_->sql("SELECT COUNT(*) FROM scans");
    EXPECT_TRUE(rows);
    return rows ? std::stoll((*rows)[0][0]) : -1;
  }
  // Makes the schedule due at kNow (`earlier` seconds before it: each due time runs once).
  void due_now(int earlier = 60) {
    ASSERT_TRUE(store_->sql("UPDATE schedules SET next_due = CAST($1 AS BIGINT)",
                            {std::to_string(kNow - earlier)}));
  }
  void finish_every_domain(std::int64_t scan) {
    ASSERT_TRUE(store_->sql("UPDATE scan_domains SET state = 2 WHERE scan_id = CAST($1 AS BIGINT)",
                            {std::to_string(scan)}));
  }

  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(ServerScansTest, SetListAndRemoveASchedule) {
  auto set = set_schedule(*store_, "gov", *Recurrence::parse("weekly"), kNow);
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_GT(set->next_due, kNow);
  EXPECT_LE(set->next_due, kNow + 7 * 86400);
  auto replaced = set_schedule(*store_, "gov", *Recurrence::parse("0 3 * * *"), kNow);
  ASSERT_TRUE(replaced);
  auto all = schedules(*store_);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().every, "0 3 * * *");
  EXPECT_EQ(all->front().list, "gov");
  EXPECT_FALSE(set_schedule(*store_, "nope", *Recurrence::parse("weekly"), kNow));
  EXPECT_TRUE(*remove_schedule(*store_, "gov"));
  EXPECT_FALSE(*remove_schedule(*store_, "gov"));
  EXPECT_TRUE(schedules(*store_)->empty());
}

TEST_P(ServerScansTest, NothingStartsBeforeItIsDue) {
  ASSERT_TRUE(set_schedule(*store_, "gov", *Recurrence::parse("monthly"), kNow));
  auto started = start_due_scans(*store_, kNow, "t", "c");
  ASSERT_TRUE(started);
  EXPECT_TRUE(started->empty());
  EXPECT_EQ(scan_count(), 0);
}

TEST_P(ServerScansTest, ADueScanStartsOnceAndSurvivesARestart) {
  ASSERT_TRUE(set_schedule(*store_, "gov", *Recurrence::parse("monthly"), kNow));
  due_now();
  auto started = start_due_scans(*store_, kNow, "t", "c");
  ASSERT_TRUE(started) << started.error().message;
  ASSERT_EQ(started->size(), 1u);
  EXPECT_EQ(started->front().list, "gov");
  EXPECT_EQ(store_->progress(started->front().scan)->total, 3);
  // A restarted server (a new connection) at the same moment finds nothing due.
  auto again = open();
  auto second = start_due_scans(*again, kNow, "t", "c");
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->empty());
  EXPECT_EQ(scan_count(), 1);
  // The schedule moved on to next month's run.
  auto next = schedules(*store_);
  EXPECT_GT(next->front().next_due, kNow);
  auto unfinished = next_unfinished_server_scan(*store_);
  ASSERT_TRUE(unfinished && *unfinished);
  EXPECT_EQ((*unfinished)->scan, started->front().scan);
  EXPECT_EQ((*unfinished)->origin, "schedule");
}

TEST_P(ServerScansTest, ServersRacingForADueTimeStartOneScan) {
  ASSERT_TRUE(set_schedule(*store_, "gov", *Recurrence::parse("weekly"), kNow));
  for (int round = 0; round < 10; ++round) {
    due_now(60 + round);
    std::atomic<int> winners{0}, failures{0};
    std::vector<std::thread> servers;
    servers.reserve(4);
    for (int s = 0; s < 4; ++s) {
      servers.emplace_back([&] {
        auto own = open();
        auto started = start_due_scans(*own, kNow, "t", "c");
        if (!started) {
          ++failures;
          return;
        }
        winners += static_cast<int>(started->size());
      });
    }
    for (auto& t : servers) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(winners.load(), 1) << "round " << round;
    // Finish it, so that the next round's due time may start a scan.
    auto unfinished = next_unfinished_server_scan(*store_);
    ASSERT_TRUE(unfinished && *unfinished);
    finish_every_domain((*unfinished)->scan);
    ASSERT_TRUE(*finish_and_claim_after_scan(*store_, (*unfinished)->scan));
  }
  EXPECT_EQ(scan_count(), 10);
}

TEST_P(ServerScansTest, ARunningScanIsNotStartedTwice) {
  ASSERT_TRUE(set_schedule(*store_, "gov", *Recurrence::parse("weekly"), kNow));
  auto now = start_scan_now(*store_, 1, kNow, "t", "c");
  ASSERT_TRUE(now) << now.error().message;
  EXPECT_FALSE(start_scan_now(*store_, 1, kNow + 5, "t", "c"));
  due_now();
  auto started = start_due_scans(*store_, kNow, "t", "c");
  ASSERT_TRUE(started);
  EXPECT_TRUE(started->empty());
  EXPECT_EQ(scan_count(), 1);
}

TEST_P(ServerScansTest, AfterScanActionsAreClaimedOnceAndOnlyWhenComplete) {
  auto now = start_scan_now(*store_, 1, kNow, "t", "c");
  ASSERT_TRUE(now);
  EXPECT_FALSE(*finish_and_claim_after_scan(*store_, now->scan));  // domains still pending
  EXPECT_TRUE(store_->scans("gov")->front().finished.empty());
  finish_every_domain(now->scan);
  auto other = open();
  EXPECT_TRUE(*finish_and_claim_after_scan(*store_, now->scan));
  EXPECT_FALSE(*finish_and_claim_after_scan(*other, now->scan));
  EXPECT_FALSE(store_->scans("gov")->front().finished.empty());
  EXPECT_FALSE(*next_unfinished_server_scan(*store_));
}

INSTANTIATE_TEST_SUITE_P(Stores, ServerScansTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace baseline::observatory
