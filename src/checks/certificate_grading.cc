#include "checks/certificate_grading.h"

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

Verdict key_verdict(const tls::CertificateFacts& c, std::string& what) {
  what = c.key_type + (c.curve.empty() ? " " + std::to_string(c.key_bits) : " " + c.curve);
  if (c.key_type == "RSA") {
    if (c.key_bits >= 3072) return Verdict::kPass;
    if (c.key_bits >= 2048) return Verdict::kWarn;
    return Verdict::kFail;
  }
  if (c.key_type == "EC") {
    if (c.curve == "prime256v1" || c.curve == "secp384r1" || c.curve == "secp521r1" ||
        c.curve == "P-256" || c.curve == "P-384" || c.curve == "P-521") {
      return Verdict::kPass;
    }
    if (c.curve == "secp224r1" || c.curve == "P-224") return Verdict::kWarn;
    return Verdict::kFail;
  }
  if (c.key_type == "ED25519" || c.key_type == "ED448") return Verdict::kPass;
  return Verdict::kFail;
}

Verdict signature_verdict(const tls::CertificateFacts& c) {
  const auto& h = c.signature_hash;
  if (h == "SHA256" || h == "SHA384" || h == "SHA512") return Verdict::kPass;
  if (h.empty() && (c.signature == "ED25519" || c.signature == "ED448")) return Verdict::kPass;
  if (h == "SHA224") return Verdict::kWarn;
  return Verdict::kFail;
}

ChainJudgment judge_chain(const tls::HandshakeFacts& f) {
  ChainJudgment j;
  for (const auto* c : below_root(f)) {
    std::string what;
    j.key = core::worst(j.key, key_verdict(*c, what));
    j.key_summary += (j.key_summary.empty() ? "" : "; ") + c->subject + ": " + what;
    j.signature = core::worst(j.signature, signature_verdict(*c));
    j.signature_summary += (j.signature_summary.empty() ? "" : "; ") + c->subject + ": " + c->signature;
  }
  return j;
}

}  // namespace baseline::checks::certificate_grading
