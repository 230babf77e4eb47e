// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/mail_checks.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"
#include "mail/spf/spf_evaluator.h"
#include "mail/spf/spf_record.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;
namespace spf = mail::spf;
using core::Verdict;

namespace {

// Addresses no SPF policy has reason to authorise (documentation ranges). When every one of them
// passes, the policy authorises any sender.
const char* const kProbeAddresses[] = {"192.0.2.253", "203.0.113.253", "2001:db8:ffff::253"};

}  // namespace

asio::awaitable<SpfFindings> check_spf(const CheckContext& context) {
  const std::string domain = context.domain.ascii();
  auto both = [&](Verdict syntax, Verdict policy, const std::string& why) {
    return SpfFindings{{make_result("mail.spf", domain, syntax, why),
                        make_result("mail.spf.policy", domain, policy, why)}};
  };
  auto txt = co_await context.resolver.lookup(domain, dns::rr_type::kTxt, {.validate = false});
  if (!txt.ok())
    co_return both(
        Verdict::kError, Verdict::kError,
        i18n::finding("TXT lookup failed: {reason}", fmt::arg("reason", txt.error().message)));
  if (txt->rcode != dns::rcode::kNoError && txt->rcode != dns::rcode::kNxDomain) {
    co_return both(
        Verdict::kError, Verdict::kError,
        i18n::finding("TXT lookup: {rcode}", fmt::arg("rcode", dns::rcode_name(txt->rcode))));
  }
  std::vector<std::string> records;
  for (const auto& joined : txt->txt_strings()) {
    if (spf::is_spf_record(joined)) records.push_back(joined);
  }
  if (records.empty())
    co_return both(Verdict::kFail, Verdict::kFail, i18n::finding("no SPF record (v=spf1)"));
  if (records.size() > 1) {
    auto findings =
        both(Verdict::kFail, Verdict::kFail,
             i18n::finding("{count} SPF records: receivers treat that as a permanent error",
                           fmt::arg("count", records.size())));
    findings.results[0].details = {{"records", records}};
    co_return findings;
  }
  auto parsed = spf::parse_record(records.front());
  if (!parsed) {
    auto findings =
        both(Verdict::kFail, Verdict::kFail,
             i18n::finding("syntax error: {reason}", fmt::arg("reason", parsed.error().message)));
    findings.results[0].details = {{"record", records.front()}};
    findings.record = records.front();
    co_return findings;
  }
  SpfFindings findings;
  findings.record = records.front();
  auto& results = findings.results;
  results.push_back(
      make_result("mail.spf", domain, Verdict::kPass, i18n::finding("one valid SPF record")));
  results.back().details = {{"record", records.front()}};

  // The policy: evaluate check_host() for addresses nobody authorises. It walks every include and
  // redirect, counting DNS-querying terms and void lookups, and ends in the effective "all".
  spf::Evaluator evaluator(context.resolver, context.clock);
  int passes = 0;
  spf::Outcome outcome;
  for (const char* probe : kProbeAddresses) {
    spf::Transaction transaction{boost::asio::ip::make_address(probe), "postmaster@" + domain,
                                 "baseline-probe." + domain};
    outcome = co_await evaluator.check_host(transaction);
    if (outcome.result != spf::SpfResult::kPass) break;
    ++passes;
  }
  Verdict verdict = Verdict::kFail;
  std::string summary;
  switch (outcome.result) {
    case spf::SpfResult::kFail:
      verdict = Verdict::kPass;
      summary = i18n::finding("unauthorised senders get 'fail' (-all)");
      break;
    case spf::SpfResult::kSoftFail:
      verdict = Verdict::kPass;
      summary = i18n::finding("unauthorised senders get 'softfail' (~all)");
      break;
    case spf::SpfResult::kNeutral:
      summary =
          i18n::finding("the policy ends in neutral (?all or no all): receivers are told nothing");
      break;
    case spf::SpfResult::kPass:
      summary = passes == static_cast<int>(std::size(kProbeAddresses))
                    ? i18n::finding("the policy authorises any sender (+all or equivalent)")
                    : i18n::finding("the policy authorises a documentation address: {reason}",
                                    fmt::arg("reason", outcome.reason));
      break;
    case spf::SpfResult::kPermError:
      summary = i18n::finding("permanent error: {reason}", fmt::arg("reason", outcome.reason));
      break;
    case spf::SpfResult::kTempError:
      verdict = Verdict::kError;
      summary = i18n::finding("temporary DNS error while following the policy: {reason}",
                              fmt::arg("reason", outcome.reason));
      break;
    case spf::SpfResult::kNone:
      summary = i18n::finding("no SPF record: {reason}", fmt::arg("reason", outcome.reason));
      break;
  }
  auto policy = make_result("mail.spf.policy", domain, verdict, summary);
  policy.details = {{"result_for_unauthorised_sender", spf::to_string(outcome.result)},
                    {"reason", outcome.reason},
                    {"dns_querying_terms", outcome.dns_terms},
                    {"void_lookups", outcome.void_lookups}};
  results.push_back(std::move(policy));
  co_return findings;
}

}  // namespace baseline::checks::mail_family
