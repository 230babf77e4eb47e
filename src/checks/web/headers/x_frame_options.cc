// SPDX-License-Identifier: Apache-2.0
// web.headers.x_frame_options: DENY or SAMEORIGIN, or a CSP frame-ancestors directive, which
// browsers apply instead (CSP Level 3 §6.4.2).
#include "checks/context.h"
#include "checks/web/headers/header_check.h"
#include "http/headers.h"
#include "i18n/finding.h"

namespace baseline::checks::web_headers {
namespace {

core::CheckResult judge(const HeaderFields& response, const std::string& target) {
  constexpr CheckId kId = "web.headers.x_frame_options";
  const auto xfo = response.first("x-frame-options");
  if (xfo && http::x_frame_options_good(*xfo)) {
    return make_result(kId, target, core::Verdict::kPass,
                       i18n::finding("X-Frame-Options: {value}", fmt::arg("value", *xfo)));
  }
  const auto csp = response.first("content-security-policy");
  if (csp && http::analyze_csp(*csp).has_frame_ancestors) {
    return make_result(kId, target, core::Verdict::kPass,
                       i18n::finding("CSP frame-ancestors is set"));
  }
  return make_result(kId, target, core::Verdict::kWarn,
                     xfo ? i18n::finding("X-Frame-Options: {value} (not DENY or SAMEORIGIN)",
                                         fmt::arg("value", *xfo))
                         : i18n::finding("no X-Frame-Options and no CSP frame-ancestors"));
}

}  // namespace

extern const HeaderCheck x_frame_options_check{"web.headers.x_frame_options", "x-frame-options",
                                               "DENY", &judge};

}  // namespace baseline::checks::web_headers
