// SPDX-License-Identifier: Apache-2.0
// The public pages of notices and recognition, dispatched through the web front's route table
// on a real SQLite store: the opt-out link a sent notice carries (List-Unsubscribe) is exactly
// the page's route; GET shows it, POST (RFC 8058 one-click) records it for good; unknown and
// malformed tokens are 404; the hall of fame lists the good domain with its date and permalink,
// and drops it with the date when a later test fails; the permalink page shows the stored result.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "notices/run.h"
#include "runtime/runtime.h"
#include "server/web_front.h"

namespace baseline::server {
namespace {

namespace fs = std::filesystem;

class KeepingTransport : public notices::Transport {
 public:
  notices::Delivery deliver(const std::string&, const std::string&,
                            const std::string& data) override {
    messages.push_back(data);
    return {notices::Delivery::Outcome::kSent, "250 ok"};
  }
  std::string describe() const override { return "keeping"; }
  std::vector<std::string> messages;
};

core::CheckResult security_txt(const std::string& domain) {
  core::CheckResult r;
  r.id = "web.security_txt";
  r.target = "192.0.2.1:443";
  r.verdict = core::Verdict::kPass;
  r.summary = "valid";
  r.details = {{"url", "https://" + domain + "/.well-known/security.txt"},
               {"contacts", {"mailto:security@" + domain}},
               {"contacts_total", 1},
               {"bytes", 100}};
  return r;
}

class NoticePagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-notice-pages-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    auto opened = store::open_store("sqlite:" + (dir_ / "p.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<LockedStore>(std::move(*opened));
    auto runtime = runtime::Runtime::load({}, {});
    ASSERT_TRUE(runtime) << runtime.error().message;
    runtime_ = std::move(*runtime);
    limiter_ = std::make_unique<RateLimiter>(RateLimits{});
    // NOLINTNEXTLINE(modernize-make-unique): WebFront is an aggregate; clang 14 lacks ()-init
    front_.reset(new WebFront{*runtime_, *store_, *limiter_, {}});
    routes_ = std::make_unique<RouteTable>(make_routes(*front_));
    store_->with([&](store::Store& s) {
      ASSERT_TRUE(
          s.save_list("gov", {{"good.example", "", "", "Good"}, {"bad.example", "", "", "Bad"}}));
      store::NoticeSettings settings;
      settings.enabled = true;
      settings.mandate = "The CERT warns owners under its legal task.";
      settings.sender = "notices@cert.example";
      settings.base_url = "https://baseline.cert.example";
      ASSERT_TRUE(s.save_notice_settings("gov", settings));
    });
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A finished scan: `good` (and `bad`) meet every required standard or fail the first one.
  void scan(bool good_passes, const std::string& tested, bool bad_passes = false) {
    store_->with([&](store::Store& s) {
      auto id = s.create_scan("gov", "t", "c");
      ASSERT_TRUE(id);
      std::vector<store::DomainRecord> records;
      for (const std::string domain : {"good.example", "bad.example"}) {
        store::DomainRecord r{domain, tested, 10, 50};
        bool first = true;
        const bool passes = domain == "good.example" ? good_passes : bad_passes;
        for (const auto& standard : runtime_->catalog().standards) {
          if (standard.level != core::Level::kRequired) continue;
          r.standards.push_back({standard.id, first && !passes ? "fail" : "pass"});
          if (first) {
            core::CheckResult check;
            check.id = standard.checks.front();
            check.target = domain;
            check.verdict = passes ? core::Verdict::kPass : core::Verdict::kFail;
            check.summary = "what the test saw";
            r.results.push_back(check);
          }
          first = false;
        }
        r.results.push_back(security_txt(domain));
        records.push_back(std::move(r));
      }
      ASSERT_TRUE(s.claim(*id, "w", 10, 0, 1));
      ASSERT_TRUE(s.save(*id, records));
      ASSERT_TRUE(s.finish_scan(*id));
      scan_ = *id;
    });
  }

  Response get(const std::string& target, http::verb method = http::verb::get,
               const std::string& body = "") {
    Request request{method, target, 11};
    request.body() = body;
    request.prepare_payload();
    return routes_->dispatch(request, boost::asio::ip::make_address("192.0.2.7"));
  }

  fs::path dir_;
  std::unique_ptr<LockedStore> store_;
  std::unique_ptr<runtime::Runtime> runtime_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<WebFront> front_;
  std::unique_ptr<RouteTable> routes_;
  std::int64_t scan_ = 0;
};

TEST_F(NoticePagesTest, TheListUnsubscribeLinkIsTheOptOutPageAndItsPostHoldsForGood) {
  scan(true, "2026-11-01T10:00:00Z");
  KeepingTransport transport;
  notices::RunOptions o;
  o.list = "gov";
  o.send = true;
  o.transport = &transport;
  o.now_unix = [] { return std::int64_t{1795000000}; };
  o.sleep = [](auto) {};
  auto run = store_->with(
      [&](store::Store& s) { return notices::run_notices(s, runtime_->catalog(), o); });
  ASSERT_TRUE(run) << run.error().message;
  ASSERT_EQ(transport.messages.size(), 1u);
  const auto& message = transport.messages.front();
  const std::string base = "<https://baseline.cert.example";
  const auto at = message.find("List-Unsubscribe:\r\n " + base);
  ASSERT_NE(at, std::string::npos) << message.substr(0, 1500);
  const auto start = at + 20 + base.size();
  const auto path = message.substr(start, message.find('>', start) - start);
  ASSERT_TRUE(path.starts_with("/notices/optout/")) << path;
  EXPECT_NE(message.find("https://baseline.cert.example" + path), std::string::npos)
      << "the body links to the same page";

  auto page = get(path);
  EXPECT_EQ(page.result(), http::status::ok);
  EXPECT_NE(page.body().find("security@bad.example"), std::string::npos);
  EXPECT_NE(page.body().find("<form method=\"post\" action=\"" + path + "\">"), std::string::npos)
      << page.body();
  EXPECT_FALSE(store_->with([](store::Store& s) { return *s.opted_out("security@bad.example"); }))
      << "showing the page records nothing";

  auto done = get(path, http::verb::post, "List-Unsubscribe=One-Click");
  EXPECT_EQ(done.result(), http::status::ok);
  EXPECT_NE(done.body().find("no more"), std::string::npos);
  EXPECT_TRUE(store_->with([](store::Store& s) { return *s.opted_out("security@bad.example"); }));
  EXPECT_NE(get(path).body().find("opted out already"), std::string::npos);
  EXPECT_EQ(get(path, http::verb::post, "List-Unsubscribe=One-Click").result(), http::status::ok)
      << "idempotent";

  // Fixed, then broken again after the period: a new finding, but the address gets nothing.
  scan(true, "2026-12-01T10:00:00Z", true);
  scan(true, "2027-01-01T10:00:00Z");
  o.now_unix = [] { return std::int64_t{1795000000 + 90 * 86400}; };
  run = store_->with(
      [&](store::Store& s) { return notices::run_notices(s, runtime_->catalog(), o); });
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(transport.messages.size(), 1u);
  ASSERT_EQ(run->outcomes.size(), 1u);
  EXPECT_EQ(run->outcomes.front().state, "skipped");
  EXPECT_EQ(run->outcomes.front().reason, "the recipient opted out");
}

TEST_F(NoticePagesTest, UnknownAndMalformedTokensAreNotFound) {
  EXPECT_EQ(get("/notices/optout/" + std::string(64, 'a')).result(), http::status::not_found);
  EXPECT_EQ(
      get("/notices/optout/" + std::string(64, 'a'), http::verb::post, "List-Unsubscribe=One-Click")
          .result(),
      http::status::not_found);
  EXPECT_EQ(get("/notices/optout/short").result(), http::status::not_found);
  EXPECT_EQ(get("/notices/optout/" + std::string(64, 'A')).result(), http::status::not_found);
  EXPECT_EQ(get("/notices/optout/%27%20OR%201=1").result(), http::status::not_found);
}

TEST_F(NoticePagesTest, HallOfFameShowsTheDateAndPermalinkAndTheDrop) {
  scan(true, "2026-11-01T10:00:00Z");
  const auto first = scan_;
  auto hall = get("/hall-of-fame");
  EXPECT_EQ(hall.result(), http::status::ok);
  EXPECT_NE(hall.body().find("href=\"/hall-of-fame\">Hall of fame</a>"), std::string::npos)
      << "in the site's navigation";
  EXPECT_NE(hall.body().find("good.example"), std::string::npos);
  EXPECT_NE(hall.body().find("2026-11-01"), std::string::npos);
  const std::string permalink = "/scan/" + std::to_string(first) + "/good.example";
  EXPECT_NE(hall.body().find("href=\"" + permalink + "\""), std::string::npos) << hall.body();
  EXPECT_EQ(hall.body().find("bad.example"), std::string::npos);
  EXPECT_EQ(get("/hall-of-fame/gov").result(), http::status::ok);
  EXPECT_EQ(get("/hall-of-fame/nope").result(), http::status::not_found);

  auto result = get(permalink);
  EXPECT_EQ(result.result(), http::status::ok);
  EXPECT_NE(result.body().find("good.example"), std::string::npos);
  EXPECT_EQ(get("/scan/9999/good.example").result(), http::status::not_found);
  EXPECT_EQ(get("/scan/x/good.example").result(), http::status::not_found);

  scan(false, "2026-12-01T10:00:00Z");
  hall = get("/hall-of-fame/gov");
  const auto dropped = hall.body().find("No longer in the hall");
  ASSERT_NE(dropped, std::string::npos) << hall.body();
  EXPECT_NE(hall.body().find("2026-12-01", dropped), std::string::npos);

  // A domain that opted out of the hall appears nowhere.
  store_->with(
      [](store::Store& s) { ASSERT_TRUE(s.set_hall_of_fame_optout("good.example", true)); });
  EXPECT_EQ(get("/hall-of-fame").body().find("good.example"), std::string::npos);
}

}  // namespace
}  // namespace baseline::server
