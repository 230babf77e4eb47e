// SPDX-License-Identifier: Apache-2.0
#include "scan/store_loop.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "scan/progress_meter.h"

namespace baseline::scan {
namespace {

// A SQLite store whose save() fails from the `fail_from`-th call on, like a full disk.
class FailingStore final : public store::Store {
 public:
  FailingStore(std::unique_ptr<store::Store> real, int fail_from)
      : real_(std::move(real)), fail_from_(fail_from) {}
  std::string kind() const override { return real_->kind(); }
  core::Result<std::int64_t> save_list(const std::string& n,
                                       const std::vector<core::ListEntry>& e) override {
    return real_->save_list(n, e);
  }
  core::Result<std::int64_t> create_scan(const std::string& l, const std::string& t,
                                         const std::string& c) override {
    return real_->create_scan(l, t, c);
  }
  core::Result<std::optional<store::ScanInfo>> unfinished_scan(const std::string& l) override {
    return real_->unfinished_scan(l);
  }
  core::Result<store::Ok> release_leases(std::int64_t s) override {
    return real_->release_leases(s);
  }
  core::Result<std::vector<std::string>> claim(std::int64_t s, const std::string& w, int c,
                                               std::int64_t n, std::int64_t u) override {
    return real_->claim(s, w, c, n, u);
  }
  core::Result<std::size_t> save(std::int64_t s,
                                 const std::vector<store::DomainRecord>& r) override {
    if (++saves_ >= fail_from_) return core::make_error("database: database or disk is full");
    return real_->save(s, r);
  }
  core::Result<store::Progress> progress(std::int64_t s) override { return real_->progress(s); }
  core::Result<store::Ok> finish_scan(std::int64_t s) override { return real_->finish_scan(s); }
  core::Result<std::vector<store::ScanInfo>> scans(const std::string& l) override {
    return real_->scans(l);
  }
  core::Result<std::vector<std::string>> lists() override { return real_->lists(); }
  core::Result<std::vector<store::DomainSummary>> domains(std::int64_t s) override {
    return real_->domains(s);
  }
  core::Result<std::vector<store::CheckCount>> check_counts(std::int64_t s) override {
    return real_->check_counts(s);
  }
  core::Result<store::Submission> submit_test(const std::string& id, const std::string& d,
                                              const std::string& f, std::int64_t n, std::int64_t r,
                                              bool a) override {
    return real_->submit_test(id, d, f, n, r, a);
  }
  core::Result<std::optional<store::WebTest>> find_test(const std::string& id) override {
    return real_->find_test(id);
  }
  core::Result<std::optional<store::WebTest>> claim_test(const std::string& w, std::int64_t n,
                                                         std::int64_t u) override {
    return real_->claim_test(w, n, u);
  }
  core::Result<store::Ok> finish_test(const std::string& id, const std::string& w,
                                      std::optional<int> score, const std::string& r,
                                      std::int64_t n) override {
    return real_->finish_test(id, w, score, r, n);
  }
  core::Result<store::Ok> fail_test(const std::string& id, const std::string& w,
                                    const std::string& r, std::int64_t n) override {
    return real_->fail_test(id, w, r, n);
  }
  core::Result<std::int64_t> requeue_running_tests() override {
    return real_->requeue_running_tests();
  }
  core::Result<std::vector<store::WebTest>> site_tests(const std::string& d, int l,
                                                       bool w) override {
    return real_->site_tests(d, l, w);
  }
  core::Result<std::int64_t> active_tests() override { return real_->active_tests(); }

 private:
  std::unique_ptr<store::Store> real_;
  int fail_from_;
  int saves_ = 0;
};

class StoreLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-loop-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<store::Store> open_with_scan(int domains, std::int64_t& scan) {
    auto store = store::open_store(dir_ + "/t.db");
    EXPECT_TRUE(store);
    std::vector<core::ListEntry> entries;
    entries.reserve(static_cast<std::size_t>(domains));
    for (int i = 0; i < domains; ++i) entries.push_back({"d" + std::to_string(i) + ".example"});
    EXPECT_TRUE((*store)->save_list("l", entries));
    scan = *(*store)->create_scan("l", "t", "c");
    return std::move(*store);
  }

  // Stands in for the event loops: finishes every domain it is given.
  static void fake_loops(WorkQueue& queue, std::atomic<bool>& done) {
    while (!done.load()) {
      if (auto d = queue.take()) {
        store::DomainRecord record{*d, "2026-11-22T10:00:00Z", 1, 100};
        record.standards.push_back({"dnssec", "pass"});
        queue.finish(std::move(record));
      } else if (queue.closed()) {
        break;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
  }

  std::string dir_;
};

TEST_F(StoreLoopTest, StoresEveryDomainOnceAndCompletes) {
  std::int64_t scan = 0;
  auto store = open_with_scan(250, scan);
  WorkQueue queue;
  std::atomic<bool> stop{false}, done{false};
  std::atomic<std::size_t> stored{0};
  std::thread loops(fake_loops, std::ref(queue), std::ref(done));
  StoreLoopOptions options{scan, "me", 32};
  auto outcome = run_store_loop(*store, queue, options, stop, stored);
  done = true;
  loops.join();
  EXPECT_TRUE(outcome.complete);
  EXPECT_FALSE(queue.failure());
  EXPECT_EQ(stored.load(), 250u);
  auto progress = store->progress(scan);
  EXPECT_EQ(progress->done, 250);
}

TEST_F(StoreLoopTest, AFailingStoreStopsTheScanAndKeepsWhatWasStored) {
  std::int64_t scan = 0;
  FailingStore store(open_with_scan(200, scan), 3);
  WorkQueue queue;
  std::atomic<bool> stop{false}, done{false};
  std::atomic<std::size_t> stored{0};
  std::thread loops(fake_loops, std::ref(queue), std::ref(done));
  StoreLoopOptions options{scan, "me", 16};
  options.batch = 10;
  auto outcome = run_store_loop(store, queue, options, stop, stored);
  done = true;
  loops.join();
  EXPECT_FALSE(outcome.complete);
  ASSERT_TRUE(queue.failure());
  EXPECT_NE(queue.failure()->find("disk is full"), std::string::npos);
  // Two batches made it before the failure; they are in the database.
  auto progress = store.progress(scan);
  EXPECT_EQ(static_cast<std::size_t>(progress->done), stored.load());
  EXPECT_GT(stored.load(), 0u);
  EXPECT_LE(stored.load(), 20u);
}

TEST_F(StoreLoopTest, StopFinishesWhatIsRunningAndLeavesTheRest) {
  std::int64_t scan = 0;
  auto store = open_with_scan(100, scan);
  WorkQueue queue;
  std::atomic<bool> stop{true};
  std::atomic<std::size_t> stored{0};
  StoreLoopOptions options{scan, "me", 16};
  auto outcome = run_store_loop(*store, queue, options, stop, stored);
  EXPECT_FALSE(outcome.complete);
  EXPECT_EQ(stored.load(), 0u);
  EXPECT_EQ(store->progress(scan)->done, 0);
}

TEST(ProgressMeter, LineShowsCountsRateAndEta) {
  EXPECT_EQ(ProgressMeter::line(50, 100, 10.0, false), "50/100  50.0%  10.0 domains/s  ETA 5s");
  const auto bar = ProgressMeter::line(150, 600, 1.0, true);
  EXPECT_EQ(bar.substr(0, 10), "[#######--");
  EXPECT_NE(bar.find("ETA 7m30s"), std::string::npos);
  EXPECT_NE(ProgressMeter::line(0, 10, 0, false).find("ETA ?"), std::string::npos);
}

}  // namespace
}  // namespace baseline::scan
