// SPDX-License-Identifier: Apache-2.0
// web.tls.*: versions, suites, order, key exchange, kex hashes, compression, renegotiation,
// 0-RTT, EMS, OCSP stapling, post-quantum key exchange (checks.md; NCSC-NL 2025-05), graded by
// checks/tls_grading for every probed address.
#include "checks/context.h"
#include "checks/tls_grading.h"
#include "checks/web/web_checks.h"
#include "i18n/finding.h"

namespace baseline::checks::web_family {
using core::Verdict;

std::vector<core::CheckResult> check_tls(const WebFacts& facts) {
  std::vector<core::CheckResult> out;
  auto add = [&out](std::vector<core::CheckResult> more) {
    for (auto& r : more) out.push_back(std::move(r));
  };
  for (const auto& host : facts.hosts) {
    for (const auto& a : host.addresses) {
      const tls_grading::GradingScope scope{"web", a.target(443), true};
      auto all_ids = tls_grading::enumeration_check_ids(scope);
      for (auto& id : tls_grading::handshake_check_ids(scope)) all_ids.push_back(id);
      if (a.refused) {
        for (const auto& id : all_ids)
          out.push_back(make_result(id, scope.target, Verdict::kError, *a.refused));
        continue;
      }
      if (!a.probed() || !a.enumeration || !a.handshake) continue;
      const tls::Enumeration* e = nullptr;
      if (!*a.enumeration) {
        for (const auto& id : tls_grading::enumeration_check_ids(scope)) {
          out.push_back(
              make_result(id, scope.target, Verdict::kError,
                          i18n::finding("TLS probe failed: {reason}",
                                        fmt::arg("reason", a.enumeration->error().message))));
        }
      } else {
        e = &a.enumeration->value();
        add(tls_grading::grade_enumeration(scope, *e));
      }
      add(tls_grading::grade_handshake(scope, e, *a.handshake));
    }
  }
  return out;
}

}  // namespace baseline::checks::web_family
