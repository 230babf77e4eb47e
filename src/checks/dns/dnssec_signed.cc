// SPDX-License-Identifier: Apache-2.0
#include "checks/dns/dnssec_checks.h"
#include "dns/rdata.h"
#include "dns/types.h"

namespace baseline::checks::dns_family {
namespace rr_type = dns::rr_type;
using core::Verdict;

namespace {

// An RRSIG over SOA anywhere in the answer (positive) or authority section (NODATA).
bool soa_is_signed(const dns::Answer& soa) {
  if (!soa.signatures(rr_type::kSoa).empty()) return true;
  for (const auto& rr : soa.message.authority) {
    if (rr.type != rr_type::kRrsig) continue;
    if (auto sig = dns::parse_rrsig(rr); sig.ok() && sig->type_covered == rr_type::kSoa) return true;
  }
  return false;
}

}  // namespace

core::CheckResult check_dnssec_signed(const ZoneFacts& facts) {
  const bool keys = facts.has_dnskey();
  const bool keys_signed = !facts.dnskey.signatures(rr_type::kDnskey).empty();
  const bool soa_signed = soa_is_signed(facts.soa);
  Verdict verdict = keys && keys_signed && soa_signed ? Verdict::kPass : Verdict::kFail;
  std::string summary;
  if (verdict == Verdict::kPass) {
    summary = "zone " + facts.apex + " is signed (DNSKEY present, answers carry RRSIG)";
  } else if (!keys) {
    summary = "zone " + facts.apex + " is not signed: no DNSKEY record";
  } else if (!keys_signed) {
    summary = "zone " + facts.apex + " publishes DNSKEY but no RRSIG over it";
  } else {
    summary = "zone " + facts.apex + " publishes DNSKEY but its SOA answer carries no RRSIG";
  }
  auto result = make_result("dns.dnssec.signed", facts.domain, verdict, summary);
  result.details = {{"zone", facts.apex},
                    {"dnskey", keys},
                    {"dnskey_signed", keys_signed},
                    {"soa_signed", soa_signed}};
  if (!facts.cname_chain.empty()) result.details["cname_chain"] = facts.cname_chain;
  return result;
}

core::CheckResult check_dnssec_valid(const ZoneFacts& facts) {
  const auto& answer = facts.validated_soa;
  Verdict verdict = Verdict::kError;
  std::string summary;
  switch (answer.security) {
    case dns::Security::kSecure:
      verdict = Verdict::kPass;
      summary = "secure: the chain of trust from the root validates";
      break;
    case dns::Security::kInsecure:
      verdict = Verdict::kFail;
      summary = facts.has_dnskey()
                    ? "insecure: the zone is signed but there is no chain of trust to it "
                      "(no DS record at the parent)"
                    : "insecure: the zone is not signed";
      break;
    case dns::Security::kBogus:
      verdict = Verdict::kFail;
      summary = "bogus: validation fails: " + answer.why_bogus;
      break;
    case dns::Security::kIndeterminate:
      verdict = Verdict::kError;
      summary = "the resolver gave no validation result (" + dns::rcode_name(answer.rcode) + ")";
      break;
  }
  auto result = make_result("dns.dnssec.valid", facts.domain, verdict, summary);
  result.details = {{"state", dns::to_string(answer.security)},
                    {"rcode", dns::rcode_name(answer.rcode)}};
  if (!answer.why_bogus.empty()) result.details["reason"] = answer.why_bogus;
  return result;
}

}  // namespace baseline::checks::dns_family
