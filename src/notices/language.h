// SPDX-License-Identifier: Apache-2.0
// The language of a notice: the first language of security.txt's Preferred-Languages (RFC 9116
// 2.5.8) that Baseline ships, else English. Every word of a notice goes through tr(), the one
// place where the translations (gettext catalogues) plug in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace baseline::notices {

// The languages notices can be written in (BCP 47 tags). English only until the translations land.
const std::vector<std::string>& shipped_languages();

// The first tag of `preferred` (in order) that names a shipped language — exactly, or by its
// primary subtag ("pt" or "pt-PT" chooses "pt-BR" when that is shipped and "pt" is not);
// otherwise "en". Malformed tags are skipped.
std::string choose_language(const std::vector<std::string>& preferred,
                            const std::vector<std::string>& shipped = shipped_languages());

// `english` in `language`; English when there is no translation.
std::string tr(std::string_view language, std::string_view english);

}  // namespace baseline::notices
