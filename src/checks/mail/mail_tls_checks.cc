// SPDX-License-Identifier: Apache-2.0
// mail.tls.* and mail.cert.*: the web's TLS grading over STARTTLS (checks.md). Certificate trust
// and name are information only, because MX certificates are judged by DANE (RFC 7672 §3.1.3),
// except that the name becomes required when a DANE-TA (usage 2) TLSA exists for the host.
#include "checks/certificate_grading.h"
#include "checks/context.h"
#include "checks/mail/smtp_checks.h"
#include "checks/registry.h"
#include "checks/tls_grading.h"
#include "i18n/finding.h"

namespace baseline::checks::mail_family {
using core::Verdict;

namespace {

void append(std::vector<core::CheckResult>& out, std::vector<core::CheckResult> more,
            const std::string& host) {
  for (auto& r : more) {
    r.details["host"] = host;
    out.push_back(std::move(r));
  }
}

// Why an address has no TLS results of its own, or nullopt when it has.
std::optional<std::pair<Verdict, std::string>> not_graded(const MailServerFacts& s) {
  if (s.refused) return std::pair{Verdict::kError, *s.refused};
  if (!s.reached)
    return std::pair{Verdict::kError, i18n::finding("cannot connect to TCP 25: {reason}",
                                                    fmt::arg("reason", s.reach_error))};
  if (s.dialogue && s.dialogue->end == mail::smtp::Dialogue::End::kNoStartTls) {
    return std::pair{Verdict::kNotApplicable, i18n::finding("no STARTTLS, so no TLS to judge")};
  }
  if (s.refused_midway) {
    return std::pair{
        Verdict::kError,
        i18n::finding("the server stopped accepting our connections part-way, so the TLS "
                      "results would be incomplete: {reply}",
                      fmt::arg("reply", *s.refused_midway))};
  }
  if (!s.enumeration) return std::pair{Verdict::kError, i18n::finding("not probed")};
  if (!s.enumeration->ok()) return std::pair{Verdict::kError, s.enumeration->error().message};
  return std::nullopt;
}

bool has_dane_ta(const MxServers& mx) {
  for (const auto& t : mx.tlsa.usable()) {
    if (t.usage == 2) return true;
  }
  return false;
}

}  // namespace

std::vector<core::CheckResult> check_mail_tls(const std::vector<MxServers>& mxs) {
  std::vector<core::CheckResult> out;
  for (const auto& mx : mxs) {
    for (const auto& s : mx.servers) {
      const tls_grading::GradingScope scope{"mail", s->target(), false};
      auto ids = tls_grading::enumeration_check_ids(scope);
      for (auto& id : tls_grading::handshake_check_ids(scope)) ids.push_back(id);
      if (auto why = not_graded(*s)) {
        std::vector<core::CheckResult> errors;
        errors.reserve(ids.size());
        for (const auto& id : ids)
          errors.push_back(make_result(id, scope.target, why->first, why->second));
        append(out, std::move(errors), mx.host);
        continue;
      }
      const auto& e = s->enumeration->value();
      append(out, tls_grading::grade_enumeration(scope, e), mx.host);
      if (s->handshake) {
        append(out, tls_grading::grade_handshake(scope, &e, *s->handshake), mx.host);
      } else {
        append(out,
               {make_result("mail.tls.client_renegotiation", scope.target, Verdict::kError,
                            i18n::finding("no full handshake was made"))},
               mx.host);
      }
    }
  }
  return out;
}

std::vector<core::CheckResult> check_mail_certificates(const std::vector<MxServers>& mxs) {
  static const auto kIds = checks_in(Family::kMail, {Group::kCertificate});
  std::vector<core::CheckResult> out;
  for (const auto& mx : mxs) {
    const bool name_required = has_dane_ta(mx);
    for (const auto& s : mx.servers) {
      const auto t = s->target();
      std::vector<core::CheckResult> results;
      auto why = not_graded(*s);
      if (!why && (!s->handshake || !s->handshake->ok())) {
        why = std::pair{Verdict::kError,
                        s->handshake
                            ? i18n::finding("TLS handshake failed: {reason}",
                                            fmt::arg("reason", s->handshake->error().message))
                            : i18n::finding("no full handshake was made")};
      }
      if (!why && s->handshake->value().chain.empty())
        why = std::pair{Verdict::kError, i18n::finding("no certificate presented")};
      if (why) {
        for (auto id : kIds) results.push_back(make_result(id, t, why->first, why->second));
        append(out, std::move(results), mx.host);
        continue;
      }
      const auto& f = s->handshake->value();
      const auto& leaf = f.chain.front();
      results.push_back(make_result(
          "mail.cert.trust", t, Verdict::kInfo,
          f.trusted ? i18n::finding("the chain validates to a trusted root")
                    : i18n::finding("not trusted ({reason}); MX certificates are judged by DANE",
                                    fmt::arg("reason", f.trust_error))));
      results.back().details["trusted"] = f.trusted;
      const bool matches = tls::certificate_matches(leaf.der, mx.host);
      const std::string name_text =
          matches ? i18n::finding("the certificate is valid for {host}", fmt::arg("host", mx.host))
                  : i18n::finding("the certificate is not valid for {host} (subject {subject})",
                                  fmt::arg("host", mx.host), fmt::arg("subject", leaf.subject));
      results.push_back(make_result(
          "mail.cert.name", t,
          name_required ? (matches ? Verdict::kPass : Verdict::kFail) : Verdict::kInfo,
          name_required ? name_text + "; " + i18n::finding("a DANE-TA TLSA requires the name")
                        : name_text));
      results.back().details["matches"] = matches;
      const auto judged = certificate_grading::judge_chain(f);
      results.push_back(make_result("mail.cert.pubkey", t, judged.key, judged.key_summary));
      results.push_back(
          make_result("mail.cert.signature", t, judged.signature, judged.signature_summary));
      append(out, std::move(results), mx.host);
    }
  }
  return out;
}

}  // namespace baseline::checks::mail_family
