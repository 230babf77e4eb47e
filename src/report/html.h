// SPDX-License-Identifier: Apache-2.0
// Small helpers for writing HTML by hand: escaping, and the stylesheet every Baseline page shares
// (screen and print). Pages are self-contained: no scripts, no external styles, fonts or images.
#pragma once

#include <string>
#include <string_view>

namespace baseline::report::html {

// Escapes &, <, >, " and ' for text and attribute values.
std::string escape(std::string_view text);
// Escapes, and renders `code spans` of catalogue texts as <code>.
std::string prose(std::string_view text);
// The shared stylesheet, including @media print.
std::string_view stylesheet();

}  // namespace baseline::report::html
