// SPDX-License-Identifier: Apache-2.0
#include "mail/dmarc/dmarc_record.h"

#include <algorithm>
#include <cctype>

#include "core/parse_number.h"
#include "mail/tag_list.h"
#include "i18n/finding.h"

namespace baseline::mail::dmarc {
namespace {
using core::make_error;

std::optional<Policy> policy_from(std::string_view value) {
  const std::string v = lowercase(value);
  if (v == "none") return Policy::kNone;
  if (v == "quarantine") return Policy::kQuarantine;
  if (v == "reject") return Policy::kReject;
  return std::nullopt;
}

// dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ], comma-separated.
core::Result<std::vector<ReportUri>> parse_uris(std::string_view tag, std::string_view value) {
  std::vector<ReportUri> uris;
  std::size_t start = 0;
  while (start <= value.size()) {
    auto comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string item = trim(value.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) return make_error(i18n::finding("{tag} has an empty URI", fmt::arg("tag", tag)));
    if (auto bang = item.rfind('!'); bang != std::string::npos) {
      std::string size = item.substr(bang + 1);
      if (!size.empty() && std::string("kmgtKMGT").find(size.back()) != std::string::npos)
        size.pop_back();
      if (size.empty() || !std::all_of(size.begin(), size.end(),
                                       [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return make_error(i18n::finding("{tag} URI '{uri}' has a bad size limit", fmt::arg("tag", tag), fmt::arg("uri", item)));
      }
      item = item.substr(0, bang);
    }
    auto colon = item.find(':');
    if (colon == std::string::npos || colon == 0) {
      return make_error(i18n::finding("{tag} value '{uri}' is not a URI", fmt::arg("tag", tag), fmt::arg("uri", item)));
    }
    ReportUri uri{item, ""};
    if (lowercase(item.substr(0, colon)) == "mailto") {
      auto at = item.rfind('@');
      if (at == std::string::npos || at + 1 >= item.size() || at <= colon + 1) {
        return make_error(i18n::finding("{tag} '{uri}' is not a mail address", fmt::arg("tag", tag), fmt::arg("uri", item)));
      }
      uri.mailbox_domain = lowercase(item.substr(at + 1));
    }
    uris.push_back(uri);
    if (comma == value.size()) break;
  }
  return uris;
}

std::optional<char> one_of(std::string_view value, std::string_view allowed) {
  const std::string v = lowercase(value);
  if (v.size() == 1 && allowed.find(v[0]) != std::string_view::npos) return v[0];
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Policy policy) {
  switch (policy) {
    case Policy::kNone:
      return "none";
    case Policy::kQuarantine:
      return "quarantine";
    case Policy::kReject:
      return "reject";
  }
  return "none";
}

bool is_dmarc_record(std::string_view text) {
  std::string t = trim(text);
  if (!t.starts_with("v")) return false;
  auto eq = t.find('=');
  if (eq == std::string::npos || trim(t.substr(1, eq - 1)) != "") return false;
  std::string value = trim(t.substr(
      eq + 1, t.find(';') == std::string::npos ? std::string::npos : t.find(';') - eq - 1));
  return value == "DMARC1";
}

core::Result<Record> parse_record(std::string_view text) {
  if (!is_dmarc_record(text)) return make_error(i18n::finding("the record does not start with v=DMARC1"));
  auto tags = parse_tag_list(text);
  if (!tags) return tags.error();
  Record record;
  bool has_policy = false;
  for (const auto& [tag, value] : *tags) {
    if (tag == "v") continue;
    if (tag == "p" || tag == "sp" || tag == "np") {
      auto policy = policy_from(value);
      if (!policy) return make_error(i18n::finding("{tag}={value} is not none, quarantine or reject", fmt::arg("tag", tag), fmt::arg("value", value)));
      if (tag == "p") {
        record.policy = *policy;
        has_policy = true;
      } else {
        (tag == "sp" ? record.subdomain_policy : record.nonexistent_policy) = *policy;
      }
    } else if (tag == "pct") {
      const auto percent = value.size() <= 3 ? core::parse_decimal<int>(value) : std::nullopt;
      if (!percent || *percent > 100) {
        return make_error(i18n::finding("pct={value} is not a number from 0 to 100", fmt::arg("value", value)));
      }
      record.percent = *percent;
    } else if (tag == "t") {
      auto v = one_of(value, "yn");
      if (!v) return make_error(i18n::finding("t={value} is not y or n", fmt::arg("value", value)));
      record.testing = *v == 'y';
    } else if (tag == "psd") {
      auto v = one_of(value, "ynu");
      if (!v) return make_error(i18n::finding("psd={value} is not y, n or u", fmt::arg("value", value)));
      record.psd = *v;
    } else if (tag == "adkim" || tag == "aspf") {
      auto v = one_of(value, "rs");
      if (!v) return make_error(i18n::finding("{tag}={value} is not r or s", fmt::arg("tag", tag), fmt::arg("value", value)));
      (tag == "adkim" ? record.dkim_alignment : record.spf_alignment) = *v;
    } else if (tag == "rua" || tag == "ruf") {
      auto uris = parse_uris(tag, value);
      if (!uris) return uris.error();
      (tag == "rua" ? record.aggregate_reports : record.failure_reports) = std::move(uris).value();
    } else if (tag == "fo") {
      std::size_t start = 0;
      while (start <= value.size()) {
        auto colon = value.find(':', start);
        if (colon == std::string::npos) colon = value.size();
        std::string option = trim(value.substr(start, colon - start));
        if (option != "0" && option != "1" && option != "d" && option != "s") {
          return make_error(i18n::finding("fo={value} has an unknown option '{option}'", fmt::arg("value", value), fmt::arg("option", option)));
        }
        start = colon + 1;
        if (colon == value.size()) break;
      }
    } else if (tag == "rf") {
      if (lowercase(value) != "afrf") return make_error(i18n::finding("rf={value} is not afrf", fmt::arg("value", value)));
    } else if (tag == "ri") {
      if (value.empty() || value.size() > 10 ||
          !std::all_of(value.begin(), value.end(),
                       [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return make_error(i18n::finding("ri={value} is not a number of seconds", fmt::arg("value", value)));
      }
    }
    // Other tags are unknown to RFC 7489 and are ignored by receivers (§6.3).
  }
  if (!has_policy) return make_error(i18n::finding("the required p= tag is missing"));
  return record;
}

}  // namespace baseline::mail::dmarc
