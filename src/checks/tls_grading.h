// SPDX-License-Identifier: Apache-2.0
// TLS grading shared by web.tls.* and mail.tls.* (checks.md: "same rules as web.tls.*"): plain
// functions from the raw-hello enumeration and the full handshake to results, for one address.
// The web adds the post-quantum, 0-RTT and OCSP checks; SMTP has none of those.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checks/check_id.h"
#include "core/check_result.h"
#include "core/result.h"
#include "tls/enumerate.h"
#include "tls/guideline.h"
#include "tls/handshake.h"

namespace baseline::checks::tls_grading {

struct GradingScope {
  std::string family;  // "web" or "mail": the check IDs' prefix
  std::string target;  // "198.51.100.1:443"
  bool web = true;     // include the web-only checks
  // The TLS guideline to grade by; null: the run's (tls::active_guideline()).
  const tls::TlsGuideline* guideline = nullptr;
  // The declared ID "<family>.<check>"; an undeclared one throws (CheckId::named).
  CheckId id(std::string_view check) const {
    return CheckId::named(family + "." + std::string(check));
  }
  const tls::TlsGuideline& rules() const {
    return guideline ? *guideline : tls::active_guideline();
  }
};

// Verdict for a guideline class: good and sufficient pass, phase-out warns, insufficient fails.
core::Verdict verdict_of(tls::GuidelineClass cls);

// The checks that the enumeration alone decides: version, ciphers, cipher_order, key_exchange,
// kex_hash, compression, secure_renegotiation, ems (and post_quantum on the web).
std::vector<core::CheckResult> grade_enumeration(const GradingScope& scope,
                                                 const tls::Enumeration& enumeration);
// The IDs grade_enumeration gives results for, for error results when it could not run.
std::vector<CheckId> enumeration_check_ids(const GradingScope& scope);

// client_renegotiation (and zero_rtt, ocsp_stapling on the web) from the full handshake.
// `enumeration` may be null when it failed.
std::vector<core::CheckResult> grade_handshake(const GradingScope& scope,
                                               const tls::Enumeration* enumeration,
                                               const core::Result<tls::HandshakeFacts>& handshake);
std::vector<CheckId> handshake_check_ids(const GradingScope& scope);

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

}  // namespace baseline::checks::tls_grading
