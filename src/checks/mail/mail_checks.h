// SPDX-License-Identifier: Apache-2.0
// The mail.* checks that DNS (and, for MTA-STS, one HTTPS fetch) can judge (checks.md): MX set,
// IPv6 and DNSSEC of the MX hosts, SPF, DMARC, DKIM, TLS-RPT and MTA-STS. The SMTP-side checks
// (STARTTLS, TLS, certificates, DANE) are in smtp_checks.h.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/context.h"
#include "checks/mail/mail_facts.h"
#include "checks/mail/smtp_facts.h"
#include "mail/dmarc/dmarc_record.h"

namespace baseline::checks::mail_family {

core::CheckResult check_mx(const MailFacts& facts);
std::vector<core::CheckResult> check_mx_ipv6(const MailFacts& facts);
std::vector<core::CheckResult> check_mx_dnssec(const MailFacts& facts);

// mail.spf and mail.spf.policy, and the record they judged (for DKIM's "sends no mail").
struct SpfFindings {
  std::vector<core::CheckResult> results;
  std::optional<std::string> record;  // the domain's one v=spf1 record, if it has exactly one
};
boost::asio::awaitable<SpfFindings> check_spf(const CheckContext& context);

// mail.dmarc and mail.dmarc.policy, and the policy that applies to the domain.
struct DmarcFindings {
  std::vector<core::CheckResult> results;
  std::optional<mail::dmarc::Policy> effective;  // p (or sp when inherited), if the record parses
};
boost::asio::awaitable<DmarcFindings> check_dmarc(const CheckContext& context);
// `non_sending`: SPF "v=spf1 -all" and DMARC p=reject: a domain that sends no mail needs no DKIM.
boost::asio::awaitable<core::CheckResult> check_dkim(const CheckContext& context, bool non_sending);
boost::asio::awaitable<core::CheckResult> check_tls_rpt(const CheckContext& context);
// MTA-STS (RFC 8461): record, policy over verified HTTPS, judged against the MX hosts in `facts`
// (nullptr when the MX lookup failed) and their STARTTLS and certificates in `servers` (the SMTP
// checks' facts; nullptr when there are none to judge).
boost::asio::awaitable<core::CheckResult> check_mta_sts(const CheckContext& context,
                                                        const MailFacts* facts,
                                                        const std::vector<MxServers>* servers);

// The selectors tried when the user names none: ones large providers and common software use.
const std::vector<std::string>& well_known_dkim_selectors();

}  // namespace baseline::checks::mail_family
