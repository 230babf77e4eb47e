// SPDX-License-Identifier: Apache-2.0
// The notices page of a list through the route table, with a fake authenticator (the header
// X-Test-Account names the caller, by session): the owner sees the log, the review queue and the
// switch; another account gets "not found" for the page and the switch; the switch needs the
// session's CSRF token and complete settings.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "observatory/list_owner.h"
#include "server/testing/pages_test_base.h"
#include "server/web_front.h"

namespace baseline::server {
namespace {

class ListNoticesPageTest : public page_testing::PagesTestBase {
 protected:
  void SetUp() override {
    PagesTestBase::SetUp();
    store_->with([&](store::Store& s) {
      auto id = s.save_list("cert", {{"a.example", "", "", "A"}, {"b.example", "", "", "B"}});
      ASSERT_TRUE(id);
      list_ = *id;
      ASSERT_TRUE(observatory::set_list_settings(s, list_, 7, "all"));
      auto scan = s.create_scan("cert", "t", "c");
      ASSERT_TRUE(scan);
      store::NoticeRecord sent{0,
                               "cert",
                               *scan,
                               "a.example",
                               "",
                               1795000000,
                               "sent",
                               "250 ok",
                               "security@a.example",
                               "security.txt",
                               "x.notice@cert.example",
                               "nl",
                               {"https-hsts"}};
      ASSERT_TRUE(s.record_notice(sent));
      store::NoticeRecord review = sent;
      review.domain = "b.example";
      review.state = "review";
      review.recipient = "https://b.example/report";
      review.reason = "security.txt names only https: contacts";
      ASSERT_TRUE(s.record_notice(review));
    });
  }
  // The switch's tests send the CSRF token themselves (or leave it out).
  Response call(http::verb method, const std::string& target, int account,
                const std::string& body = "") {
    return send_form(method, target, account, body);
  }
  bool enabled() {
    return store_->with([](store::Store& s) { return s.notice_settings("cert")->enabled; });
  }

  std::int64_t list_ = 0;
};

TEST_F(ListNoticesPageTest, TheOwnerSeesTheLogAndTheReviewQueueOthersSeeNothing) {
  const auto page = "/lists/" + std::to_string(list_) + "/notices";
  auto own = call(http::verb::get, page, 7);
  ASSERT_EQ(own.result(), http::status::ok) << own.body();
  EXPECT_NE(own.body().find("security@a.example"), std::string::npos);
  EXPECT_NE(own.body().find("https-hsts"), std::string::npos);
  const auto queue = own.body().find("Review queue");
  ASSERT_NE(queue, std::string::npos);
  EXPECT_NE(own.body().find("href=\"https://b.example/report\"", queue), std::string::npos);
  EXPECT_NE(own.body().find("name=\"csrf\" value=\"csrf-token\""), std::string::npos);
  EXPECT_EQ(call(http::verb::get, page, 0).result(), http::status::unauthorized);
  auto other = call(http::verb::get, page, 8);
  EXPECT_EQ(other.result(), http::status::not_found);
  EXPECT_EQ(other.body().find("a.example"), std::string::npos);
  EXPECT_EQ(call(http::verb::get, "/lists/999/notices", 7).result(), http::status::not_found);
}

TEST_F(ListNoticesPageTest, TheSwitchNeedsTheOwnerTheCsrfTokenAndCompleteSettings) {
  const auto optin = "/lists/" + std::to_string(list_) + "/notices/optin";
  EXPECT_EQ(call(http::verb::post, optin, 7, "enabled=1&csrf=csrf-token").result(),
            http::status::bad_request)
      << "no sender, mandate, base URL yet";
  store_->with([](store::Store& s) {
    store::NoticeSettings settings;
    settings.mandate = "The CERT warns owners.";
    settings.sender = "notices@cert.example";
    settings.base_url = "https://baseline.cert.example";
    ASSERT_TRUE(s.save_notice_settings("cert", settings));
  });
  EXPECT_EQ(call(http::verb::post, optin, 7, "enabled=1&csrf=wrong").result(),
            http::status::forbidden);
  EXPECT_EQ(call(http::verb::post, optin, 7, "enabled=1").result(), http::status::forbidden);
  EXPECT_EQ(call(http::verb::post, optin, 8, "enabled=1&csrf=csrf-token").result(),
            http::status::not_found);
  EXPECT_FALSE(enabled());
  EXPECT_EQ(call(http::verb::post, optin, 7, "enabled=1&csrf=csrf-token").result(),
            http::status::see_other);
  EXPECT_TRUE(enabled());
  EXPECT_EQ(call(http::verb::post, optin, 7, "enabled=0&csrf=csrf-token").result(),
            http::status::see_other);
  EXPECT_FALSE(enabled());
}

}  // namespace
}  // namespace baseline::server
