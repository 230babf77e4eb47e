// SPDX-License-Identifier: Apache-2.0
#include "checks/dns/caa_check.h"

#include "checks/dns/caa_syntax.h"
#include "core/limits.h"
#include "dns/types.h"
#include "i18n/finding.h"

namespace baseline::checks::dns_family {
namespace asio = boost::asio;
using core::Verdict;

asio::awaitable<core::CheckResult> check_caa(const CheckContext& context, const ZoneFacts& facts) {
  // RFC 8659 §3: the relevant RRset is that of the closest name, climbing from the domain.
  auto name = core::DomainName::from_dns(facts.canonical);
  if (!name.ok()) {
    co_return make_result("dns.caa", facts.domain, Verdict::kError, name.error().message);
  }
  core::DomainName current = *name;
  for (int climbed = 0; !current.is_root() && climbed < core::kMaxCaaClimb; ++climbed) {
    auto answer =
        co_await context.resolver.lookup(current.ascii(), dns::rr_type::kCaa, {.validate = false});
    if (!answer.ok() ||
        (answer->rcode != dns::rcode::kNoError && answer->rcode != dns::rcode::kNxDomain)) {
      std::string why = answer.ok() ? dns::rcode_name(answer->rcode) : answer.error().message;
      co_return make_result(
          "dns.caa", facts.domain, Verdict::kError,
          i18n::finding("CAA lookup for {name} failed: {reason}", fmt::arg("name", current.ascii()),
                        fmt::arg("reason", why)));
    }
    auto records = answer->records(dns::rr_type::kCaa);
    if (records.empty()) {
      current = current.parent();
      continue;
    }
    bool has_issue = false;
    std::vector<std::string> problems;
    nlohmann::json listed = nlohmann::json::array();
    for (const auto& rr : records) {
      auto caa = dns::parse_caa(rr);
      if (!caa.ok()) {
        problems.push_back(i18n::finding("malformed CAA record: {reason}",
                                         fmt::arg("reason", caa.error().message)));
        continue;
      }
      listed.push_back({{"flags", caa->flags}, {"tag", caa->tag}, {"value", caa->value}});
      auto found = caa_record_problems(*caa);
      problems.insert(problems.end(), found.begin(), found.end());
      if (found.empty() && ascii_lower(caa->tag) == "issue") has_issue = true;
    }
    if (!has_issue) {
      problems.push_back(i18n::finding("no valid 'issue' property: any CA may issue certificates"));
    }
    std::string summary;
    for (const auto& p : problems) summary += (summary.empty() ? "" : "; ") + p;
    const Verdict verdict = problems.empty() ? Verdict::kPass : Verdict::kWarn;
    if (verdict == Verdict::kPass) {
      summary = i18n::finding("{count} CAA records at {name} restrict issuance",
                              fmt::arg("count", records.size()), fmt::arg("name", current.ascii()));
    }
    auto result = make_result("dns.caa", facts.domain, verdict, summary);
    result.details = {{"found_at", current.ascii()}, {"records", listed}};
    co_return result;
  }
  auto result = make_result("dns.caa", facts.domain, Verdict::kWarn,
                            i18n::finding("no CAA record: any certificate authority may issue "
                                          "certificates"));
  result.details = {{"found_at", nullptr}};
  co_return result;
}

}  // namespace baseline::checks::dns_family
