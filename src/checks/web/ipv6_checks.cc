// SPDX-License-Identifier: Apache-2.0
// web.ipv6.address, web.ipv6.reach, web.ipv6.same_site (per host).
#include <map>
#include <sstream>

#include "checks/context.h"
#include "checks/web/web_checks.h"
#include "i18n/finding.h"

namespace baseline::checks::web_family {
using core::Verdict;

namespace {

constexpr std::size_t kCompareBytes = 500 * 1024;
constexpr double kSameSite = 0.9;

bool nonce_like(std::string_view token) {
  if (token.size() < 16) return false;
  int digits = 0;
  for (char c : token) digits += (c >= '0' && c <= '9');
  return digits > 0;
}

std::map<std::string, int> tokens(std::string_view body) {
  body = body.substr(0, std::min(body.size(), kCompareBytes));
  std::map<std::string, int> out;
  std::size_t i = 0;
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '+' || c == '/' || c == '=';
  };
  while (i < body.size()) {
    while (i < body.size() && !word(body[i])) ++i;
    const std::size_t start = i;
    while (i < body.size() && word(body[i])) ++i;
    if (i > start) {
      auto t = body.substr(start, i - start);
      if (!nonce_like(t)) ++out[std::string(t)];
    }
  }
  return out;
}

}  // namespace

double body_similarity(std::string_view a, std::string_view b) {
  const auto ta = tokens(a), tb = tokens(b);
  long total = 0, common = 0;
  for (const auto& [t, n] : ta) total += n;
  for (const auto& [t, n] : tb) {
    total += n;
    if (auto f = ta.find(t); f != ta.end()) common += std::min(n, f->second);
  }
  if (total == 0) return 1.0;
  return 2.0 * static_cast<double>(common) / static_cast<double>(total);
}

std::vector<core::CheckResult> check_ipv6(const WebFacts& facts) {
  std::vector<core::CheckResult> out;
  for (const auto& host : facts.hosts) {
    if (host.ipv4.empty() && host.ipv6.empty()) continue;
    auto addr = make_result(
        "web.ipv6.address", host.name, host.ipv6.empty() ? Verdict::kFail : Verdict::kPass,
        host.ipv6.empty() ? i18n::finding("{host} has no AAAA", fmt::arg("host", host.name))
                          : i18n::finding("{host} has {count} AAAA", fmt::arg("host", host.name),
                                          fmt::arg("count", host.ipv6.size())));
    if (host.truncated) addr.details["bound_hit"] = "addresses per host";
    out.push_back(std::move(addr));
    if (host.ipv6.empty()) {
      out.push_back(make_result("web.ipv6.reach", host.name, Verdict::kNotApplicable, i18n::finding("no AAAA")));
      out.push_back(
          make_result("web.ipv6.same_site", host.name, Verdict::kNotApplicable, i18n::finding("no AAAA")));
      continue;
    }
    bool v4_443 = false, v4_80 = false;
    const AddressFacts* v4_site = nullptr;
    for (const auto& a : host.addresses) {
      if (!a.address.is_v4() || a.refused) continue;
      v4_443 |= a.reach443;
      v4_80 |= a.reach80;
      if (!v4_site && a.reach443 && a.root.final) v4_site = &a;
    }
    std::vector<std::string> failures;
    bool refused = false;
    for (const auto& a : host.addresses) {
      if (!a.address.is_v6()) continue;
      if (a.refused) {
        refused = true;
        continue;
      }
      if ((v4_443 || host.ipv4.empty()) && !a.reach443) failures.push_back(a.target(443));
      if (v4_80 && !a.reach80) failures.push_back(a.target(80));
    }
    std::string list;
    for (const auto& f : failures) list += (list.empty() ? "" : ", ") + f;
    if (refused && failures.empty()) {
      out.push_back(
          make_result("web.ipv6.reach", host.name, Verdict::kError, i18n::finding("address not public")));
    } else {
      out.push_back(failures.empty() ? make_result("web.ipv6.reach", host.name, Verdict::kPass,
                                                   i18n::finding("every IPv6 address accepts what IPv4 accepts"))
                                     : make_result("web.ipv6.reach", host.name, Verdict::kFail,
                                                   i18n::finding("no TCP answer on {addresses}",
                                                                 fmt::arg("addresses", list))));
    }
    // Same site: the IPv4 page against every reachable IPv6 address's page.
    std::vector<const AddressFacts*> v6_sites;
    for (const auto& a : host.addresses) {
      if (a.address.is_v6() && !a.refused && a.reach443 && a.root.final) v6_sites.push_back(&a);
    }
    if (v6_sites.empty() || !v4_site) {
      out.push_back(make_result("web.ipv6.same_site", host.name, Verdict::kNotApplicable,
                                v4_site ? i18n::finding("no IPv6 address answers HTTPS (see web.ipv6.reach)")
                                        : i18n::finding("no IPv4 address answers HTTPS to compare with")));
      continue;
    }
    const auto& r4 = *v4_site->root.final;
    if (!r4) {
      out.push_back(make_result("web.ipv6.same_site", host.name, Verdict::kError,
                                i18n::finding("over IPv4: {reason}", fmt::arg("reason", r4.error().message))));
      continue;
    }
    std::optional<core::CheckResult> verdict;
    for (const auto* a : v6_sites) {
      const auto& r6 = *a->root.final;
      if (!r6) {
        verdict = make_result("web.ipv6.same_site", host.name, Verdict::kError,
                              i18n::finding("over IPv6 ({target}): {reason}", fmt::arg("target", a->target(443)),
                                            fmt::arg("reason", r6.error().message)));
        break;
      }
      const double similarity = body_similarity(r4->body, r6->body);
      if (r4->status != r6->status || similarity < kSameSite) {
        verdict = make_result(
            "web.ipv6.same_site", host.name, Verdict::kWarn,
            i18n::finding("IPv4 {target4} answers {status4}, IPv6 {target6} answers {status6}",
                          fmt::arg("target4", v4_site->target(443)), fmt::arg("status4", r4->status),
                          fmt::arg("target6", a->target(443)), fmt::arg("status6", r6->status)) +
                "; " +
                i18n::finding("content {percent} % alike",
                              fmt::arg("percent", static_cast<int>(similarity * 100))));
      }
    }
    if (!verdict) {
      verdict = make_result("web.ipv6.same_site", host.name, Verdict::kPass,
                            i18n::finding("the same status and content over IPv4 and IPv6"));
    }
    out.push_back(std::move(*verdict));
  }
  return out;
}

}  // namespace baseline::checks::web_family
