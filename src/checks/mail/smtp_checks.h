// SPDX-License-Identifier: Apache-2.0
// The SMTP-side mail.* checks (checks.md), plain functions of the SmtpFacts (no I/O): STARTTLS and
// IPv6 reachability per MX address, TLS and certificates over STARTTLS graded as on the web, and
// DANE for SMTP (RFC 7672). Per-address results name "address:25" and carry the MX host.
#pragma once

#include <vector>

#include "checks/check_id.h"
#include "checks/mail/smtp_facts.h"
#include "core/check_result.h"

namespace baseline::checks::mail_family {

std::vector<core::CheckResult> check_starttls(const std::vector<MxServers>& mxs);
std::vector<core::CheckResult> check_ipv6_reach(const std::vector<MxServers>& mxs);
std::vector<core::CheckResult> check_mail_tls(const std::vector<MxServers>& mxs);
std::vector<core::CheckResult> check_mail_certificates(const std::vector<MxServers>& mxs);
std::vector<core::CheckResult> check_mail_dane(const std::vector<MxServers>& mxs);

// Every SMTP-side check ID, for not_applicable/error results when there is no MX to test.
const std::vector<CheckId>& smtp_check_ids();

}  // namespace baseline::checks::mail_family
