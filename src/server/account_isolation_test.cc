// SPDX-License-Identifier: Apache-2.0
// Per-route isolation: every route of the table that needs an account, and every path under the
// batch API, is called by one account with the identifiers of another account's objects (a batch
// request, an API token), and must answer 404 — found or not found in SQL, never after it. The
// routes come from make_routes itself, so a new account route is covered without a change here.
// The same calls by the owner must not all be 404, or the test could not fail.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "accounts/account_name.h"
#include "accounts/login_throttle.h"
#include "accounts/secret_token.h"
#include "batch/batch_request.h"
#include "observatory/list_edit.h"
#include "server/account_authenticator.h"
#include "server/web_front.h"
#include "store/account_store.h"
#include "store/batch_store.h"

namespace baseline::server {
namespace {

namespace fs = std::filesystem;

struct Identity {
  std::string cookie;
  std::string csrf;
};

class AccountIsolation : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-isolation-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    auto opened = store::open_store("sqlite:" + (dir_ / "i.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<LockedStore>(std::move(*opened));
    auto runtime = runtime::Runtime::load({}, {});
    ASSERT_TRUE(runtime) << runtime.error().message;
    runtime_ = std::move(*runtime);
    limiter_ = std::make_unique<RateLimiter>(RateLimits{1000, 1000});
    // NOLINTNEXTLINE(modernize-make-unique): WebFront is an aggregate; clang 14 lacks ()-init
    front_.reset(new WebFront{*runtime_, *store_, *limiter_, {}});
    authenticator_ = std::make_unique<AccountAuthenticator>(*store_, throttle_);
    front_->accounts = authenticator_.get();

    store_->with([&](store::Store& s) {
      store::AccountStore accounts(*s.sql());
      EXPECT_TRUE(accounts.add("owner", "owner", "unused-hash"));
      EXPECT_TRUE(accounts.add("other", "other", "unused-hash"));
      owner_id_ = (*accounts.find_by_key("owner"))->id;
      other_id_ = (*accounts.find_by_key("other"))->id;
      owner_ = session(accounts, owner_id_);
      other_ = session(accounts, other_id_);
      // The owner's objects: a batch request (done, with a rendered domain) and a token.
      batch::BatchRequest request;
      request.id = batch::new_request_id();
      request.submitted = std::chrono::system_clock::now();
      store::BatchStore batches(*s.sql());
      EXPECT_TRUE(batches.add(owner_id_, request, {"owned.example"}));
      EXPECT_TRUE(batches.set_output(request.id, "owned.example", {"owned.example", "{}"}, "{}"));
      EXPECT_TRUE(*batches.move(request.id, batch::RequestStatus::kRegistering,
                                batch::RequestStatus::kDone, unix_now() * 1000000));
      identifiers_.push_back(request.id);
      auto token = accounts.add_token(owner_id_, accounts::secret_digest("x"), "owner's token");
      EXPECT_TRUE(token);
      identifiers_.push_back(std::to_string(*token));
      // The owner's observatory: a list with a finished scan (/lists/{id}, /scans/{id}).
      auto list = observatory::create_owned_list(s, owner_id_, "owned", {{"owned.example"}}, "all");
      EXPECT_TRUE(list);
      auto scan = s.create_scan(std::to_string(owner_id_) + ":owned", "t", "c");
      EXPECT_TRUE(scan);
      EXPECT_TRUE(s.finish_scan(*scan));
      identifiers_.push_back(std::to_string(*list));
      identifiers_.push_back(std::to_string(*scan));
      return true;
    });
  }
  void TearDown() override { fs::remove_all(dir_); }

  Identity session(store::AccountStore& accounts, std::int64_t id) {
    Identity identity{accounts::random_secret(), accounts::random_secret()};
    EXPECT_TRUE(accounts.add_session(accounts::secret_digest(identity.cookie), id, identity.csrf,
                                     unix_now() + 3600));
    return identity;
  }

  Response call(const RouteTable& routes, const Route& route, const std::string& target,
                const Identity& who) {
    Request request{route.method, target, 11};
    request.set(http::field::cookie, "baseline_session=" + who.cookie);
    request.set("X-CSRF-Token", who.csrf);
    if (route.method == http::verb::patch) {
      request.set(http::field::content_type, "application/json");
      request.body() = R"({"status": "cancelled"})";
    } else if (route.method == http::verb::post) {
      request.set(http::field::content_type, "application/x-www-form-urlencoded");
      request.body() = "label=x";
    }
    request.prepare_payload();
    return routes.dispatch(request, boost::asio::ip::make_address("192.0.2.1"));
  }

  // The pattern with every {name} replaced by `identifier`.
  static std::string fill(const std::string& pattern, const std::string& identifier) {
    return std::regex_replace(pattern, std::regex(R"(\{[a-z_]+\})"), identifier);
  }

  fs::path dir_;
  std::unique_ptr<LockedStore> store_;
  std::unique_ptr<runtime::Runtime> runtime_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<WebFront> front_;
  accounts::LoginThrottle throttle_;
  std::unique_ptr<AccountAuthenticator> authenticator_;
  std::int64_t owner_id_ = 0, other_id_ = 0;
  Identity owner_, other_;
  std::vector<std::string> identifiers_;
};

TEST_F(AccountIsolation, EveryAccountRouteAnswers404ForAnotherAccountsObjects) {
  const auto routes = make_routes(*front_);
  std::size_t parametrised = 0;
  for (const auto& route : routes.routes()) {
    const bool batch_route = route.pattern.starts_with("/api/batch/");
    if (route.access != Access::kAccount && !batch_route) continue;
    if (route.pattern.find('{') == std::string::npos) {
      // A listing: the other account sees none of the owner's identifiers.
      if (route.method != http::verb::get) continue;
      const auto seen = call(routes, route, route.pattern, other_);
      for (const auto& id : identifiers_) {
        EXPECT_EQ(seen.body().find(id.size() > 8 ? id : "owner's token"), std::string::npos)
            << route.pattern << " shows the owner's " << id << " to another account";
      }
      continue;
    }
    ++parametrised;
    bool owner_reaches_one = false;
    for (const auto& id : identifiers_) {
      const auto target = fill(route.pattern, id);
      const auto refused = call(routes, route, target, other_);
      EXPECT_EQ(refused.result(), http::status::not_found)
          << http::to_string(route.method) << " " << target
          << " by another account: " << refused.body().substr(0, 200);
      if (call(routes, route, target, owner_).result() != http::status::not_found)
        owner_reaches_one = true;
    }
    EXPECT_TRUE(owner_reaches_one) << route.pattern << ": even the owner gets 404 (test is void)";
  }
  EXPECT_GE(parametrised, 5u);  // status, cancel, results, results_technical, token revoke
}

}  // namespace
}  // namespace baseline::server
