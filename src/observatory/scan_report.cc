// SPDX-License-Identifier: Apache-2.0
#include "observatory/scan_report.h"

namespace baseline::observatory {

namespace {

bool unmet(const std::string& verdict) {
  return verdict == "fail" || verdict == "error";
}

}  // namespace

std::string domain_change(const std::vector<store::StandardVerdict>& before,
                          const std::vector<store::StandardVerdict>& after) {
  std::map<std::string, std::string> was;
  for (const auto& s : before) was[s.standard] = s.verdict;
  bool improved = false;
  for (const auto& s : after) {
    auto old = was.find(s.standard);
    if (old == was.end()) continue;
    if (old->second == "pass" && unmet(s.verdict)) return "regressed";
    if (unmet(old->second) && s.verdict == "pass") improved = true;
  }
  return improved ? "improved" : "unchanged";
}

core::Result<ScanReport> build_scan_report(store::Store& store, const std::string& list,
                                           std::int64_t scan,
                                           std::optional<std::int64_t> compare_with,
                                           std::int64_t owner, const std::string& today) {
  auto scans = store.scans(list);
  if (!scans) return scans.error();
  const store::ScanInfo* info = nullptr;
  const store::ScanInfo* earlier = nullptr;
  for (const auto& s : *scans) {
    if (s.id == scan) info = &s;
    if (compare_with && s.id == *compare_with) earlier = &s;
  }
  if (info == nullptr) return core::make_error("no scan " + std::to_string(scan) + " of this list");
  if (compare_with && earlier == nullptr) {
    return core::make_error("no scan " + std::to_string(*compare_with) + " of this list");
  }
  auto domains = store.domains(scan);
  if (!domains) return domains.error();
  auto checks = store.check_counts(scan);
  if (!checks) return checks.error();
  auto explained = explanations(store, owner);
  if (!explained) return explained.error();

  ScanReport report{list, adoption_of(*info, *domains, *checks)};
  std::map<std::string, const store::DomainSummary*> before_by_domain;
  std::vector<store::DomainSummary> before;
  if (earlier != nullptr) {
    auto rows = store.domains(earlier->id);
    if (!rows) return rows.error();
    before = std::move(*rows);
    for (const auto& d : before) before_by_domain[d.domain] = &d;
    report.compared_with = *earlier;
    report.comparison = compare(earlier->id, before, scan, *domains);
  }
  report.rows.reserve(domains->size());
  for (auto& d : *domains) {
    DomainRow row{std::move(d), "", {}};
    for (const auto& s : row.domain.standards) {
      if (!unmet(s.verdict)) continue;
      const auto* e =
          find_explanation(*explained, row.domain.organisation, row.domain.domain, s.standard);
      if (e != nullptr && explanation_holds(*e, today)) row.explained[s.standard] = *e;
    }
    if (earlier != nullptr) {
      auto it = before_by_domain.find(row.domain.domain);
      row.change = it == before_by_domain.end()
                       ? "new"
                       : domain_change(it->second->standards, row.domain.standards);
      if (row.change == "improved") ++report.improved;
      if (row.change == "regressed") ++report.regressed;
      if (row.change == "unchanged") ++report.unchanged;
      if (row.change == "new") ++report.added;
    }
    report.rows.push_back(std::move(row));
  }
  return report;
}

}  // namespace baseline::observatory
