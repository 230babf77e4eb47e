// SPDX-License-Identifier: Apache-2.0
#include "i18n/i18n.h"

#include <fmt/format.h>

#include <array>
#include <clocale>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <unordered_map>

#include "i18n/scoped_language.h"

namespace baseline::i18n {
namespace {

// The language of the run, and the one a thread works in for a while (a web request).
std::string current = "en";
thread_local const std::string* thread_language = nullptr;

const std::string& active() {
  return thread_language != nullptr ? *thread_language : current;
}

// The translations of every shipped language, read from the compiled .mo files once, before
// threads start; read-only afterwards, so threads look texts up without a lock.
using Catalogue = std::unordered_map<std::string, std::string>;
std::map<std::string, Catalogue>& catalogues() {
  static std::map<std::string, Catalogue> all;
  return all;
}

// A GNU .mo file (gettext's compiled catalogue): a header, then two tables of (length, offset)
// for the msgids and their translations. Empty when the file is missing or damaged.
Catalogue read_mo(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Catalogue out;
  if (data.size() < 20) return out;
  auto word = [&](std::size_t at, bool swap) -> std::uint32_t {
    std::uint32_t v = 0;
    std::memcpy(&v, data.data() + at, 4);
    return swap ? __builtin_bswap32(v) : v;
  };
  const bool swap = word(0, false) != 0x950412deU;
  if (word(0, swap) != 0x950412deU) return out;
  const std::uint32_t count = word(8, swap);
  const std::uint32_t originals = word(12, swap);
  const std::uint32_t translations = word(16, swap);
  auto text = [&](std::uint32_t table, std::uint32_t i, std::string& into) {
    const std::size_t entry = table + 8ULL * i;
    if (entry + 8 > data.size()) return false;
    const std::uint32_t length = word(entry, swap);
    const std::uint32_t offset = word(entry + 4, swap);
    if (std::size_t(offset) + length > data.size()) return false;
    into.assign(data, offset, length);
    return true;
  };
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string msgid, msgstr;
    if (!text(originals, i, msgid) || !text(translations, i, msgstr)) return {};
    if (!msgid.empty() && !msgstr.empty()) out.emplace(std::move(msgid), std::move(msgstr));
  }
  return out;
}

std::string locale_directory() {
  if (const char* dir = std::getenv("BASELINE_LOCALEDIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
#ifdef BASELINE_BUILD_LOCALEDIR
  if (std::filesystem::is_directory(BASELINE_BUILD_LOCALEDIR)) return BASELINE_BUILD_LOCALEDIR;
#endif
#ifdef BASELINE_INSTALL_LOCALEDIR
  return BASELINE_INSTALL_LOCALEDIR;
#else
  return "/usr/local/share/locale";
#endif
}

// gettext's directory name for a shipped tag: "pt-BR" -> "pt_BR".
std::string gettext_name(const std::string& tag) {
  std::string out = tag;
  for (auto& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

}  // namespace

std::vector<std::string> shipped_languages() {
  return {"en", "nl", "pt-BR"};
}

std::string match_language(std::string_view requested) {
  // Strip ".UTF-8" and "@euro"; compare case-insensitively with '-' and '_' alike.
  std::string text(requested.substr(0, requested.find_first_of(".@")));
  for (auto& c : text) {
    c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (text.empty() || text == "c" || text == "posix") return "";
  const auto primary = text.substr(0, text.find('-'));
  if (primary == "en") return "en";
  if (primary == "nl") return "nl";     // nl-NL and nl-BE read the same Dutch
  if (primary == "pt") return "pt-BR";  // the only Portuguese shipped; pt-PT readers understand it
  return "";
}

std::string choose_language(std::string_view option, std::string* warning) {
  if (!option.empty()) {
    auto tag = match_language(option);
    if (!tag.empty()) return tag;
    if (warning != nullptr) {
      *warning = fmt::format(
          "Baseline is not translated into '{}'; it speaks en, nl and pt-BR (docs/translating.md "
          "explains how to add a language)",
          option);
    }
    return "en";
  }
  // LANGUAGE may list several, colon-separated: the first shipped one wins.
  if (const char* list = std::getenv("LANGUAGE"); list != nullptr && *list != '\0') {
    std::string_view rest(list);
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      auto tag = match_language(rest.substr(0, colon));
      if (!tag.empty()) return tag;
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
      auto tag = match_language(value);
      return tag.empty() ? "en" : tag;
    }
  }
  return "en";
}

std::string set_language(const std::string& language) {
  current = language;
  // Numbers stay in the C format for the program's own parsing and output; reports format them
  // for the language with decimal() and long_date().
  std::setlocale(LC_NUMERIC, "C");
  const auto directory = locale_directory();
  for (const auto& tag : shipped_languages()) {
    if (tag == "en" || catalogues().contains(tag)) continue;
    auto catalogue = read_mo(std::filesystem::path(directory) / gettext_name(tag) / "LC_MESSAGES" /
                             (std::string(kTextDomain) + ".mo"));
    if (!catalogue.empty()) catalogues().emplace(tag, std::move(catalogue));
  }
  if (language == "en" || catalogues().contains(language)) return "";
  current = "en";
  return fmt::format("no translations for '{}' in {} (set BASELINE_LOCALEDIR); writing English",
                     language, directory);
}

bool has_catalogue(const std::string& language) {
  return language == "en" || catalogues().contains(language);
}

ScopedLanguage::ScopedLanguage(std::string language)
    : language_(has_catalogue(language) ? std::move(language) : std::string("en")),
      previous_(thread_language) {
  thread_language = &language_;
}

ScopedLanguage::~ScopedLanguage() {
  thread_language = previous_;
}

std::string language() {
  return active();
}

const char* tr(const char* msgid) {
  const auto& language = active();
  if (language == "en" || msgid == nullptr || *msgid == '\0') return msgid;
  const auto catalogue = catalogues().find(language);
  if (catalogue == catalogues().end()) return msgid;
  const auto found = catalogue->second.find(msgid);
  return found == catalogue->second.end() ? msgid : found->second.c_str();
}

std::string tr(const std::string& msgid) {
  return tr(msgid.c_str());
}

std::string long_date(std::string_view iso_date) {
  static constexpr std::array<const char*, 12> kMonths = {
      N_("January"),   N_("February"), N_("March"),    N_("April"),
      N_("May"),       N_("June"),     N_("July"),     N_("August"),
      N_("September"), N_("October"),  N_("November"), N_("December")};
  if (iso_date.size() < 10) return std::string(iso_date);
  const int month = std::atoi(std::string(iso_date.substr(5, 2)).c_str());
  const int day = std::atoi(std::string(iso_date.substr(8, 2)).c_str());
  if (month < 1 || month > 12 || day < 1) return std::string(iso_date);
  // TRANSLATORS: a date; {day} is the day of the month, {month} the month's name, {year} the year.
  return fmt::format(fmt::runtime(tr("{day} {month} {year}")), fmt::arg("day", day),
                     fmt::arg("month", tr(kMonths[month - 1])),
                     fmt::arg("year", iso_date.substr(0, 4)));
}

std::string decimal_g(double value) {
  auto text = fmt::format("{:g}", value);
  if (active() != "en") {
    for (auto& c : text) {
      if (c == '.') c = ',';
    }
  }
  return text;
}

std::string decimal(double value, int decimals) {
  auto text = fmt::format("{:.{}f}", value, decimals);
  if (active() != "en") {
    for (auto& c : text) {
      if (c == '.') c = ',';
    }
  }
  return text;
}

}  // namespace baseline::i18n
