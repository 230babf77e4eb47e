// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "checks/dns/dnssec_checks.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"

namespace baseline::checks::dns_family {
namespace asio = boost::asio;
namespace rr_type = dns::rr_type;
using core::Verdict;

namespace {

// A fixed label keeps runs reproducible; any name that does not exist shows the denial in use.
constexpr const char* kAbsentLabel = "baseline-probe-absent-name";
constexpr int kMaxAcceptableIterations = 100;  // checks.md: warn up to 100, fail above

std::string hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (auto b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out.empty() ? "-" : out;
}

}  // namespace

Verdict judge_nsec3(const DenialParameters& p, std::string& summary) {
  if (!p.uses_nsec3) {
    summary = i18n::finding("the zone uses NSEC");
    return Verdict::kPass;
  }
  const std::string parameters_text =
      p.salt_length == 0
          ? i18n::finding("NSEC3 with {iterations} extra iterations and no salt",
                          fmt::arg("iterations", p.iterations))
          : i18n::finding("NSEC3 with {iterations} extra iterations and {bytes}-byte salt",
                          fmt::arg("iterations", p.iterations), fmt::arg("bytes", p.salt_length));
  const auto parameters = fmt::arg("parameters", parameters_text);
  if (p.iterations > kMaxAcceptableIterations) {
    summary =
        i18n::finding("{parameters}: more than 100 iterations (RFC 9276 asks for 0)", parameters);
    return Verdict::kFail;
  }
  if (p.iterations > 0 || p.salt_length > 0) {
    summary =
        i18n::finding("{parameters}: RFC 9276 asks for 0 iterations and an empty salt", parameters);
    return Verdict::kWarn;
  }
  summary = i18n::finding("{parameters} (RFC 9276)", parameters);
  return Verdict::kPass;
}

asio::awaitable<core::CheckResult> check_dnssec_nsec3(const CheckContext& context,
                                                      const ZoneFacts& facts) {
  if (!facts.has_dnskey()) {
    co_return make_result("dns.dnssec.nsec3", facts.domain, Verdict::kNotApplicable,
                          i18n::finding("the zone is not signed"));
  }
  const std::string probe = std::string(kAbsentLabel) + "." + facts.apex;
  auto denial = co_await context.resolver.lookup(probe, rr_type::kA, {.validate = false});
  auto param =
      co_await context.resolver.lookup(facts.apex, rr_type::kNsec3param, {.validate = false});

  DenialParameters observed;
  bool seen = false;
  std::string source;
  if (denial.ok()) {
    for (const auto& rr : denial->message.authority) {
      if (rr.type == rr_type::kNsec) {
        seen = true;
        source = "denial of existence for " + probe;
      } else if (rr.type == rr_type::kNsec3) {
        auto nsec3 = dns::parse_nsec3(rr);
        if (!nsec3.ok()) continue;
        seen = true;
        source = "denial of existence for " + probe;
        observed.uses_nsec3 = true;
        observed.iterations = std::max<int>(observed.iterations, nsec3->iterations);
        observed.salt_length = std::max(observed.salt_length, nsec3->salt.size());
        observed.opt_out = observed.opt_out || (nsec3->flags & 0x01) != 0;
      }
    }
  }
  nlohmann::json details = {{"zone", facts.apex}};
  if (param.ok()) {
    for (const auto& rr : param->records(rr_type::kNsec3param)) {
      auto p = dns::parse_nsec3param(rr);
      if (!p.ok()) continue;
      details["nsec3param"] = {{"iterations", p->iterations}, {"salt", hex(p->salt)}};
      if (!seen) {  // the zone's own statement, when the denial could not be observed
        seen = true;
        source = "NSEC3PARAM at the apex";
        observed.uses_nsec3 = true;
        observed.iterations = p->iterations;
        observed.salt_length = p->salt.size();
      }
    }
  }
  if (!seen) {
    std::string why =
        denial.ok()
            ? i18n::finding("the answer for {name} ({rcode}) carries no NSEC or NSEC3 record",
                            fmt::arg("name", probe),
                            fmt::arg("rcode", dns::rcode_name(denial->rcode)))
            : denial.error().message;
    auto result =
        make_result("dns.dnssec.nsec3", facts.domain, Verdict::kError,
                    i18n::finding("could not observe the zone's denial of existence: {reason}",
                                  fmt::arg("reason", why)));
    result.details = details;
    co_return result;
  }
  std::string summary;
  Verdict verdict = judge_nsec3(observed, summary);
  details["method"] = observed.uses_nsec3 ? "NSEC3" : "NSEC";
  details["source"] = source;
  if (observed.uses_nsec3) {
    details["iterations"] = observed.iterations;
    details["salt_length"] = observed.salt_length;
    details["opt_out"] = observed.opt_out;
  }
  auto result = make_result("dns.dnssec.nsec3", facts.domain, verdict, summary);
  result.details = details;
  co_return result;
}

}  // namespace baseline::checks::dns_family
