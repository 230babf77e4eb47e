// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <set>

#include "checks/dns/dnssec_checks.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"

namespace baseline::checks::dns_family {
namespace rr_type = dns::rr_type;
using core::Verdict;

namespace {

// RFC 8624 §3.1: algorithms that MUST NOT or are NOT RECOMMENDED for signing.
bool is_deprecated_algorithm(int algorithm) {
  return algorithm == 1 || algorithm == 3 || algorithm == 5 || algorithm == 6 || algorithm == 7 ||
         algorithm == 12;
}
bool is_recommended_algorithm(int algorithm) {
  return algorithm == 8 || (algorithm >= 13 && algorithm <= 16);
}
bool is_rsa(int algorithm) {
  return algorithm == 1 || algorithm == 5 || algorithm == 7 || algorithm == 8 || algorithm == 10;
}
// RFC 8624 §3.3: SHA-256 and SHA-384 DS digests.
bool is_good_digest(int digest) {
  return digest == 2 || digest == 4;
}

std::string algorithm_name(int algorithm) {
  switch (algorithm) {
    case 1:
      return "RSAMD5";
    case 3:
      return "DSA";
    case 5:
      return "RSASHA1";
    case 6:
      return "DSA-NSEC3-SHA1";
    case 7:
      return "RSASHA1-NSEC3-SHA1";
    case 8:
      return "RSASHA256";
    case 10:
      return "RSASHA512";
    case 12:
      return "ECC-GOST";
    case 13:
      return "ECDSAP256SHA256";
    case 14:
      return "ECDSAP384SHA384";
    case 15:
      return "ED25519";
    case 16:
      return "ED448";
    default:
      return "algorithm " + std::to_string(algorithm);
  }
}

std::string digest_name(int digest) {
  switch (digest) {
    case 1:
      return "SHA-1";
    case 2:
      return "SHA-256";
    case 3:
      return "GOST R 34.11-94";
    case 4:
      return "SHA-384";
    default:
      return "digest type " + std::to_string(digest);
  }
}

}  // namespace

core::CheckResult check_dnssec_algorithms(const ZoneFacts& facts) {
  if (!facts.has_dnskey()) {
    return make_result("dns.dnssec.algorithms", facts.domain, Verdict::kNotApplicable,
                       i18n::finding("the zone is not signed"));
  }
  Verdict verdict = Verdict::kPass;
  std::vector<std::string> findings;
  nlohmann::json keys = nlohmann::json::array();
  nlohmann::json ds_list = nlohmann::json::array();

  for (const auto& rr : facts.dnskey.records(rr_type::kDnskey)) {
    auto key = dns::parse_dnskey(rr);
    if (!key.ok()) {
      verdict = core::worst(verdict, Verdict::kWarn);
      findings.push_back(
          i18n::finding("malformed DNSKEY: {reason}", fmt::arg("reason", key.error().message)));
      continue;
    }
    const int algorithm = key->algorithm;
    const int bits = key->rsa_modulus_bits();
    nlohmann::json entry = {{"key_tag", key->key_tag},
                            {"algorithm", algorithm},
                            {"algorithm_name", algorithm_name(algorithm)},
                            {"flags", key->flags}};
    if (is_rsa(algorithm)) entry["bits"] = bits;
    keys.push_back(entry);
    const std::string algorithm_text = algorithm_name(algorithm);
    const auto name = fmt::arg("algorithm", algorithm_text);
    const auto tag = fmt::arg("tag", key->key_tag);
    if (is_deprecated_algorithm(algorithm)) {
      verdict = core::worst(verdict, Verdict::kFail);
      findings.push_back(
          i18n::finding("{algorithm} key {tag} uses a deprecated algorithm (RFC 8624)", name, tag));
    } else if (!is_recommended_algorithm(algorithm)) {
      verdict = core::worst(verdict, Verdict::kWarn);
      findings.push_back(i18n::finding(
          "{algorithm} key {tag} uses an algorithm that is not recommended (RFC 8624)", name, tag));
    }
    if (is_rsa(algorithm) && bits > 0 && bits < 2048) {
      verdict = core::worst(verdict, Verdict::kWarn);
      findings.push_back(
          i18n::finding("{algorithm} key {tag} has only {bits} bits (2048 recommended)", name, tag,
                        fmt::arg("bits", bits)));
    }
  }

  std::set<int> digests;
  for (const auto& rr : facts.ds.records(rr_type::kDs)) {
    auto ds = dns::parse_ds(rr);
    if (!ds.ok()) continue;
    digests.insert(ds->digest_type);
    ds_list.push_back({{"key_tag", ds->key_tag},
                       {"algorithm", ds->algorithm},
                       {"digest_type", ds->digest_type},
                       {"digest_name", digest_name(ds->digest_type)}});
    if (is_deprecated_algorithm(ds->algorithm)) {
      verdict = core::worst(verdict, Verdict::kFail);
      findings.push_back(i18n::finding("DS {tag} names deprecated algorithm {algorithm}",
                                       fmt::arg("tag", ds->key_tag),
                                       fmt::arg("algorithm", algorithm_name(ds->algorithm))));
    }
  }
  if (!digests.empty()) {
    const bool any_good = std::any_of(digests.begin(), digests.end(), is_good_digest);
    const bool any_other =
        std::any_of(digests.begin(), digests.end(), [](int d) { return !is_good_digest(d); });
    if (!any_good) {
      verdict = core::worst(verdict, Verdict::kFail);
      std::string names;
      for (int d : digests) names += (names.empty() ? "" : ", ") + digest_name(d);
      findings.push_back(
          i18n::finding("the parent's DS records use only {digests} (SHA-256 or SHA-384 needed)",
                        fmt::arg("digests", names)));
    } else if (any_other) {
      verdict = core::worst(verdict, Verdict::kWarn);
      findings.push_back(i18n::finding(
          "DS records with a SHA-1 or other deprecated digest sit alongside SHA-256"));
    }
  }

  std::string summary;
  if (findings.empty()) {
    std::set<std::string> names;
    for (const auto& k : keys) names.insert(k["algorithm_name"].get<std::string>());
    summary =
        i18n::finding("algorithms {algorithms}", fmt::arg("algorithms", fmt::join(names, ", "))) +
        "; " +
        (digests.empty() ? i18n::finding("no DS at the parent")
                         : i18n::finding("DS digests SHA-256/SHA-384"));
  } else {
    for (const auto& f : findings) summary += (summary.empty() ? "" : "; ") + f;
  }
  auto result = make_result("dns.dnssec.algorithms", facts.domain, verdict, summary);
  result.details = {{"zone", facts.apex}, {"dnskeys", keys}, {"ds", ds_list}};
  return result;
}

}  // namespace baseline::checks::dns_family
