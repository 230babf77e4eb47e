// SPDX-License-Identifier: Apache-2.0
// web.headers.csp: a Content-Security-Policy without the weaknesses http::analyze_csp lists.
#include "checks/context.h"
#include "checks/web/headers/header_check.h"
#include "http/headers.h"
#include "i18n/finding.h"

namespace baseline::checks::web_headers {
namespace {

core::CheckResult judge(const HeaderFields& response, const std::string& target) {
  constexpr CheckId kId = "web.headers.csp";
  const auto header = response.first("content-security-policy");
  if (!header) {
    return make_result(kId, target, core::Verdict::kWarn,
                       i18n::finding("no Content-Security-Policy"));
  }
  const auto csp = http::analyze_csp(*header);
  std::string all;
  for (const auto& f : csp.findings) all += (all.empty() ? "" : "; ") + f;
  auto r = csp.findings.empty()
               ? make_result(kId, target, core::Verdict::kPass, i18n::finding("a strict policy"))
               : make_result(kId, target, core::Verdict::kWarn, all);
  r.details["policy"] = std::string(*header);
  r.details["findings"] = csp.findings;
  return r;
}

}  // namespace

extern const HeaderCheck csp_check{
    "web.headers.csp", "content-security-policy",
    "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'", &judge};

}  // namespace baseline::checks::web_headers
