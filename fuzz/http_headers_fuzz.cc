// SPDX-License-Identifier: Apache-2.0
// Fuzzes the HSTS, CSP and Referrer-Policy parsers. Beyond not crashing: a valid HSTS has a
// max-age; a CSP analysis without findings has default-src, frame-ancestors, base-uri and
// form-action; a "good" referrer policy names one.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/headers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto hsts = baseline::http::parse_hsts(text);
  if (hsts.valid && !hsts.max_age) std::abort();
  if (!hsts.valid && hsts.error.empty()) std::abort();
  auto csp = baseline::http::analyze_csp(text);
  if (csp.findings.empty()) {
    int needed = 0;
    for (const auto& d : csp.directives) {
      needed += d.name == "default-src" || d.name == "frame-ancestors" || d.name == "base-uri" ||
                d.name == "form-action";
    }
    if (needed < 4) std::abort();
  }
  auto rp = baseline::http::parse_referrer_policy(text);
  if (rp.good && !rp.policy) std::abort();
  return 0;
}
