// SPDX-License-Identifier: Apache-2.0
// Which language a page is written in: the visitor's explicit choice (?lang= on the link of the
// language switcher, remembered in the `lang` cookie), else their browser's Accept-Language.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/http_types.h"

namespace baseline::server {

// The shipped language that serves an Accept-Language header best (RFC 9110 §12.5.4): ranges in
// order of their q-value (ties keep their order), "*" meaning any; nullopt when none matches.
// "pt" and "pt-PT" get pt-BR, "nl-BE" nl, "en-GB" en; q=0 refuses a language.
std::optional<std::string> negotiate_language(std::string_view accept_language);

struct LanguageChoice {
  std::string language;     // a shipped tag
  bool from_query = false;  // ?lang= chose it: the response remembers it in the cookie
};

// ?lang= (query), then the `lang` cookie, then Accept-Language, then `fallback` (serve's --lang).
LanguageChoice choose_page_language(const Request& request, std::string_view query,
                                    const std::string& fallback);

// The Set-Cookie value that remembers a choice for a year.
std::string language_cookie(const std::string& language);

}  // namespace baseline::server
