// SPDX-License-Identifier: Apache-2.0
// Adoption figures of an observatory: for each stored scan of a list, the share of domains that
// meet each standard and pass each check — overall and per tag (sector, country, organisation) —
// and, between two scans, which domains improved or regressed on which standard.
//
// Counting: a standard counts for a domain when its verdict is pass, fail or error (not_applicable
// and not_tested are left out); it is adopted when pass. A check counts unless its worst verdict
// is not_applicable; it is adopted when pass or warn.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace baseline::observatory {

struct Adoption {
  int adopted = 0;
  int counted = 0;
  std::optional<double> percent() const;  // none when nothing counted
};

struct ScanAdoption {
  store::ScanInfo scan;
  int domains = 0;  // domains with results
  std::optional<double> mean_score;
  std::map<std::string, Adoption> standards;  // standard id -> adoption
  std::map<std::string, Adoption> checks;     // check id -> adoption
  // "sector" -> "health" -> standard id -> adoption (domains without the tag are left out)
  std::map<std::string, std::map<std::string, std::map<std::string, Adoption>>> by_tag;
};

struct Change {
  std::string domain;
  std::string standard;
  std::string before, after;  // standard verdicts
};

struct Comparison {
  std::int64_t before_scan = 0, after_scan = 0;
  std::vector<Change> improved;   // now pass, was fail or error
  std::vector<Change> regressed;  // was pass, now fail or error
};

ScanAdoption adoption_of(const store::ScanInfo& scan,
                         const std::vector<store::DomainSummary>& domains,
                         const std::vector<store::CheckCount>& checks);
Comparison compare(std::int64_t before_scan, const std::vector<store::DomainSummary>& before,
                   std::int64_t after_scan, const std::vector<store::DomainSummary>& after);

struct ObservatoryReport {
  std::string list;
  std::vector<ScanAdoption> scans;  // oldest first
  std::optional<Comparison> comparison;
};

// Reads the list's scans (every scan of it, or only `scan_ids` when given) and compares the last
// two (or the two given in `compare_ids`).
core::Result<ObservatoryReport> build_report(store::Store& store, const std::string& list,
                                             const std::vector<std::int64_t>& compare_ids = {});

}  // namespace baseline::observatory
