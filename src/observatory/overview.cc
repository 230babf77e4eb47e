// SPDX-License-Identifier: Apache-2.0
#include "observatory/overview.h"

#include <algorithm>
#include <map>

#include "observatory/exports.h"
#include "observatory/list_owner.h"

namespace baseline::observatory {

std::vector<OverviewRow> build_overview(const std::vector<store::DomainSummary>& domains,
                                        const std::vector<StoredExplanation>& explanations,
                                        const catalog::Catalog& catalog, const std::string& today) {
  std::vector<const store::DomainSummary*> ordered;
  ordered.reserve(domains.size());
  for (const auto& d : domains) ordered.push_back(&d);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return std::tie(a->organisation, a->domain) < std::tie(b->organisation, b->domain);
  });
  std::vector<OverviewRow> rows;
  rows.reserve(ordered.size() * catalog.standards.size());
  for (const auto* d : ordered) {
    std::map<std::string, std::string> verdicts;
    for (const auto& s : d->standards) verdicts[s.standard] = s.verdict;
    for (const auto& standard : catalog.standards) {
      OverviewRow row{d->organisation, d->domain, standard.id, "not_tested", "", ""};
      const auto found = verdicts.find(standard.id);
      const std::string verdict = found == verdicts.end() ? "" : found->second;
      if (verdict == "pass") {
        row.status = "complies";
      } else if (verdict == "fail" || verdict == "error") {
        const auto* e = find_explanation(explanations, d->organisation, d->domain, standard.id);
        row.status = e && explanation_holds(*e, today) ? "explained" : "neither";
        if (e) {
          row.until = e->until;
          row.reason = e->reason;
        }
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

core::Result<ListOverview> list_overview(store::Store& store, const std::string& list,
                                         const catalog::Catalog& catalog,
                                         const std::string& today) {
  auto owned = find_list(store, list);
  if (!owned) return owned.error();
  if (!*owned) return core::make_error("no list '" + list + "' in the database");
  auto scans = store.scans(list);
  if (!scans) return scans.error();
  const store::ScanInfo* newest = nullptr;
  for (const auto& s : *scans) {
    if (s.done > 0) newest = &s;
  }
  if (newest == nullptr) return core::make_error("list '" + list + "' has no scan results yet");
  auto domains = store.domains(newest->id);
  if (!domains) return domains.error();
  auto explained = explanations(store, (*owned)->owner);
  if (!explained) return explained.error();
  return ListOverview{list, newest->id, newest->started, today,
                      build_overview(*domains, *explained, catalog, today)};
}

void write_overview_csv(std::ostream& out, const std::vector<OverviewRow>& rows) {
  out << "organisation,domain,standard,status,until\r\n";
  for (const auto& r : rows) {
    out << csv_field(r.organisation) << ',' << csv_field(r.domain) << ',' << csv_field(r.standard)
        << ',' << r.status << ',' << csv_field(r.until) << "\r\n";
  }
}

}  // namespace baseline::observatory
