#include "checks/mail/mail_family.h"

#include "checks/mail/mail_checks.h"
#include "checks/mail/mail_facts.h"
#include "mail/tag_list.h"

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
bool sends_no_mail(const std::vector<core::CheckResult>& results) {
  const auto* spf = find(results, "mail.spf");
  const auto* dmarc = find(results, "mail.dmarc.policy");
  if (spf == nullptr || dmarc == nullptr || !spf->details.contains("record")) return false;
  std::string record = mail::lowercase(mail::trim(spf->details["record"].get<std::string>()));
  return record == "v=spf1 -all" && dmarc->details.value("effective_policy", "") == "reject";
}

}  // namespace

asio::awaitable<std::vector<core::CheckResult>> run_mail_checks(const CheckContext& context) {
  std::vector<core::CheckResult> results;
  auto facts = co_await gather_mail_facts(context);
  if (!facts.ok()) {
    for (const char* id : {"mail.mx", "mail.ipv6.address", "mail.dnssec.mx"}) {
      results.push_back(make_result(id, context.domain.ascii(), core::Verdict::kError, facts.error().message));
    }
  } else {
    results.push_back(check_mx(*facts));
    append(results, check_mx_ipv6(*facts));
    append(results, check_mx_dnssec(*facts));
  }
  append(results, co_await check_spf(context));
  append(results, co_await check_dmarc(context));
  results.push_back(co_await check_dkim(context, sends_no_mail(results)));
  results.push_back(co_await check_tls_rpt(context));
  const MailFacts* mail_hosts = facts.ok() ? &facts.value() : nullptr;
  results.push_back(co_await check_mta_sts(context, mail_hosts));
  co_return results;
}

}  // namespace baseline::checks
