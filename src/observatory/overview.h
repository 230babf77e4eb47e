// SPDX-License-Identifier: Apache-2.0
// The comply-or-explain overview of a list, in the shape of the Dutch annual report to
// parliament: per organisation, domain and standard of the list's newest scan, whether it
// complies, is explained (until a day), or neither.
//
//   complies    the standard's verdict is pass
//   explained   fail or error, with an explanation that holds on the report's day
//   neither     fail or error, without one (or with one that expired: `until` then shows when)
//   not_tested  the standard was not tested for the domain, or does not apply to it
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "observatory/explanation_store.h"
#include "store/store.h"

namespace baseline::observatory {

struct OverviewRow {
  std::string organisation;
  std::string domain;
  std::string standard;
  std::string status;  // complies explained neither not_tested
  std::string until;   // the applying explanation's last day, when there is one
  std::string reason;  // its text
};

// One row per domain of the scan and standard of the catalogue, ordered by organisation, domain
// and the catalogue's order of standards. `today` is YYYY-MM-DD.
std::vector<OverviewRow> build_overview(const std::vector<store::DomainSummary>& domains,
                                        const std::vector<StoredExplanation>& explanations,
                                        const catalog::Catalog& catalog, const std::string& today);

struct ListOverview {
  std::string list;
  std::int64_t scan = 0;  // the newest scan with results
  std::string scan_started;
  std::string day;  // the day the explanations were judged on
  std::vector<OverviewRow> rows;
};

// The overview of the list's newest scan with results, with the explanations of the list's
// owner, judged on `today` (YYYY-MM-DD).
core::Result<ListOverview> list_overview(store::Store& store, const std::string& list,
                                         const catalog::Catalog& catalog, const std::string& today);

// Columns: organisation,domain,standard,status,until (shared/spec/interface.md).
void write_overview_csv(std::ostream& out, const std::vector<OverviewRow>& rows);

}  // namespace baseline::observatory
