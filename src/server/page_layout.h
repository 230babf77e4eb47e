// SPDX-License-Identifier: Apache-2.0
// The frame of every page of the web front: <head> with the linked stylesheet and script (the
// Content-Security-Policy allows no inline ones), a skip link, the site navigation and <main>.
#pragma once

#include <string>
#include <string_view>

#include "server/http_types.h"

namespace baseline::server {

struct PageParts {
  std::string title;
  std::string body;       // inside <main>
  std::string head = {};  // extra elements for <head> (e.g. a <noscript> refresh)
};

// `query`: the page's query without lang=, each parameter followed by '&' ("compare=3&"), kept in
// the language switcher's links.
std::string render_page(const PageParts& parts, const std::string& query = "");
Response page_response(const Request& request, http::status status, const PageParts& parts);

// The content of <main> of a complete page written by one of the report writers (they write
// self-contained documents with an inline stylesheet, which the web front serves from /static/).
std::string main_content(std::string_view document);

}  // namespace baseline::server
