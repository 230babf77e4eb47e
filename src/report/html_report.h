// SPDX-License-Identifier: Apache-2.0
// The HTML report of `baseline test --html FILE`: one self-contained page (no external assets)
// that a procurement officer reads at a glance — which standards the organisation meets, what
// each means, and for every failure a plain explanation, the technical fix for the operator and
// the references — with a print stylesheet, because it will be printed and attached to tenders.
// It states the date, the catalogue version and what was tested, so it holds up months later.
#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/scoring.h"
#include "engine/domain_run.h"

namespace baseline::report {

struct ScoredDomain {
  const engine::DomainReport& report;
  const catalog::Scorecard& card;
};

struct HtmlReportOptions {
  std::string explanations_source;  // the explanations file used, empty when none
  std::chrono::system_clock::time_point generated = std::chrono::system_clock::now();
};

// One domain's part of the page (a <section>), for pages that bring their own <head>: the web
// front shows a stored result with it.
void write_html_section(std::ostream& out, const ScoredDomain& domain,
                        const catalog::Catalog& catalog, const HtmlReportOptions& options);

void write_html(std::ostream& out, const std::vector<ScoredDomain>& domains,
                const catalog::Catalog& catalog, const HtmlReportOptions& options);

}  // namespace baseline::report
