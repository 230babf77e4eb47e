// SPDX-License-Identifier: Apache-2.0
#include "dns/stub_resolver.h"

#include "dns/types.h"

namespace baseline::dns {
namespace asio = boost::asio;
using core::Result;

asio::awaitable<Result<DirectResponse>> StubResolver::ask(const std::string& name,
                                                          std::uint16_t type,
                                                          bool checking_disabled) {
  DirectQueryOptions options;
  options.query.recursion_desired = true;
  options.query.checking_disabled = checking_disabled;
  options.query.dnssec_ok = true;
  options.port = port_;
  // UDP gets lost, and a busy resolver drops queries: ask again, as every stub resolver does.
  // A third of the time for the first try, the rest for the second, so the total stays timeout_.
  options.timeout = timeout_ / 3;
  auto first = co_await query_server(server_, name, type, options);
  if (first.ok()) co_return first;
  options.timeout = timeout_ - timeout_ / 3;
  auto second = co_await query_server(server_, name, type, options);
  if (second.ok()) co_return second;
  co_return core::make_error(second.error().message + " (asked twice)");
}

asio::awaitable<Result<Answer>> StubResolver::lookup(std::string name, std::uint16_t type,
                                                     LookupOptions options) {
  auto first = co_await ask(name, type, !options.validate);
  if (!first.ok()) co_return first.error();
  Answer answer;
  answer.rcode = first->message.header.rcode;
  answer.message = std::move(first->message);
  if (!options.validate) {
    answer.security = Security::kIndeterminate;
    co_return answer;
  }
  if (answer.message.header.ad) {
    answer.security = Security::kSecure;
    co_return answer;
  }
  if (answer.rcode != rcode::kServFail) {
    answer.security = Security::kInsecure;
    co_return answer;
  }
  // SERVFAIL: bogus if the data is there once validation is switched off.
  auto unchecked = co_await ask(name, type, true);
  if (unchecked.ok() && unchecked->message.header.rcode != rcode::kServFail) {
    answer.security = Security::kBogus;
    std::string reason = "the resolver answers SERVFAIL, and answers with checking disabled";
    if (answer.message.edns) {
      for (const auto& ede : answer.message.edns->extended_errors) {
        reason = "Extended DNS Error " + std::to_string(ede.info_code) +
                 (ede.extra_text.empty() ? "" : ": " + ede.extra_text);
      }
    }
    answer.why_bogus = reason;
  } else {
    answer.security = Security::kIndeterminate;  // a plain failure, not a validation verdict
  }
  co_return answer;
}

}  // namespace baseline::dns
