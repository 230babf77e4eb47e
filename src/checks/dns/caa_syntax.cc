// SPDX-License-Identifier: Apache-2.0
#include "checks/dns/caa_syntax.h"

#include <algorithm>
#include <cctype>

#include "i18n/finding.h"

namespace baseline::checks::dns_family {

namespace {

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool is_wsp(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

namespace {

void skip_wsp(std::string_view text, std::size_t& i) {
  while (i < text.size() && is_wsp(text[i])) ++i;
}

// label = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT)); also the grammar of a parameter tag.
bool read_label(std::string_view text, std::size_t& i) {
  if (i >= text.size() || !is_alnum(text[i])) return false;
  ++i;
  for (;;) {
    std::size_t j = i;
    while (j < text.size() && text[j] == '-') ++j;
    if (j < text.size() && is_alnum(text[j])) {
      i = j + 1;
      continue;
    }
    return true;  // trailing hyphens are not consumed, so they fail the caller's next expectation
  }
}

bool read_parameter(std::string_view text, std::size_t& i) {
  if (!read_label(text, i)) return false;
  skip_wsp(text, i);
  if (i >= text.size() || text[i] != '=') return false;
  ++i;
  skip_wsp(text, i);
  // value = *(%x21-3A / %x3C-7E)
  while (i < text.size() && text[i] >= 0x21 && text[i] <= 0x7e && text[i] != ';') ++i;
  return true;
}

}  // namespace

bool is_valid_issue_value(std::string_view value) {
  std::size_t i = 0;
  skip_wsp(value, i);
  if (i < value.size() && value[i] != ';') {
    do {
      if (!read_label(value, i)) return false;
    } while (i < value.size() && value[i] == '.' && ++i);
    skip_wsp(value, i);
  }
  if (i == value.size()) return true;
  if (value[i] != ';') return false;
  ++i;
  skip_wsp(value, i);
  while (i < value.size()) {
    if (!read_parameter(value, i)) return false;
    skip_wsp(value, i);
    if (i == value.size()) break;
    if (value[i] != ';') return false;
    ++i;
    skip_wsp(value, i);
  }
  return true;
}

std::vector<std::string> caa_record_problems(const dns::CaaData& record) {
  std::vector<std::string> problems;
  const std::string tag = ascii_lower(record.tag);
  if (tag.empty() || tag.size() > 15 || !std::all_of(tag.begin(), tag.end(), is_alnum)) {
    problems.push_back(
        i18n::finding("tag '{tag}' is not 1-15 letters and digits", fmt::arg("tag", record.tag)));
    return problems;
  }
  if (tag == "issue" || tag == "issuewild") {
    if (!is_valid_issue_value(record.value)) {
      problems.push_back(
          i18n::finding("{tag} value \"{value}\" is not a valid issuer domain name with parameters "
                        "(RFC 8659 §4.2)",
                        fmt::arg("tag", tag), fmt::arg("value", record.value)));
    }
  } else if (tag == "iodef") {
    const std::string url = ascii_lower(record.value);
    if (!url.starts_with("mailto:") && !url.starts_with("https://")) {
      problems.push_back(i18n::finding("iodef \"{value}\" is not a mailto: or https: URL",
                                       fmt::arg("value", record.value)));
    } else if (url.size() <= (url.starts_with("mailto:") ? 7u : 8u)) {
      problems.push_back(
          i18n::finding("iodef \"{value}\" has no address", fmt::arg("value", record.value)));
    }
  } else if (record.critical() && tag != "issuemail" && tag != "contactemail" &&
             tag != "contactphone") {
    problems.push_back(i18n::finding(
        "unknown tag '{tag}' is marked critical: certificate authorities will refuse to issue",
        fmt::arg("tag", tag)));
  }
  return problems;
}

}  // namespace baseline::checks::dns_family
