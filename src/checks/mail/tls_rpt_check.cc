// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/mail_checks.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "mail/tag_list.h"
#include "mail/tlsrpt/tls_rpt_record.h"
#include "i18n/finding.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;
using core::Verdict;

asio::awaitable<core::CheckResult> check_tls_rpt(const CheckContext& context) {
  const std::string domain = context.domain.ascii();
  const std::string name = "_smtp._tls." + domain;
  auto txt = co_await context.resolver.lookup(name, dns::rr_type::kTxt, {.validate = false});
  if (!txt.ok()) co_return make_result("mail.tls_rpt", domain, Verdict::kError, i18n::finding("lookup of {name} failed: {reason}", fmt::arg("name", name), fmt::arg("reason", txt.error().message)));
  std::vector<std::string> records;
  for (const auto& joined : txt->txt_strings()) {
    if (mail::trim(joined).starts_with("v=TLSRPTv1")) records.push_back(joined);
  }
  if (records.empty()) co_return make_result("mail.tls_rpt", domain, Verdict::kInfo, i18n::finding("no TLS-RPT record at {name}", fmt::arg("name", name)));
  if (records.size() > 1) {
    co_return make_result("mail.tls_rpt", domain, Verdict::kWarn,
                          i18n::finding("{count} TLS-RPT records at {name} (exactly one is allowed)", fmt::arg("count", records.size()), fmt::arg("name", name)));
  }
  auto record = mail::tlsrpt::parse_record(records.front());
  auto result = record ? make_result("mail.tls_rpt", domain, Verdict::kPass,
                                     i18n::finding("TLS failures are reported to {count} address(es)", fmt::arg("count", record->report_uris.size())))
                       : make_result("mail.tls_rpt", domain, Verdict::kWarn, i18n::finding("invalid TLS-RPT record: {reason}", fmt::arg("reason", record.error().message)));
  result.details = {{"record", records.front()}};
  co_return result;
}

}  // namespace baseline::checks::mail_family
