// SPDX-License-Identifier: Apache-2.0
#include "batch/batch_request.h"

#include <gtest/gtest.h>

#include <set>

#include "batch/batch_limits.h"

namespace baseline::batch {
namespace {

using std::chrono::microseconds;
using std::chrono::seconds;

TimePoint at(long long unix_seconds, long long micros = 0) {
  return TimePoint(seconds(unix_seconds)) + microseconds(micros);
}

TEST(BatchRequest, JsonHasTheReferenceShape) {
  BatchRequest r;
  r.id = "e94251da69c54da7b16fc5202a69c5c2";
  r.name = "Web test";
  r.submitted = at(1728397674, 756007);  // 2024-10-08T14:27:54.756007
  r.domains = 3;
  r.finished_domains = 1;
  EXPECT_EQ(to_json(r), nlohmann::json::parse(R"({"request_id": "e94251da69c54da7b16fc5202a69c5c2",
    "name": "Web test", "request_type": "web", "status": "registering",
    "submit_date": "2024-10-08T14:27:54.756007+00:00", "finished_date": null})"));
  r.status = RequestStatus::kDone;
  r.type = RequestType::kMail;
  r.finished = at(1728397700);
  auto j = to_json(r, true);
  EXPECT_EQ(j["finished_date"], "2024-10-08T14:28:20.000000+00:00");
  EXPECT_EQ(j["status"], "done");
  EXPECT_EQ(j["request_type"], "mail");
  EXPECT_EQ(j["progress"], "1/3");
  EXPECT_EQ(j["num_domains"], 3);
}

TEST(BatchRequest, LifecycleMovesForwardOrEndsEarly) {
  using enum RequestStatus;
  EXPECT_TRUE(can_move(kRegistering, kRunning));
  EXPECT_TRUE(can_move(kRunning, kGenerating));
  EXPECT_TRUE(can_move(kGenerating, kDone));
  EXPECT_FALSE(can_move(kRegistering, kDone));
  EXPECT_FALSE(can_move(kRunning, kRegistering));
  for (auto s : {kRegistering, kRunning, kGenerating}) {
    EXPECT_TRUE(can_move(s, kCancelled));
    EXPECT_TRUE(can_move(s, kError));
    EXPECT_FALSE(is_final(s));
  }
  for (auto s : {kDone, kCancelled, kError}) {
    EXPECT_TRUE(is_final(s));
    for (auto t : {kRegistering, kRunning, kGenerating, kDone, kCancelled, kError}) {
      EXPECT_FALSE(can_move(s, t));
    }
  }
  for (auto s : {kRegistering, kRunning, kGenerating, kDone, kCancelled, kError}) {
    EXPECT_EQ(request_status_from_string(to_string(s)), s);
  }
  EXPECT_FALSE(request_status_from_string("live"));
}

TEST(BatchRequest, TypeIsCaseInsensitive) {
  EXPECT_EQ(request_type_from_string("WEB"), RequestType::kWeb);
  EXPECT_EQ(request_type_from_string("Mail"), RequestType::kMail);
  EXPECT_FALSE(request_type_from_string("all"));
  EXPECT_FALSE(request_type_from_string(""));
}

TEST(BatchRequest, IdsAreUuidHexAndTheRoutePatternIsChecked) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto id = new_request_id();
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_TRUE(valid_request_id(id));
    EXPECT_TRUE(seen.insert(id).second);
  }
  EXPECT_TRUE(valid_request_id(std::string(35, 'A')));
  EXPECT_FALSE(valid_request_id(std::string(36, 'a')));
  EXPECT_FALSE(valid_request_id(""));
  EXPECT_FALSE(valid_request_id("abc-def"));
  EXPECT_FALSE(valid_request_id("../etc"));
}

TEST(BatchRequest, PatchAcceptsOnlyCancelled) {
  EXPECT_EQ(parse_patch_body(R"({"status":"cancelled"})").value(), RequestStatus::kCancelled);
  EXPECT_EQ(parse_patch_body(R"({"status":"CANCELLED"})").value(), RequestStatus::kCancelled);
  const std::string unsupported =
      "'status' does not have one of the supported values: ['cancelled'].";
  EXPECT_EQ(parse_patch_body(R"({"status":"running"})").error().message, unsupported);
  EXPECT_EQ(parse_patch_body(R"({"status":1})").error().message, unsupported);
  EXPECT_EQ(parse_patch_body(R"({})").error().message, unsupported);
  EXPECT_FALSE(parse_patch_body("not json").ok());
  EXPECT_FALSE(parse_patch_body("[]").ok());
  EXPECT_FALSE(parse_patch_body(std::string(100000, '[')).ok());
}

TEST(BatchRequest, ListQuery) {
  auto q = parse_list_query(std::nullopt, std::nullopt);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->limit, 10u);
  EXPECT_FALSE(q->progress);
  q = parse_list_query("0", "true");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->limit, 0u);
  EXPECT_TRUE(q->progress);
  EXPECT_FALSE(parse_list_query("-1", std::nullopt).ok());
  EXPECT_FALSE(parse_list_query("ten", std::nullopt).ok());
  EXPECT_FALSE(parse_list_query("", std::nullopt).ok());
  EXPECT_FALSE(parse_list_query("99999999999999999999999", std::nullopt).ok());
}

TEST(BatchLimits, RunningRequestsAreLimited) {
  BatchLimits limits;
  limits.max_running_requests = 2;
  EXPECT_FALSE(check_running_requests(limits, 1));
  auto error = check_running_requests(limits, 2);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status, 429);
  EXPECT_EQ(error->label, "too-many-requests");
}

}  // namespace
}  // namespace baseline::batch
