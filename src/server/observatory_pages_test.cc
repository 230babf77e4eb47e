// SPDX-License-Identifier: Apache-2.0
// The account pages of the observatory through the route table, with a fake authenticator (the
// header X-Test-Account names the caller): a list's owner can do everything, another account
// gets "not found" for every list, scan, export, link and explanation of it, and a public link
// opens one report until it is revoked.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "observatory/list_owner.h"
#include "server/form_body.h"
#include "server/testing/pages_test_base.h"
#include "server/web_front.h"

namespace baseline::server {
namespace {

using ObservatoryPagesTest = page_testing::PagesTestBase;

TEST_F(ObservatoryPagesTest, OwnerJourneyAndIsolation) {
  // Not signed in: 401. A form without the session's CSRF token: refused.
  EXPECT_EQ(call(http::verb::get, "/lists", 0).result(), http::status::unauthorized);
  {
    Request forged{http::verb::post, "/lists", 11};
    forged.set("X-Test-Account", "1");
    forged.set(http::field::content_type, "application/x-www-form-urlencoded");
    forged.body() = "name=x&domains=a.example";
    forged.prepare_payload();
    EXPECT_EQ(routes_->dispatch(forged, boost::asio::ip::make_address("192.0.2.1")).result(),
              http::status::forbidden);
  }
  // Account 1 creates a list from CSV with tags.
  const std::string csv =
      "domain,organisation,sector\na.example,Org <A>,health\nb.example,Org B,"
      "gov\nnot a domain,x,y\n";
  auto created =
      call(http::verb::post, "/lists", 1,
           "name=" + url_encode("Gov <list>") + "&scan_type=web&domains=" + url_encode(csv));
  ASSERT_EQ(created.result(), http::status::see_other) << created.body();
  const std::string list_url(created[http::field::location]);
  ASSERT_EQ(list_url, "/lists/1");
  auto page = call(http::verb::get, list_url, 1);
  ASSERT_EQ(page.result(), http::status::ok);
  EXPECT_NE(page.body().find("Gov &lt;list&gt;"), std::string::npos);  // escaped
  EXPECT_EQ(page.body().find("Gov <list>"), std::string::npos);
  EXPECT_NE(page.body().find("Org &lt;A&gt;"), std::string::npos);
  EXPECT_NE(page.body().find("name=csrf value=\"csrf-token\""), std::string::npos);
  // Schedule and scan now.
  EXPECT_EQ(call(http::verb::post, list_url + "/schedule", 1,
                 "every=cron&cron=" + url_encode("0 3 * * 1"))
                .result(),
            http::status::see_other);
  EXPECT_EQ(call(http::verb::post, list_url + "/schedule", 1, "every=cron&cron=nonsense").result(),
            http::status::bad_request);
  EXPECT_NE(call(http::verb::get, list_url, 1).body().find("value=\"0 3 * * 1\""),
            std::string::npos);
  auto now = call(http::verb::post, list_url + "/scan", 1, "csrf=x");
  ASSERT_EQ(now.result(), http::status::see_other);
  const std::string monitor_url(now[http::field::location]);
  auto monitor = call(http::verb::get, monitor_url, 1);
  EXPECT_NE(monitor.body().find("0 of 2 done"), std::string::npos) << monitor.body();
  EXPECT_NE(monitor.body().find("http-equiv=refresh"), std::string::npos);
  EXPECT_EQ(call(http::verb::post, list_url + "/scan", 1, "csrf=x").result(),
            http::status::bad_request);  // still running

  // Two finished scans to report and compare (the stored list's name carries the owner).
  const auto first = finished_scan("1:Gov <list>", "fail");
  const auto second = finished_scan("1:Gov <list>", "pass");
  const auto report_url = "/scans/" + std::to_string(second);
  auto report = call(http::verb::get, report_url + "?compare=" + std::to_string(first), 1);
  ASSERT_EQ(report.result(), http::status::ok);
  EXPECT_NE(report.body().find("1 improved, 0 regressed, 1 unchanged"), std::string::npos);
  auto filtered = call(http::verb::get,
                       report_url + "?compare=" + std::to_string(first) + "&change=improved", 1);
  EXPECT_NE(filtered.body().find("<tr><td>a.example"), std::string::npos);
  EXPECT_EQ(filtered.body().find("<tr><td>b.example"), std::string::npos);
  auto xlsx = call(http::verb::get, report_url + ".xlsx", 1);
  ASSERT_EQ(xlsx.result(), http::status::ok);
  EXPECT_EQ(xlsx.body().substr(0, 2), "PK");
  auto csv_export = call(http::verb::get, report_url + ".csv", 1);
  EXPECT_NE(csv_export.body().find("a.example,Org <A>,health"), std::string::npos);

  // An explanation shows on the older scan's report, where DNSSEC fails.
  EXPECT_EQ(call(http::verb::post, list_url + "/explanations", 1,
                 "domain=a.example&standard=dnssec&until=2099-12-31&reason=" +
                     url_encode("moving <registrar>"))
                .result(),
            http::status::see_other);
  auto explained = call(http::verb::get, "/scans/" + std::to_string(first), 1);
  EXPECT_NE(explained.body().find("explained until 2099-12-31"), std::string::npos);
  EXPECT_NE(explained.body().find("moving &lt;registrar&gt;"), std::string::npos);
  auto overview = call(http::verb::get, list_url + "/overview", 1);
  EXPECT_EQ(overview.result(), http::status::ok);

  // Publish: the link opens the report logged out, and only that report.
  auto published = call(http::verb::post, report_url + "/publish", 1, "csrf=x");
  ASSERT_EQ(published.result(), http::status::ok);
  std::smatch link;
  const std::string published_body = published.body();
  ASSERT_TRUE(std::regex_search(published_body, link, std::regex("href=\"(/public/[^\"]+)\"")));
  const std::string public_url = link[1];
  auto open = call(http::verb::get, public_url, 0);
  ASSERT_EQ(open.result(), http::status::ok);
  EXPECT_NE(open.body().find("a.example"), std::string::npos);
  EXPECT_EQ(open.body().find("name=csrf"), std::string::npos);  // no owner's forms
  EXPECT_EQ(call(http::verb::get, public_url + "x", 0).result(), http::status::not_found);

  // Account 2 sees none of it, and changes none of it.
  for (const auto& target : {list_url, report_url, report_url + ".xlsx", report_url + ".csv",
                             list_url + "/overview", monitor_url}) {
    EXPECT_EQ(call(http::verb::get, target, 2).result(), http::status::not_found) << target;
  }
  for (const auto& target :
       {list_url + "/scan", list_url + "/delete", list_url + "/settings", list_url + "/domains",
        list_url + "/schedule", report_url + "/publish", list_url + "/explanations"}) {
    EXPECT_EQ(call(http::verb::post, target, 2,
                   "confirm=yes&name=mine&every=weekly&add=c.example&domain=a.example&"
                   "standard=dnssec&until=2099-01-01&reason=x")
                  .result(),
              http::status::not_found)
        << target;
  }
  EXPECT_EQ(call(http::verb::get, "/lists", 2).body().find("Gov"), std::string::npos);
  // The public observatory shows the command line's lists only.
  EXPECT_EQ(call(http::verb::get, "/observatory", 0).body().find("Gov"), std::string::npos);

  // Revoked: the link is gone for everyone.
  auto scan_page = call(http::verb::get, report_url, 1).body();
  std::smatch digest;
  ASSERT_TRUE(std::regex_search(scan_page, digest, std::regex("name=link value=\"([0-9a-f]+)\"")));
  EXPECT_EQ(
      call(http::verb::post, report_url + "/revoke", 2, "link=" + std::string(digest[1])).result(),
      http::status::not_found);
  EXPECT_EQ(call(http::verb::get, public_url, 0).result(), http::status::ok);
  EXPECT_EQ(
      call(http::verb::post, report_url + "/revoke", 1, "link=" + std::string(digest[1])).result(),
      http::status::see_other);
  EXPECT_EQ(call(http::verb::get, public_url, 0).result(), http::status::not_found);

  // Rename, remove a domain, delete.
  EXPECT_EQ(
      call(http::verb::post, list_url + "/settings", 1, "name=Renamed&scan_type=mail").result(),
      http::status::see_other);
  EXPECT_EQ(call(http::verb::post, list_url + "/domains", 1, "remove=b.example").result(),
            http::status::see_other);
  auto renamed = call(http::verb::get, list_url, 1).body();
  EXPECT_NE(renamed.find("Renamed"), std::string::npos);
  EXPECT_NE(renamed.find("Domains (1)"), std::string::npos);
  EXPECT_EQ(call(http::verb::post, list_url + "/delete", 1, "").result(),
            http::status::bad_request);  // not confirmed
  EXPECT_EQ(call(http::verb::post, list_url + "/delete", 1, "confirm=yes").result(),
            http::status::see_other);
  EXPECT_EQ(call(http::verb::get, list_url, 1).result(), http::status::not_found);
  EXPECT_EQ(call(http::verb::get, report_url, 1).result(), http::status::not_found);
}

}  // namespace
}  // namespace baseline::server
