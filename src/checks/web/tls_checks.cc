// web.tls.*: versions, suites, order, key exchange, kex hashes, compression, renegotiation,
// 0-RTT, EMS, OCSP stapling, post-quantum key exchange (checks.md; NCSC-NL 2025-05).
#include <algorithm>

#include "checks/context.h"
#include "checks/web/web_checks.h"
#include "tls/cipher_suites.h"
#include "tls/groups.h"

namespace baseline::checks::web_family {
using core::Verdict;

namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

core::CheckResult error_result(std::string_view id, const AddressFacts& a, const std::string& why) {
  return make_result(id, a.target(443), Verdict::kError, why);
}

void version_check(const AddressFacts& a, const tls::Enumeration& e,
                   std::vector<core::CheckResult>& out) {
  std::vector<std::string> accepted, old;
  for (auto v : e.versions) {
    accepted.push_back(tls::version_name(v));
    if (v < tls::kTls12) old.push_back(tls::version_name(v));
  }
  auto r = old.empty() ? make_result("web.tls.version", a.target(443), Verdict::kPass,
                                     "only " + join(accepted) + " accepted")
                       : make_result("web.tls.version", a.target(443), Verdict::kFail,
                                     join(old) + " accepted");
  r.details["accepted"] = accepted;
  r.details["connections"] = e.connections;
  out.push_back(std::move(r));
}

void cipher_check(const AddressFacts& a, const tls::Enumeration& e,
                  std::vector<core::CheckResult>& out) {
  std::vector<std::string> insufficient, phase_out;
  nlohmann::json per_version = nlohmann::json::object();
  int total = 0;
  for (const auto& [version, suites] : e.suites) {
    nlohmann::json list = nlohmann::json::array();
    for (auto id : suites) {
      const auto* s = tls::find_suite(id);
      if (!s) continue;
      const auto c = tls::classify(*s);
      list.push_back({{"suite", s->name}, {"class", tls::to_string(c)}});
      const std::string label = std::string(s->name) + " (" + tls::version_name(version) + ")";
      if (c == tls::SuiteClass::kInsufficient) insufficient.push_back(label);
      if (c == tls::SuiteClass::kPhaseOut) phase_out.push_back(label);
      ++total;
    }
    per_version[tls::version_name(version)] = list;
  }
  core::CheckResult r;
  if (!insufficient.empty()) {
    r = make_result("web.tls.ciphers", a.target(443), Verdict::kFail,
                    "insufficient: " + join(insufficient));
  } else if (!phase_out.empty()) {
    r = make_result("web.tls.ciphers", a.target(443), Verdict::kWarn,
                    "phase-out: " + join(phase_out));
  } else {
    r = make_result("web.tls.ciphers", a.target(443), Verdict::kPass,
                    std::to_string(total) + " suites accepted, all good or sufficient");
  }
  r.details["accepted"] = per_version;
  r.details["accepted_count"] = total;
  r.details["connections"] = e.connections;
  r.details["probes"] = e.probes;
  out.push_back(std::move(r));
}

void order_check(const AddressFacts& a, const tls::Enumeration& e,
                 std::vector<core::CheckResult>& out) {
  const auto version = e.highest_below_13();
  core::CheckResult r;
  if (!version) {
    r = make_result("web.tls.cipher_order", a.target(443), Verdict::kNotApplicable, "TLS 1.3 only");
  } else if (!e.prefers_better) {
    r = make_result(
        "web.tls.cipher_order", a.target(443), Verdict::kPass,
        "every suite accepted on " + tls::version_name(version) + " is of the same class");
  } else if (*e.prefers_better) {
    r = make_result("web.tls.cipher_order", a.target(443), Verdict::kPass,
                    "offered the weakest first, the server chose a suite of the best class it has");
  } else {
    const auto* s = tls::find_suite(*e.order_probe_choice);
    r = make_result("web.tls.cipher_order", a.target(443), Verdict::kFail,
                    "offered the weakest first, the server chose " +
                        std::string(s ? s->name : "?") + " over better suites it accepts");
  }
  if (e.server_order) r.details["server_enforces_order"] = *e.server_order;
  if (version) r.details["version"] = tls::version_name(version);
  out.push_back(std::move(r));
}

void key_exchange_check(const AddressFacts& a, const tls::Enumeration& e,
                        std::vector<core::CheckResult>& out) {
  std::vector<std::string> bad, weak, all;
  for (auto id : e.groups) {
    const auto* g = tls::find_group(id);
    const std::string name = tls::group_name(id);
    all.push_back(name);
    const auto verdict = g ? g->verdict : tls::GroupVerdict::kInsufficient;
    if (verdict == tls::GroupVerdict::kInsufficient) bad.push_back(name);
    if (verdict == tls::GroupVerdict::kPhaseOut) weak.push_back(name);
  }
  for (const auto& dh : e.dh_groups) {
    const std::string name = "DHE " + dh.name + " (" + std::to_string(dh.bits) + " bits)";
    all.push_back(name);
    const auto* g = dh.name == "custom" ? nullptr : [&]() -> const tls::NamedGroup* {
      for (const auto& k : tls::all_groups()) {
        if (k.name == dh.name) return &k;
      }
      return nullptr;
    }();
    const auto verdict = g ? g->verdict : tls::GroupVerdict::kInsufficient;
    if (verdict == tls::GroupVerdict::kInsufficient) bad.push_back(name);
    if (verdict == tls::GroupVerdict::kPhaseOut) weak.push_back(name);
  }
  core::CheckResult r;
  if (all.empty()) {
    r = make_result("web.tls.key_exchange", a.target(443), Verdict::kNotApplicable,
                    "no ECDHE or DHE key exchange accepted");
  } else if (!bad.empty()) {
    r = make_result("web.tls.key_exchange", a.target(443), Verdict::kFail,
                    "insufficient: " + join(bad));
  } else if (!weak.empty()) {
    r = make_result("web.tls.key_exchange", a.target(443), Verdict::kWarn,
                    "phase-out: " + join(weak));
  } else {
    r = make_result("web.tls.key_exchange", a.target(443), Verdict::kPass, "groups: " + join(all));
  }
  r.details["groups"] = all;
  out.push_back(std::move(r));
}

void kex_hash_check(const AddressFacts& a, const tls::Enumeration& e,
                    std::vector<core::CheckResult>& out) {
  core::CheckResult r;
  if (!e.speaks(tls::kTls12)) {
    r = make_result("web.tls.kex_hash", a.target(443), Verdict::kNotApplicable,
                    "TLS 1.2 not accepted");
  } else if (!e.sha1_kex) {
    r = make_result("web.tls.kex_hash", a.target(443), Verdict::kNotApplicable,
                    "no signed (EC)DHE key exchange on TLS 1.2");
  } else if (*e.sha1_kex) {
    r = make_result("web.tls.kex_hash", a.target(443), Verdict::kFail,
                    "the key exchange is signed with SHA-1 when the client offers only SHA-1");
  } else if (e.sha224_kex.value_or(false)) {
    r = make_result("web.tls.kex_hash", a.target(443), Verdict::kWarn,
                    "the key exchange is signed with SHA-224 when the client offers only SHA-224");
  } else {
    r = make_result("web.tls.kex_hash", a.target(443), Verdict::kPass,
                    "SHA-1 and SHA-224 key-exchange signatures refused");
  }
  out.push_back(std::move(r));
}

void simple_checks(const AddressFacts& a, const tls::Enumeration& e,
                   std::vector<core::CheckResult>& out) {
  const auto t = a.target(443);
  const bool legacy = e.highest_below_13() != 0;
  if (e.compression.value_or(false)) {
    out.push_back(make_result("web.tls.compression", t, Verdict::kFail,
                              "the server chose DEFLATE compression"));
  } else {
    out.push_back(make_result("web.tls.compression", t, Verdict::kPass,
                              legacy ? "compression refused" : "TLS 1.3 has no compression"));
  }
  if (!legacy) {
    out.push_back(make_result("web.tls.secure_renegotiation", t, Verdict::kPass,
                              "TLS 1.3 has no renegotiation"));
    out.push_back(make_result("web.tls.ems", t, Verdict::kNotApplicable, "TLS 1.3 only"));
  } else {
    const bool secure = e.secure_renegotiation.value_or(false);
    out.push_back(make_result("web.tls.secure_renegotiation", t,
                              secure ? Verdict::kPass : Verdict::kFail,
                              secure ? "RFC 5746 renegotiation_info answered"
                                     : "no renegotiation_info (RFC 5746) in the ServerHello"));
    const bool ems = e.ems.value_or(false);
    out.push_back(make_result("web.tls.ems", t, ems ? Verdict::kPass : Verdict::kFail,
                              ems ? "extended_master_secret (RFC 7627) answered on " +
                                        tls::version_name(e.highest_below_13())
                                  : "no extended_master_secret (RFC 7627) in the ServerHello"));
  }
  const bool pq =
      std::find(e.groups.begin(), e.groups.end(), tls::kX25519MlKem768) != e.groups.end();
  out.push_back(make_result(
      "web.tls.post_quantum", t, pq ? Verdict::kPass : Verdict::kInfo,
      pq ? "X25519MLKEM768 accepted" : "no hybrid post-quantum key exchange (X25519MLKEM768)"));
}

void handshake_checks(const AddressFacts& a, const tls::Enumeration* e,
                      const core::Result<tls::HandshakeFacts>& h,
                      std::vector<core::CheckResult>& out) {
  const auto t = a.target(443);
  if (!h) {
    for (auto id : {"web.tls.client_renegotiation", "web.tls.zero_rtt", "web.tls.ocsp_stapling"}) {
      out.push_back(make_result(id, t, Verdict::kError, h.error().message));
    }
    return;
  }
  const auto& f = *h;
  if (!f.renegotiations_allowed) {
    out.push_back(make_result("web.tls.client_renegotiation", t, Verdict::kPass,
                              "TLS 1.3 only: no renegotiation"));
  } else {
    const int n = *f.renegotiations_allowed;
    auto r =
        n == 0
            ? make_result("web.tls.client_renegotiation", t, Verdict::kPass,
                          "client-initiated renegotiation refused (" + f.renegotiation_detail + ")")
        : n <= 10
            ? make_result("web.tls.client_renegotiation", t, Verdict::kInfo,
                          "client-initiated renegotiation allowed " + std::to_string(n) + " times")
            : make_result("web.tls.client_renegotiation", t, Verdict::kFail,
                          "client-initiated renegotiation allowed more than 10 times");
    r.details["allowed"] = n;
    out.push_back(std::move(r));
  }
  if (e && !e->speaks(tls::kTls13)) {
    out.push_back(make_result("web.tls.zero_rtt", t, Verdict::kPass, "no TLS 1.3, so no 0-RTT"));
  } else if (!f.early_data_offered) {
    out.push_back(
        make_result("web.tls.zero_rtt", t, Verdict::kPass, "no resumable TLS 1.3 session offered"));
  } else if (!*f.early_data_offered) {
    out.push_back(make_result("web.tls.zero_rtt", t, Verdict::kPass,
                              "session tickets do not allow early data"));
  } else if (!f.early_data_accepted.value_or(false)) {
    out.push_back(
        make_result("web.tls.zero_rtt", t, Verdict::kPass, "early data rejected on resumption"));
  } else if (f.early_data_status == 425) {
    out.push_back(make_result("web.tls.zero_rtt", t, Verdict::kPass,
                              "early data accepted but answered 425 Too Early"));
  } else {
    out.push_back(
        make_result("web.tls.zero_rtt", t, Verdict::kFail,
                    "a GET in 0-RTT early data was accepted and answered" +
                        (f.early_data_status ? " with HTTP " + std::to_string(*f.early_data_status)
                                             : std::string())));
  }
  if (!f.ocsp_valid) {
    out.push_back(
        make_result("web.tls.ocsp_stapling", t, Verdict::kInfo, "no OCSP response stapled"));
  } else {
    out.push_back(make_result(
        "web.tls.ocsp_stapling", t, *f.ocsp_valid ? Verdict::kPass : Verdict::kWarn,
        (*f.ocsp_valid ? "valid OCSP response stapled: " : "stapled OCSP response invalid: ") +
            f.ocsp_detail));
  }
}

}  // namespace

std::vector<core::CheckResult> check_tls(const WebFacts& facts) {
  static constexpr const char* kEnumerated[] = {"web.tls.version",
                                                "web.tls.ciphers",
                                                "web.tls.cipher_order",
                                                "web.tls.key_exchange",
                                                "web.tls.kex_hash",
                                                "web.tls.compression",
                                                "web.tls.secure_renegotiation",
                                                "web.tls.ems",
                                                "web.tls.post_quantum"};
  std::vector<core::CheckResult> out;
  for (const auto& host : facts.hosts) {
    for (const auto& a : host.addresses) {
      if (a.refused) {
        for (auto id : kEnumerated) out.push_back(error_result(id, a, *a.refused));
        for (auto id :
             {"web.tls.client_renegotiation", "web.tls.zero_rtt", "web.tls.ocsp_stapling"}) {
          out.push_back(error_result(id, a, *a.refused));
        }
        continue;
      }
      if (!a.probed() || !a.enumeration || !a.handshake) continue;
      const tls::Enumeration* e = nullptr;
      if (!*a.enumeration) {
        for (auto id : kEnumerated) {
          out.push_back(error_result(id, a, "TLS probe failed: " + a.enumeration->error().message));
        }
      } else {
        e = &a.enumeration->value();
        version_check(a, *e, out);
        cipher_check(a, *e, out);
        order_check(a, *e, out);
        key_exchange_check(a, *e, out);
        kex_hash_check(a, *e, out);
        simple_checks(a, *e, out);
      }
      handshake_checks(a, e, *a.handshake, out);
    }
  }
  return out;
}

}  // namespace baseline::checks::web_family
