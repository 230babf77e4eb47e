// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/mail_checks.h"
#include "core/public_suffix.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"
#include "mail/dmarc/dmarc_record.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;
namespace dmarc = mail::dmarc;
using core::Verdict;

namespace {

struct Found {
  std::string at;                    // the _dmarc name the records came from
  std::vector<std::string> records;  // TXT strings that start with v=DMARC1
  std::string problem;               // a lookup failure
};

asio::awaitable<Found> dmarc_records(dns::Resolver& resolver, const std::string& domain) {
  Found found{"_dmarc." + domain};
  auto txt = co_await resolver.lookup(found.at, dns::rr_type::kTxt, {.validate = false});
  if (!txt.ok()) {
    found.problem =
        i18n::finding("TXT lookup of {name} failed: {reason}", fmt::arg("name", found.at),
                      fmt::arg("reason", txt.error().message));
    co_return found;
  }
  if (txt->rcode != dns::rcode::kNoError && txt->rcode != dns::rcode::kNxDomain) {
    found.problem = i18n::finding("TXT lookup of {name}: {rcode}", fmt::arg("name", found.at),
                                  fmt::arg("rcode", dns::rcode_name(txt->rcode)));
    co_return found;
  }
  for (const auto& joined : txt->txt_strings()) {
    if (dmarc::is_dmarc_record(joined)) found.records.push_back(joined);
  }
  co_return found;
}

// RFC 7489 §7.1: a report destination outside the policy's organisational domain must agree to
// receive reports with a TXT "v=DMARC1" at <policy-domain>._report._dmarc.<destination>.
asio::awaitable<std::vector<std::string>> unauthorised_destinations(
    dns::Resolver& resolver, const std::string& policy_domain, const dmarc::Record& record) {
  std::vector<std::string> refused;
  const std::string own = core::organizational_domain(policy_domain);
  std::vector<dmarc::ReportUri> uris = record.aggregate_reports;
  uris.insert(uris.end(), record.failure_reports.begin(), record.failure_reports.end());
  for (const auto& uri : uris) {
    if (uri.mailbox_domain.empty()) continue;
    if (core::organizational_domain(uri.mailbox_domain) == own) continue;
    const std::string name = policy_domain + "._report._dmarc." + uri.mailbox_domain;
    auto txt = co_await resolver.lookup(name, dns::rr_type::kTxt, {.validate = false});
    bool authorised = false;
    if (txt.ok()) {
      for (const auto& joined : txt->txt_strings()) {
        if (dmarc::is_dmarc_record(joined)) authorised = true;
      }
    }
    if (!authorised) {
      refused.push_back(
          i18n::finding("external report destination not authorised: {uri} (no v=DMARC1 at {name})",
                        fmt::arg("uri", uri.uri), fmt::arg("name", name)));
    }
  }
  co_return refused;
}

}  // namespace

asio::awaitable<DmarcFindings> check_dmarc(const CheckContext& context) {
  const std::string domain = context.domain.ascii();
  auto both = [&](Verdict presence, Verdict policy, const std::string& why) {
    return DmarcFindings{{make_result("mail.dmarc", domain, presence, why),
                          make_result("mail.dmarc.policy", domain, policy, why)}};
  };
  auto found = co_await dmarc_records(context.resolver, domain);
  bool inherited = false;
  const std::string organizational = core::organizational_domain(domain);
  if (found.problem.empty() && found.records.empty() && organizational != domain) {
    // §6.6.3: no record at the domain itself: the organisational domain's record applies.
    found = co_await dmarc_records(context.resolver, organizational);
    inherited = true;
  }
  if (!found.problem.empty()) co_return both(Verdict::kError, Verdict::kError, found.problem);
  if (found.records.empty()) {
    co_return both(
        Verdict::kFail, Verdict::kFail,
        organizational != domain
            ? i18n::finding("no DMARC record at _dmarc.{domain} nor at _dmarc.{organisational}",
                            fmt::arg("domain", domain), fmt::arg("organisational", organizational))
            : i18n::finding("no DMARC record at _dmarc.{domain}", fmt::arg("domain", domain)));
  }
  if (found.records.size() > 1) {
    co_return both(
        Verdict::kFail, Verdict::kFail,
        i18n::finding("{count} DMARC records at {name}: receivers ignore them all",
                      fmt::arg("count", found.records.size()), fmt::arg("name", found.at)));
  }
  DmarcFindings findings;
  auto& results = findings.results;
  results.push_back(
      make_result("mail.dmarc", domain, Verdict::kPass,
                  inherited ? i18n::finding("DMARC record at {name} (organisational domain)",
                                            fmt::arg("name", found.at))
                            : i18n::finding("DMARC record at {name}", fmt::arg("name", found.at))));
  results.back().details = {{"record", found.records.front()}, {"found_at", found.at}};

  auto record = dmarc::parse_record(found.records.front());
  if (!record) {
    results.push_back(make_result(
        "mail.dmarc.policy", domain, Verdict::kFail,
        i18n::finding("syntax error: {reason}", fmt::arg("reason", record.error().message))));
    co_return findings;
  }
  // The policy that applies to this domain: p at its own record, sp when inherited (§6.3).
  const dmarc::Policy effective =
      inherited && record->subdomain_policy ? *record->subdomain_policy : record->policy;
  findings.effective = effective;
  std::vector<std::string> warnings;
  Verdict verdict = Verdict::kPass;
  const std::string policy_name(dmarc::to_string(effective));
  std::string summary;
  if (effective == dmarc::Policy::kNone) {
    verdict = Verdict::kFail;
    summary =
        inherited
            ? i18n::finding(
                  "policy {policy} (sp of {organisational}): receivers are asked to deliver "
                  "mail that fails DMARC (p=none)",
                  fmt::arg("policy", policy_name), fmt::arg("organisational", organizational))
            : i18n::finding(
                  "policy {policy}: receivers are asked to deliver mail that fails DMARC (p=none)",
                  fmt::arg("policy", policy_name));
  } else {
    summary = inherited ? i18n::finding("policy {policy} (sp of {organisational})",
                                        fmt::arg("policy", policy_name),
                                        fmt::arg("organisational", organizational))
                        : i18n::finding("policy {policy}", fmt::arg("policy", policy_name));
  }
  if (record->testing) {
    warnings.push_back(
        i18n::finding("t=y: the policy is in test mode and receivers may apply a lower one"));
  }
  if (record->percent < 100) {
    warnings.push_back(i18n::finding("pct={percent}: the policy covers only part of the mail",
                                     fmt::arg("percent", record->percent)));
  }
  const std::string policy_domain = found.at.substr(std::string("_dmarc.").size());
  auto refused = co_await unauthorised_destinations(context.resolver, policy_domain, *record);
  warnings.insert(warnings.end(), refused.begin(), refused.end());
  if (verdict == Verdict::kPass && !warnings.empty()) verdict = Verdict::kWarn;
  for (const auto& w : warnings) summary += "; " + w;

  auto policy = make_result("mail.dmarc.policy", domain, verdict, summary);
  policy.details = {{"policy", dmarc::to_string(record->policy)},
                    {"effective_policy", dmarc::to_string(effective)},
                    {"inherited", inherited},
                    {"pct", record->percent},
                    {"testing", record->testing},
                    {"unauthorised_destinations", refused}};
  if (record->subdomain_policy) policy.details["sp"] = dmarc::to_string(*record->subdomain_policy);
  if (record->nonexistent_policy)
    policy.details["np"] = dmarc::to_string(*record->nonexistent_policy);
  results.push_back(std::move(policy));
  co_return findings;
}

}  // namespace baseline::checks::mail_family
