// web.cert.*: trust, name, key strength, signature hash, expiry, from the one full handshake.
#include "checks/context.h"
#include "checks/web/web_checks.h"

namespace baseline::checks::web_family {
using core::Verdict;

namespace {

constexpr long long kDay = 24 * 3600;

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

}  // namespace

std::vector<core::CheckResult> check_certificates(const WebFacts& facts, long long now) {
  static constexpr const char* kIds[] = {"web.cert.trust", "web.cert.name", "web.cert.pubkey",
                                         "web.cert.signature", "web.cert.expiry"};
  std::vector<core::CheckResult> out;
  for (const auto& host : facts.hosts) {
    for (const auto& a : host.addresses) {
      const auto t = a.target(443);
      if (a.refused) {
        for (auto id : kIds) out.push_back(make_result(id, t, Verdict::kError, *a.refused));
        continue;
      }
      if (!a.probed() || !a.handshake) continue;
      if (!*a.handshake) {
        for (auto id : kIds) {
          out.push_back(make_result(id, t, Verdict::kError,
                                    "TLS handshake failed: " + a.handshake->error().message));
        }
        continue;
      }
      const auto& f = a.handshake->value();
      if (f.chain.empty()) {
        for (auto id : kIds)
          out.push_back(make_result(id, t, Verdict::kError, "no certificate presented"));
        continue;
      }
      const auto& leaf = f.chain.front();
      nlohmann::json chain = nlohmann::json::array();
      for (const auto& c : f.chain) {
        chain.push_back({{"subject", c.subject},
                         {"issuer", c.issuer},
                         {"key", c.key_type},
                         {"bits", c.key_bits},
                         {"signature", c.signature}});
      }
      auto trust = f.trusted ? make_result("web.cert.trust", t, Verdict::kPass,
                                           "the chain validates to a trusted root")
                             : make_result("web.cert.trust", t, Verdict::kFail,
                                           "not trusted: " + f.trust_error);
      trust.details["chain"] = chain;
      out.push_back(std::move(trust));
      out.push_back(f.name_matches
                        ? make_result("web.cert.name", t, Verdict::kPass,
                                      "the certificate is valid for " + f.name_checked)
                        : make_result("web.cert.name", t, Verdict::kFail,
                                      "the certificate is not valid for " + f.name_checked +
                                          " (subject " + leaf.subject + ")"));
      Verdict key_worst = Verdict::kPass, sig_worst = Verdict::kPass;
      std::string key_summary, sig_summary;
      for (const auto* c : below_root(f)) {
        std::string what;
        const auto kv = key_verdict(*c, what);
        key_worst = core::worst(key_worst, kv);
        key_summary += (key_summary.empty() ? "" : "; ") + c->subject + ": " + what;
        const auto sv = signature_verdict(*c);
        sig_worst = core::worst(sig_worst, sv);
        sig_summary += (sig_summary.empty() ? "" : "; ") + c->subject + ": " + c->signature;
      }
      out.push_back(make_result("web.cert.pubkey", t, key_worst, key_summary));
      out.push_back(make_result("web.cert.signature", t, sig_worst, sig_summary));
      core::CheckResult expiry;
      if (leaf.not_before > now) {
        expiry = make_result("web.cert.expiry", t, Verdict::kFail,
                             "not valid yet: valid from " +
                                 std::to_string((leaf.not_before - now) / kDay) + " days from now");
      } else if (leaf.not_after <= now) {
        expiry =
            make_result("web.cert.expiry", t, Verdict::kFail,
                        "expired " + std::to_string((now - leaf.not_after) / kDay) + " days ago");
      } else {
        const long long days = (leaf.not_after - now) / kDay;
        expiry = make_result("web.cert.expiry", t, days > 30 ? Verdict::kPass : Verdict::kWarn,
                             "expires in " + std::to_string(days) + " days");
      }
      expiry.details["not_before"] = leaf.not_before;
      expiry.details["not_after"] = leaf.not_after;
      out.push_back(std::move(expiry));
    }
  }
  return out;
}

}  // namespace baseline::checks::web_family
