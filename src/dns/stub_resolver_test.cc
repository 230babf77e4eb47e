// SPDX-License-Identifier: Apache-2.0
#include "dns/stub_resolver.h"

#include <gtest/gtest.h>

#include "dns/testing/fake_dns_server.h"
#include "dns/testing/run.h"
#include "dns/types.h"

namespace baseline::dns {
namespace {

TEST(StubResolverTest, AnswerWithoutAdBitIsInsecure) {
  boost::asio::io_context io;
  testing::FakeDnsServer server(io, testing::ServerMode::kAnswer);
  StubResolver stub(boost::asio::ip::make_address("127.0.0.1"), server.port(),
                    std::chrono::milliseconds(500));
  auto answer = testing::run(io, stub.lookup("example.lab", rr_type::kSoa, {}));
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(answer->security, Security::kInsecure);
  EXPECT_TRUE(answer->has_records(rr_type::kSoa));
}

TEST(StubResolverTest, SilentResolverIsAnError) {
  boost::asio::io_context io;
  testing::FakeDnsServer server(io, testing::ServerMode::kSilent);
  StubResolver stub(boost::asio::ip::make_address("127.0.0.1"), server.port(),
                    std::chrono::milliseconds(200));
  auto answer = testing::run(io, stub.lookup("example.lab", rr_type::kSoa, {}));
  EXPECT_FALSE(answer.ok());
}

}  // namespace
}  // namespace baseline::dns
