// SPDX-License-Identifier: Apache-2.0
// Translations with GNU gettext (po/*.po, compiled to .mo files at build time): the language of
// the run, looking texts up, and dates and numbers formatted for the language.
//
// The language comes from --lang, else LANGUAGE, LC_ALL, LC_MESSAGES or LANG (the first that is
// set); a language Baseline does not ship falls back to English. Technical tokens (cipher names,
// record contents, RFC numbers) are never put through translation.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

namespace baseline::i18n {

inline constexpr std::string_view kTextDomain = "baseline";

// The languages shipped, as BCP 47 tags: "en", "nl", "pt-BR".
std::vector<std::string> shipped_languages();

// "pt-BR", "pt_BR.UTF-8", "nl_NL", "nl" -> the shipped tag that serves it ("pt-BR", "nl"), or ""
// when none does.
std::string match_language(std::string_view requested);

// The language from --lang (may be empty) and the environment, as a shipped tag ("en" at worst).
// `warning` gets a sentence when --lang named a language Baseline does not ship.
std::string choose_language(std::string_view option, std::string* warning = nullptr);

// Sets the process up for `language` (a shipped tag): message catalogues from the locale
// directory (BASELINE_LOCALEDIR, else the build tree's, else the installed one). Call once,
// before any text is looked up and before threads start. Returns a warning when the language's
// message catalogue is missing (the reports then stay in English), else "".
std::string set_language(const std::string& language);
std::string language();  // the current tag; "en" before set_language
// Where the compiled catalogues are: BASELINE_LOCALEDIR, else the build tree's, else the
// installed one.
std::string locale_directory();

// The translation of `msgid`, or `msgid` itself (English, or no translation).
const char* tr(const char* msgid);
std::string tr(const std::string& msgid);
// The translation of `msgid` with its {placeholders} filled in (fmt syntax; a translation keeps
// the msgid's placeholders, which scripts/check-po verifies).
template <class... Args>
std::string trf(const char* msgid, Args&&... args) {
  return fmt::format(fmt::runtime(tr(msgid)), std::forward<Args>(args)...);
}
// Marks a literal for extraction (scripts/update-po) without translating it where it stands.
constexpr const char* N_(const char* msgid) {
  return msgid;
}

// "2026-11-22" -> "22 November 2026" / "22 november 2026" / "22 de novembro de 2026".
std::string long_date(std::string_view iso_date);
// 72.5 -> "72.5" / "72,5"
std::string decimal(double value, int decimals);
// 1.5 -> "1.5" / "1,5"; 2 -> "2" (as printf's %g)
std::string decimal_g(double value);

}  // namespace baseline::i18n
