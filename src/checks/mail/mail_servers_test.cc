// SPDX-License-Identifier: Apache-2.0
// MailServerCache across event loops: domain tests on two threads asking for one address share
// one probe, and are woken on their own loops when it ends.
#include "checks/mail/mail_servers.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>

#include "dns/testing/records.h"
#include "dns/testing/run.h"

namespace baseline::checks::mail_family {
namespace {
namespace asio = boost::asio;

TEST(MailServerCache, LoopsOnTwoThreadsShareOneProbe) {
  MailServerCache cache;
  dns::testing::FakeResolver resolver;
  auto domain = core::DomainName::parse("example.nl");
  // Without --allow-private the address guard refuses 127.0.0.1: the probe ends at once, with
  // no network, but through the same prober thread and wake-ups as a real one.
  CheckContext context{*domain, resolver, core::AddressGuard(false),
                       std::chrono::milliseconds(300)};
  const auto address = asio::ip::make_address("127.0.0.1");
  const std::vector<asio::ip::address> both = {address, asio::ip::make_address("::1")};
  std::shared_ptr<const MailServerFacts> got[4];
  auto ask = [&](int slot) {
    asio::io_context io;
    got[slot] = dns::testing::run(io, cache.get(context, address, "mx.example.nl", both));
  };
  std::vector<std::thread> loops;
  loops.reserve(4);
  for (int i = 0; i < 4; ++i) loops.emplace_back(ask, i);
  for (auto& t : loops) t.join();
  for (const auto& facts : got) {
    ASSERT_TRUE(facts);
    EXPECT_EQ(facts.get(), got[0].get()) << "probed more than once";
    ASSERT_TRUE(facts->refused);
  }
  EXPECT_EQ(cache.probed(), 1u);
}

}  // namespace
}  // namespace baseline::checks::mail_family
