// SPDX-License-Identifier: Apache-2.0
#include "observatory/adoption.h"

#include <algorithm>

namespace baseline::observatory {

namespace {

void count_standard(Adoption& a, const std::string& verdict) {
  if (verdict != "pass" && verdict != "fail" && verdict != "error") return;
  ++a.counted;
  if (verdict == "pass") ++a.adopted;
}

bool unmet(const std::string& verdict) {
  return verdict == "fail" || verdict == "error";
}

}  // namespace

std::optional<double> Adoption::percent() const {
  if (counted == 0) return std::nullopt;
  return 100.0 * adopted / counted;
}

ScanAdoption adoption_of(const store::ScanInfo& scan,
                         const std::vector<store::DomainSummary>& domains,
                         const std::vector<store::CheckCount>& checks) {
  ScanAdoption out{scan};
  long score_sum = 0;
  int scored = 0;
  for (const auto& d : domains) {
    ++out.domains;
    if (d.score) {
      score_sum += *d.score;
      ++scored;
    }
    const std::pair<const char*, const std::string*> tags[] = {
        {"sector", &d.sector}, {"country", &d.country}, {"organisation", &d.organisation}};
    for (const auto& s : d.standards) {
      count_standard(out.standards[s.standard], s.verdict);
      for (const auto& [kind, value] : tags) {
        if (!value->empty()) count_standard(out.by_tag[kind][*value][s.standard], s.verdict);
      }
    }
  }
  for (const auto& c : checks) {
    if (c.verdict == "not_applicable") continue;
    auto& a = out.checks[c.check];
    a.counted += static_cast<int>(c.domains);
    if (c.verdict == "pass" || c.verdict == "warn") a.adopted += static_cast<int>(c.domains);
  }
  if (scored > 0) out.mean_score = static_cast<double>(score_sum) / scored;
  return out;
}

Comparison compare(std::int64_t before_scan, const std::vector<store::DomainSummary>& before,
                   std::int64_t after_scan, const std::vector<store::DomainSummary>& after) {
  Comparison out{before_scan, after_scan};
  std::map<std::string, const store::DomainSummary*> earlier;
  for (const auto& d : before) earlier[d.domain] = &d;
  for (const auto& d : after) {
    auto it = earlier.find(d.domain);
    if (it == earlier.end()) continue;
    std::map<std::string, std::string> was;
    for (const auto& s : it->second->standards) was[s.standard] = s.verdict;
    for (const auto& s : d.standards) {
      auto old = was.find(s.standard);
      if (old == was.end()) continue;
      if (unmet(old->second) && s.verdict == "pass") {
        out.improved.push_back({d.domain, s.standard, old->second, s.verdict});
      } else if (old->second == "pass" && unmet(s.verdict)) {
        out.regressed.push_back({d.domain, s.standard, old->second, s.verdict});
      }
    }
  }
  return out;
}

core::Result<ObservatoryReport> build_report(store::Store& store, const std::string& list,
                                             const std::vector<std::int64_t>& compare_ids) {
  auto scans = store.scans(list);
  if (!scans) return scans.error();
  ObservatoryReport report{list};
  std::map<std::int64_t, std::vector<store::DomainSummary>> kept;  // the two compared
  std::int64_t before_id = 0, after_id = 0;
  std::vector<std::int64_t> with_results;
  for (const auto& s : *scans) {
    if (s.done > 0) with_results.push_back(s.id);
  }
  if (compare_ids.size() == 2) {
    before_id = compare_ids[0];
    after_id = compare_ids[1];
  } else if (with_results.size() >= 2) {
    before_id = with_results[with_results.size() - 2];
    after_id = with_results.back();
  }
  for (const auto& s : *scans) {
    if (s.done == 0) continue;  // a scan that stored nothing is not a point in time
    auto domains = store.domains(s.id);
    if (!domains) return domains.error();
    auto checks = store.check_counts(s.id);
    if (!checks) return checks.error();
    report.scans.push_back(adoption_of(s, *domains, *checks));
    if (s.id == before_id || s.id == after_id) kept[s.id] = std::move(*domains);
  }
  if (kept.count(before_id) && kept.count(after_id)) {
    report.comparison = compare(before_id, kept[before_id], after_id, kept[after_id]);
  } else if (compare_ids.size() == 2) {
    return core::make_error("cannot compare scans " + std::to_string(before_id) + " and " +
                            std::to_string(after_id) +
                            ": not stored scans of this list with results");
  }
  return report;
}

}  // namespace baseline::observatory
