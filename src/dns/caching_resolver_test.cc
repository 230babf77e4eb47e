// SPDX-License-Identifier: Apache-2.0
#include "dns/caching_resolver.h"

#include <gtest/gtest.h>

#include "dns/testing/records.h"
#include "dns/testing/run.h"
#include "dns/types.h"
#include "net/async.h"

namespace baseline::dns {
namespace {

TEST(CachingResolverTest, ConcurrentAndRepeatedQuestionsShareOneLookup) {
  boost::asio::io_context io;
  testing::FakeResolver upstream;
  upstream.add(
      "example.lab", rr_type::kA,
      testing::answer("example.lab", rr_type::kA, {testing::a("example.lab", "192.0.2.1")}));
  CachingResolver cache(upstream);
  auto results = testing::run(io, [&]() -> boost::asio::awaitable<std::vector<std::size_t>> {
    std::vector<boost::asio::awaitable<std::size_t>> asks;
    asks.reserve(5);
    for (int i = 0; i < 5; ++i) {
      asks.push_back([](CachingResolver& c) -> boost::asio::awaitable<std::size_t> {
        auto a = co_await c.lookup("example.lab", rr_type::kA, {});
        co_return a.ok() ? a->records(rr_type::kA).size() : 0;
      }(cache));
    }
    co_return co_await net::gather(std::move(asks));
  }());
  EXPECT_EQ(results, (std::vector<std::size_t>{1, 1, 1, 1, 1}));
  EXPECT_EQ(upstream.asked, 1);
  EXPECT_EQ(cache.upstream_lookups(), 1u);
}

TEST(CachingResolverTest, ValidatedAndRawLookupsAreSeparate) {
  boost::asio::io_context io;
  testing::FakeResolver upstream;
  CachingResolver cache(upstream);
  testing::run(io, [&]() -> boost::asio::awaitable<int> {
    // Only the number of upstream lookups matters here, not the answers.
    (void)co_await cache.lookup("example.lab", rr_type::kSoa, {.validate = true});
    (void)co_await cache.lookup("example.lab", rr_type::kSoa, {.validate = false});
    (void)co_await cache.lookup("example.lab", rr_type::kSoa, {.validate = false});
    co_return 0;
  }());
  EXPECT_EQ(upstream.asked, 2);
}

}  // namespace
}  // namespace baseline::dns
