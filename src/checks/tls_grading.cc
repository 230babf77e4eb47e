// SPDX-License-Identifier: Apache-2.0
#include "checks/tls_grading.h"

#include <algorithm>

#include "checks/context.h"
#include "checks/registry.h"
#include "i18n/finding.h"
#include "tls/cipher_suites.h"
#include "tls/groups.h"

namespace baseline::checks::tls_grading {
using core::Verdict;

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

Verdict verdict_of(tls::GuidelineClass cls) {
  switch (cls) {
    case tls::GuidelineClass::kGood:
    case tls::GuidelineClass::kSufficient:
      return Verdict::kPass;
    case tls::GuidelineClass::kPhaseOut:
      return Verdict::kWarn;
    case tls::GuidelineClass::kInsufficient:
      return Verdict::kFail;
  }
  return Verdict::kFail;
}

namespace {

Family scope_family(const GradingScope& scope) {
  return scope.family == "web" ? Family::kWeb : Family::kMail;
}

void grade_version(const GradingScope& s, const tls::Enumeration& e,
                   std::vector<core::CheckResult>& out) {
  const auto& g = s.rules();
  std::vector<std::string> accepted, insufficient, phase_out;
  for (auto v : e.versions) {
    const auto name = tls::version_name(v);
    accepted.push_back(name);
    const auto cls = g.version_class(name);
    if (cls == tls::GuidelineClass::kInsufficient) insufficient.push_back(name);
    if (cls == tls::GuidelineClass::kPhaseOut) phase_out.push_back(name);
  }
  auto r = !insufficient.empty()
               ? make_result(
                     s.id("tls.version"), s.target, Verdict::kFail,
                     i18n::finding("{versions} accepted", fmt::arg("versions", join(insufficient))))
           : !phase_out.empty() ? make_result(s.id("tls.version"), s.target, Verdict::kWarn,
                                              i18n::finding("phase-out: {versions} accepted",
                                                            fmt::arg("versions", join(phase_out))))
                                : make_result(s.id("tls.version"), s.target, Verdict::kPass,
                                              i18n::finding("only {versions} accepted",
                                                            fmt::arg("versions", join(accepted))));
  r.details["guideline"] = g.id;
  r.details["accepted"] = accepted;
  r.details["connections"] = e.connections;
  out.push_back(std::move(r));
}

void grade_ciphers(const GradingScope& s, const tls::Enumeration& e,
                   std::vector<core::CheckResult>& out) {
  const auto& g = s.rules();
  std::vector<std::string> insufficient, phase_out;
  nlohmann::json per_version = nlohmann::json::object();
  int total = 0;
  for (const auto& [version, suites] : e.suites) {
    nlohmann::json list = nlohmann::json::array();
    for (auto id : suites) {
      const auto* suite = tls::find_suite(id);
      if (!suite) continue;
      const auto c = g.suite_class(suite->name);
      list.push_back({{"suite", suite->name}, {"class", tls::to_string(c)}});
      const std::string label = std::string(suite->name) + " (" + tls::version_name(version) + ")";
      if (c == tls::SuiteClass::kInsufficient) insufficient.push_back(label);
      if (c == tls::SuiteClass::kPhaseOut) phase_out.push_back(label);
      ++total;
    }
    per_version[tls::version_name(version)] = list;
  }
  core::CheckResult r;
  if (!insufficient.empty()) {
    r = make_result(
        s.id("tls.ciphers"), s.target, Verdict::kFail,
        i18n::finding("insufficient: {suites}", fmt::arg("suites", join(insufficient))));
  } else if (!phase_out.empty()) {
    r = make_result(s.id("tls.ciphers"), s.target, Verdict::kWarn,
                    i18n::finding("phase-out: {suites}", fmt::arg("suites", join(phase_out))));
  } else {
    r = make_result(
        s.id("tls.ciphers"), s.target, Verdict::kPass,
        i18n::finding("{count} suites accepted, all good or sufficient", fmt::arg("count", total)));
  }
  r.details["guideline"] = g.id;
  r.details["accepted"] = per_version;
  r.details["accepted_count"] = total;
  r.details["connections"] = e.connections;
  r.details["probes"] = e.probes;
  out.push_back(std::move(r));
}

void grade_cipher_order(const GradingScope& s, const tls::Enumeration& e,
                        std::vector<core::CheckResult>& out) {
  const auto version = e.highest_below_13();
  core::CheckResult r;
  if (!version) {
    r = make_result(s.id("tls.cipher_order"), s.target, Verdict::kNotApplicable,
                    i18n::finding("TLS 1.3 only"));
  } else if (!e.prefers_better) {
    r = make_result(s.id("tls.cipher_order"), s.target, Verdict::kPass,
                    i18n::finding("every suite accepted on {version} is of the same class",
                                  fmt::arg("version", tls::version_name(version))));
  } else if (*e.prefers_better) {
    r = make_result(
        s.id("tls.cipher_order"), s.target, Verdict::kPass,
        i18n::finding(
            "offered the weakest first, the server chose a suite of the best class it has"));
  } else if (!s.rules().server_cipher_order) {
    const auto* suite = tls::find_suite(*e.order_probe_choice);
    r = make_result(
        s.id("tls.cipher_order"), s.target, Verdict::kInfo,
        i18n::finding("the server let the client choose ({suite}), which {guideline} allows",
                      fmt::arg("suite", suite ? suite->name : "?"),
                      fmt::arg("guideline", s.rules().name)));
  } else {
    const auto* suite = tls::find_suite(*e.order_probe_choice);
    r = make_result(
        s.id("tls.cipher_order"), s.target, Verdict::kFail,
        i18n::finding(
            "offered the weakest first, the server chose {suite} over better suites it accepts",
            fmt::arg("suite", suite ? suite->name : "?")));
  }
  if (e.server_order) r.details["server_enforces_order"] = *e.server_order;
  if (version) r.details["version"] = tls::version_name(version);
  out.push_back(std::move(r));
}

void grade_key_exchange(const GradingScope& s, const tls::Enumeration& e,
                        std::vector<core::CheckResult>& out) {
  const auto& g = s.rules();
  std::vector<std::string> bad, weak, all;
  const auto sort_in = [&](const std::string& name, tls::GuidelineClass cls) {
    all.push_back(name);
    if (cls == tls::GuidelineClass::kInsufficient) bad.push_back(name);
    if (cls == tls::GuidelineClass::kPhaseOut) weak.push_back(name);
  };
  for (auto id : e.groups) {
    const std::string name = tls::group_name(id);  // "0x1234" for one nobody names: insufficient
    sort_in(name, g.group_class(name));
  }
  for (const auto& dh : e.dh_groups) {
    sort_in("DHE " + dh.name + " (" + std::to_string(dh.bits) + " bits)",
            dh.name == "custom" ? g.custom_dh_group : g.group_class(dh.name));
  }
  core::CheckResult r;
  if (all.empty()) {
    r = make_result(s.id("tls.key_exchange"), s.target, Verdict::kNotApplicable,
                    i18n::finding("no ECDHE or DHE key exchange accepted"));
  } else if (!bad.empty()) {
    r = make_result(s.id("tls.key_exchange"), s.target, Verdict::kFail,
                    i18n::finding("insufficient: {groups}", fmt::arg("groups", join(bad))));
  } else if (!weak.empty()) {
    r = make_result(s.id("tls.key_exchange"), s.target, Verdict::kWarn,
                    i18n::finding("phase-out: {groups}", fmt::arg("groups", join(weak))));
  } else {
    r = make_result(s.id("tls.key_exchange"), s.target, Verdict::kPass,
                    i18n::finding("groups: {groups}", fmt::arg("groups", join(all))));
  }
  r.details["groups"] = all;
  r.details["guideline"] = g.id;
  out.push_back(std::move(r));
}

void grade_kex_hash(const GradingScope& s, const tls::Enumeration& e,
                    std::vector<core::CheckResult>& out) {
  core::CheckResult r;
  if (!e.speaks(tls::kTls12)) {
    r = make_result(s.id("tls.kex_hash"), s.target, Verdict::kNotApplicable,
                    i18n::finding("TLS 1.2 not accepted"));
  } else if (!e.sha1_kex) {
    r = make_result(s.id("tls.kex_hash"), s.target, Verdict::kNotApplicable,
                    i18n::finding("no signed (EC)DHE key exchange on TLS 1.2"));
  } else if (*e.sha1_kex && verdict_of(s.rules().kex_hash_class("SHA1")) != Verdict::kPass) {
    r = make_result(
        s.id("tls.kex_hash"), s.target, verdict_of(s.rules().kex_hash_class("SHA1")),
        i18n::finding("the key exchange is signed with SHA-1 when the client offers only SHA-1"));
  } else if (e.sha224_kex.value_or(false) &&
             verdict_of(s.rules().kex_hash_class("SHA224")) != Verdict::kPass) {
    r = make_result(
        s.id("tls.kex_hash"), s.target, verdict_of(s.rules().kex_hash_class("SHA224")),
        i18n::finding(
            "the key exchange is signed with SHA-224 when the client offers only SHA-224"));
  } else if (*e.sha1_kex || e.sha224_kex.value_or(false)) {
    r = make_result(
        s.id("tls.kex_hash"), s.target, Verdict::kPass,
        i18n::finding("SHA-1 or SHA-224 key-exchange signatures accepted, which {guideline} allows",
                      fmt::arg("guideline", s.rules().name)));
  } else {
    r = make_result(s.id("tls.kex_hash"), s.target, Verdict::kPass,
                    i18n::finding("SHA-1 and SHA-224 key-exchange signatures refused"));
  }
  out.push_back(std::move(r));
}

void grade_simple(const GradingScope& s, const tls::Enumeration& e,
                  std::vector<core::CheckResult>& out) {
  const auto t = s.target;
  const bool legacy = e.highest_below_13() != 0;
  if (e.compression.value_or(false)) {
    out.push_back(make_result(s.id("tls.compression"), t, Verdict::kFail,
                              i18n::finding("the server chose DEFLATE compression")));
  } else {
    out.push_back(make_result(s.id("tls.compression"), t, Verdict::kPass,
                              legacy ? i18n::finding("compression refused")
                                     : i18n::finding("TLS 1.3 has no compression")));
  }
  if (!legacy) {
    out.push_back(make_result(s.id("tls.secure_renegotiation"), t, Verdict::kPass,
                              i18n::finding("TLS 1.3 has no renegotiation")));
    out.push_back(
        make_result(s.id("tls.ems"), t, Verdict::kNotApplicable, i18n::finding("TLS 1.3 only")));
  } else {
    const bool secure = e.secure_renegotiation.value_or(false);
    out.push_back(
        make_result(s.id("tls.secure_renegotiation"), t, secure ? Verdict::kPass : Verdict::kFail,
                    secure ? i18n::finding("RFC 5746 renegotiation_info answered")
                           : i18n::finding("no renegotiation_info (RFC 5746) in the ServerHello")));
    const bool ems = e.ems.value_or(false);
    out.push_back(make_result(
        s.id("tls.ems"), t, ems ? Verdict::kPass : Verdict::kFail,
        ems ? i18n::finding("extended_master_secret (RFC 7627) answered on {version}",
                            fmt::arg("version", tls::version_name(e.highest_below_13())))
            : i18n::finding("no extended_master_secret (RFC 7627) in the ServerHello")));
  }
  if (!s.web) return;  // post-quantum key exchange is judged for websites only (checks.md)
  const bool pq =
      std::find(e.groups.begin(), e.groups.end(), tls::kX25519MlKem768) != e.groups.end();
  out.push_back(
      make_result(s.id("tls.post_quantum"), t, pq ? Verdict::kPass : Verdict::kInfo,
                  pq ? i18n::finding("X25519MLKEM768 accepted")
                     : i18n::finding("no hybrid post-quantum key exchange (X25519MLKEM768)")));
}

void handshake_results(const GradingScope& s, const tls::Enumeration* e,
                       const core::Result<tls::HandshakeFacts>& h,
                       std::vector<core::CheckResult>& out) {
  const auto t = s.target;
  if (!h) {
    out.push_back(
        make_result(s.id("tls.client_renegotiation"), t, Verdict::kError, h.error().message));
    if (s.web) {
      for (auto id : {s.id("tls.zero_rtt"), s.id("tls.ocsp_stapling")}) {
        out.push_back(make_result(id, t, Verdict::kError, h.error().message));
      }
    }
    return;
  }
  const auto& f = *h;
  if (!f.renegotiations_allowed) {
    out.push_back(make_result(s.id("tls.client_renegotiation"), t, Verdict::kPass,
                              i18n::finding("TLS 1.3 only: no renegotiation")));
  } else {
    const int n = *f.renegotiations_allowed;
    auto r = n == 0 ? make_result(s.id("tls.client_renegotiation"), t, Verdict::kPass,
                                  i18n::finding("client-initiated renegotiation refused ({reason})",
                                                fmt::arg("reason", f.renegotiation_detail)))
             : n <= 10
                 ? make_result(s.id("tls.client_renegotiation"), t, Verdict::kInfo,
                               i18n::finding("client-initiated renegotiation allowed {count} times",
                                             fmt::arg("count", n)))
                 : make_result(
                       s.id("tls.client_renegotiation"), t, Verdict::kFail,
                       i18n::finding("client-initiated renegotiation allowed more than 10 times"));
    r.details["allowed"] = n;
    out.push_back(std::move(r));
  }
  if (!s.web) return;  // no 0-RTT probe on SMTP; OCSP stapling is a web check
  if (e && !e->speaks(tls::kTls13)) {
    out.push_back(make_result(s.id("tls.zero_rtt"), t, Verdict::kPass,
                              i18n::finding("no TLS 1.3, so no 0-RTT")));
  } else if (!f.early_data_offered) {
    out.push_back(make_result(s.id("tls.zero_rtt"), t, Verdict::kPass,
                              i18n::finding("no resumable TLS 1.3 session offered")));
  } else if (!*f.early_data_offered) {
    out.push_back(make_result(s.id("tls.zero_rtt"), t, Verdict::kPass,
                              i18n::finding("session tickets do not allow early data")));
  } else if (!f.early_data_accepted.value_or(false)) {
    out.push_back(make_result(s.id("tls.zero_rtt"), t, Verdict::kPass,
                              i18n::finding("early data rejected on resumption")));
  } else if (f.early_data_status == 425) {
    out.push_back(make_result(s.id("tls.zero_rtt"), t, Verdict::kPass,
                              i18n::finding("early data accepted but answered 425 Too Early")));
  } else {
    out.push_back(make_result(
        s.id("tls.zero_rtt"), t, Verdict::kFail,
        f.early_data_status
            ? i18n::finding(
                  "a GET in 0-RTT early data was accepted and answered with HTTP {status}",
                  fmt::arg("status", *f.early_data_status))
            : i18n::finding("a GET in 0-RTT early data was accepted and answered")));
  }
  if (!f.ocsp_valid) {
    out.push_back(make_result(s.id("tls.ocsp_stapling"), t, Verdict::kInfo,
                              i18n::finding("no OCSP response stapled")));
  } else {
    out.push_back(
        make_result(s.id("tls.ocsp_stapling"), t, *f.ocsp_valid ? Verdict::kPass : Verdict::kWarn,
                    *f.ocsp_valid ? i18n::finding("valid OCSP response stapled: {status}",
                                                  fmt::arg("status", f.ocsp_detail))
                                  : i18n::finding("stapled OCSP response invalid: {reason}",
                                                  fmt::arg("reason", f.ocsp_detail))));
  }
}

}  // namespace

std::vector<core::CheckResult> grade_enumeration(const GradingScope& scope,
                                                 const tls::Enumeration& enumeration) {
  std::vector<core::CheckResult> out;
  grade_version(scope, enumeration, out);
  grade_ciphers(scope, enumeration, out);
  grade_cipher_order(scope, enumeration, out);
  grade_key_exchange(scope, enumeration, out);
  grade_kex_hash(scope, enumeration, out);
  grade_simple(scope, enumeration, out);
  return out;
}

std::vector<CheckId> enumeration_check_ids(const GradingScope& scope) {
  return checks_in(scope_family(scope), {Group::kTlsEnumeration});
}

std::vector<core::CheckResult> grade_handshake(const GradingScope& scope,
                                               const tls::Enumeration* enumeration,
                                               const core::Result<tls::HandshakeFacts>& handshake) {
  std::vector<core::CheckResult> out;
  handshake_results(scope, enumeration, handshake, out);
  return out;
}

std::vector<CheckId> handshake_check_ids(const GradingScope& scope) {
  return checks_in(scope_family(scope), {Group::kTlsHandshake});
}

}  // namespace baseline::checks::tls_grading
