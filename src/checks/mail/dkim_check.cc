// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <set>

#include "checks/mail/mail_checks.h"
#include "dns/rdata.h"
#include "dns/types.h"
#include "i18n/finding.h"
#include "mail/dkim/dkim_key.h"
#include "net/async.h"

namespace baseline::checks::mail_family {
namespace asio = boost::asio;
namespace dkim = mail::dkim;
using core::Verdict;

const std::vector<std::string>& well_known_dkim_selectors() {
  static const std::vector<std::string> selectors{
      "default",    "dkim",        "mail",        "selector1", "selector2", "google",    "k1",
      "k2",         "k3",          "s1",          "s2",        "s1024",     "s2048",     "key1",
      "key2",       "sig1",        "smtp",        "mx",        "fm1",       "fm2",       "fm3",
      "protonmail", "protonmail2", "protonmail3", "zoho",      "mandrill",  "everlytic", "dkim1"};
  return selectors;
}

asio::awaitable<core::CheckResult> check_dkim(const CheckContext& context, bool non_sending) {
  const std::string domain = context.domain.ascii();
  if (non_sending) {
    co_return make_result(
        "mail.dkim", domain, Verdict::kNotApplicable,
        i18n::finding("the domain sends no mail (SPF -all and DMARC reject): no DKIM needed"));
  }
  const std::string node = "_domainkey." + domain;
  auto probe = co_await context.resolver.lookup(node, dns::rr_type::kTxt, {.validate = false});
  if (!probe.ok())
    co_return make_result("mail.dkim", domain, Verdict::kError,
                          i18n::finding("lookup of {name} failed: {reason}", fmt::arg("name", node),
                                        fmt::arg("reason", probe.error().message)));
  if (probe->rcode != dns::rcode::kNoError && probe->rcode != dns::rcode::kNxDomain) {
    co_return make_result("mail.dkim", domain, Verdict::kError,
                          i18n::finding("lookup of {name}: {rcode}", fmt::arg("name", node),
                                        fmt::arg("rcode", dns::rcode_name(probe->rcode))));
  }
  const bool node_exists = probe->rcode == dns::rcode::kNoError;

  std::vector<std::string> selectors = context.dkim_selectors;
  for (const auto& s : well_known_dkim_selectors()) {
    if (std::find(selectors.begin(), selectors.end(), s) == selectors.end()) selectors.push_back(s);
  }
  Verdict verdict = node_exists ? Verdict::kPass : Verdict::kFail;
  std::vector<std::string> notes;
  nlohmann::json keys = nlohmann::json::array();
  // All selectors are asked at once; the answers are then read in selector order.
  std::vector<asio::awaitable<core::Result<dns::Answer>>> lookups;
  lookups.reserve(selectors.size());
  for (const auto& selector : selectors) {
    lookups.push_back(context.resolver.lookup(fmt::format("{}.{}", selector, node),
                                              dns::rr_type::kTxt, {.validate = false}));
  }
  auto answers = co_await net::gather(std::move(lookups));
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    const std::string& selector = selectors[i];
    const auto& txt = answers[i];
    if (!txt.ok()) continue;
    for (const auto& joined : txt->txt_strings()) {
      auto key = dkim::parse_key_record(joined);
      nlohmann::json entry = {{"selector", selector}, {"record", joined}};
      if (!key) {
        verdict = core::worst(verdict, Verdict::kWarn);
        notes.push_back(i18n::finding("selector {selector}: {problem}",
                                      fmt::arg("selector", selector),
                                      fmt::arg("problem", key.error().message)));
        entry["problem"] = key.error().message;
      } else if (key->revoked) {
        notes.push_back(i18n::finding("selector {selector}: key revoked (empty p=)",
                                      fmt::arg("selector", selector)));
        entry["revoked"] = true;
      } else {
        const bool ed25519 = key->type == dkim::KeyType::kEd25519;
        entry["type"] = ed25519 ? "ed25519" : "rsa";
        entry["bits"] = key->bits;
        if (!ed25519 && key->bits < 1024) {
          verdict = core::worst(verdict, Verdict::kFail);
          notes.push_back(i18n::finding("selector {selector}: RSA key of {bits} bits is breakable",
                                        fmt::arg("selector", selector),
                                        fmt::arg("bits", key->bits)));
        } else if (!ed25519 && key->bits < 2048) {
          verdict = core::worst(verdict, Verdict::kWarn);
          notes.push_back(
              i18n::finding("selector {selector}: RSA key of {bits} bits (2048 recommended)",
                            fmt::arg("selector", selector), fmt::arg("bits", key->bits)));
        } else {
          notes.push_back(ed25519 ? i18n::finding("selector {selector}: Ed25519 key",
                                                  fmt::arg("selector", selector))
                                  : i18n::finding("selector {selector}: RSA key of {bits} bits",
                                                  fmt::arg("selector", selector),
                                                  fmt::arg("bits", key->bits)));
        }
      }
      keys.push_back(entry);
    }
  }
  std::string summary = node_exists ? i18n::finding("{name} exists", fmt::arg("name", node))
                                    : i18n::finding("no DKIM: {name} does not exist (NXDOMAIN)",
                                                    fmt::arg("name", node));
  if (keys.empty() && node_exists) {
    summary += "; " + i18n::finding("no key found at the {count} selectors tried",
                                    fmt::arg("count", selectors.size()));
  }
  for (const auto& n : notes) summary += "; " + n;
  auto result = make_result("mail.dkim", domain, verdict, summary);
  result.details = {
      {"domainkey_node", node_exists}, {"keys", keys}, {"selectors_tried", selectors.size()}};
  co_return result;
}

}  // namespace baseline::checks::mail_family
