// SPDX-License-Identifier: Apache-2.0
#include "batch/replies.h"

#include <gtest/gtest.h>

#include "batch/testing/stored_result.h"

namespace baseline::batch {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

BatchRequest request(std::string id, long long submitted,
                     RequestStatus status = RequestStatus::kRunning) {
  BatchRequest r;
  r.id = std::move(id);
  r.submitted = TimePoint(seconds(submitted));
  r.status = status;
  return r;
}

TEST(Replies, ListIsNewestFirstAndLimited) {
  std::vector<BatchRequest> all = {request("a", 1), request("c", 3), request("b", 2)};
  auto reply = list_reply(all, {.limit = 2});
  EXPECT_EQ(reply.http_status, 200);
  EXPECT_EQ(reply.body["api_version"], "2.7.0");
  ASSERT_EQ(reply.body["requests"].size(), 2u);
  EXPECT_EQ(reply.body["requests"][0]["request_id"], "c");
  EXPECT_EQ(reply.body["requests"][1]["request_id"], "b");
  EXPECT_FALSE(reply.body["requests"][0].contains("progress"));
  reply = list_reply(all, {.limit = 0, .progress = true});
  EXPECT_EQ(reply.body["requests"].size(), 3u);
  EXPECT_EQ(reply.body["requests"][0]["progress"], "0/0");
}

TEST(Replies, CancelMovesOnlyUnfinishedRequests) {
  auto running = request("a", 1);
  auto reply = cancel_reply(running, TimePoint(seconds(5)));
  EXPECT_EQ(reply.body["request"]["status"], "cancelled");
  EXPECT_EQ(running.status, RequestStatus::kCancelled);
  EXPECT_TRUE(running.finished);
  auto done = request("b", 1, RequestStatus::kDone);
  EXPECT_EQ(cancel_reply(done, TimePoint(seconds(5))).body["request"]["status"], "done");
}

TEST(Replies, ResultsOnlyWhenDoneAndWithinRetention) {
  BatchLimits limits;
  testing::StoredResult stored("nic.xn--czr694b", "nic.商标");
  stored.add("dns.dnssec.signed", "nic.xn--czr694b", "pass");
  std::vector<StoredDomain> domains = {{"nic.xn--czr694b", &stored.json(), "https://b.example/t/1"},
                                       {"broken.nl", nullptr, ""}};
  auto running = request("a", 0);
  auto reply = results_reply(running, domains, TimePoint(seconds(10)), limits);
  EXPECT_EQ(reply.http_status, 400);
  EXPECT_EQ(reply.body["error"]["msg"], "The request is not yet `done`.");

  auto done = request("a", 0, RequestStatus::kDone);
  done.finished = TimePoint(seconds(100));
  reply = results_reply(done, domains, TimePoint(seconds(200)), limits);
  ASSERT_EQ(reply.http_status, 200);
  EXPECT_EQ(reply.body["request"]["status"], "done");
  EXPECT_EQ(reply.body["domains"]["nic.商标"]["status"], "ok");
  EXPECT_EQ(reply.body["domains"]["nic.商标"]["report"]["url"], "https://b.example/t/1");
  EXPECT_EQ(reply.body["domains"]["broken.nl"], nlohmann::json({{"status", "error"}}));

  reply = technical_reply(done, domains, TimePoint(seconds(200)), limits);
  ASSERT_EQ(reply.http_status, 200);
  EXPECT_EQ(reply.body["domains"]["broken.nl"], nlohmann::json({{"status", "error"}}));
  EXPECT_EQ(reply.body["domains"]["nic.商标"]["status"], "ok");

  const auto later = *done.finished + limits.keep_results + hours(1);
  EXPECT_TRUE(results_expired(done, later, limits));
  EXPECT_EQ(results_reply(done, domains, later, limits).http_status, 400);
  EXPECT_FALSE(results_expired(done, *done.finished + hours(1), limits));
}

TEST(Replies, ErrorAndMetadata) {
  auto reply = error_reply(unknown_request());
  EXPECT_EQ(reply.http_status, 404);
  EXPECT_EQ(reply.body["error"]["label"], "unknown-request");
  reply = metadata_reply();
  EXPECT_EQ(reply.body["api_version"], "2.7.0");
  EXPECT_TRUE(reply.body["report"]["hierarchy"]["web"].is_array());
  EXPECT_EQ(request_reply(request("x", 0), false, 201).http_status, 201);
  DomainList domains;
  domains.rejected.push_back({"bad domain", "not a domain"});
  reply = registered_reply(request("x", 0, RequestStatus::kRegistering), domains);
  EXPECT_EQ(reply.http_status, 201);
  EXPECT_EQ(reply.body["api_version"], "2.7.0");
  EXPECT_EQ(reply.body["request"]["status"], "registering");
  EXPECT_EQ(reply.body["rejected_domains"][0]["reason"], "not a domain");
}

}  // namespace
}  // namespace baseline::batch
