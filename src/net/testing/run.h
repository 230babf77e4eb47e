// SPDX-License-Identifier: Apache-2.0
// Runs a coroutine to completion on a fresh io_context and returns its value (tests only).
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <stdexcept>

namespace baseline::net::testing {

template <class T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> task) {
  std::optional<T> value;
  std::exception_ptr failure;
  auto store = [](boost::asio::awaitable<T> inner,
                  std::optional<T>& slot) -> boost::asio::awaitable<void> {
    slot.emplace(co_await std::move(inner));
  };
  boost::asio::co_spawn(io, store(std::move(task), value), [&](std::exception_ptr e) {
    failure = e;
    io.stop();  // fake servers keep the loop busy forever
  });
  io.run();
  io.restart();
  if (failure) std::rethrow_exception(failure);
  if (!value) throw std::runtime_error("coroutine did not finish");
  return std::move(*value);
}

}  // namespace baseline::net::testing
