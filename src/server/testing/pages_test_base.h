// SPDX-License-Identifier: Apache-2.0
// What the page tests of the web front share: a WebFront on a fresh SQLite store, its route
// table, and a test authenticator — the header X-Test-Account names the calling account, signed
// in by session with the CSRF token "csrf-token". Tests only.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "server/web_front.h"

namespace baseline::server::page_testing {

class PagesTestBase : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/baseline-pages-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
    auto loaded = runtime::Runtime::load({}, {});
    ASSERT_TRUE(loaded) << loaded.error().message;
    runtime_ = std::move(*loaded);
    auto opened = store::open_store("sqlite:" + (dir_ / "p.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<LockedStore>(std::move(*opened));
    // NOLINTNEXTLINE(modernize-make-unique): WebFront is an aggregate; clang 14 lacks ()-init
    front_.reset(new WebFront{*runtime_, *store_, limiter_, {}});
    routes_ = std::make_unique<RouteTable>(make_routes(*front_));
    routes_->set_authenticator(
        [](const Request& r, const boost::asio::ip::address&) -> Authentication {
          auto account = r["X-Test-Account"];
          if (account.empty()) return {};
          return {Caller{std::stoll(std::string(account)), "user", true, "csrf-token"}, {}};
        });
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A request as `account` (0: nobody signed in); a POST carries the session's CSRF token before
  // `body`, as every form of the pages does.
  Response call(http::verb method, const std::string& target, std::int64_t account,
                const std::string& body = "") {
    return send_form(method, target, account,
                     method == http::verb::post ? "csrf=csrf-token&" + body : body);
  }
  // The same with `body` sent as it is (no CSRF token unless it has one).
  Response send_form(http::verb method, const std::string& target, std::int64_t account,
                     const std::string& body) {
    Request r{method, target, 11};
    if (account > 0) r.set("X-Test-Account", std::to_string(account));
    if (!body.empty()) {
      r.set(http::field::content_type, "application/x-www-form-urlencoded");
      r.body() = body;
      r.prepare_payload();
    }
    return routes_->dispatch(r, boost::asio::ip::make_address("192.0.2.1"));
  }

  // A finished scan of `list`: a.example's dnssec standard is `dnssec`, b.example's passes.
  std::int64_t finished_scan(const std::string& list, const std::string& dnssec) {
    return store_->with([&](store::Store& s) {
      auto scan = s.create_scan(list, "t", "c");
      EXPECT_TRUE(scan);
      std::vector<store::DomainRecord> records;
      for (const char* d : {"a.example", "b.example"}) {
        store::DomainRecord r{d, "2026-12-01T10:00:00Z", 5, 70};
        core::CheckResult check;
        check.id = "dns.dnssec.valid";
        check.target = d;
        check.verdict = core::Verdict::kPass;
        check.summary = "secure";
        r.results.push_back(check);
        r.standards = {{"dnssec", std::string(d) == "a.example" ? dnssec : "pass"}};
        records.push_back(r);
      }
      EXPECT_TRUE(s.save(*scan, records));
      EXPECT_TRUE(s.finish_scan(*scan));
      return *scan;
    });
  }

  std::filesystem::path dir_;
  std::unique_ptr<runtime::Runtime> runtime_;
  std::unique_ptr<LockedStore> store_;
  RateLimiter limiter_{{1000, 1000}};
  std::unique_ptr<WebFront> front_;
  std::unique_ptr<RouteTable> routes_;
};

}  // namespace baseline::server::page_testing
