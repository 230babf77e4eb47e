// SPDX-License-Identifier: Apache-2.0
#include "i18n/i18n.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <clocale>
#include <cstdlib>
#include <filesystem>

#include "i18n/message_catalogue.h"
#include "i18n/scoped_language.h"

namespace baseline::i18n {
namespace {

// The language of the run, and the one a thread works in for a while (a web request).
std::string current = "en";
thread_local const std::string* thread_language = nullptr;

const std::string& active() {
  return thread_language != nullptr ? *thread_language : current;
}

}  // namespace

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
  // for the language with decimal() and long_date(). Messages come from the catalogues read by
  // i18n::MessageCatalogue, never from the C library's locale, so that what the operating system
  // says (strerror) stays as it is in summaries, which are stored in English.
  std::setlocale(LC_NUMERIC, "C");
  if (has_catalogue(language)) return "";
  current = "en";
  return fmt::format("no translations for '{}' in {} (set BASELINE_LOCALEDIR); writing English",
                     language, locale_directory());
}

bool has_catalogue(const std::string& language) {
  return language == "en" || catalogue_for(language) != nullptr;
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
  const auto* catalogue = catalogue_for(language);
  const auto* found = catalogue != nullptr ? catalogue->find(msgid) : nullptr;
  return found != nullptr ? found->c_str() : msgid;
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
  auto two_digits = [&](std::size_t at) {
    int value = 0;
    const char* begin = iso_date.data() + at;
    const auto [end, error] = std::from_chars(begin, begin + 2, value);
    return error == std::errc() && end == begin + 2 ? value : 0;
  };
  const int month = two_digits(5);
  const int day = two_digits(8);
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
