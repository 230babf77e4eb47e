// SPDX-License-Identifier: Apache-2.0
// Comply or explain: an organisation's recorded explanations for standards it does not meet.
//
// The file format (YAML, `format: baseline/explanations/1`) is documented in
// docs/comply-or-explain.md. `baseline explain export` writes a template listing a domain's unmet
// standards with empty `explanation` and `until`; the officer fills them in; `baseline explain
// import` validates the file and records it in the store that `baseline test` reads. Until the
// date has passed, reports show "explained until DATE" instead of a bare fail; after it, the fail
// again.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/result.h"

namespace baseline::catalog {

inline constexpr std::string_view kExplanationsFormat = "baseline/explanations/1";

struct Explanation {
  std::string domain;                 // A-label form
  std::string standard;               // a catalogue standard ID
  std::string text;                   // the organisation's explanation
  std::chrono::year_month_day until;  // inclusive: explained up to and including this day
  std::string recorded;  // YYYY-MM-DD the explanation was imported (empty in a fresh file)
};

class ExplanationBook {
 public:
  const std::vector<Explanation>& entries() const { return entries_; }
  const Explanation* find(std::string_view domain, std::string_view standard) const;
  // Adds or replaces (same domain and standard) every entry of `other`.
  void merge(const ExplanationBook& other);
  void add(Explanation explanation);

 private:
  std::vector<Explanation> entries_;
};

// Parses an explanations file. Every entry must name a valid domain, a standard of `catalog`, a
// non-empty explanation and a real date; any problem is an error naming `source`, the line and the
// field, and nothing of the file is taken.
core::Result<ExplanationBook> parse_explanations(std::string_view yaml_text,
                                                 const std::string& source, const Catalog& catalog);
core::Result<ExplanationBook> load_explanations_file(const std::string& path,
                                                     const Catalog& catalog);
// Writes `book` in the same format (what the store holds).
std::string format_explanations(const ExplanationBook& book);
// Replaces `path` with `book` atomically (write a temporary file, then rename).
core::Result<bool> save_explanations_file(const std::string& path, const ExplanationBook& book);

std::string format_date(std::chrono::year_month_day date);
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
std::chrono::year_month_day day_of(std::chrono::system_clock::time_point when);

}  // namespace baseline::catalog
