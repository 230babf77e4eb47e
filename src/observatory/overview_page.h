// SPDX-License-Identifier: Apache-2.0
// The comply-or-explain overview as an HTML page: per organisation a table of its domains and
// the standards — complies, explained until DATE (with the reason), neither — and the counts per
// standard across the list. Self-contained (the shared stylesheet), no script.
#pragma once

#include <ostream>

#include "catalog/catalog.h"
#include "observatory/overview.h"

namespace baseline::observatory {

void write_overview_html(std::ostream& out, const ListOverview& overview,
                         const catalog::Catalog& catalog);
// The same tables without <html>/<head>, for a page of `baseline serve` to wrap.
void write_overview_body(std::ostream& out, const ListOverview& overview,
                         const catalog::Catalog& catalog);

}  // namespace baseline::observatory
