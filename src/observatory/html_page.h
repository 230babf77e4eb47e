// SPDX-License-Identifier: Apache-2.0
// The observatory as one self-contained HTML page (no scripts, no external files): adoption per
// standard over time as inline SVG trend lines (each scan a point), per-sector bars for the
// latest scan, check adoption, and which domains improved or regressed between two scans.
#pragma once

#include <ostream>

#include "catalog/catalog.h"
#include "observatory/adoption.h"

namespace baseline::observatory {

void write_html(std::ostream& out, const ObservatoryReport& report,
                const catalog::Catalog& catalog);
// The page's own styles (on top of report::html::stylesheet()), for pages that link them.
std::string_view page_style();

// An SVG line chart of percentages (0–100) over the scans; a point per scan that has a value,
// each a <circle class="point" data-scan="ID">. Exposed for tests.
std::string trend_svg(const std::vector<std::int64_t>& scans,
                      const std::vector<std::optional<double>>& values, const std::string& label);

}  // namespace baseline::observatory
