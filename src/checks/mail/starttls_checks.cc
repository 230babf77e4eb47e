// SPDX-License-Identifier: Apache-2.0
// mail.starttls and mail.ipv6.reach, from the first SMTP dialogue with each MX address.
#include "checks/context.h"
#include "checks/mail/smtp_checks.h"
#include "i18n/finding.h"

namespace baseline::checks::mail_family {
using core::Verdict;
using mail::smtp::Dialogue;

namespace {

core::CheckResult with_host(core::CheckResult r, const std::string& host) {
  r.details["host"] = host;
  return r;
}

nlohmann::json dialogue_details(const Dialogue& d) {
  nlohmann::json out = nlohmann::json::object();
  if (d.banner) out["banner"] = d.banner->text();
  if (d.ehlo) out["ehlo"] = d.ehlo->lines;
  if (d.starttls) out["starttls"] = d.starttls->text();
  if (d.bytes_before_tls > 0) out["bytes_before_tls"] = d.bytes_before_tls;
  return out;
}

}  // namespace

std::vector<core::CheckResult> check_starttls(const std::vector<MxServers>& mxs) {
  std::vector<core::CheckResult> out;
  for (const auto& mx : mxs) {
    for (const auto& s : mx.servers) {
      const auto t = s->target();
      core::CheckResult r;
      if (s->refused) {
        r = make_result("mail.starttls", t, Verdict::kError, *s->refused);
      } else if (!s->reached) {
        r = make_result("mail.starttls", t, Verdict::kError,
                        i18n::finding("cannot connect to TCP 25: {reason}",
                                      fmt::arg("reason", s->reach_error)));
      } else if (!s->dialogue) {
        // Every attempt broke before a reply we could judge (silence, garbage, a closed line).
        const std::string why = s->enumeration && !s->enumeration->ok()
                                    ? s->enumeration->error().message
                                    : i18n::finding("no usable SMTP dialogue");
        r = make_result("mail.starttls", t, Verdict::kError, why);
      } else {
        const auto& d = *s->dialogue;
        switch (d.end) {
          case Dialogue::End::kReadyForTls:
          case Dialogue::End::kOffered:
            r = make_result("mail.starttls", t, Verdict::kPass,
                            i18n::finding("STARTTLS offered and accepted"));
            break;
          case Dialogue::End::kNoStartTls:
            r = make_result("mail.starttls", t, Verdict::kFail, d.describe());
            break;
          case Dialogue::End::kRefused:
          case Dialogue::End::kBroken:
            // A refusal of us is not a missing STARTTLS: say what the server answered.
            r = make_result("mail.starttls", t, Verdict::kError, d.describe());
            break;
        }
        r.details["smtp"] = dialogue_details(d);
      }
      // Typed for readers of stored results (the batch API's "unreachable"), so that none has to
      // read the summary: whether any connection to the address was made.
      if (!s->refused) r.details["reached"] = s->reached;
      r.details["connections"] = s->connections;
      r.details["server_connections"] = s->server_connections;
      if (!s->refusals.empty()) {
        r.details["temporary_refusals"] = s->temporary_refusals();
        r.details["refusals"] = s->refusals;
      }
      out.push_back(with_host(std::move(r), mx.host));
    }
  }
  return out;
}

std::vector<core::CheckResult> check_ipv6_reach(const std::vector<MxServers>& mxs) {
  std::vector<core::CheckResult> out;
  for (const auto& mx : mxs) {
    for (const auto& s : mx.servers) {
      if (!s->address.is_v6()) continue;
      const auto t = s->target();
      if (s->refused) {
        out.push_back(
            with_host(make_result("mail.ipv6.reach", t, Verdict::kError, *s->refused), mx.host));
      } else if (s->reached) {
        out.push_back(with_host(make_result("mail.ipv6.reach", t, Verdict::kPass,
                                            i18n::finding("TCP 25 accepts connections over IPv6")),
                                mx.host));
      } else {
        out.push_back(with_host(make_result("mail.ipv6.reach", t, Verdict::kFail,
                                            i18n::finding("TCP 25 over IPv6: {reason}",
                                                          fmt::arg("reason", s->reach_error))),
                                mx.host));
      }
    }
  }
  return out;
}

}  // namespace baseline::checks::mail_family
