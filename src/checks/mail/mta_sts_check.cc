// SPDX-License-Identifier: Apache-2.0
// mail.mta_sts (checks.md, RFC 8461): the _mta-sts TXT record, the policy fetched over verified
// HTTPS, its mode and max_age, and whether it covers every MX host. Each problem is a finding with
// its own verdict; the check's verdict is the worst of them:
//   info  no MTA-STS record (the domain does not use MTA-STS)
//   fail  several records or an invalid one, no policy (unreachable, certificate not valid for
//         mta-sts.DOMAIN, not HTTP 200, oversized, invalid), mode none, an MX host no mx pattern
//         covers (senders would refuse to deliver to it in enforce mode), and under mode enforce
//         an MX host that on some address offers no STARTTLS, fails the TLS after STARTTLS, or
//         presents a certificate that is not PKIX-valid for its name (RFC 8461 §4.2, §5.1:
//         enforcing senders refuse to deliver to it)
//   warn  mode testing (failures are only reported) and each such MX finding under testing,
//         max_age under one day (checks.md asks for
//         at least 86400; the policy still protects, but a sender forgets it soon after each fetch,
//         so the window for a downgrade is wide), a Content-Type other than text/plain
//   error the check could not run: the TXT lookup or the policy host's lookup failed, the address
//         guard refused the policy host, the MX set is unknown, or an address of a covered MX host
//         could not be judged (unreachable, refused us, timed out)
// The MX hosts' STARTTLS and certificates are the facts the SMTP checks gathered (no connection
// of its own).
#include <algorithm>

#include "checks/mail/mail_checks.h"
#include "checks/mail/mta_sts_fetch.h"
#include "dns/types.h"
#include "i18n/finding.h"
#include "mail/mta_sts/mx_pattern.h"
#include "mail/mta_sts/sts_policy.h"
#include "mail/mta_sts/sts_record.h"
#include "mail/tag_list.h"
#include "tls/handshake.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;
namespace sts = mail::mta_sts;
using core::Verdict;

namespace {

constexpr std::uint32_t kMinMaxAge = 86400;  // checks.md: at least one day

struct Findings {
  nlohmann::json list = nlohmann::json::array();
  std::vector<std::string> reasons;
  Verdict verdict = Verdict::kPass;

  void add(Verdict v, std::string reason) {
    list.push_back({{"verdict", core::to_string(v)}, {"reason", reason}});
    reasons.push_back(std::move(reason));
    verdict = core::worst(verdict, v);
  }
};

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

// "text/plain; charset=utf-8" -> "text/plain"
std::string media_type(const std::string& content_type) {
  return mail::lowercase(mail::trim(content_type.substr(0, content_type.find(';'))));
}

// The response as a policy: status, type and size first, then the §3.2 syntax.
std::optional<sts::Policy> judge_response(const http::Response& response, Findings& findings,
                                          nlohmann::json& details) {
  details["http_status"] = response.status;
  if (response.status >= 300 && response.status <= 399) {
    findings.add(Verdict::kFail,
                 i18n::finding("the policy URL redirects (HTTP {status}); senders do not "
                               "follow redirects (RFC 8461 §3.3)",
                               fmt::arg("status", response.status)));
    return std::nullopt;
  }
  if (response.status != 200) {
    findings.add(Verdict::kFail, i18n::finding("the policy URL answers HTTP {status}",
                                               fmt::arg("status", response.status)));
    return std::nullopt;
  }
  const auto content_type = response.header("content-type");
  details["content_type"] = content_type ? nlohmann::json(*content_type) : nlohmann::json(nullptr);
  if (!content_type || media_type(*content_type) != "text/plain") {
    findings.add(
        Verdict::kWarn,
        content_type
            ? i18n::finding("the policy is served as {type}, not text/plain (RFC 8461 §3.2)",
                            fmt::arg("type", *content_type))
            : i18n::finding("the policy is served as no Content-Type, not text/plain "
                            "(RFC 8461 §3.2)"));
  }
  if (response.body_truncated) {
    findings.add(
        Verdict::kFail,
        i18n::finding(
            "the policy body is cut off: larger than 64 KiB, or the connection ended early"));
    return std::nullopt;
  }
  auto policy = sts::parse_policy(response.body);
  if (!policy) {
    findings.add(Verdict::kFail, i18n::finding("invalid policy: {reason}",
                                               fmt::arg("reason", policy.error().message)));
    return std::nullopt;
  }
  return std::move(policy.value());
}

void judge_policy(const sts::Policy& policy, Findings& findings, nlohmann::json& details) {
  details["mode"] = sts::to_string(policy.mode);
  details["max_age"] = policy.max_age;
  details["mx_patterns"] = policy.mx;
  if (!policy.ignored.empty()) details["ignored_keys"] = policy.ignored;
  if (!policy.notes.empty()) details["notes"] = policy.notes;
  if (policy.mode == sts::Mode::kNone) {
    findings.add(Verdict::kFail,
                 i18n::finding("mode none: the domain withdraws its MTA-STS policy"));
  } else if (policy.mode == sts::Mode::kTesting) {
    findings.add(
        Verdict::kWarn,
        i18n::finding("mode testing: senders report failures but still deliver without TLS"));
  }
  if (policy.max_age < kMinMaxAge) {
    findings.add(Verdict::kWarn, i18n::finding("max_age {seconds} s is under one day (86400 s)",
                                               fmt::arg("seconds", policy.max_age)));
  }
}

// Every MX host must match one of the policy's patterns (RFC 8461 §4.1).
void judge_mx(const sts::Policy& policy, const MailFacts* facts, Findings& findings,
              nlohmann::json& details) {
  if (policy.mode == sts::Mode::kNone) return;  // no patterns are needed, nothing is enforced
  if (facts == nullptr) {
    findings.add(
        Verdict::kError,
        i18n::finding(
            "the MX set is unknown (its lookup failed), so the mx patterns cannot be judged"));
    return;
  }
  if (facts->kind == MxKind::kNull || facts->kind == MxKind::kNone) {
    details["mx_hosts"] = nlohmann::json::array();
    return;  // no mail host to cover
  }
  nlohmann::json hosts = nlohmann::json::array();
  std::vector<std::string> uncovered;
  for (const auto& host : facts->hosts) {
    auto pattern = std::find_if(policy.mx.begin(), policy.mx.end(), [&](const std::string& p) {
      return sts::mx_matches(p, host.name);
    });
    const bool covered = pattern != policy.mx.end();
    hosts.push_back({{"host", host.name},
                     {"matched_by", covered ? nlohmann::json(*pattern) : nlohmann::json(nullptr)}});
    if (!covered) uncovered.push_back(host.name);
  }
  details["mx_hosts"] = hosts;
  if (facts->hosts_truncated) details["mx_hosts_truncated"] = true;
  if (!uncovered.empty()) {
    findings.add(Verdict::kFail,
                 i18n::finding("MX host(s) {hosts} match no mx pattern of the policy",
                               fmt::arg("hosts", join(uncovered, ", "))));
  }
}

// What an enforcing sender finds at one address of a covered MX host: nullopt when it delivers;
// otherwise whether it is the server's doing (`fail`) or ours (`error`: could not find out).
std::optional<std::pair<Verdict, std::string>> mx_tls_problem(const MxServers& mx,
                                                              const MailServerFacts& s) {
  using mail::smtp::Dialogue;
  if (s.refused)
    return std::pair{Verdict::kError,
                     i18n::finding("not tested: {reply}", fmt::arg("reply", *s.refused))};
  if (!s.reached)
    return std::pair{Verdict::kError, i18n::finding("cannot connect to TCP 25: {reason}",
                                                    fmt::arg("reason", s.reach_error))};
  if (s.dialogue && s.dialogue->end == Dialogue::End::kNoStartTls) {
    return std::pair{Verdict::kFail, i18n::finding("offers no STARTTLS")};
  }
  if (s.tls_failure)
    return std::pair{Verdict::kFail, i18n::finding("the TLS after STARTTLS fails ({reason})",
                                                   fmt::arg("reason", *s.tls_failure))};
  if (!s.handshake || !s.handshake->ok()) {
    std::string why =
        s.dialogue ? s.dialogue->describe() : i18n::finding("no usable SMTP dialogue");
    if (s.enumeration && !s.enumeration->ok()) why = s.enumeration->error().message;
    if (s.handshake && !s.handshake->ok()) why = s.handshake->error().message;
    return std::pair{Verdict::kError,
                     i18n::finding("could not be tested: {reason}", fmt::arg("reason", why))};
  }
  const auto& f = s.handshake->value();
  if (f.chain.empty()) return std::pair{Verdict::kFail, i18n::finding("presents no certificate")};
  if (!f.trusted) {
    return std::pair{Verdict::kFail,
                     i18n::finding("presents a certificate that is not PKIX-valid ({reason})",
                                   fmt::arg("reason", f.trust_error))};
  }
  if (!tls::certificate_matches(f.chain.front().der, mx.host)) {
    return std::pair{
        Verdict::kFail,
        i18n::finding("presents a certificate that is not valid for {host} (subject {subject})",
                      fmt::arg("host", mx.host), fmt::arg("subject", f.chain.front().subject))};
  }
  return std::nullopt;
}

// Every covered MX host must offer STARTTLS on every address with a certificate PKIX-valid for
// its name (RFC 8461 §4.2, §5.1). Under testing, senders only report: warn.
void judge_mx_tls(const sts::Policy& policy, const std::vector<MxServers>* servers,
                  Findings& findings, nlohmann::json& details) {
  if (policy.mode == sts::Mode::kNone || servers == nullptr) return;
  const bool enforce = policy.mode == sts::Mode::kEnforce;
  nlohmann::json checked = nlohmann::json::array();
  for (const auto& mx : *servers) {
    const bool covered = std::any_of(policy.mx.begin(), policy.mx.end(), [&](const std::string& p) {
      return sts::mx_matches(p, mx.host);
    });
    if (!covered) continue;  // already a finding of its own
    for (const auto& s : mx.servers) {
      auto problem = mx_tls_problem(mx, *s);
      checked.push_back(
          {{"host", mx.host},
           {"target", s->target()},
           {"problem", problem ? nlohmann::json(problem->second) : nlohmann::json(nullptr)}});
      if (!problem) continue;
      if (problem->first == Verdict::kError) {
        findings.add(
            Verdict::kError,
            i18n::finding("MX host {host} at {target} {problem}", fmt::arg("host", mx.host),
                          fmt::arg("target", s->target()), fmt::arg("problem", problem->second)));
      } else if (enforce) {
        findings.add(
            Verdict::kFail,
            i18n::finding(
                "MX host {host} at {target} {problem}: senders enforcing the policy refuse "
                "to deliver to it",
                fmt::arg("host", mx.host), fmt::arg("target", s->target()),
                fmt::arg("problem", problem->second)));
      } else {
        findings.add(
            Verdict::kWarn,
            i18n::finding("MX host {host} at {target} {problem}: under mode enforce, senders would "
                          "refuse to deliver to it",
                          fmt::arg("host", mx.host), fmt::arg("target", s->target()),
                          fmt::arg("problem", problem->second)));
      }
    }
  }
  details["mx_tls"] = checked;
}

}  // namespace

asio::awaitable<core::CheckResult> check_mta_sts(const CheckContext& context,
                                                 const MailFacts* facts,
                                                 const std::vector<MxServers>* servers) {
  const std::string domain = context.domain.ascii();
  const std::string name = "_mta-sts." + domain;
  auto txt = co_await context.resolver.lookup(name, dns::rr_type::kTxt, {.validate = false});
  if (!txt.ok())
    co_return make_result("mail.mta_sts", domain, Verdict::kError,
                          i18n::finding("lookup of {name} failed: {reason}", fmt::arg("name", name),
                                        fmt::arg("reason", txt.error().message)));
  std::vector<std::string> records;
  for (const auto& joined : txt->txt_strings()) {
    if (sts::is_sts_record(joined)) records.push_back(joined);
  }
  if (records.empty())
    co_return make_result("mail.mta_sts", domain, Verdict::kInfo,
                          i18n::finding("no MTA-STS record at {name}", fmt::arg("name", name)));

  Findings findings;
  nlohmann::json details = {{"records", records}};
  if (records.size() > 1) {
    findings.add(
        Verdict::kFail,
        i18n::finding("{count} MTA-STS records at {name}: with more than one, senders ignore "
                      "MTA-STS (RFC 8461 §3.1)",
                      fmt::arg("count", records.size()), fmt::arg("name", name)));
  }
  auto record = sts::parse_txt_record(records.front());
  if (record) {
    details["id"] = record->id;
  } else {
    findings.add(Verdict::kFail, i18n::finding("invalid MTA-STS record: {reason}",
                                               fmt::arg("reason", record.error().message)));
  }

  // The policy is judged even when the record is wrong: the operator wants every finding at once.
  std::optional<std::uint32_t> max_age;  // of the policy, once it parses
  auto fetch = co_await fetch_mta_sts_policy(context);
  details["policy_url"] = fetch.url;
  if (!fetch.attempts.empty()) details["policy_attempts"] = fetch.attempts;
  if (fetch.failure) {
    findings.add(*fetch.failure,
                 i18n::finding("no policy from {url}: {reason}", fmt::arg("url", fetch.url),
                               fmt::arg("reason", join(fetch.attempts, "; "))));
  } else {
    details["policy_address"] = fetch.address;
    auto policy = judge_response(*fetch.response, findings, details);
    if (policy) {
      max_age = policy->max_age;
      judge_policy(*policy, findings, details);
      judge_mx(*policy, facts, findings, details);
      judge_mx_tls(*policy, servers, findings, details);
    }
  }
  details["findings"] = findings.list;
  std::string summary;
  if (findings.verdict == Verdict::kPass && max_age) {
    const std::size_t hosts = facts ? facts->hosts.size() : 0;
    summary = i18n::finding(
        "MTA-STS policy in mode enforce covers all {count} MX host(s), each with STARTTLS and a "
        "valid "
        "certificate, max_age {seconds} s",
        fmt::arg("count", hosts), fmt::arg("seconds", *max_age));
  } else {
    summary = join(findings.reasons, "; ");
  }
  auto result = make_result("mail.mta_sts", domain, findings.verdict, std::move(summary));
  result.details = std::move(details);
  co_return result;
}

}  // namespace baseline::checks::mail_family
