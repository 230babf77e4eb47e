// SPDX-License-Identifier: Apache-2.0
#include "mail/tag_list.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "i18n/finding.h"

namespace baseline::mail {

std::string trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

core::Result<TagList> parse_tag_list(std::string_view text) {
  TagList tags;
  std::set<std::string> seen;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string pair = trim(text.substr(start, end - start));
    start = end + 1;
    if (pair.empty()) {
      if (end == text.size()) break;
      continue;  // ";;" and a trailing ';' are allowed
    }
    auto eq = pair.find('=');
    if (eq == std::string::npos)
      return core::make_error(i18n::finding("'{text}' is not tag=value", fmt::arg("text", pair)));
    const std::string tag = lowercase(trim(pair.substr(0, eq)));
    if (tag.empty() || std::isalpha(static_cast<unsigned char>(tag.front())) == 0 ||
        !std::all_of(tag.begin(), tag.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; })) {
      return core::make_error(
          i18n::finding("'{tag}' is not a valid tag name", fmt::arg("tag", tag)));
    }
    if (!seen.insert(tag).second)
      return core::make_error(i18n::finding("tag '{tag}' appears twice", fmt::arg("tag", tag)));
    tags.emplace_back(tag, trim(pair.substr(eq + 1)));
    if (end == text.size()) break;
  }
  return tags;
}

}  // namespace baseline::mail
