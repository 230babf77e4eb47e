// SPDX-License-Identifier: Apache-2.0
// `baseline catalog list | show ID | export --format md|html|json`: the list of standards as
// people and programs read it. Everything comes from the loaded catalogue.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "catalog/catalog.h"

namespace baseline::report {

// One line per standard: ID, requirement level, weight, how it is assessed, name.
void write_catalog_list(std::ostream& out, const catalog::Catalog& catalog);
// Every field of one standard, as plain text for a terminal.
void write_standard_text(std::ostream& out, const catalog::Catalog& catalog,
                         const catalog::Standard& standard);

nlohmann::json catalog_to_json(const catalog::Catalog& catalog);
void write_catalog_markdown(std::ostream& out, const catalog::Catalog& catalog);
// A self-contained page (no external assets) with a print stylesheet.
void write_catalog_html(std::ostream& out, const catalog::Catalog& catalog);
// One standard as an HTML <article> (business case, procurement clause, verification, checks or
// questions for suppliers): a part of write_catalog_html, also used by the web front.
void write_standard_html(std::ostream& out, const catalog::Catalog& catalog,
                         const catalog::Standard& standard);

}  // namespace baseline::report
