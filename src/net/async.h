// SPDX-License-Identifier: Apache-2.0
// Coroutine helpers shared by every probe: a deadline around an operation, and running many
// operations at once. Everything runs on the caller's executor (one event loop thread).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

namespace baseline::net {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// Runs `operation`; returns nullopt when `limit` passes first (the operation is then cancelled).
template <class T>
asio::awaitable<std::optional<T>> with_timeout(asio::awaitable<T> operation,
                                               Clock::duration limit) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer timer(co_await asio::this_coro::executor, limit);
  auto outcome = co_await (std::move(operation) || timer.async_wait(asio::use_awaitable));
  if (outcome.index() == 0) co_return std::move(std::get<0>(outcome));
  co_return std::nullopt;
}

// Runs all tasks concurrently and returns their results in the order of `tasks`.
// The first exception (a bug, never a network condition) is rethrown after all have finished.
template <class T>
asio::awaitable<std::vector<T>> gather(std::vector<asio::awaitable<T>> tasks) {
  std::vector<std::optional<T>> slots(tasks.size());
  if (!tasks.empty()) {
    auto executor = co_await asio::this_coro::executor;
    auto store = [](asio::awaitable<T> task, std::optional<T>& slot) -> asio::awaitable<void> {
      slot.emplace(co_await std::move(task));
    };
    using Operation = decltype(asio::co_spawn(executor, store(std::move(tasks.front()), slots[0]),
                                              asio::deferred));
    std::vector<Operation> operations;
    operations.reserve(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      operations.push_back(
          asio::co_spawn(executor, store(std::move(tasks[i]), slots[i]), asio::deferred));
    }
    auto [order, exceptions] =
        co_await asio::experimental::make_parallel_group(std::move(operations))
            .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
    for (auto& e : exceptions) {
      if (e) std::rethrow_exception(e);
    }
  }
  std::vector<T> values;
  values.reserve(slots.size());
  for (auto& slot : slots) values.push_back(std::move(*slot));
  co_return values;
}

// The time left until `deadline`, clamped to `cap` and to zero.
inline Clock::duration time_left(Clock::time_point deadline, Clock::duration cap) {
  auto left = deadline - Clock::now();
  if (left < Clock::duration::zero()) return Clock::duration::zero();
  return left < cap ? left : cap;
}

}  // namespace baseline::net
