// SPDX-License-Identifier: Apache-2.0
// Fetching an MTA-STS policy (RFC 8461 §3.3): GET https://mta-sts.DOMAIN/.well-known/mta-sts.txt
// with a certificate that validates for mta-sts.DOMAIN, no redirects followed, the body bounded
// to 64 KiB and every attempt within the probe budget. Addresses are tried in turn (at most
// kMaxPolicyAddresses) until one answers over HTTPS.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/context.h"
#include "core/verdict.h"
#include "http/client.h"

namespace baseline::checks::mail_family {

inline constexpr std::size_t kMaxPolicyAddresses = 4;

struct PolicyFetch {
  std::string host;  // mta-sts.DOMAIN
  std::string url;
  // Set when no address gave an HTTPS response: kFail (no address, unreachable, certificate not
  // valid) or kError (the lookup failed, the address guard refused, the deadline passed).
  std::optional<core::Verdict> failure;
  std::vector<std::string> attempts;  // "198.51.100.7: certificate not valid for …", in order
  std::string address;                // the one that answered
  std::optional<http::Response> response;
};

boost::asio::awaitable<PolicyFetch> fetch_mta_sts_policy(const CheckContext& context);

}  // namespace baseline::checks::mail_family
