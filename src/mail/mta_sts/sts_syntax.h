// SPDX-License-Identifier: Apache-2.0
// Character classes shared by the MTA-STS TXT record and policy grammars (RFC 8461 §3.1, §3.2).
#pragma once

#include <string_view>

namespace baseline::mail::mta_sts {

inline bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

inline bool is_alnum(std::string_view text) {
  for (char c : text) {
    if (!is_alnum(c)) return false;
  }
  return !text.empty();
}

// sts-ext-name / sts-policy-ext-name: (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
inline bool is_field_name(std::string_view name) {
  if (name.empty() || name.size() > 32 || !is_alnum(name.front())) return false;
  for (char c : name) {
    if (!is_alnum(c) && c != '_' && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace baseline::mail::mta_sts
