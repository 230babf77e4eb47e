// SPDX-License-Identifier: Apache-2.0
#include "mail/mta_sts/mx_pattern.h"

#include "mail/mta_sts/sts_syntax.h"

namespace baseline::mail::mta_sts {
namespace {

std::string_view without_root_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

bool is_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  for (char c : label) {
    if (!is_alnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

bool is_valid_mx_pattern(std::string_view pattern) {
  if (pattern.starts_with("*.")) pattern.remove_prefix(2);
  pattern = without_root_dot(pattern);
  if (pattern.empty() || pattern.size() > 253) return false;
  int labels = 0;
  std::size_t start = 0;
  while (start <= pattern.size()) {
    std::size_t dot = pattern.find('.', start);
    if (dot == std::string_view::npos) dot = pattern.size();
    if (!is_label(pattern.substr(start, dot - start))) return false;  // also rejects a '*' inside
    ++labels;
    start = dot + 1;
  }
  return labels >= 2;
}

bool mx_matches(std::string_view pattern, std::string_view host) {
  pattern = without_root_dot(pattern);
  host = without_root_dot(host);
  if (!pattern.starts_with("*.")) return equal_ignoring_case(pattern, host);
  // The wildcard replaces exactly the host's first label, which must not be empty.
  const std::size_t dot = host.find('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  return equal_ignoring_case(pattern.substr(2), host.substr(dot + 1));
}

}  // namespace baseline::mail::mta_sts
