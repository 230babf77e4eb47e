// SPDX-License-Identifier: Apache-2.0
#include "server/test_view.h"

#include <gtest/gtest.h>

namespace baseline::server {
namespace {

TEST(TestView, RebuildsTheReportFromStoredJson) {
  const auto json = nlohmann::json::parse(R"({
    "schema": "baseline/test-result/1", "domain": "example.nl", "started": "2026-11-22T10:00:00Z",
    "duration_ms": 812, "score": 50, "standards": [], "categories": {},
    "checks": [{"id": "mail.spf", "target": "example.nl", "verdict": "fail", "level": "required",
                "summary": "<script>x</script>", "details": {"record": "v=spf1 +all"}}]})");
  auto report = report_from_json(json);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->domain.ascii(), "example.nl");
  EXPECT_EQ(report->duration.count(), 812);
  ASSERT_EQ(report->results.size(), 1u);
  EXPECT_EQ(report->results[0].verdict, core::Verdict::kFail);
  EXPECT_EQ(report->results[0].summary, "<script>x</script>");
  EXPECT_EQ(report->results[0].details["record"], "v=spf1 +all");

  EXPECT_FALSE(report_from_json(nlohmann::json::parse(R"({"schema": "other"})")));
  EXPECT_FALSE(report_from_json(nlohmann::json::parse(
      R"({"schema": "baseline/test-result/1", "domain": "example.nl", "started": "2026-11-22T10:00:00Z",
          "checks": [{"id": "x", "verdict": "maybe"}]})")));
}

TEST(TestView, ShowsResultOnlyWhenDoneAndErrorOnlyWhenFailed) {
  store::WebTest test;
  test.id = "abc";
  test.domain = "example.nl";
  test.families = "web,mail";
  test.state = "done";
  test.submitted = "2026-11-22T10:00:00Z";
  test.finished = "2026-11-22T10:00:05Z";
  test.finished_unix = 1000;
  test.result = R"({"score": 1})";
  auto json = test_to_json(test, true, 1060);
  EXPECT_EQ(json["status"], "done");
  EXPECT_EQ(json["age_seconds"], 60);
  EXPECT_EQ(json["result"]["score"], 1);
  EXPECT_EQ(json["families"], nlohmann::json::array({"web", "mail"}));
  EXPECT_FALSE(json.contains("error"));
  EXPECT_FALSE(test_to_json(test, false, 1060).contains("result"));
  EXPECT_EQ(nlohmann::json::parse(test_json_text(test, true, 1060)), json);
  test.state = "error";
  test.error = "resolver down";
  json = test_to_json(test, true, 1060);
  EXPECT_EQ(json["error"], "resolver down");
  EXPECT_FALSE(json.contains("result"));
}

}  // namespace
}  // namespace baseline::server
