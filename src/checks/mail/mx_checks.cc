// SPDX-License-Identifier: Apache-2.0
#include "checks/mail/mail_checks.h"
#include "i18n/finding.h"

namespace baseline::checks::mail_family {
using core::Verdict;

namespace {

nlohmann::json host_json(const MailHost& host) {
  nlohmann::json v4 = nlohmann::json::array();
  nlohmann::json v6 = nlohmann::json::array();
  for (const auto& a : host.ipv4) v4.push_back(a.to_string());
  for (const auto& a : host.ipv6) v6.push_back(a.to_string());
  return {{"name", host.name},
          {"preference", host.preference},
          {"ipv4", v4},
          {"ipv6", v6},
          {"dnssec", dns::to_string(host.security)}};
}

// Per-host checks do not apply when the domain receives no mail.
std::optional<core::CheckResult> not_receiving(CheckId id, const MailFacts& facts) {
  if (facts.kind == MxKind::kNull) {
    return make_result(id, facts.domain, Verdict::kNotApplicable,
                       i18n::finding("null MX: the domain accepts no mail"));
  }
  if (facts.kind == MxKind::kNone) {
    return make_result(id, facts.domain, Verdict::kNotApplicable,
                       i18n::finding("no MX and no address: no mail host"));
  }
  return std::nullopt;
}

}  // namespace

core::CheckResult check_mx(const MailFacts& facts) {
  nlohmann::json hosts = nlohmann::json::array();
  for (const auto& h : facts.hosts) hosts.push_back(host_json(h));
  core::CheckResult result;
  switch (facts.kind) {
    case MxKind::kNull:
      result = make_result("mail.mx", facts.domain, Verdict::kInfo,
                           i18n::finding("null MX (RFC 7505): the domain says it accepts no mail"));
      break;
    case MxKind::kNone:
      result =
          make_result("mail.mx", facts.domain, Verdict::kNotApplicable,
                      i18n::finding("no MX record and no address: the domain receives no mail"));
      break;
    case MxKind::kImplicit:
      result = make_result(
          "mail.mx", facts.domain, Verdict::kInfo,
          i18n::finding("no MX record: mail goes to the domain's own address (implicit MX)"));
      break;
    case MxKind::kExplicit: {
      std::string list;
      for (const auto& h : facts.hosts) {
        list += (list.empty() ? "" : ", ") + std::to_string(h.preference) + " " + h.name;
      }
      result = make_result("mail.mx", facts.domain, Verdict::kInfo,
                           i18n::finding("MX: {hosts}", fmt::arg("hosts", list)));
      break;
    }
  }
  result.details = {{"hosts", hosts}};
  if (facts.hosts_truncated) result.details["bound_hit"] = "at most 10 MX hosts are tested";
  return result;
}

std::vector<core::CheckResult> check_mx_ipv6(const MailFacts& facts) {
  if (auto skip = not_receiving("mail.ipv6.address", facts)) return {*skip};
  std::vector<core::CheckResult> results;
  for (const auto& host : facts.hosts) {
    const bool has = !host.ipv6.empty();
    auto r = make_result(
        "mail.ipv6.address", host.name, has ? Verdict::kPass : Verdict::kFail,
        has ? i18n::finding("{host} has {count} IPv6 address(es)", fmt::arg("host", host.name),
                            fmt::arg("count", host.ipv6.size()))
            : i18n::finding("{host} has no AAAA record", fmt::arg("host", host.name)));
    r.details = host_json(host);
    results.push_back(std::move(r));
  }
  return results;
}

std::vector<core::CheckResult> check_mx_dnssec(const MailFacts& facts) {
  if (auto skip = not_receiving("mail.dnssec.mx", facts)) return {*skip};
  std::vector<core::CheckResult> results;
  for (const auto& host : facts.hosts) {
    Verdict verdict = Verdict::kFail;
    std::string summary;
    switch (host.security) {
      case dns::Security::kSecure:
        verdict = Verdict::kPass;
        summary = i18n::finding("{host} resolves DNSSEC-secure", fmt::arg("host", host.name));
        break;
      case dns::Security::kInsecure:
        summary =
            i18n::finding("{host} is not DNSSEC-signed (insecure)", fmt::arg("host", host.name));
        break;
      case dns::Security::kBogus:
        summary = i18n::finding("{host} fails DNSSEC validation: {reason}",
                                fmt::arg("host", host.name), fmt::arg("reason", host.problem));
        break;
      case dns::Security::kIndeterminate:
        verdict = Verdict::kError;
        summary = i18n::finding("could not resolve {host}: {reason}", fmt::arg("host", host.name),
                                fmt::arg("reason", host.problem));
        break;
    }
    auto r = make_result("mail.dnssec.mx", host.name, verdict, summary);
    r.details = host_json(host);
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace baseline::checks::mail_family
