// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/mta_sts_fetch.h"

#include <boost/asio/ip/tcp.hpp>

#include "dns/rdata.h"
#include "dns/types.h"
#include "mail/mta_sts/sts_policy.h"
#include "i18n/finding.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;
using core::Verdict;

namespace {

// A and AAAA of the policy host; an error only when a lookup itself failed.
asio::awaitable<core::Result<std::vector<asio::ip::address>>> policy_addresses(
    const CheckContext& context, std::string host) {
  std::vector<asio::ip::address> out;
  for (std::uint16_t type : {dns::rr_type::kA, dns::rr_type::kAaaa}) {
    dns::LookupOptions plain{false};
    auto answer = co_await context.resolver.lookup(host, type, plain);
    if (!answer)
      co_return core::make_error(i18n::finding("lookup of {name} failed: {reason}", fmt::arg("name", host),
                                                fmt::arg("reason", answer.error().message)));
    for (const auto& rr : answer->records(type)) {
      auto address = dns::parse_address(rr);
      if (address) out.push_back(*address);
    }
  }
  co_return out;
}

}  // namespace

asio::awaitable<PolicyFetch> fetch_mta_sts_policy(const CheckContext& context) {
  PolicyFetch fetch;
  fetch.host = "mta-sts." + context.domain.ascii();
  fetch.url = "https://" + fetch.host + "/.well-known/mta-sts.txt";
  auto addresses = co_await policy_addresses(context, fetch.host);
  if (!addresses) {
    fetch.failure = Verdict::kError;
    fetch.attempts.push_back(addresses.error().message);
    co_return fetch;
  }
  if (addresses->empty()) {
    fetch.failure = Verdict::kFail;
    fetch.attempts.push_back(i18n::finding("{host} has no address", fmt::arg("host", fetch.host)));
    co_return fetch;
  }
  if (addresses->size() > kMaxPolicyAddresses) addresses->resize(kMaxPolicyAddresses);
  bool any_contacted = false;
  for (const auto& address : *addresses) {
    const std::string shown = address.to_string();
    if (auto refused = context.guard.refusal(address)) {
      fetch.attempts.push_back(i18n::finding("{address}: {reason}", fmt::arg("address", shown), fmt::arg("reason", *refused)));
      continue;
    }
    const auto budget = context.probe_budget();
    if (budget.count() <= 0) {
      fetch.attempts.push_back(
          i18n::finding("{address}: not tried, the test's deadline has passed", fmt::arg("address", shown)));
      break;
    }
    any_contacted = true;
    http::Request request;
    request.endpoint = asio::ip::tcp::endpoint(address, 443);
    request.host = fetch.host;
    request.target = "/.well-known/mta-sts.txt";
    request.timeout = budget;
    // One byte over the limit tells an oversized policy from one that is exactly 64 KiB.
    request.body_limit = mail::mta_sts::kPolicyLimit + 1;
    request.verify_certificate = true;
    request.ca_file = context.ca_file;
    auto response = co_await http::fetch(request);
    if (response) {
      fetch.address = shown;
      fetch.response = std::move(response.value());
      co_return fetch;
    }
    fetch.attempts.push_back(
        i18n::finding("{address}: {reason}", fmt::arg("address", shown), fmt::arg("reason", response.error().message)));
  }
  // Nothing contacted (refused, or out of time) means the check could not run, not that it failed.
  fetch.failure = any_contacted ? Verdict::kFail : Verdict::kError;
  co_return fetch;
}

}  // namespace baseline::checks::mail_family
