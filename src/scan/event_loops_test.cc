// SPDX-License-Identifier: Apache-2.0
// The scan's event loops never drop a failure: an exception anywhere in a loop (a bug) fails the
// queue with its reason, whatever was thrown, instead of vanishing or ending the process.
#include "scan/event_loops.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace baseline::scan {
namespace {
namespace asio = boost::asio;

// A resolver that throws something that is not a std::exception at the first question (never
// asked here: the loop fails before it runs a domain).
class ThrowingResolver final : public dns::Resolver {
 public:
  asio::awaitable<core::Result<dns::Answer>> lookup(std::string, std::uint16_t,
                                                    dns::LookupOptions) override {
    throw 42;
    co_return core::make_error("unreachable");
  }
};

catalog::Catalog builtin() {
  auto loaded = catalog::load_catalog("");
  if (!loaded) throw std::runtime_error(loaded.error().message);
  return std::move(*loaded);
}

TEST(EventLoops, AFailureWhileSettingUpALoopFailsTheQueue) {
  const auto catalog = builtin();
  WorkQueue queue;
  queue.close();
  LoopFactory factory;
  factory.resolver = [](asio::io_context&) -> core::Result<std::unique_ptr<dns::Resolver>> {
    return std::unique_ptr<dns::Resolver>(std::make_unique<ThrowingResolver>());
  };
  factory.environment = [](dns::Resolver&) -> engine::TestEnvironment {
    throw std::logic_error("no environment");
  };
  run_event_loops(queue, factory, LoopOptions{.threads = 2, .concurrency = 2}, catalog);
  ASSERT_TRUE(queue.failure());
  EXPECT_EQ(*queue.failure(), "internal error: no environment");
}

}  // namespace
}  // namespace baseline::scan
