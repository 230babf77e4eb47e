// SPDX-License-Identifier: Apache-2.0
#include "server/test_runner.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "catalog/explanations.h"
#include "catalog/scoring.h"
#include "checks/mail/mail_servers.h"
#include "report/json_report.h"

namespace baseline::server {
namespace asio = boost::asio;

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

asio::awaitable<void> pause(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

// The environments of one loop, one per family choice, over the loop's resolver.
struct LoopEnvironments {
  engine::TestEnvironment both, web, mail;
  const engine::TestEnvironment& for_families(const runtime::Families& f) const {
    if (f.web && !f.mail) return web;
    if (f.mail && !f.web) return mail;
    return both;
  }
};

}  // namespace

std::string TestRunner::families_text(const runtime::Families& families) {
  if (families.web && !families.mail) return "web";
  if (families.mail && !families.web) return "mail";
  return "web,mail";
}

runtime::Families TestRunner::families_of(const std::string& text) {
  if (text == "web") return {true, false};
  if (text == "mail") return {false, true};
  return {true, true};
}

TestRunner::TestRunner(const runtime::Runtime& runtime, LockedStore& store,
                       TestRunnerOptions options)
    : runtime_(runtime), store_(store), options_(std::move(options)) {}

TestRunner::~TestRunner() {
  stop();
}

void TestRunner::start() {
  const int threads = std::max(1, options_.threads);
  const int concurrency = std::max(threads, options_.concurrency);
  for (int t = 0; t < threads; ++t) {
    const int runners = concurrency / threads + (t < concurrency % threads ? 1 : 0);
    loops_.emplace_back([this, runners] { run_loop(runners); });
  }
}

void TestRunner::stop() {
  stopping_.store(true);
  for (auto& loop : loops_) {
    if (loop.joinable()) loop.join();
  }
  loops_.clear();
}

void TestRunner::run_loop(int runners) {
  asio::io_context io;
  auto resolver = runtime_.make_resolver(io);
  if (!resolver) {
    spdlog::error("test loop: {}", resolver.error().message);
    return;
  }
  checks::mail_family::MailServerCache mail_servers;
  LoopEnvironments environments{runtime_.make_environment(**resolver, {true, true}),
                                runtime_.make_environment(**resolver, {true, false}),
                                runtime_.make_environment(**resolver, {false, true})};
  for (auto* e : {&environments.both, &environments.web, &environments.mail}) {
    e->mail_servers = &mail_servers;
  }
  // A lease outlives the domain deadline by half of it and a margin: only a dead process's tests
  // are taken over, never a slow one's.
  const auto lease = static_cast<std::int64_t>(runtime_.options().timeout_seconds * 1.5) + 10;
  const auto& catalog = runtime_.catalog();
  int active = runners;

  auto runner = [&]() -> asio::awaitable<void> {
    while (!stopping_.load()) {
      const auto now = unix_now();
      auto claimed = store_.with(
          [&](store::Store& s) { return s.claim_test(options_.worker, now, now + lease); });
      if (!claimed) {
        spdlog::error("test queue: {}", claimed.error().message);
        co_await pause(options_.idle_poll * 4);
        continue;
      }
      if (!*claimed) {
        co_await pause(options_.idle_poll);
        continue;
      }
      const store::WebTest test = **claimed;
      auto domain = core::DomainName::parse(test.domain);
      if (!domain) {
        (void)store_.with([&](store::Store& s) {
          return s.fail_test(test.id, options_.worker, "invalid domain", unix_now());
        });
        continue;
      }
      const auto& environment = environments.for_families(families_of(test.families));
      std::string failure;
      try {
        engine::FamilyFinished on_family;
        if (options_.progress) {
          on_family = [board = options_.progress, id = test.id](std::string_view family) {
            board->family_finished(id, family);
          };
        }
        auto report = co_await engine::run_domain(environment, *domain, std::move(on_family));
        const auto card = catalog::score_domain(catalog, report.results, report.domain.ascii(),
                                                nullptr, catalog::day_of(report.started));
        const auto json = report::to_json(report, catalog, card);
        const auto text = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        std::optional<int> score;
        if (json.contains("score") && json["score"].is_number()) score = json["score"].get<int>();
        auto saved = store_.with([&](store::Store& s) {
          return s.finish_test(test.id, options_.worker, score, text, unix_now());
        });
        if (!saved) spdlog::error("test {}: {}", test.id, saved.error().message);
      } catch (const std::exception& e) {
        failure = e.what();
      }
      if (options_.progress) options_.progress->forget(test.id);
      if (!failure.empty()) {
        spdlog::error("test {} of {}: {}", test.id, test.domain, failure);
        (void)store_.with([&](store::Store& s) {
          return s.fail_test(test.id, options_.worker, "the test stopped on an internal error",
                             unix_now());
        });
      }
    }
  };
  for (int i = 0; i < runners; ++i) {
    asio::co_spawn(io, runner(), [&](std::exception_ptr) {
      if (--active == 0) io.stop();
    });
  }
  // On stop, tests in flight are abandoned: their rows stay leased and run again later.
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        while (!stopping_.load()) co_await pause(std::chrono::milliseconds(100));
        io.stop();
      },
      asio::detached);
  io.run();
}

}  // namespace baseline::server
