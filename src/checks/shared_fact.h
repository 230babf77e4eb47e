// SPDX-License-Identifier: Apache-2.0
// SharedFact<T>: one fact of a domain test (the zone, the web hosts' addresses, the mail hosts),
// gathered once however many families ask for it. The first asker runs the gathering; askers
// meanwhile wait for it and get the same value. Nothing is gathered until someone asks, so a
// family that needs only this fact waits for it alone, never for another family.
//
// One event loop, which must outlive the fact (its timer belongs to the loop); not thread-safe. The
// gathering runs in the first asker's coroutine; when that one is cancelled (the domain's
// deadline), the waiters get the same exception instead of a value.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <functional>
#include <optional>
#include <utility>

namespace baseline::checks {

template <class T>
class SharedFact {
 public:
  using Gather = std::function<boost::asio::awaitable<T>()>;

  explicit SharedFact(Gather gather) : gather_(std::move(gather)) {}
  SharedFact(const SharedFact&) = delete;
  SharedFact& operator=(const SharedFact&) = delete;

  // The fact; never null, valid as long as this SharedFact.
  boost::asio::awaitable<const T*> get() {
    namespace asio = boost::asio;
    if (!ready_) {
      ready_.emplace(co_await asio::this_coro::executor, asio::steady_timer::time_point::max());
      try {
        value_.emplace(co_await gather_());
      } catch (...) {
        failure_ = std::current_exception();
        ready_->cancel();
        throw;
      }
      ready_->cancel();  // wakes every waiter
    }
    while (!value_ && !failure_) {
      co_await ready_->async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (failure_) std::rethrow_exception(failure_);
    co_return &*value_;
  }

  bool started() const { return ready_.has_value(); }

 private:
  Gather gather_;
  std::optional<boost::asio::steady_timer> ready_;  // set when the gathering starts
  std::optional<T> value_;
  std::exception_ptr failure_;
};

}  // namespace baseline::checks
