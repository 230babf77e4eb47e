// SPDX-License-Identifier: Apache-2.0
// SmtpFacts: what the SMTP-side mail checks judge, per MX host: its TLSA set at _25._tcp (RFC
// 7672) and the shared facts of each of its addresses (mail_servers.h). Gathered once per domain
// test after the MX set is known.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/context.h"
#include "checks/mail/mail_facts.h"
#include "checks/mail/mail_servers.h"
#include "dns/resolver.h"
#include "tls/dane.h"

namespace baseline::checks::mail_family {

struct MxTlsa {
  std::optional<std::string> error;  // the lookup failed
  dns::Security security = dns::Security::kIndeterminate;
  std::string why_bogus;
  std::vector<tls::Tlsa> records;  // every TLSA record, usages 0/1 included
  // DANE-TA (2) and DANE-EE (3) records in a DNSSEC-secure answer: what RFC 7672 senders use.
  std::vector<tls::Tlsa> usable() const;
};

struct MxServers {
  std::string host;
  dns::Security host_security = dns::Security::kIndeterminate;
  std::vector<std::shared_ptr<const MailServerFacts>> servers;  // IPv4 first, then IPv6
  MxTlsa tlsa;
  std::string owner() const { return "_25._tcp." + host; }
};

boost::asio::awaitable<std::vector<MxServers>> gather_smtp_facts(const CheckContext& context,
                                                                 const MailFacts& mail,
                                                                 MailServerCache& cache);

}  // namespace baseline::checks::mail_family
