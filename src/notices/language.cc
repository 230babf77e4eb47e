// SPDX-License-Identifier: Apache-2.0
#include "notices/language.h"

#include <cctype>

#include "i18n/i18n.h"
#include "i18n/message_catalogue.h"

namespace baseline::notices {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool well_formed(std::string_view tag) {
  if (tag.empty() || tag.size() > 35) return false;
  for (char c : tag) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return tag.front() != '-' && tag.back() != '-';
}

std::string primary(std::string_view tag) {
  return lower(tag.substr(0, tag.find('-')));
}

}  // namespace

const std::vector<std::string>& shipped_languages() {
  static const std::vector<std::string> languages = i18n::shipped_languages();
  return languages;
}

std::string choose_language(const std::vector<std::string>& preferred,
                            const std::vector<std::string>& shipped) {
  for (const auto& tag : preferred) {
    if (!well_formed(tag)) continue;
    for (const auto& s : shipped) {
      if (lower(s) == lower(tag)) return s;
    }
    for (const auto& s : shipped) {
      if (primary(s) == primary(tag)) return s;
    }
  }
  return "en";
}

std::string tr(std::string_view language, std::string_view english) {
  return i18n::translate(language, english);
}

}  // namespace baseline::notices
