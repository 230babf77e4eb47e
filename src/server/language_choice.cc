// SPDX-License-Identifier: Apache-2.0
#include "server/language_choice.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "i18n/i18n.h"

namespace baseline::server {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of `name` in a query string or a Cookie header (pairs split by `separator`).
std::optional<std::string> pair_value(std::string_view text, char separator,
                                      std::string_view name) {
  while (!text.empty()) {
    const auto end = text.find(separator);
    const auto pair = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

// q-value of one Accept-Language range ("q=0.8"); 1 when absent, -1 when malformed.
double quality(std::string_view parameters) {
  const auto q = parameters.find("q=");
  if (q == std::string_view::npos) return 1.0;
  const std::string_view number = trim(parameters.substr(q + 2));
  double value = -1;
  // from_chars: no locale, no exception; NaN and anything outside [0, 1] are malformed.
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (error != std::errc() || end == number.data() || !(value >= 0 && value <= 1)) return -1;
  return value;
}

}  // namespace

std::optional<std::string> negotiate_language(std::string_view accept_language) {
  struct Range {
    std::string tag;
    double q;
    std::size_t order;
  };
  std::vector<Range> ranges;
  std::vector<std::string> refused;
  std::size_t order = 0;
  while (!accept_language.empty() && ranges.size() < 32) {
    const auto comma = accept_language.find(',');
    const auto item = trim(accept_language.substr(0, comma));
    accept_language =
        comma == std::string_view::npos ? std::string_view() : accept_language.substr(comma + 1);
    const auto semicolon = item.find(';');
    const std::string tag(trim(item.substr(0, semicolon)));
    const double q =
        semicolon == std::string_view::npos ? 1.0 : quality(item.substr(semicolon + 1));
    if (tag.empty() || q < 0) continue;
    if (q == 0) {
      refused.push_back(tag == "*" ? tag : i18n::match_language(tag));
      continue;
    }
    ranges.push_back({tag, q, order++});
  }
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const Range& a, const Range& b) { return a.q > b.q; });
  auto allowed = [&](const std::string& shipped) {
    return std::find(refused.begin(), refused.end(), shipped) == refused.end();
  };
  for (const auto& range : ranges) {
    if (range.tag == "*") {
      for (const auto& shipped : i18n::shipped_languages()) {
        if (allowed(shipped)) return shipped;
      }
      continue;
    }
    const auto shipped = i18n::match_language(range.tag);
    if (!shipped.empty() && allowed(shipped)) return shipped;
  }
  return std::nullopt;
}

LanguageChoice choose_page_language(const Request& request, std::string_view query,
                                    const std::string& fallback) {
  if (auto asked = pair_value(query, '&', "lang")) {
    const auto shipped = i18n::match_language(*asked);
    if (!shipped.empty()) return {shipped, true};
  }
  if (const auto cookie = request.find(http::field::cookie); cookie != request.end()) {
    if (auto kept = pair_value(cookie->value(), ';', "lang")) {
      const auto shipped = i18n::match_language(*kept);
      if (!shipped.empty()) return {shipped, false};
    }
  }
  if (const auto accept = request.find(http::field::accept_language); accept != request.end()) {
    if (auto negotiated = negotiate_language(accept->value())) return {*negotiated, false};
  }
  return {fallback, false};
}

std::string language_cookie(const std::string& language) {
  return "lang=" + language + "; Path=/; Max-Age=31536000; SameSite=Lax";
}

}  // namespace baseline::server
