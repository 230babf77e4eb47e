// SPDX-License-Identifier: Apache-2.0
#include "checks/certificate_grading.h"

#include "checks/tls_grading.h"

namespace baseline::checks::certificate_grading {
using core::Verdict;

// Certificates judged for key and signature: every presented one except a self-signed CA
// above the leaf (a root sent along; its own signature and key are the trust store's business).
std::vector<const tls::CertificateFacts*> below_root(const tls::HandshakeFacts& f) {
  std::vector<const tls::CertificateFacts*> out;
  for (std::size_t i = 0; i < f.chain.size(); ++i) {
    if (i > 0 && f.chain[i].self_signed) continue;
    out.push_back(&f.chain[i]);
  }
  return out;
}

Verdict key_verdict(const tls::CertificateFacts& c, std::string& what, const tls::TlsGuideline& g) {
  what = c.key_type + (c.curve.empty() ? " " + std::to_string(c.key_bits) : " " + c.curve);
  if (c.key_type == "RSA") return tls_grading::verdict_of(g.rsa_key_class(c.key_bits));
  if (c.key_type == "EC") return tls_grading::verdict_of(g.curve_class(c.curve));
  if (c.key_type == "ED25519" || c.key_type == "ED448") {
    return tls_grading::verdict_of(g.eddsa_class(c.key_type));
  }
  return Verdict::kFail;  // DSA and anything unknown
}

Verdict signature_verdict(const tls::CertificateFacts& c, const tls::TlsGuideline& g) {
  // EdDSA signs without a separate hash: judged with the key.
  if (c.signature_hash.empty() && (c.signature == "ED25519" || c.signature == "ED448")) {
    return tls_grading::verdict_of(g.eddsa_class(c.signature));
  }
  return tls_grading::verdict_of(g.signature_hash_class(c.signature_hash));
}

ChainJudgment judge_chain(const tls::HandshakeFacts& f, const tls::TlsGuideline& g) {
  ChainJudgment j;
  for (const auto* c : below_root(f)) {
    std::string what;
    j.key = core::worst(j.key, key_verdict(*c, what, g));
    j.key_summary += (j.key_summary.empty() ? "" : "; ") + c->subject + ": " + what;
    j.signature = core::worst(j.signature, signature_verdict(*c, g));
    j.signature_summary +=
        (j.signature_summary.empty() ? "" : "; ") + c->subject + ": " + c->signature;
  }
  return j;
}

}  // namespace baseline::checks::certificate_grading
