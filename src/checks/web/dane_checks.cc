// SPDX-License-Identifier: Apache-2.0
// web.dane.exists (per host) and web.dane.valid (per address): RFC 6698, RFC 7671.
#include "checks/context.h"
#include "checks/web/web_checks.h"
#include "i18n/finding.h"

namespace baseline::checks::web_family {
using core::Verdict;

std::vector<core::CheckResult> check_dane(const WebFacts& facts) {
  std::vector<core::CheckResult> out;
  for (const auto& host : facts.hosts) {
    if (host.addresses.empty()) continue;
    const std::string owner = "_443._tcp." + host.name;
    const auto& set = host.tlsa;
    bool usable = false;
    core::CheckResult exists;
    if (set.error) {
      exists = make_result("web.dane.exists", host.name, Verdict::kError,
                           i18n::finding("{owner} TLSA: {reason}", fmt::arg("owner", owner),
                                         fmt::arg("reason", *set.error)));
    } else if (set.security == dns::Security::kBogus) {
      exists = make_result("web.dane.exists", host.name, Verdict::kFail,
                           i18n::finding("{owner} TLSA is DNSSEC-bogus: {validator}", fmt::arg("owner", owner),
                                         fmt::arg("validator", set.why_bogus)));
    } else if (set.records.empty()) {
      exists = make_result("web.dane.exists", host.name, Verdict::kInfo,
                           i18n::finding("no TLSA at {owner}", fmt::arg("owner", owner)));
    } else if (set.security != dns::Security::kSecure) {
      exists = make_result("web.dane.exists", host.name, Verdict::kFail,
                           i18n::finding("TLSA at {owner} is not DNSSEC-secure ({state})", fmt::arg("owner", owner),
                                         fmt::arg("state", dns::to_string(set.security))));
    } else {
      usable = true;
      exists = make_result(
          "web.dane.exists", host.name, Verdict::kPass,
          i18n::finding("{count} TLSA record(s) at {owner}, DNSSEC-secure", fmt::arg("count", set.records.size()),
                        fmt::arg("owner", owner)));
    }
    nlohmann::json records = nlohmann::json::array();
    for (const auto& t : set.records) records.push_back(t.text());
    exists.details["tlsa"] = records;
    out.push_back(std::move(exists));
    for (const auto& a : host.addresses) {
      const auto t = a.target(443);
      if (!usable) {
        out.push_back(make_result("web.dane.valid", t, Verdict::kNotApplicable, i18n::finding("no usable TLSA")));
        continue;
      }
      if (a.refused) {
        out.push_back(make_result("web.dane.valid", t, Verdict::kError, *a.refused));
        continue;
      }
      if (!a.probed() || !a.handshake) continue;
      if (!*a.handshake) {
        out.push_back(make_result("web.dane.valid", t, Verdict::kError,
                                  i18n::finding("TLS handshake failed: {reason}",
                                                fmt::arg("reason", a.handshake->error().message))));
        continue;
      }
      const auto& f = a.handshake->value();
      std::vector<tls::ChainCertificate> chain;
      for (const auto& c : f.chain) chain.push_back({c.der, c.spki_der});
      std::optional<std::string> matched;
      for (const auto& record : set.records) {
        if (tls::tlsa_matches(record, chain, f.trusted && f.name_matches)) matched = record.text();
      }
      out.push_back(
          matched ? make_result("web.dane.valid", t, Verdict::kPass,
                                    i18n::finding("matches TLSA {record}", fmt::arg("record", *matched)))
                  : make_result("web.dane.valid", t, Verdict::kFail,
                                i18n::finding("no TLSA record at {owner} matches the presented chain",
                                              fmt::arg("owner", owner))));
    }
  }
  return out;
}

}  // namespace baseline::checks::web_family
