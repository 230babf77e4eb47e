// SPDX-License-Identifier: Apache-2.0
// The accounts and batch tables through a real store: SQLite always, and PostgreSQL too when
// BASELINE_TEST_POSTGRESQL names a database that the test may empty (schema `public` is
// recreated). Every lookup of an account's object by another account finds nothing.
#include "store/account_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "store/batch_store.h"
#include "store/store.h"
#include "store/testing/fresh_store.h"

namespace baseline::store {
namespace {

namespace fs = std::filesystem;

class AccountStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-accounts-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    std::string skip;
    std::string url = store::testing::fresh_store_url(GetParam(), dir_, skip);
    if (url.empty()) GTEST_SKIP() << skip;
    auto opened = open_store(url);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_NE(store_->sql(), nullptr);
    ASSERT_TRUE(accounts().add("alice", "alice", "hash-a"));
    ASSERT_TRUE(accounts().add("Bob", "bob", "hash-b"));
    alice_ = (*accounts().find_by_key("alice"))->id;
    bob_ = (*accounts().find_by_key("bob"))->id;
  }
  void TearDown() override { fs::remove_all(dir_); }

  AccountStore accounts() { return AccountStore(*store_->sql()); }
  BatchStore batches() { return BatchStore(*store_->sql()); }

  store::BatchRequest request(const std::string& id, store::RequestType type) {
    store::BatchRequest r;
    r.id = id;
    r.name = "n-" + id;
    r.type = type;
    r.submitted = std::chrono::system_clock::now();
    return r;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  std::int64_t alice_ = 0, bob_ = 0;
};

TEST_P(AccountStoreTest, AccountsAreUniqueByKeyAndAPasswordChangeEndsSessions) {
  auto again = accounts().add("ALICE", "alice", "x");
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  auto all = accounts().list();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].name, "Bob");

  ASSERT_TRUE(accounts().add_session("digest-1", alice_, "csrf-1", 2000));
  auto live = accounts().find_session("digest-1", 1000);
  ASSERT_TRUE(live && *live);
  EXPECT_EQ((*live)->name, "alice");
  EXPECT_EQ((*live)->csrf_token, "csrf-1");
  EXPECT_FALSE(*accounts().find_session("digest-1", 2000));  // expired
  ASSERT_TRUE(*accounts().set_password("alice", "hash-new"));
  EXPECT_FALSE(*accounts().find_session("digest-1", 1000));
  EXPECT_EQ((*accounts().find_by_key("alice"))->password_hash, "hash-new");
  EXPECT_FALSE(*accounts().set_password("nobody", "x"));
}

TEST_P(AccountStoreTest, TokensAreRevokedOnlyByTheirAccount) {
  auto id = accounts().add_token(alice_, "token-digest", "script");
  ASSERT_TRUE(id) << id.error().message;
  auto owner = accounts().token_owner("token-digest");
  ASSERT_TRUE(owner && *owner);
  EXPECT_EQ((*owner)->first, alice_);
  EXPECT_FALSE(*accounts().revoke_token(bob_, *id));  // another account's token: not found
  EXPECT_TRUE(accounts().tokens(bob_)->empty());
  EXPECT_EQ(accounts().tokens(alice_)->size(), 1u);
  EXPECT_TRUE(*accounts().revoke_token(alice_, *id));
  EXPECT_FALSE(*accounts().token_owner("token-digest"));
}

TEST_P(AccountStoreTest, LimitsAreStoredPerAccount) {
  EXPECT_FALSE(accounts().limits(alice_)->max_running_requests);
  ASSERT_TRUE(accounts().set_limits(alice_, {100, 2, std::nullopt}));
  auto limits = accounts().limits(alice_);
  ASSERT_TRUE(limits);
  EXPECT_EQ(limits->max_domains_per_request, 100);
  EXPECT_EQ(limits->max_running_requests, 2);
  EXPECT_FALSE(limits->keep_results_hours);
  EXPECT_FALSE(accounts().limits(bob_)->max_domains_per_request);
}

TEST_P(AccountStoreTest, BatchRequestsAreScopedToTheirAccountInSql) {
  const std::string id = "0123456789abcdef0123456789abcdef";
  ASSERT_TRUE(
      batches().add(alice_, request(id, store::RequestType::kWeb), {"a.example", "b.example"}));
  EXPECT_TRUE(*batches().find(alice_, id));
  EXPECT_FALSE(*batches().find(bob_, id));
  EXPECT_EQ(batches().list(alice_, 0)->size(), 1u);
  EXPECT_TRUE(batches().list(bob_, 0)->empty());
  EXPECT_EQ(*batches().unfinished(alice_), 1);
  EXPECT_EQ(*batches().unfinished(bob_), 0);
  EXPECT_FALSE(*batches().cancel(bob_, id, 1));
  EXPECT_EQ((*batches().find(alice_, id))->status, store::RequestStatus::kRegistering);
  EXPECT_TRUE(batches().outputs(bob_, id, false)->empty());
}

TEST_P(AccountStoreTest, TheLifecycleJoinsQueuedTestsAndRendersOnce) {
  // a.example is already queued by the web front with the same family: the request joins it.
  ASSERT_TRUE(store_->submit_test("existingtest", "a.example", "web", 100, 0));
  const std::string id = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  ASSERT_TRUE(batches().add(alice_, request(id, store::RequestType::kWeb),
                            {"a.example", "b.example", "c.example"}));
  auto registered = batches().register_tests(id, "web", 200);
  ASSERT_TRUE(registered) << registered.error().message;
  EXPECT_TRUE(*registered);
  EXPECT_FALSE(*batches().register_tests(id, "web", 200));  // not registering any more
  EXPECT_EQ(*batches().waiting(id), 3);
  // Two new tests and the joined one; the page's backlog counts only its own.
  auto queued = store_->sql()->query("SELECT COUNT(*) FROM web_tests WHERE state = 'queued'");
  EXPECT_EQ(column_int(queued->front(), 0), 3);
  EXPECT_EQ(*store_->active_tests(), 1);

  // Run all three as a worker would.
  for (int i = 0; i < 3; ++i) {
    auto claimed = store_->claim_test("w", 300, 400);
    ASSERT_TRUE(claimed && *claimed);
    if ((*claimed)->domain == "c.example") {
      ASSERT_TRUE(store_->fail_test((*claimed)->id, "w", "timeout", 310));
    } else {
      ASSERT_TRUE(store_->finish_test((*claimed)->id, "w", 80, "{\"schema\":\"x\"}", 310));
    }
  }
  EXPECT_EQ(*batches().waiting(id), 0);
  auto progress = batches().find(alice_, id);
  EXPECT_EQ((*progress)->finished_domains, 3u);
  ASSERT_TRUE(
      *batches().move(id, store::RequestStatus::kRunning, store::RequestStatus::kGenerating));
  auto chunk = batches().ungenerated(id, 2);
  ASSERT_TRUE(chunk);
  ASSERT_EQ(chunk->size(), 2u);
  EXPECT_EQ((*chunk)[0].domain, "a.example");
  EXPECT_EQ((*chunk)[0].test_id, "existingtest");
  EXPECT_EQ((*chunk)[0].result, "{\"schema\":\"x\"}");
  const auto rest = batches().ungenerated(id, 10);
  ASSERT_TRUE(rest);
  for (const auto& d : *rest) {
    ASSERT_TRUE(
        batches().set_output(id, d.domain, {d.domain, "{\"status\":\"" + d.state + "\"}"}, "{}"));
  }
  EXPECT_TRUE(batches().ungenerated(id, 10)->empty());
  ASSERT_TRUE(*batches().move(id, store::RequestStatus::kGenerating, store::RequestStatus::kDone,
                              5'000'000));
  auto outputs = batches().outputs(alice_, id, false);
  ASSERT_TRUE(outputs);
  ASSERT_EQ(outputs->size(), 3u);
  EXPECT_EQ((*outputs)[2].json, "{\"status\":\"error\"}");
  EXPECT_TRUE(batches().outputs(bob_, id, false)->empty());

  // Retention: deleted once older than the account's own (1 hour) or the default.
  ASSERT_TRUE(accounts().set_limits(alice_, {std::nullopt, std::nullopt, 1}));
  EXPECT_EQ(*batches().expire(5'000'000 + 3'599'000'000, 24), 0);
  EXPECT_EQ(*batches().expire(5'000'000 + 3'601'000'000, 24), 1);
  EXPECT_FALSE(*batches().find(alice_, id));
}

TEST_P(AccountStoreTest, CancellingDropsOnlyTheTestsNoOneElseWaitsFor) {
  const std::string mine = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                    theirs = "cccccccccccccccccccccccccccccccc";
  ASSERT_TRUE(batches().add(alice_, request(mine, store::RequestType::kMail),
                            {"shared.example", "own.example"}));
  ASSERT_TRUE(*batches().register_tests(mine, "mail", 100));
  ASSERT_TRUE(batches().add(bob_, request(theirs, store::RequestType::kMail), {"shared.example"}));
  ASSERT_TRUE(*batches().register_tests(theirs, "mail", 100));
  ASSERT_TRUE(*batches().cancel(alice_, mine, 2'000'000));
  EXPECT_EQ((*batches().find(alice_, mine))->status, store::RequestStatus::kCancelled);
  EXPECT_FALSE(*batches().cancel(alice_, mine, 3'000'000));  // final: stays as it is
  // shared.example still runs for bob; own.example left the queue.
  auto queued = store_->sql()->query("SELECT domain FROM web_tests WHERE state = 'queued'");
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ(column_text(queued->front(), 0), "shared.example");
  EXPECT_EQ(*batches().waiting(theirs), 1);
}

TEST_P(AccountStoreTest, ThePageTestsRunBeforeBatchTests) {
  const std::string id = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
  ASSERT_TRUE(batches().add(alice_, request(id, store::RequestType::kWeb), {"batch.example"}));
  ASSERT_TRUE(*batches().register_tests(id, "web", 100));
  ASSERT_TRUE(store_->submit_test("pagetest", "page.example", "web", 200, 0));  // later, first
  auto first = store_->claim_test("w", 300, 400);
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->domain, "page.example");
  auto second = store_->claim_test("w", 300, 400);
  ASSERT_TRUE(second && *second);
  EXPECT_EQ((*second)->domain, "batch.example");
}

TEST_P(AccountStoreTest, RemovingAnAccountRemovesItsObjects) {
  const std::string id = "dddddddddddddddddddddddddddddddd";
  ASSERT_TRUE(batches().add(alice_, request(id, store::RequestType::kWeb), {"a.example"}));
  ASSERT_TRUE(accounts().add_token(alice_, "t", "l"));
  ASSERT_TRUE(accounts().add_session("s", alice_, "c", 10));
  ASSERT_TRUE(*accounts().remove("alice"));
  EXPECT_FALSE(*accounts().find_by_key("alice"));
  EXPECT_FALSE(*accounts().token_owner("t"));
  EXPECT_FALSE(*accounts().find_session("s", 1));
  auto left = store_->sql()->query("SELECT COUNT(*) FROM batch_domains");
  ASSERT_TRUE(left);
  EXPECT_EQ(column_int(left->front(), 0), 0);
  EXPECT_FALSE(*accounts().remove("alice"));
}

INSTANTIATE_TEST_SUITE_P(Stores, AccountStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace baseline::store
