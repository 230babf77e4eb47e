// SPDX-License-Identifier: Apache-2.0
// web.https.available, web.https.redirect, web.hsts, web.headers.*, web.security_txt.
#include <ctime>

#include "checks/context.h"
#include "checks/registry.h"
#include "checks/web/headers/header_check.h"
#include "checks/web/web_checks.h"
#include "http/headers.h"
#include "http/security_txt.h"
#include "i18n/finding.h"

namespace baseline::checks::web_family {
using core::Verdict;

namespace {

constexpr std::uint64_t kHstsMinimum = 31536000;
// What web.security_txt keeps in `details` of the file's Contact and Preferred-Languages values
// (src/notices/ reads them): a hostile file of 10,000 contacts or 1 MB lines stores a bounded
// record, and `contacts_total` and `bytes` say how much there was.
constexpr std::size_t kMaxStoredContacts = 16;
constexpr std::size_t kMaxStoredContactLength = 512;
constexpr std::size_t kMaxStoredLanguages = 16;
constexpr std::size_t kMaxStoredLanguageLength = 35;

nlohmann::json bounded(const std::vector<std::string>& values, std::size_t count,
                       std::size_t length) {
  auto out = nlohmann::json::array();
  for (const auto& v : values) {
    if (out.size() == count) break;
    if (v.size() <= length) {
      out.push_back(v);
      continue;
    }
    std::size_t cut = length;  // not inside a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
    out.push_back(v.substr(0, cut) + "…");
  }
  return out;
}

void available(const AddressFacts& a, std::vector<core::CheckResult>& out) {
  const auto t = a.target(443);
  if (a.refused) {
    out.push_back(make_result("web.https.available", t, Verdict::kError, *a.refused));
  } else if (!a.reach443) {
    out.push_back(
        make_result("web.https.available", t, Verdict::kFail,
                    i18n::finding("TCP port 443: {reason}", fmt::arg("reason", a.reach443_error))));
  } else if (a.handshake && !*a.handshake) {
    out.push_back(make_result("web.https.available", t, Verdict::kFail,
                              i18n::finding("TLS handshake failed: {reason}",
                                            fmt::arg("reason", a.handshake->error().message))));
  } else {
    out.push_back(
        make_result("web.https.available", t, Verdict::kPass, i18n::finding("HTTPS answers")));
  }
}

void redirect(const HostFacts& host, const AddressFacts& a, std::vector<core::CheckResult>& out) {
  const auto t = a.target(80);
  const auto& c = a.redirect;
  core::CheckResult r;
  if (a.refused) {
    r = make_result("web.https.redirect", t, Verdict::kError, *a.refused);
  } else if (!c.listener) {
    r = make_result("web.https.redirect", t, Verdict::kPass, i18n::finding("no HTTP listener"));
  } else if (c.statuses.empty()) {
    r = make_result("web.https.redirect", t, Verdict::kError,
                    c.error.value_or(i18n::finding("no HTTP response")));
  } else if (c.statuses.front() < 300 || c.statuses.front() > 399) {
    r = make_result(
        "web.https.redirect", t, Verdict::kFail,
        i18n::finding("http://{host}/ answers {status} instead of redirecting to https://",
                      fmt::arg("host", host.name), fmt::arg("status", c.statuses.front())));
  } else if (c.hops.size() < 2) {
    r = make_result("web.https.redirect", t, Verdict::kError,
                    c.error.value_or(i18n::finding("redirect without target")));
  } else {
    auto first = http::parse_url(c.hops[1]);
    if (!first || first->scheme != "https" || first->host != host.name) {
      r = make_result("web.https.redirect", t, Verdict::kFail,
                      i18n::finding("the first redirect goes to {url}, not to https://{host}/",
                                    fmt::arg("url", c.hops[1]), fmt::arg("host", host.name)));
    } else {
      std::optional<std::string> downgrade;
      for (std::size_t i = 2; i < c.hops.size(); ++i) {
        if (c.hops[i].rfind("http://", 0) == 0) downgrade = c.hops[i];
      }
      if (downgrade) {
        r = make_result(
            "web.https.redirect", t, Verdict::kFail,
            i18n::finding("a later redirect downgrades to {url}", fmt::arg("url", *downgrade)));
      } else if (c.error) {
        r = make_result("web.https.redirect", t, Verdict::kError, *c.error);
      } else {
        r = make_result("web.https.redirect", t, Verdict::kPass,
                        i18n::finding("redirects to {url}", fmt::arg("url", c.hops[1])));
      }
    }
  }
  r.details["chain"] = c.hops;
  out.push_back(std::move(r));
}

void hsts(const AddressFacts& a, std::vector<core::CheckResult>& out) {
  const auto t = a.target(443);
  const auto& first = *a.root.first;
  if (!first) {
    out.push_back(make_result("web.hsts", t, Verdict::kError, first.error().message));
    return;
  }
  auto values = first->all("strict-transport-security");
  if (values.empty()) {
    out.push_back(make_result("web.hsts", t, Verdict::kFail,
                              i18n::finding("no Strict-Transport-Security header")));
    return;
  }
  auto parsed = http::parse_hsts(values.front());
  core::CheckResult r;
  if (!parsed.valid) {
    r = make_result("web.hsts", t, Verdict::kFail,
                    i18n::finding("Strict-Transport-Security unparsable: {reason}",
                                  fmt::arg("reason", parsed.error)));
  } else if (*parsed.max_age < kHstsMinimum) {
    r = make_result("web.hsts", t, Verdict::kFail,
                    i18n::finding("max-age {seconds} is below a year (31536000)",
                                  fmt::arg("seconds", *parsed.max_age)));
  } else {
    r = make_result("web.hsts", t, Verdict::kPass,
                    // The header's own directives: technical tokens, never translated.
                    "max-age " + std::to_string(*parsed.max_age) +
                        (parsed.include_subdomains ? ", includeSubDomains" : "") +
                        (parsed.preload ? ", preload" : ""));
  }
  r.details["header"] = values.front();
  r.details["include_subdomains"] = parsed.include_subdomains;
  r.details["preload"] = parsed.preload;
  out.push_back(std::move(r));
}

// Every header check of checks/web/headers/ on the final response; one error each without one.
void headers(const AddressFacts& a, std::vector<core::CheckResult>& out) {
  const auto t = a.target(443);
  const auto& final = *a.root.final;
  if (!final) {
    static const auto kHeaderChecks = checks_in(Family::kWeb, {Group::kHeaders});
    for (auto id : kHeaderChecks) {
      out.push_back(
          make_result(id, t, Verdict::kError, a.root.final_url + ": " + final.error().message));
    }
    return;
  }
  const web_headers::HeaderFields fields{final->headers};
  for (const auto* check : web_headers::header_checks()) out.push_back(check->judge(fields, t));
}

void security_txt(const HostFacts& host, const AddressFacts& a, long long now,
                  std::vector<core::CheckResult>& out) {
  const auto t = a.target(443);
  const auto& final = *a.security_txt.final;
  if (!final) {
    out.push_back(make_result("web.security_txt", t, Verdict::kError, final.error().message));
    return;
  }
  if (final->status != 200) {
    out.push_back(make_result("web.security_txt", t, Verdict::kFail,
                              i18n::finding("no security.txt: {url} answers {status}",
                                            fmt::arg("url", a.security_txt.final_url),
                                            fmt::arg("status", final->status))));
    return;
  }
  const std::string url = "https://" + host.name + "/.well-known/security.txt";
  auto parsed =
      http::parse_security_txt(final->body, final->header("content-type").value_or(""), url, now);
  if (final->body_truncated) {
    parsed.findings.insert(parsed.findings.begin(),
                           i18n::finding("the file is larger than 1 MiB (not read)"));
  }
  const auto kept = bounded(parsed.findings, kMaxStoredContacts, kMaxStoredContactLength);
  std::string all;
  for (const auto& f : kept) all += (all.empty() ? "" : "; ") + f.get<std::string>();
  if (parsed.findings.size() > kMaxStoredContacts) {
    all += "; " + i18n::finding("… and {count} more",
                                fmt::arg("count", parsed.findings.size() - kMaxStoredContacts));
  }
  auto r = parsed.findings.empty() ? make_result("web.security_txt", t, Verdict::kPass,
                                                 i18n::finding("valid (RFC 9116)"))
                                   : make_result("web.security_txt", t, Verdict::kWarn, all);
  r.details["findings"] = kept;
  r.details["url"] = url;
  r.details["bytes"] = final->body.size();
  if (final->body_truncated) r.details["truncated"] = true;
  r.details["contacts"] = bounded(parsed.contacts, kMaxStoredContacts, kMaxStoredContactLength);
  r.details["contacts_total"] = parsed.contacts.size();
  r.details["preferred_languages"] =
      bounded(parsed.preferred_languages, kMaxStoredLanguages, kMaxStoredLanguageLength);
  out.push_back(std::move(r));
}

}  // namespace

std::vector<core::CheckResult> check_https(const WebFacts& facts, long long now) {
  std::vector<core::CheckResult> out;
  for (const auto& host : facts.hosts) {
    for (const auto& a : host.addresses) {
      available(a, out);
      redirect(host, a, out);
      if (a.refused) {
        // The checks judged from the HTTPS responses, which a refused address never gives.
        static const auto kResponseChecks =
            checks_in(Family::kWeb, {Group::kHsts, Group::kHeaders, Group::kSecurityTxt});
        for (auto id : kResponseChecks) {
          out.push_back(make_result(id, a.target(443), Verdict::kError, *a.refused));
        }
        continue;
      }
      if (!a.probed() || !a.root.first || !a.root.final || !a.security_txt.final) continue;
      hsts(a, out);
      headers(a, out);
      security_txt(host, a, now, out);
    }
  }
  return out;
}

}  // namespace baseline::checks::web_family
