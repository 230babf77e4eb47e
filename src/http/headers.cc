// SPDX-License-Identifier: Apache-2.0
#include "http/headers.h"
#include "i18n/finding.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

namespace baseline::http {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

bool is_token_char(char c) {
  if (c <= 0x20 || c >= 0x7f) return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

}  // namespace

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

Hsts parse_hsts(std::string_view value) {
  Hsts out;
  std::set<std::string> seen;
  for (auto part : split(value, ';')) {
    part = trim(part);
    if (part.empty()) continue;
    const auto eq = part.find('=');
    const std::string name = lower(trim(part.substr(0, eq)));
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
      out.error = i18n::finding("a malformed directive");
      return out;
    }
    if (!seen.insert(name).second) {
      out.error = i18n::finding("directive {name} appears twice", fmt::arg("name", name));
      return out;
    }
    std::string_view arg = eq == std::string_view::npos ? "" : trim(part.substr(eq + 1));
    if (arg.size() >= 2 && arg.front() == '"' && arg.back() == '"')
      arg = arg.substr(1, arg.size() - 2);
    if (name == "max-age") {
      if (eq == std::string_view::npos || arg.empty() ||
          !std::all_of(arg.begin(), arg.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        out.error = i18n::finding("max-age is not a number");
        return out;
      }
      std::uint64_t age = 0;
      auto [ptr, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), age);
      if (ec != std::errc()) age = UINT64_MAX;  // absurdly large: still a long max-age
      out.max_age = age;
    } else if (name == "includesubdomains") {
      out.include_subdomains = true;
    } else if (name == "preload") {
      out.preload = true;
    }
  }
  if (!out.max_age) {
    out.error = i18n::finding("no max-age directive");
    return out;
  }
  out.valid = true;
  return out;
}

CspAnalysis analyze_csp(std::string_view value) {
  CspAnalysis out;
  std::set<std::string> seen;
  // Several policies in one header (comma-separated) are all enforced; analyse the first.
  const auto comma = value.find(',');
  if (comma != std::string_view::npos) value = value.substr(0, comma);
  for (auto part : split(value, ';')) {
    part = trim(part);
    if (part.empty()) continue;
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < part.size()) {
      while (i < part.size() && is_space(part[i])) ++i;
      std::size_t start = i;
      while (i < part.size() && !is_space(part[i])) ++i;
      if (i > start) tokens.emplace_back(part.substr(start, i - start));
    }
    if (tokens.empty()) continue;
    CspDirective d{lower(tokens[0]), {}};
    if (!seen.insert(d.name).second) continue;  // a repeated directive is ignored (CSP3 2.2.1)
    for (std::size_t t = 1; t < tokens.size(); ++t) d.sources.push_back(tokens[t]);
    out.directives.push_back(std::move(d));
  }
  auto find = [&](std::string_view name) -> const CspDirective* {
    for (const auto& d : out.directives) {
      if (d.name == name) return &d;
    }
    return nullptr;
  };
  for (const auto& d : out.directives) {
    for (const auto& raw : d.sources) {
      const std::string s = lower(raw);
      if (s == "'unsafe-inline'" || s == "'unsafe-eval'" || s == "'unsafe-hashes'") {
        out.findings.push_back(i18n::finding("{directive} allows {source}", fmt::arg("directive", d.name),
                                             fmt::arg("source", s)));
      } else if (s == "*") {
        out.findings.push_back(i18n::finding("{directive} allows any host (*)", fmt::arg("directive", d.name)));
      } else if (s.size() >= 2 && s.back() == ':' && s.find('/') == std::string::npos &&
                 s.find('.') == std::string::npos) {
        out.findings.push_back(i18n::finding("{directive} allows a whole scheme ({scheme})",
                                             fmt::arg("directive", d.name), fmt::arg("scheme", s)));
      }
    }
  }
  const auto* def = find("default-src");
  if (!def) {
    out.findings.push_back(i18n::finding("no default-src"));
  } else {
    const bool strict = def->sources.size() == 1 &&
                        (lower(def->sources[0]) == "'none'" || lower(def->sources[0]) == "'self'");
    if (!strict) out.findings.push_back(i18n::finding("default-src is not 'none' or 'self'"));
  }
  out.has_frame_ancestors = find("frame-ancestors") != nullptr;
  if (!out.has_frame_ancestors) out.findings.push_back(i18n::finding("no frame-ancestors"));
  if (!find("base-uri")) out.findings.push_back(i18n::finding("no base-uri"));
  if (!find("form-action")) out.findings.push_back(i18n::finding("no form-action"));
  return out;
}

ReferrerPolicy parse_referrer_policy(std::string_view value) {
  static constexpr std::array<std::string_view, 8> kKnown = {"no-referrer",
                                                             "no-referrer-when-downgrade",
                                                             "same-origin",
                                                             "origin",
                                                             "strict-origin",
                                                             "origin-when-cross-origin",
                                                             "strict-origin-when-cross-origin",
                                                             "unsafe-url"};
  static constexpr std::array<std::string_view, 4> kGood = {
      "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"};
  ReferrerPolicy out;
  for (auto token : split(value, ',')) {
    const std::string t = lower(trim(token));
    if (std::find(kKnown.begin(), kKnown.end(), t) != kKnown.end()) out.policy = t;
  }
  out.good = out.policy && std::find(kGood.begin(), kGood.end(), *out.policy) != kGood.end();
  return out;
}

bool x_frame_options_good(std::string_view value) {
  const std::string v = lower(trim(value));
  return v == "deny" || v == "sameorigin";
}

bool x_content_type_options_good(std::string_view value) {
  return lower(trim(value)) == "nosniff";
}

}  // namespace baseline::http
