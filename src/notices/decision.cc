// SPDX-License-Identifier: Apache-2.0
#include "notices/decision.h"

#include <map>

#include "notices/address.h"

namespace baseline::notices {

Decision decide(const catalog::Catalog& catalog, const store::DomainSummary& now,
                const store::DomainSummary* before, const store::NoticeHistory& history,
                std::int64_t now_unix, int period_days) {
  std::map<std::string, std::string> previous;
  if (before) {
    for (const auto& s : before->standards) previous[s.standard] = s.verdict;
  }
  Decision d;
  for (const auto& s : now.standards) {
    if (s.verdict != "fail") continue;
    const auto* standard = catalog.find(s.standard);
    if (!standard) continue;
    Finding f{s.standard, standard->level == core::Level::kRequired, false};
    auto was = previous.find(s.standard);
    f.regressed = was != previous.end() && was->second == "pass";
    if (!f.required && !f.regressed) continue;
    const store::NoticeHistory::Key key{now.domain, s.standard};
    if (auto told = history.told.find(key); told != history.told.end()) {
      auto passed = history.last_pass.find(key);
      const bool came_back = passed != history.last_pass.end() && passed->second > told->second;
      if (!came_back) {
        d.told.push_back(f);
        continue;
      }
    }
    d.findings.push_back(f);
  }
  if (!d.findings.empty()) {
    if (auto last = history.last_notice.find(now.domain); last != history.last_notice.end()) {
      d.last_notice = last->second;
      d.within_period = now_unix - last->second < std::int64_t{period_days} * 86400;
    }
  }
  return d;
}

std::string_view to_string(Recipient::Source source) {
  switch (source) {
    case Recipient::Source::kSecurityTxt:
      return "security.txt";
    case Recipient::Source::kList:
      return "list";
    case Recipient::Source::kNone:
      return "none";
  }
  return "none";
}

namespace {

std::vector<std::string> strings(const nlohmann::json& value) {
  std::vector<std::string> out;
  if (!value.is_array()) return out;
  for (const auto& v : value) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

// The strings of details[key]; none when the key is absent (operator[] on a const object with a
// missing key is undefined behaviour, and a result from the store may lack any field).
std::vector<std::string> strings_at(const nlohmann::json& details, const char* key) {
  if (!details.is_object()) return {};
  auto it = details.find(key);
  return it == details.end() ? std::vector<std::string>() : strings(*it);
}

std::int64_t number(const nlohmann::json& details, const char* key) {
  auto it = details.find(key);
  return it != details.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

// The web.security_txt result to read: one whose file was found (pass or warn), the apex's first.
const core::CheckResult* security_txt_result(const std::string& domain,
                                             const std::vector<core::CheckResult>& results) {
  const std::string apex_url = "https://" + domain + "/.well-known/security.txt";
  const core::CheckResult* chosen = nullptr;
  for (const auto& r : results) {
    if (r.id != "web.security_txt") continue;
    if (r.verdict != core::Verdict::kPass && r.verdict != core::Verdict::kWarn) continue;
    if (!r.details.is_object() || !r.details.contains("contacts")) continue;
    const auto url = r.details.value("url", std::string());
    if (url == apex_url) return &r;
    if (!chosen) chosen = &r;
  }
  return chosen;
}

}  // namespace

Recipient find_recipient(const std::string& domain, const std::string& organisation,
                         const std::vector<core::CheckResult>& results,
                         const std::vector<store::ListContact>& contacts) {
  Recipient out;
  if (const auto* r = security_txt_result(domain, results)) {
    const auto values = strings_at(r->details, "contacts");
    const auto total = std::max<std::int64_t>(number(r->details, "contacts_total"),
                                              static_cast<std::int64_t>(values.size()));
    const auto bytes = number(r->details, "bytes");
    out.security_txt_url = printable(r->details.value("url", std::string()));
    out.languages = strings_at(r->details, "preferred_languages");
    if (total > static_cast<std::int64_t>(kMaxContacts)) {
      out.source = Recipient::Source::kSecurityTxt;
      out.refusal = "security.txt lists " + std::to_string(total) + " contacts (more than " +
                    std::to_string(kMaxContacts) + "): refused";
      return out;
    }
    const bool truncated = r->details.value("truncated", false);
    if (truncated || bytes > static_cast<std::int64_t>(kMaxSecurityTxtBytes)) {
      out.source = Recipient::Source::kSecurityTxt;
      out.refusal = truncated ? "security.txt is larger than the 1 MiB Baseline reads: refused"
                              : "security.txt is " + std::to_string(bytes) + " bytes (more than " +
                                    std::to_string(kMaxSecurityTxtBytes) + "): refused";
      return out;
    }
    if (!values.empty()) {
      out.source = Recipient::Source::kSecurityTxt;
      for (const auto& value : values) {
        auto contact = parse_contact(value);
        if (!contact) {
          out.refusal = "security.txt Contact '" + printable(value, 120) +
                        "' refused: " + contact.error().message;
          return out;
        }
        if (contact->kind == Contact::Kind::kMailto && out.address.empty()) {
          out.address = contact->value;
        } else if (contact->kind == Contact::Kind::kHttps) {
          out.review_urls.push_back(contact->value);
        }
      }
      if (!out.address.empty() || !out.review_urls.empty()) return out;
      out = Recipient{};  // only tel: and the like: the list's contact, if any
    }
  }
  const store::ListContact* match = nullptr;
  for (const auto& c : contacts) {
    if (!c.domain.empty() && c.domain == domain) {
      match = &c;
      break;
    }
    if (!match && c.domain.empty() && !organisation.empty() && c.organisation == organisation) {
      match = &c;
    }
  }
  if (match) {
    out.source = Recipient::Source::kList;
    auto address = check_address(match->address);
    if (!address) {
      out.refusal = "the list's contact '" + printable(match->address, 120) +
                    "' refused: " + address.error().message;
    } else {
      out.address = *address;
    }
  }
  return out;
}

}  // namespace baseline::notices
