// SPDX-License-Identifier: Apache-2.0
#include "mail/mta_sts/sts_policy.h"

#include <optional>

#include "mail/mta_sts/mx_pattern.h"
#include "mail/mta_sts/sts_syntax.h"
#include "i18n/finding.h"

namespace baseline::mail::mta_sts {
namespace {

bool is_wsp(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim_wsp(std::string_view text) {
  while (!text.empty() && is_wsp(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_wsp(text.back())) text.remove_suffix(1);
  return text;
}

// sts-policy-vchar: visible ASCII, or any octet of a UTF-8 sequence; blanks only between them.
bool is_printable_value(std::string_view value) {
  for (unsigned char c : value) {
    if (c < 0x20 && c != '\t') return false;
    if (c == 0x7f) return false;
  }
  return !value.empty();
}

std::optional<std::uint32_t> parse_max_age(std::string_view value) {
  if (value.empty() || value.size() > 10) return std::nullopt;  // 1*10DIGIT
  std::uint64_t seconds = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (seconds > kMaxAgeLimit) return std::nullopt;
  return static_cast<std::uint32_t>(seconds);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string_view to_string(Mode mode) {
  switch (mode) {
    case Mode::kEnforce:
      return "enforce";
    case Mode::kTesting:
      return "testing";
    case Mode::kNone:
      return "none";
  }
  return "none";
}

core::Result<Policy> parse_policy(std::string_view body) {
  if (body.size() > kPolicyLimit) return core::make_error(i18n::finding("the policy is larger than 64 KiB"));
  Policy policy;
  bool has_version = false, has_mode = false, has_max_age = false;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.ends_with('\r')) line.remove_suffix(1);  // CRLF and LF are both line ends
    if (trim_wsp(line).empty()) continue;             // blank lines: tolerated
    const std::string where = i18n::finding("line {line}", fmt::arg("line", line_number));
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return core::make_error(i18n::finding("{where} is not 'key: value'", fmt::arg("where", where)));
    const std::string_view key = line.substr(0, colon);
    const std::string_view value = trim_wsp(line.substr(colon + 1));
    if (!is_field_name(key))
      return core::make_error(i18n::finding("{where}: invalid key '{key}'", fmt::arg("where", where), fmt::arg("key", key)));
    if (!is_printable_value(value))
      return core::make_error(where + ": empty or invalid value for " + std::string(key));
    // Keys are case-sensitive (%s in the ABNF): "Mode" is an unknown key, and ignored.
    auto repeated = [&](bool& seen) {
      if (seen) {
        policy.notes.push_back(i18n::finding("{where} repeats {key}, the first one counts", fmt::arg("where", where), fmt::arg("key", key)));
        return true;
      }
      seen = true;
      return false;
    };
    if (key == "version") {
      if (repeated(has_version)) continue;
      if (value != "STSv1")
        return core::make_error(i18n::finding("{where}: version '{value}' is not STSv1", fmt::arg("where", where), fmt::arg("value", value)));
    } else if (key == "mode") {
      if (repeated(has_mode)) continue;
      if (value == "enforce") {
        policy.mode = Mode::kEnforce;
      } else if (value == "testing") {
        policy.mode = Mode::kTesting;
      } else if (value == "none") {
        policy.mode = Mode::kNone;
      } else {
        return core::make_error(i18n::finding("{where}: mode '{value}' is not enforce, testing or none", fmt::arg("where", where), fmt::arg("value", value)));
      }
    } else if (key == "max_age") {
      if (repeated(has_max_age)) continue;
      auto seconds = parse_max_age(value);
      if (!seconds) {
        return core::make_error(i18n::finding("{where}: max_age '{value}' is not a number of seconds from 0 to {limit}", fmt::arg("where", where), fmt::arg("value", value), fmt::arg("limit", kMaxAgeLimit)));
      }
      policy.max_age = *seconds;
    } else if (key == "mx") {
      if (!is_valid_mx_pattern(value))
        return core::make_error(i18n::finding("{where}: invalid mx pattern '{value}'", fmt::arg("where", where), fmt::arg("value", value)));
      policy.mx.push_back(lower(value));
    } else {
      policy.ignored.emplace_back(key);
    }
  }
  if (!has_version) return core::make_error(i18n::finding("the required version field is missing"));
  if (!has_mode) return core::make_error(i18n::finding("the required mode field is missing"));
  if (!has_max_age) return core::make_error(i18n::finding("the required max_age field is missing"));
  if (policy.mx.empty() && policy.mode != Mode::kNone) {
    return core::make_error(i18n::finding("no mx pattern, so no MX host can be valid in mode {mode}", fmt::arg("mode", to_string(policy.mode))));
  }
  return policy;
}

}  // namespace baseline::mail::mta_sts
