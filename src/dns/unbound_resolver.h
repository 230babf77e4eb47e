// SPDX-License-Identifier: Apache-2.0
// UnboundResolver: recursive resolution from the root with DNSSEC validation, by libunbound.
// libunbound works in its own thread; its result pipe (ub_fd) is watched by the Asio loop and
// drained with ub_process, so callbacks and coroutine resumptions happen on the loop thread and
// thousands of lookups can be in flight at once without polling.
// Not thread-safe: create, use and destroy on the loop's thread.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "dns/resolver.h"

namespace baseline::dns {

struct UnboundConfig {
  std::string root_hints_file;    // empty: libunbound's compiled-in root hints
  std::string trust_anchor_file;  // empty: the IANA root KSK DS records built into Baseline
  std::chrono::milliseconds lookup_timeout{10000};
};

class UnboundResolver final : public Resolver {
 public:
  static core::Result<std::unique_ptr<UnboundResolver>> create(
      boost::asio::any_io_executor executor, const UnboundConfig& config);
  ~UnboundResolver() override;

  boost::asio::awaitable<core::Result<Answer>> lookup(std::string name, std::uint16_t type,
                                                      LookupOptions options) override;

  class Context;  // one ub_ctx and its descriptor watch (unbound_context.cc)

 private:
  UnboundResolver(std::unique_ptr<Context> validating, std::unique_ptr<Context> plain,
                  std::chrono::milliseconds timeout);
  std::unique_ptr<Context> validating_;
  std::unique_ptr<Context> plain_;  // no trust anchor: data of bogus zones stays inspectable
  std::chrono::milliseconds timeout_;
};

}  // namespace baseline::dns
