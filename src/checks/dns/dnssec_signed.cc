// SPDX-License-Identifier: Apache-2.0
#include "checks/dns/dnssec_checks.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"

namespace baseline::checks::dns_family {
namespace rr_type = dns::rr_type;
using core::Verdict;

namespace {

// An RRSIG over SOA anywhere in the answer (positive) or authority section (NODATA).
bool soa_is_signed(const dns::Answer& soa) {
  if (!soa.signatures(rr_type::kSoa).empty()) return true;
  for (const auto& rr : soa.message.authority) {
    if (rr.type != rr_type::kRrsig) continue;
    if (auto sig = dns::parse_rrsig(rr); sig.ok() && sig->type_covered == rr_type::kSoa)
      return true;
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
    summary = i18n::finding("zone {zone} is signed (DNSKEY present, answers carry RRSIG)",
                            fmt::arg("zone", facts.apex));
  } else if (!keys) {
    summary =
        i18n::finding("zone {zone} is not signed: no DNSKEY record", fmt::arg("zone", facts.apex));
  } else if (!keys_signed) {
    summary = i18n::finding("zone {zone} publishes DNSKEY but no RRSIG over it",
                            fmt::arg("zone", facts.apex));
  } else {
    summary = i18n::finding("zone {zone} publishes DNSKEY but its SOA answer carries no RRSIG",
                            fmt::arg("zone", facts.apex));
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
      summary = i18n::finding("secure: the chain of trust from the root validates");
      break;
    case dns::Security::kInsecure:
      verdict = Verdict::kFail;
      summary = facts.has_dnskey()
                    ? i18n::finding(
                          "insecure: the zone is signed but there is no chain of trust "
                          "to it (no DS record at the parent)")
                    : i18n::finding("insecure: the zone is not signed");
      break;
    case dns::Security::kBogus:
      verdict = Verdict::kFail;
      // The validator's own message is quoted as it is.
      summary = i18n::finding("bogus: validation fails: {validator}",
                              fmt::arg("validator", answer.why_bogus));
      break;
    case dns::Security::kIndeterminate:
      verdict = Verdict::kError;
      summary = i18n::finding("the resolver gave no validation result ({rcode})",
                              fmt::arg("rcode", dns::rcode_name(answer.rcode)));
      break;
  }
  auto result = make_result("dns.dnssec.valid", facts.domain, verdict, summary);
  result.details = {{"state", dns::to_string(answer.security)},
                    {"rcode", dns::rcode_name(answer.rcode)}};
  if (!answer.why_bogus.empty()) result.details["reason"] = answer.why_bogus;
  return result;
}

}  // namespace baseline::checks::dns_family
