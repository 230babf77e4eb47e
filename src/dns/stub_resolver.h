// SPDX-License-Identifier: Apache-2.0
// StubResolver: sends every lookup to one validating recursive resolver (--resolver) and trusts
// its AD bit, as Internet.nl does. A bogus answer is recognised the way validators signal it:
// SERVFAIL, which turns into data when asked again with Checking Disabled (RFC 4035 §3.2.2).
#pragma once

#include <boost/asio/ip/address.hpp>

#include "dns/direct_query.h"
#include "dns/resolver.h"

namespace baseline::dns {

class StubResolver final : public Resolver {
 public:
  StubResolver(boost::asio::ip::address server, std::uint16_t port,
               std::chrono::milliseconds timeout)
      : server_(server), port_(port), timeout_(timeout) {}

  boost::asio::awaitable<core::Result<Answer>> lookup(std::string name, std::uint16_t type,
                                                      LookupOptions options) override;

 private:
  boost::asio::awaitable<core::Result<DirectResponse>> ask(const std::string& name,
                                                           std::uint16_t type,
                                                           bool checking_disabled);
  boost::asio::ip::address server_;
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
};

}  // namespace baseline::dns
