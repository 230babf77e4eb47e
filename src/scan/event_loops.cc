// SPDX-License-Identifier: Apache-2.0
#include "scan/event_loops.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <thread>

#include "checks/mail/mail_servers.h"
#include "scan/domain_record.h"

namespace baseline::scan {
namespace asio = boost::asio;

namespace {

// How long an idle runner sleeps before looking at the queue again.
constexpr std::chrono::milliseconds kIdleWait{20};

struct LoopState {
  WorkQueue& queue;
  const engine::TestEnvironment& environment;
  const catalog::Catalog& catalog;
  const LoopOptions& options;
  int active_runners = 0;
};

// A coroutine of the loop that ended with an exception is a bug, never a network condition: it
// is logged and fails the queue, so that the scan stops and says why. Nothing is dropped,
// whatever was thrown.
void report_failure(WorkQueue& queue, std::exception_ptr failure, const char* where) {
  std::string what = "an exception that is not a std::exception";
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {  // reported below with the text above
  }
  spdlog::error("scan: {} ended with an internal error: {}", where, what);
  queue.fail("internal error: " + what);
}

asio::awaitable<void> pause(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<void> run_domains(LoopState& state) {
  while (!state.queue.failure()) {
    if (state.queue.finished_backlog() > state.options.max_backlog) {
      co_await pause(kIdleWait);
      continue;
    }
    auto name = state.queue.take();
    if (!name) {
      if (state.queue.closed()) break;
      co_await pause(kIdleWait);
      continue;
    }
    auto domain = core::DomainName::parse(*name);
    if (!domain) {
      // Lists are validated when read; a stored name that no longer parses is still marked done
      // (with no results) so the scan can finish.
      store::DomainRecord record;
      record.domain = *name;
      state.queue.finish(std::move(record));
      continue;
    }
    const core::DomainName tested = *domain;
    auto report = co_await engine::run_domain(state.environment, tested);
    state.queue.finish(make_record(std::move(report), state.catalog));
  }
}

// Stops the loop as soon as the queue fails (a dead store: finishing tests is pointless).
asio::awaitable<void> watch_failure(LoopState& state, asio::io_context& io) {
  while (state.active_runners > 0) {
    if (state.queue.failure()) {
      io.stop();
      co_return;
    }
    co_await pause(std::chrono::milliseconds(100));
  }
}

void run_loop(WorkQueue& queue, const LoopFactory& factory, const LoopOptions& options,
              const catalog::Catalog& catalog, int runners,
              checks::mail_family::MailServerCache& mail_servers) {
  asio::io_context io;
  auto resolver = factory.resolver(io);
  if (!resolver) {
    queue.fail(resolver.error().message);
    return;
  }
  auto environment = factory.environment(**resolver);
  environment.mail_servers = &mail_servers;
  LoopState state{queue, environment, catalog, options, runners};
  for (int i = 0; i < runners; ++i) {
    asio::co_spawn(io, run_domains(state), [&state, &io](std::exception_ptr e) {
      if (e) report_failure(state.queue, e, "a domain runner");
      // The resolver keeps the loop busy; the last runner ends it.
      if (--state.active_runners == 0) io.stop();
    });
  }
  asio::co_spawn(io, watch_failure(state, io), [&state, &io](std::exception_ptr e) {
    if (!e) return;
    report_failure(state.queue, e, "the failure watch");
    io.stop();
  });
  io.run();
}

}  // namespace

void run_event_loops(WorkQueue& queue, const LoopFactory& factory, const LoopOptions& options,
                     const catalog::Catalog& catalog) {
  const int threads = std::max(1, options.threads);
  const int concurrency = std::max(threads, options.concurrency);
  // Mail servers shared by many domains of the list are probed once per run, by every loop
  // together, one connection at a time per server (the cache is thread-safe).
  checks::mail_family::MailServerCache mail_servers;
  std::vector<std::thread> loops;
  for (int t = 0; t < threads; ++t) {
    // Runners spread evenly: the first loops take one more when it does not divide.
    const int runners = concurrency / threads + (t < concurrency % threads ? 1 : 0);
    loops.emplace_back([&, runners] {
      try {
        run_loop(queue, factory, options, catalog, runners, mail_servers);
      } catch (...) {  // setting up a loop failed (a bug): reported, not a terminate()
        report_failure(queue, std::current_exception(), "an event loop");
      }
    });
  }
  for (auto& loop : loops) loop.join();
}

}  // namespace baseline::scan
