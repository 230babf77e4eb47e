// SPDX-License-Identifier: Apache-2.0
#include "http/security_txt.h"

#include <array>
#include <ctime>

#include "http/headers.h"
#include "i18n/finding.h"

namespace baseline::http {
namespace {

constexpr long long kYear = 366LL * 24 * 3600;
constexpr std::array<std::string_view, 9> kKnownFields = {
    "acknowledgments", "canonical",           "contact", "encryption", "expires", "hiring",
    "policy",          "preferred-languages", "csaf"};

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool is_uri(std::string_view v) {
  const auto colon = v.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = v[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
      return false;
    }
  }
  return v.size() > colon + 1 && v.find(' ') == std::string_view::npos;
}

}  // namespace

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    if (c < 0x80)
      n = 0;
    else if ((c & 0xE0) == 0xC0 && c >= 0xC2)
      n = 1;
    else if ((c & 0xF0) == 0xE0)
      n = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
      n = 3;
    else
      return false;
    if (n > 0 && i + n >= text.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

std::optional<long long> parse_rfc3339(std::string_view s) {
  int year, month, day, hour, minute, second;
  if (!digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, month) ||
      s[7] != '-' || !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't') ||
      !digits(s, 11, 2, hour) || s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' ||
      !digits(s, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::size_t at = 19;
  if (at < s.size() && s[at] == '.') {
    ++at;
    const std::size_t start = at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    if (at == start) return std::nullopt;
  }
  long long offset = 0;
  if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) {
    ++at;
  } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    int oh, om;
    if (!digits(s, at + 1, 2, oh) || at + 3 >= s.size() || s[at + 3] != ':' ||
        !digits(s, at + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 3600LL + om * 60LL) * (s[at] == '+' ? 1 : -1);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != s.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<long long>(timegm(&tm)) - offset;
}

SecurityTxt parse_security_txt(std::string_view body, std::string_view content_type,
                               std::string_view url, long long now) {
  SecurityTxt out;
  const std::string type = lower(trim(content_type));
  if (type.rfind("text/plain", 0) != 0) {
    out.findings.push_back(type.empty() ? i18n::finding("Content-Type is missing, not text/plain")
                                        : i18n::finding("Content-Type is {type}, not text/plain",
                                                        fmt::arg("type", type)));
  } else if (type.find("charset=utf-8") == std::string::npos &&
             type.find("charset=\"utf-8\"") == std::string::npos) {
    out.findings.push_back(i18n::finding("Content-Type lacks charset=utf-8"));
  }
  if (!valid_utf8(body)) out.findings.push_back(i18n::finding("the file is not valid UTF-8"));
  int expires_count = 0, languages_count = 0;
  bool in_signature = false, in_header = false;
  std::size_t start = 0;
  int line_number = 0;
  while (start < body.size() && line_number < 10000) {
    auto end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == "-----BEGIN PGP SIGNED MESSAGE-----") {
      out.signed_message = in_header = true;
      continue;
    }
    if (in_header) {  // Hash: headers up to the first empty line
      if (line.empty()) in_header = false;
      continue;
    }
    if (line == "-----BEGIN PGP SIGNATURE-----") in_signature = true;
    if (in_signature) continue;
    if (line.rfind("- ", 0) == 0) line.remove_prefix(2);  // dash-escaped (RFC 4880 7.1)
    const auto trimmed = trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    const auto colon = trimmed.find(':');
    if (colon == std::string_view::npos) {
      out.findings.push_back(i18n::finding("line {line} is not a field", fmt::arg("line", line_number)));
      continue;
    }
    const std::string name = lower(trim(trimmed.substr(0, colon)));
    const std::string_view value = trim(trimmed.substr(colon + 1));
    bool known = false;
    for (auto k : kKnownFields) known = known || k == name;
    if (!known) {
      out.findings.push_back(i18n::finding("unknown field {field}", fmt::arg("field", trimmed.substr(0, colon))));
      continue;
    }
    if (name == "contact") {
      if (!is_uri(value))
        out.findings.push_back(i18n::finding("Contact is not a URI: {value}", fmt::arg("value", value)));
      else
        out.contacts.emplace_back(value);
    } else if (name == "expires") {
      ++expires_count;
      auto when = parse_rfc3339(value);
      if (!when)
        out.findings.push_back(i18n::finding("Expires is not an RFC 3339 date-time: {value}", fmt::arg("value", value)));
      else
        out.expires = when;
    } else if (name == "canonical") {
      out.canonicals.emplace_back(value);
    } else if (name == "preferred-languages") {
      if (++languages_count == 1) {
        std::size_t from = 0;
        while (from <= value.size()) {
          auto comma = value.find(',', from);
          if (comma == std::string_view::npos) comma = value.size();
          const auto tag = trim(value.substr(from, comma - from));
          if (!tag.empty()) out.preferred_languages.emplace_back(tag);
          from = comma + 1;
        }
      }
    } else if (!is_uri(value)) {
      out.findings.push_back(std::string(trimmed.substr(0, colon)) + " is not a URI");
    }
  }
  if (out.contacts.empty()) out.findings.push_back(i18n::finding("no Contact field"));
  if (expires_count == 0) out.findings.push_back(i18n::finding("no Expires field"));
  if (expires_count > 1) out.findings.push_back(i18n::finding("more than one Expires field"));
  if (languages_count > 1) out.findings.push_back(i18n::finding("more than one Preferred-Languages field"));
  if (out.expires) {
    if (*out.expires <= now)
      out.findings.push_back(i18n::finding("Expires is in the past"));
    else if (*out.expires - now > kYear)
      out.findings.push_back(i18n::finding("Expires is more than a year ahead"));
  }
  if (!out.canonicals.empty()) {
    bool listed = false;
    for (const auto& c : out.canonicals) listed = listed || c == url;
    if (!listed) out.findings.push_back(i18n::finding("Canonical does not list {url}", fmt::arg("url", url)));
  }
  return out;
}

}  // namespace baseline::http
