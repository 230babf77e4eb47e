// SPDX-License-Identifier: Apache-2.0
#include "batch/api_reply.h"

#include <gtest/gtest.h>

namespace baseline::batch {
namespace {

TEST(ApiReply, EnvelopeAddsTheApiVersion) {
  auto body = envelope({{"requests", nlohmann::json::array()}});
  EXPECT_EQ(body["api_version"], "2.7.0");
  EXPECT_TRUE(body["requests"].is_array());
  EXPECT_EQ(envelope(nullptr), nlohmann::json({{"api_version", "2.7.0"}}));
}

TEST(ApiReply, ErrorsHaveTheReferenceLabelsCodesAndTexts) {
  EXPECT_EQ(error_body(unknown_request()),
            nlohmann::json::parse(R"({"api_version":"2.7.0","error":{"label":"unknown-request",
              "msg":"This request_id does not exist for the user."}})"));
  EXPECT_EQ(unknown_request().http_status, 404);
  EXPECT_EQ(invalid_url().http_status, 400);
  EXPECT_EQ(invalid_url().label, "invalid-url");
  EXPECT_EQ(invalid_url().msg,
            "Make sure you are using a valid URL and the current batch API version (2)");
  EXPECT_EQ(server_error().http_status, 500);
  EXPECT_EQ(server_error().label, "server-error");
  EXPECT_EQ(server_error().msg, "General server error. Please report this if it keeps happening");
  EXPECT_EQ(bad_request("x"), (ApiError{400, "bad-request", "x"}));
  EXPECT_EQ(not_yet_done().msg, "The request is not yet `done`.");
  EXPECT_EQ(too_many_requests("y").http_status, 429);
}

}  // namespace
}  // namespace baseline::batch
