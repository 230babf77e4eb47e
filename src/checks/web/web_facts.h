// SPDX-License-Identifier: Apache-2.0
// WebFacts: what the web.* checks share, gathered once per domain test: for the domain and
// www.domain, their A/AAAA (at most kMaxAddressesPerHost, the bound reported), the TLSA set at
// _443._tcp with its DNSSEC state, and per address: TCP reachability of 443 and 80, the raw-hello
// TLS enumeration, the one full OpenSSL handshake, the HTTPS response to / (first and after
// same-host redirects), security.txt and the http:// redirect chain. Addresses are probed
// concurrently; the probes of one address run in sequences side by side (TLS, HTTPS, http://),
// and every https:// request to one name and address shares one keep-alive connection.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/context.h"
#include "checks/web/web_hosts.h"
#include "core/result.h"
#include "dns/resolver.h"
#include "http/client.h"
#include "tls/dane.h"
#include "tls/enumerate.h"
#include "tls/handshake.h"

namespace baseline::checks {
class DomainFacts;
}

namespace baseline::checks::web_family {

struct RedirectChain {
  bool listener = false;          // port 80 accepted the connection
  std::vector<std::string> hops;  // URLs, starting with http://host/
  std::vector<int> statuses;
  std::optional<std::string> error;  // the chain could not be followed to its end
};

struct Fetched {
  std::optional<core::Result<http::Response>> first;  // the first response
  std::optional<core::Result<http::Response>> final;  // after same-host redirects
  std::string final_url;
};

struct AddressFacts {
  boost::asio::ip::address address;
  std::optional<std::string> refused;  // by the address guard
  bool reach443 = false;
  bool reach80 = false;
  std::string reach443_error;
  std::optional<core::Result<tls::Enumeration>> enumeration;
  std::optional<core::Result<tls::HandshakeFacts>> handshake;
  Fetched root;
  Fetched security_txt;
  RedirectChain redirect;

  std::string target(std::uint16_t port) const;
  bool probed() const { return !refused && reach443; }  // TLS/HTTP checks apply
};

struct TlsaSet {
  std::optional<std::string> error;  // the lookup failed
  dns::Security security = dns::Security::kIndeterminate;
  std::string why_bogus;
  std::uint16_t rcode = 0;
  std::vector<tls::Tlsa> records;
};

// The host and its addresses as the domain test resolved them (web_hosts.h), and what was found
// at each address.
struct HostFacts : WebHost {
  std::vector<AddressFacts> addresses;
  TlsaSet tlsa;
};

struct WebFacts {
  std::vector<HostFacts> hosts;  // the domain, then www.domain
};

// The probes of each host start as soon as the domain test's web hosts (`facts`) are resolved.
boost::asio::awaitable<WebFacts> gather_web_facts(const CheckContext& context, DomainFacts& facts);

}  // namespace baseline::checks::web_family
