// SPDX-License-Identifier: Apache-2.0
// web.headers.x_content_type_options: nosniff, so that browsers do not guess a script or style
// sheet out of a response declared as something else.
#include "checks/context.h"
#include "checks/web/headers/header_check.h"
#include "http/headers.h"
#include "i18n/finding.h"

namespace baseline::checks::web_headers {
namespace {

core::CheckResult judge(const HeaderFields& response, const std::string& target) {
  constexpr CheckId kId = "web.headers.x_content_type_options";
  const auto xcto = response.first("x-content-type-options");
  if (xcto && http::x_content_type_options_good(*xcto)) {
    return make_result(kId, target, core::Verdict::kPass, "nosniff");
  }
  return make_result(
      kId, target, core::Verdict::kWarn,
      xcto ? i18n::finding("X-Content-Type-Options: {value}", fmt::arg("value", *xcto))
           : i18n::finding("no X-Content-Type-Options"));
}

}  // namespace

extern const HeaderCheck x_content_type_options_check{"web.headers.x_content_type_options",
                                                      "x-content-type-options", "nosniff", &judge};

}  // namespace baseline::checks::web_headers
