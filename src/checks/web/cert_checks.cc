// SPDX-License-Identifier: Apache-2.0
// web.cert.*: trust, name, key strength, signature hash, expiry, from the one full handshake.
#include "checks/certificate_grading.h"
#include "checks/context.h"
#include "checks/registry.h"
#include "checks/web/web_checks.h"
#include "i18n/finding.h"

namespace baseline::checks::web_family {
using core::Verdict;

namespace {

constexpr long long kDay = 24 * 3600;

}  // namespace

std::vector<core::CheckResult> check_certificates(const WebFacts& facts, long long now) {
  static const auto kIds = checks_in(Family::kWeb, {Group::kCertificate});
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
          out.push_back(
              make_result(id, t, Verdict::kError,
                          i18n::finding("TLS handshake failed: {reason}",
                                        fmt::arg("reason", a.handshake->error().message))));
        }
        continue;
      }
      const auto& f = a.handshake->value();
      if (f.chain.empty()) {
        for (auto id : kIds)
          out.push_back(
              make_result(id, t, Verdict::kError, i18n::finding("no certificate presented")));
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
                                           i18n::finding("the chain validates to a trusted root"))
                             : make_result("web.cert.trust", t, Verdict::kFail,
                                           i18n::finding("not trusted: {reason}",
                                                         fmt::arg("reason", f.trust_error)));
      trust.details["chain"] = chain;
      out.push_back(std::move(trust));
      out.push_back(
          f.name_matches
              ? make_result("web.cert.name", t, Verdict::kPass,
                            i18n::finding("the certificate is valid for {host}",
                                          fmt::arg("host", f.name_checked)))
              : make_result(
                    "web.cert.name", t, Verdict::kFail,
                    i18n::finding("the certificate is not valid for {host} (subject {subject})",
                                  fmt::arg("host", f.name_checked),
                                  fmt::arg("subject", leaf.subject))));
      const auto judged = certificate_grading::judge_chain(f);
      out.push_back(make_result("web.cert.pubkey", t, judged.key, judged.key_summary));
      out.push_back(
          make_result("web.cert.signature", t, judged.signature, judged.signature_summary));
      core::CheckResult expiry;
      if (leaf.not_before > now) {
        expiry = make_result("web.cert.expiry", t, Verdict::kFail,
                             i18n::finding("not valid yet: valid from {days} days from now",
                                           fmt::arg("days", (leaf.not_before - now) / kDay)));
      } else if (leaf.not_after <= now) {
        expiry = make_result("web.cert.expiry", t, Verdict::kFail,
                             i18n::finding("expired {days} days ago",
                                           fmt::arg("days", (now - leaf.not_after) / kDay)));
      } else {
        const long long days = (leaf.not_after - now) / kDay;
        expiry = make_result("web.cert.expiry", t, days > 30 ? Verdict::kPass : Verdict::kWarn,
                             i18n::finding("expires in {days} days", fmt::arg("days", days)));
      }
      expiry.details["not_before"] = leaf.not_before;
      expiry.details["not_after"] = leaf.not_after;
      out.push_back(std::move(expiry));
    }
  }
  return out;
}

}  // namespace baseline::checks::web_family
