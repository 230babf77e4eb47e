// SPDX-License-Identifier: Apache-2.0
// One scan's report, as the pages, the exports and the digest show it: adoption per standard,
// check and tag (adoption.h), one row per domain with its standard verdicts and explanations, and
// the comparison with an earlier scan of the same list, per domain:
//
//   regressed  some standard went from pass to fail or error (whatever else improved)
//   improved   some standard went from fail or error to pass, and none regressed
//   unchanged  neither
//   new        the domain was not in the earlier scan
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "observatory/adoption.h"
#include "observatory/explanation_store.h"

namespace baseline::observatory {

struct DomainRow {
  store::DomainSummary domain;
  std::string change;  // regressed improved unchanged new; empty without a comparison
  // standard id -> the explanation that holds on the report's day (fail or error verdicts only)
  std::map<std::string, StoredExplanation> explained;
};

struct ScanReport {
  std::string list;
  ScanAdoption adoption;
  std::optional<store::ScanInfo> compared_with;
  Comparison comparison;  // per domain and standard, when compared
  std::vector<DomainRow> rows;
  int improved = 0, regressed = 0, unchanged = 0, added = 0;
};

// The per-domain classification of `after` against `before` (standard verdicts).
std::string domain_change(const std::vector<store::StandardVerdict>& before,
                          const std::vector<store::StandardVerdict>& after);

// Builds the report of `scan` of `list`, compared with `compare_with` (another scan of the same
// list; by default none), with the explanations of `owner` as of `today` (YYYY-MM-DD).
core::Result<ScanReport> build_scan_report(store::Store& store, const std::string& list,
                                           std::int64_t scan,
                                           std::optional<std::int64_t> compare_with,
                                           std::int64_t owner, const std::string& today);

}  // namespace baseline::observatory
