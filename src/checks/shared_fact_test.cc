// SPDX-License-Identifier: Apache-2.0
// SharedFact: gathered once for every asker, concurrent or later; a failure reaches every asker.
#include "checks/shared_fact.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <stdexcept>

#include "dns/testing/run.h"
#include "net/async.h"

namespace baseline::checks {
namespace {
namespace asio = boost::asio;
namespace t = dns::testing;

// Waits `ms` milliseconds on the loop, so that other askers arrive while the gathering runs.
asio::awaitable<void> pause(int ms) {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await timer.async_wait(asio::use_awaitable);
}

// Each test's loop is declared first: a fact must not outlive the loop it was asked on (its timer
// belongs to the loop), as in a domain test, where the facts live in the test's coroutine.
TEST(SharedFact, GatheredOnceForConcurrentAndLaterAskers) {
  asio::io_context io;
  int gathered = 0;
  SharedFact<std::string> fact([&]() -> asio::awaitable<std::string> {
    ++gathered;
    co_await pause(20);
    co_return std::string("zone facts");
  });
  EXPECT_FALSE(fact.started());
  std::vector<asio::awaitable<const std::string*>> askers;
  askers.reserve(3);
  for (int i = 0; i < 3; ++i) askers.push_back(fact.get());
  auto got = t::run(io, net::gather(std::move(askers)));
  EXPECT_EQ(gathered, 1);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(*got[0], "zone facts");
  EXPECT_EQ(got[1], got[0]);
  EXPECT_EQ(got[2], got[0]);
  EXPECT_EQ(t::run(io, fact.get()), got[0]);
  EXPECT_EQ(gathered, 1);
}

TEST(SharedFact, NothingIsGatheredUntilAsked) {
  asio::io_context io;
  int gathered = 0;
  SharedFact<int> fact([&]() -> asio::awaitable<int> { co_return ++gathered; });
  io.run();
  io.restart();
  EXPECT_EQ(gathered, 0);
  EXPECT_EQ(*t::run(io, fact.get()), 1);
}

TEST(SharedFact, AFailedGatheringReachesEveryAsker) {
  asio::io_context io;
  SharedFact<int> fact([]() -> asio::awaitable<int> {
    co_await pause(10);
    throw std::logic_error("bug in a gatherer");
  });
  auto ask = [&]() -> asio::awaitable<std::string> {
    try {
      co_await fact.get();
    } catch (const std::logic_error& e) {
      co_return e.what();
    }
    co_return "no exception";
  };
  std::vector<asio::awaitable<std::string>> askers;
  askers.push_back(ask());
  askers.push_back(ask());
  auto got = t::run(io, net::gather(std::move(askers)));
  EXPECT_EQ(got[0], "bug in a gatherer");
  EXPECT_EQ(got[1], "bug in a gatherer");
  EXPECT_EQ(t::run(io, ask()), "bug in a gatherer");
}

}  // namespace
}  // namespace baseline::checks
