// SPDX-License-Identifier: Apache-2.0
// Certificate judgments shared by web.cert.* and mail.cert.*: key strength and signature hash
// by a TLS guideline (the run's unless one is given), over every presented certificate except a
// self-signed root sent along.
#pragma once

#include <string>
#include <vector>

#include "core/verdict.h"
#include "tls/guideline.h"
#include "tls/handshake.h"

namespace baseline::checks::certificate_grading {

std::vector<const tls::CertificateFacts*> below_root(const tls::HandshakeFacts& facts);
// `what` gets the key's description ("RSA 2048", "EC prime256v1").
core::Verdict key_verdict(const tls::CertificateFacts& certificate, std::string& what,
                          const tls::TlsGuideline& guideline = tls::active_guideline());
core::Verdict signature_verdict(const tls::CertificateFacts& certificate,
                                const tls::TlsGuideline& guideline = tls::active_guideline());

struct ChainJudgment {
  core::Verdict key = core::Verdict::kPass;
  std::string key_summary;
  core::Verdict signature = core::Verdict::kPass;
  std::string signature_summary;
};
ChainJudgment judge_chain(const tls::HandshakeFacts& facts,
                          const tls::TlsGuideline& guideline = tls::active_guideline());

}  // namespace baseline::checks::certificate_grading
