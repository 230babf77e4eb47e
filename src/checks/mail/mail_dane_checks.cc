// SPDX-License-Identifier: Apache-2.0
// mail.dane.exists (per MX host), mail.dane.valid (per address), mail.dane.rollover (per host):
// DANE for SMTP, RFC 7672. Only DANE-TA (2) and DANE-EE (3) count; PKIX usages 0 and 1 are
// ignored by SMTP senders (§3.1.3). DANE-EE matches the leaf regardless of its name and dates;
// DANE-TA needs a matching certificate above the leaf and the MX name in the leaf (§3.2).
// With usable TLSA, an address without STARTTLS, or whose TLS fails after STARTTLS, fails too:
// DANE senders defer mail to it (§2.2). Error is kept for what Baseline could not find out
// (refused by the server or the address guard, timed out).
#include "checks/context.h"
#include "checks/mail/smtp_checks.h"
#include "checks/registry.h"
#include "i18n/finding.h"

namespace baseline::checks::mail_family {
using core::Verdict;

namespace {

core::CheckResult exists_result(const MxServers& mx) {
  const auto& set = mx.tlsa;
  const std::string owner = mx.owner();
  core::CheckResult r;
  const auto usable = set.usable();
  if (set.error) {
    r = make_result("mail.dane.exists", mx.host, Verdict::kError,
                    i18n::finding("{owner} TLSA: {reason}", fmt::arg("owner", owner),
                                  fmt::arg("reason", *set.error)));
  } else if (set.security == dns::Security::kBogus) {
    r = make_result("mail.dane.exists", mx.host, Verdict::kFail,
                    i18n::finding("{owner} TLSA is DNSSEC-bogus: {validator}",
                                  fmt::arg("owner", owner), fmt::arg("validator", set.why_bogus)));
  } else if (set.records.empty()) {
    r = make_result("mail.dane.exists", mx.host, Verdict::kFail,
                    i18n::finding("no TLSA at {owner}", fmt::arg("owner", owner)));
  } else if (set.security != dns::Security::kSecure) {
    r = make_result(
        "mail.dane.exists", mx.host, Verdict::kFail,
        i18n::finding("TLSA at {owner} is not DNSSEC-secure ({state}), so senders ignore it",
                      fmt::arg("owner", owner), fmt::arg("state", dns::to_string(set.security))));
  } else if (usable.empty()) {
    r = make_result(
        "mail.dane.exists", mx.host, Verdict::kFail,
        i18n::finding("TLSA at {owner} has only PKIX usages 0/1, which SMTP ignores (RFC 7672)",
                      fmt::arg("owner", owner)));
  } else {
    r = make_result("mail.dane.exists", mx.host, Verdict::kPass,
                    i18n::finding("{count} usable TLSA record(s) at {owner}, DNSSEC-secure",
                                  fmt::arg("count", usable.size()), fmt::arg("owner", owner)));
  }
  nlohmann::json records = nlohmann::json::array();
  for (const auto& t : set.records) records.push_back(t.text());
  r.details["tlsa"] = records;
  r.details["mx_secure"] = mx.host_security == dns::Security::kSecure;
  return r;
}

core::CheckResult rollover_result(const MxServers& mx) {
  const auto usable = mx.tlsa.usable();
  if (usable.empty()) {
    return make_result("mail.dane.rollover", mx.host, Verdict::kNotApplicable,
                       i18n::finding("no usable TLSA"));
  }
  int ee = 0, ta = 0;
  for (const auto& t : usable) (t.usage == 3 ? ee : ta)++;
  // Two different DANE-EE keys (current + next), or a DANE-EE key plus a DANE-TA issuer: either
  // survives the replacement of the server's key without a gap (RFC 7671 §8.1, RFC 7672 §3.1).
  if (ee >= 2 || (ee >= 1 && ta >= 1)) {
    return make_result(
        "mail.dane.rollover", mx.host, Verdict::kPass,
        i18n::finding("{ee} DANE-EE and {ta} DANE-TA record(s): a key rollover needs no TLSA "
                      "change first",
                      fmt::arg("ee", ee), fmt::arg("ta", ta)));
  }
  return make_result(
      "mail.dane.rollover", mx.host, Verdict::kInfo,
      i18n::finding("one TLSA key only: publish the next key's TLSA before replacing the key"));
}

}  // namespace

std::vector<core::CheckResult> check_mail_dane(const std::vector<MxServers>& mxs) {
  std::vector<core::CheckResult> out;
  for (const auto& mx : mxs) {
    if (mx.servers.empty()) continue;
    auto exists = exists_result(mx);
    exists.details["host"] = mx.host;
    out.push_back(std::move(exists));
    const auto usable = mx.tlsa.usable();
    for (const auto& s : mx.servers) {
      const auto t = s->target();
      core::CheckResult r;
      if (usable.empty()) {
        r = make_result("mail.dane.valid", t, Verdict::kNotApplicable,
                        i18n::finding("no usable TLSA"));
      } else if (s->refused) {
        r = make_result("mail.dane.valid", t, Verdict::kError, *s->refused);
      } else if (s->dialogue && s->dialogue->end == mail::smtp::Dialogue::End::kNoStartTls) {
        // RFC 7672 §2.2: with usable TLSA, a sender requires TLS; without it the mail waits.
        r = make_result(
            "mail.dane.valid", t, Verdict::kFail,
            i18n::finding("usable TLSA at {owner}, but this address offers no STARTTLS ({reason}): "
                          "DANE senders defer the mail",
                          fmt::arg("owner", mx.owner()),
                          fmt::arg("reason", s->dialogue->describe())));
      } else if (s->tls_failure) {
        r = make_result(
            "mail.dane.valid", t, Verdict::kFail,
            i18n::finding(
                "usable TLSA at {owner}, but the TLS after STARTTLS fails ({reason}): DANE "
                "senders defer the mail",
                fmt::arg("owner", mx.owner()), fmt::arg("reason", *s->tls_failure)));
      } else if (!s->handshake) {
        r = make_result("mail.dane.valid", t, Verdict::kError,
                        s->enumeration && !s->enumeration->ok()
                            ? s->enumeration->error().message
                            : i18n::finding("no TLS handshake over STARTTLS was made"));
      } else if (!s->handshake->ok()) {
        r = make_result("mail.dane.valid", t, Verdict::kError,
                        i18n::finding("TLS handshake failed: {reason}",
                                      fmt::arg("reason", s->handshake->error().message)));
      } else {
        const auto& f = s->handshake->value();
        std::vector<tls::ChainCertificate> chain;
        for (const auto& c : f.chain) chain.push_back({c.der, c.spki_der});
        const bool name_ok =
            !f.chain.empty() && tls::certificate_matches(f.chain.front().der, mx.host);
        std::optional<std::string> matched;
        bool ta_without_name = false;
        for (const auto& record : usable) {
          if (!tls::tlsa_matches(record, chain, false)) continue;
          if (record.usage == 2 && !name_ok) {
            ta_without_name = true;
            continue;
          }
          matched = record.text();
        }
        if (matched) {
          r = make_result("mail.dane.valid", t, Verdict::kPass,
                          i18n::finding("matches TLSA {record}", fmt::arg("record", *matched)));
        } else if (ta_without_name) {
          r = make_result(
              "mail.dane.valid", t, Verdict::kFail,
              i18n::finding(
                  "a DANE-TA record matches the chain, but the certificate is not valid for {host}",
                  fmt::arg("host", mx.host)));
        } else {
          r = make_result("mail.dane.valid", t, Verdict::kFail,
                          i18n::finding("no TLSA record at {owner} matches the STARTTLS chain",
                                        fmt::arg("owner", mx.owner())));
        }
      }
      r.details["host"] = mx.host;
      out.push_back(std::move(r));
    }
    auto rollover = rollover_result(mx);
    rollover.details["host"] = mx.host;
    out.push_back(std::move(rollover));
  }
  return out;
}

const std::vector<CheckId>& smtp_check_ids() {
  static const auto ids =
      checks_in(Family::kMail, {Group::kSmtp, Group::kTlsEnumeration, Group::kTlsHandshake,
                                Group::kCertificate, Group::kDane});
  return ids;
}

}  // namespace baseline::checks::mail_family
