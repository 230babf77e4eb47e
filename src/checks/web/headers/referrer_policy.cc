// SPDX-License-Identifier: Apache-2.0
// web.headers.referrer_policy: a policy that keeps paths and queries from other sites.
#include "checks/context.h"
#include "checks/web/headers/header_check.h"
#include "http/headers.h"
#include "i18n/finding.h"

namespace baseline::checks::web_headers {
namespace {

core::CheckResult judge(const HeaderFields& response, const std::string& target) {
  constexpr CheckId kId = "web.headers.referrer_policy";
  const auto header = response.first("referrer-policy");
  const auto parsed = header ? http::parse_referrer_policy(*header) : http::ReferrerPolicy{};
  if (parsed.good) return make_result(kId, target, core::Verdict::kPass, *parsed.policy);
  return make_result(kId, target, core::Verdict::kWarn,
                     header ? i18n::finding("Referrer-Policy: {value}", fmt::arg("value", *header))
                            : i18n::finding("no Referrer-Policy"));
}

}  // namespace

extern const HeaderCheck referrer_policy_check{"web.headers.referrer_policy", "referrer-policy",
                                               "no-referrer", &judge};

}  // namespace baseline::checks::web_headers
