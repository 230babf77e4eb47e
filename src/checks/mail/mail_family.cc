// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/mail_family.h"

#include "checks/domain_facts.h"
#include "checks/mail/mail_checks.h"
#include "checks/mail/mail_facts.h"
#include "checks/mail/mail_servers.h"
#include "checks/mail/smtp_checks.h"
#include "checks/mail/smtp_facts.h"
#include "checks/registry.h"
#include "i18n/finding.h"
#include "mail/tag_list.h"
#include "net/async.h"

namespace baseline::checks {
namespace asio = boost::asio;
using namespace mail_family;

namespace {

void append(std::vector<core::CheckResult>& into, std::vector<core::CheckResult> more) {
  for (auto& r : more) into.push_back(std::move(r));
}

const core::CheckResult* find(const std::vector<core::CheckResult>& results, std::string_view id) {
  for (const auto& r : results) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// RFC 7208 §10.1.2 and RFC 7489 together: "v=spf1 -all" plus DMARC p=reject says "we send no mail".
bool sends_no_mail(const SpfFindings& spf, const DmarcFindings& dmarc) {
  if (!spf.record || dmarc.effective != mail::dmarc::Policy::kReject) return false;
  return mail::lowercase(mail::trim(*spf.record)) == "v=spf1 -all";
}

// The MX set and everything SMTP: STARTTLS, TLS, certificates and DANE of every MX address.
asio::awaitable<std::vector<core::CheckResult>> mx_and_smtp_results(const CheckContext& context,
                                                                    DomainFacts& domain_facts) {
  std::vector<core::CheckResult> results;
  const std::string domain = context.domain.ascii();
  const auto& facts = *co_await domain_facts.mail_hosts();
  if (!facts.ok()) {
    // MTA-STS needs the MX set (every MX must match the policy): it says why it cannot judge it.
    results.push_back(co_await check_mta_sts(context, nullptr, nullptr));
    static const auto kMxChecks = checks_in(Family::kMail, {Group::kMxRecords});
    for (auto id : kMxChecks) {
      results.push_back(make_result(id, domain, core::Verdict::kError, facts.error().message));
    }
    for (const auto& id : smtp_check_ids()) {
      results.push_back(make_result(id, domain, core::Verdict::kError,
                                    i18n::finding("the MX lookup failed: {reason}",
                                                  fmt::arg("reason", facts.error().message))));
    }
    co_return results;
  }
  results.push_back(check_mx(*facts));
  append(results, check_mx_ipv6(*facts));
  append(results, check_mx_dnssec(*facts));
  if (facts->hosts.empty()) {
    const std::vector<MxServers> none;
    results.push_back(co_await check_mta_sts(context, &facts.value(), &none));
    const std::string why =
        facts->kind == MxKind::kNull
            ? i18n::finding("null MX (RFC 7505): the domain accepts no mail")
            : i18n::finding("no MX and no address: the domain receives no mail");
    for (const auto& id : smtp_check_ids()) {
      results.push_back(make_result(id, domain, core::Verdict::kNotApplicable, why));
    }
    co_return results;
  }
  MailServerCache own;
  MailServerCache& cache = context.mail_servers ? *context.mail_servers : own;
  auto mxs = co_await gather_smtp_facts(context, *facts, cache);
  // MTA-STS judges the MX hosts by the STARTTLS facts just gathered: no connection of its own.
  results.push_back(co_await check_mta_sts(context, &facts.value(), &mxs));
  append(results, check_ipv6_reach(mxs));
  append(results, check_starttls(mxs));
  append(results, check_mail_tls(mxs));
  append(results, check_mail_certificates(mxs));
  append(results, check_mail_dane(mxs));
  // A check with no result of its own (no IPv6 address for ipv6.reach; hosts without addresses).
  for (const auto& id : smtp_check_ids()) {
    if (find(results, id)) continue;
    const std::string why = id == "mail.ipv6.reach"
                                ? i18n::finding("no MX host has an IPv6 address")
                                : i18n::finding("no MX host has an address");
    results.push_back(make_result(id, domain, core::Verdict::kNotApplicable, why));
  }
  co_return results;
}

asio::awaitable<std::vector<core::CheckResult>> policy_results(const CheckContext& context) {
  std::vector<core::CheckResult> results;
  auto spf = co_await check_spf(context);
  auto dmarc = co_await check_dmarc(context);
  const bool non_sending = sends_no_mail(spf, dmarc);
  append(results, std::move(spf.results));
  append(results, std::move(dmarc.results));
  results.push_back(co_await check_dkim(context, non_sending));
  results.push_back(co_await check_tls_rpt(context));
  co_return results;
}

}  // namespace

asio::awaitable<std::vector<core::CheckResult>> run_mail_checks(const CheckContext& context,
                                                                DomainFacts& facts) {
  // The SMTP probes take longest; the DNS-only policy checks run meanwhile.
  std::vector<asio::awaitable<std::vector<core::CheckResult>>> parts;
  parts.push_back(mx_and_smtp_results(context, facts));
  parts.push_back(policy_results(context));
  auto done = co_await net::gather(std::move(parts));
  std::vector<core::CheckResult> results;
  for (auto& part : done) append(results, std::move(part));
  co_return results;
}

}  // namespace baseline::checks
