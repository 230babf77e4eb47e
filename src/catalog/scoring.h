// SPDX-License-Identifier: Apache-2.0
// Scores, as shared/spec/checks.md defines them (section "Scores"), computed from one domain's
// check results and the catalogue. The rules, with worked examples, are in docs/scoring.md.
//
// Per standard: its deciding checks are its `required` checks that ran in this run (or, when it
// has no required check that ran, its `recommended` ones; `optional` checks never decide). It is
//   pass            when every deciding check is pass or warn (warn is shown),
//   fail            when any deciding check is fail, or info (info means "absent" for a deciding
//                   check, e.g. no MTA-STS policy),
//   error           when none failed but one could not run (error is never a pass),
//   not_applicable  when every deciding check is not_applicable (e.g. a null MX),
//   not_tested      when none of its checks ran, or it is assessed by questionnaire.
// Score: round(100 × Σ weight of passed standards ÷ Σ weight of standards that count), where a
// standard counts when its catalogue level is `required` and its verdict is pass, fail or error.
// A standard explained by the organisation still counts as failed: an explanation changes what
// the report says, not the measurement.
// Categories (Internet.nl-compatible): per category, round(100 × the category's required checks
// whose worst verdict is pass or warn ÷ its required checks with a verdict other than
// not_applicable); a category is left out unless all of its required checks ran (a category
// half tested would compare badly with Internet.nl), and when all of them were not_applicable.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/explanations.h"
#include "core/check_result.h"

namespace baseline::catalog {

enum class StandardVerdict { kPass, kFail, kError, kNotApplicable, kNotTested };

std::string_view to_string(StandardVerdict verdict);

struct StandardResult {
  const Standard* standard = nullptr;
  StandardVerdict verdict = StandardVerdict::kNotTested;
  std::vector<std::string> failed_checks;    // deciding checks with fail or info
  std::vector<std::string> error_checks;     // deciding checks that could not run
  std::vector<std::string> warning_checks;   // warn anywhere, and fail of a non-deciding check
  std::vector<std::string> untested_checks;  // named by the standard, no result in this run
  bool counts_in_score = false;
  // The organisation's explanation, when the standard is not met: `explanation` while it holds
  // (today ≤ until), `expired_explanation` once its date has passed.
  const Explanation* explanation = nullptr;
  const Explanation* expired_explanation = nullptr;

  bool met() const { return verdict == StandardVerdict::kPass; }
  bool unmet() const {
    return verdict == StandardVerdict::kFail || verdict == StandardVerdict::kError;
  }
};

struct CategoryScore {
  const Category* category = nullptr;
  int counted = 0;  // required checks with a verdict other than not_applicable
  int passed = 0;   // of those, pass or warn
  int percent() const;
};

struct Scorecard {
  std::vector<StandardResult> standards;  // in catalogue order
  double passed_weight = 0;
  double counted_weight = 0;
  std::optional<int> score;               // none when no standard counts
  std::vector<CategoryScore> categories;  // only the categories that were tested

  const StandardResult* find(std::string_view standard_id) const;
};

// `explanations` may be null. `today` decides whether an explanation still holds.
Scorecard score_domain(const Catalog& catalog, const std::vector<core::CheckResult>& results,
                       std::string_view domain, const ExplanationBook* explanations,
                       std::chrono::year_month_day today);

}  // namespace baseline::catalog
