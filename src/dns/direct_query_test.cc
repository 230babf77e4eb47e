// SPDX-License-Identifier: Apache-2.0
#include "dns/direct_query.h"

#include <gtest/gtest.h>

#include "dns/testing/fake_dns_server.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::dns {
namespace {
using testing::FakeDnsServer;
using testing::ServerMode;

class DirectQueryTest : public ::testing::Test {
 protected:
  core::Result<DirectResponse> ask(
      ServerMode mode, std::chrono::milliseconds timeout = std::chrono::milliseconds(500)) {
    FakeDnsServer server(io_, mode);
    DirectQueryOptions options;
    options.port = server.port();
    options.timeout = timeout;
    return testing::run(io_, query_server(boost::asio::ip::make_address("127.0.0.1"), "example.lab",
                                          rr_type::kSoa, options));
  }
  boost::asio::io_context io_;
};

TEST_F(DirectQueryTest, AuthoritativeAnswerOverUdp) {
  auto response = ask(ServerMode::kAnswer);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_FALSE(response->via_tcp);
  EXPECT_TRUE(response->message.header.aa);
  ASSERT_EQ(response->message.answers.size(), 1u);
  EXPECT_EQ(response->message.answers[0].type, rr_type::kSoa);
}

TEST_F(DirectQueryTest, TruncatedAnswerIsRetriedOverTcp) {
  auto response = ask(ServerMode::kTruncateThenAnswer);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_TRUE(response->via_tcp);
  EXPECT_EQ(response->message.answers.size(), 1u);
}

TEST_F(DirectQueryTest, TcpCutOffMidMessageIsAnError) {
  auto response = ask(ServerMode::kTruncateThenClose);
  ASSERT_FALSE(response.ok());
  EXPECT_NE(response.error().message.find("cut off"), std::string::npos)
      << response.error().message;
}

TEST_F(DirectQueryTest, SilentServerTimesOutWithinTheDeadline) {
  auto started = std::chrono::steady_clock::now();
  auto response = ask(ServerMode::kSilent, std::chrono::milliseconds(200));
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(response.ok());
  EXPECT_NE(response.error().message.find("within 200 ms"), std::string::npos);
  EXPECT_LT(took, std::chrono::seconds(5));  // a bound against hanging, not a timing assertion
}

TEST_F(DirectQueryTest, GarbageIsIgnoredUntilTheDeadline) {
  auto response = ask(ServerMode::kGarbage, std::chrono::milliseconds(200));
  ASSERT_FALSE(response.ok());
}

TEST_F(DirectQueryTest, AnswerWithAnotherIdIsNotAccepted) {
  auto response = ask(ServerMode::kWrongId, std::chrono::milliseconds(200));
  ASSERT_FALSE(response.ok());
}

TEST_F(DirectQueryTest, RefusedIsAnAnswer) {
  auto response = ask(ServerMode::kRefuse);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->message.header.rcode, rcode::kRefused);
}

TEST_F(DirectQueryTest, NoListenerIsReportedQuickly) {
  DirectQueryOptions options;
  options.port = 9;  // discard: nothing listens on loopback here
  options.timeout = std::chrono::milliseconds(1000);
  auto response = testing::run(io_, query_server(boost::asio::ip::make_address("127.0.0.1"),
                                                 "example.lab", rr_type::kSoa, options));
  ASSERT_FALSE(response.ok());
}

}  // namespace
}  // namespace baseline::dns
