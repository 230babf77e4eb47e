// SPDX-License-Identifier: Apache-2.0
// The language of a notice: the first language of security.txt's Preferred-Languages (RFC 9116
// 2.5.8) that Baseline ships, else English. Every word of a notice goes through tr(), the one
// place where the translations (gettext catalogues) plug in.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

namespace baseline::notices {

// The languages notices can be written in (BCP 47 tags): the project's (i18n.h).
const std::vector<std::string>& shipped_languages();

// The first tag of `preferred` (in order) that names a shipped language — exactly, or by its
// primary subtag ("pt" or "pt-PT" chooses "pt-BR" when that is shipped and "pt" is not);
// otherwise "en". Malformed tags are skipped.
std::string choose_language(const std::vector<std::string>& preferred,
                            const std::vector<std::string>& shipped = shipped_languages());

// `english` in `language`; English when there is no translation. Mark literals with i18n::N_
// so that scripts/update-po extracts them.
std::string tr(std::string_view language, std::string_view english);

// The same with {named} placeholders filled in (fmt). A translation whose placeholders do not
// match (scripts/check-po refuses those) falls back to the English text.
template <class... Args>
std::string trf(std::string_view language, std::string_view english, Args&&... args) {
  try {
    return fmt::format(fmt::runtime(tr(language, english)), args...);
  } catch (const fmt::format_error&) {
    return fmt::format(fmt::runtime(english), args...);
  }
}

}  // namespace baseline::notices
