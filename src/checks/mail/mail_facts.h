// SPDX-License-Identifier: Apache-2.0
// MailFacts: the domain's mail hosts, gathered once per domain test (RFC 5321 §5.1, RFC 7505):
// the MX set in preference order, or the null MX, or the implicit MX (the domain's own address),
// with every host's addresses and whether its name resolves DNSSEC-secure.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/context.h"
#include "core/result.h"
#include "dns/resolver.h"

namespace baseline::checks::mail_family {

struct MailHost {
  std::string name;
  std::uint16_t preference = 0;
  std::vector<boost::asio::ip::address> ipv4;
  std::vector<boost::asio::ip::address> ipv6;
  dns::Security security = dns::Security::kIndeterminate;  // of the host name's addresses
  std::string problem;  // lookup failures and validation failures, for people
  // An A or AAAA lookup gave no usable answer (failed, or SERVFAIL, REFUSED ...): the addresses
  // may be incomplete. A bogus answer whose data could still be read is no such failure.
  std::optional<std::string> address_error;
  bool truncated = false;  // more addresses of one family than kMaxAddressesPerHost
};

// kImplicit: no MX, and the domain has an address, which is its one mail host (RFC 5321 §5.1,
// preference 0); kNone: no MX and no address.
enum class MxKind { kExplicit, kNull, kImplicit, kNone };

struct MailFacts {
  std::string domain;
  MxKind kind = MxKind::kNone;
  std::vector<MailHost> hosts;  // preference order, then name
  bool hosts_truncated = false;
};

inline constexpr std::size_t kMaxMailHosts = 10;  // in preference order; hosts_truncated beyond

// Error only when the MX lookup itself fails (timeout, SERVFAIL).
boost::asio::awaitable<core::Result<MailFacts>> gather_mail_facts(const CheckContext& context);

}  // namespace baseline::checks::mail_family
