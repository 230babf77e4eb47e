// SPDX-License-Identifier: Apache-2.0
#include "catalog/scoring.h"

#include <algorithm>
#include <cmath>

#include "checks/registry.h"

namespace baseline::catalog {
namespace {
using core::Level;
using core::Verdict;

core::Level level_of(const std::string& check_id) {
  const auto* spec = checks::find_check(check_id);
  return spec != nullptr ? spec->level : Level::kOptional;
}

int rounded_percent(double part, double whole) {
  return static_cast<int>(std::floor(100.0 * part / whole + 0.5));
}

StandardResult judge_standard(const Standard& standard,
                              const std::vector<core::CheckResult>& results) {
  StandardResult out;
  out.standard = &standard;
  if (standard.assessment == Assessment::kQuestionnaire) return out;

  // The worst verdict of each named check that ran, keyed by check.
  std::vector<std::pair<std::string, Verdict>> ran;
  for (const auto& id : standard.checks) {
    if (auto v = core::worst_verdict(results, id)) {
      ran.emplace_back(id, *v);
    } else {
      out.untested_checks.push_back(id);
    }
  }
  if (ran.empty()) return out;

  auto ran_at = [&](Level level) {
    return std::any_of(ran.begin(), ran.end(),
                       [&](const auto& r) { return level_of(r.first) == level; });
  };
  const Level deciding = ran_at(Level::kRequired)      ? Level::kRequired
                         : ran_at(Level::kRecommended) ? Level::kRecommended
                                                       : Level::kOptional;

  bool any_pass = false;
  for (const auto& [id, verdict] : ran) {
    const bool decides = deciding != Level::kOptional && level_of(id) == deciding;
    if (!decides) {
      if (verdict == Verdict::kWarn || verdict == Verdict::kFail) out.warning_checks.push_back(id);
      continue;
    }
    switch (verdict) {
      case Verdict::kPass:
        any_pass = true;
        break;
      case Verdict::kWarn:
        any_pass = true;
        out.warning_checks.push_back(id);
        break;
      case Verdict::kFail:
      case Verdict::kInfo:
        out.failed_checks.push_back(id);
        break;
      case Verdict::kError:
        out.error_checks.push_back(id);
        break;
      case Verdict::kNotApplicable:
        break;
    }
  }
  if (deciding == Level::kOptional) {
    out.verdict = StandardVerdict::kNotTested;  // only informational checks ran
  } else if (!out.failed_checks.empty()) {
    out.verdict = StandardVerdict::kFail;
  } else if (!out.error_checks.empty()) {
    out.verdict = StandardVerdict::kError;
  } else if (any_pass) {
    out.verdict = StandardVerdict::kPass;
  } else {
    out.verdict = StandardVerdict::kNotApplicable;
  }
  return out;
}

}  // namespace

std::string_view to_string(StandardVerdict verdict) {
  switch (verdict) {
    case StandardVerdict::kPass:
      return "pass";
    case StandardVerdict::kFail:
      return "fail";
    case StandardVerdict::kError:
      return "error";
    case StandardVerdict::kNotApplicable:
      return "not_applicable";
    case StandardVerdict::kNotTested:
      return "not_tested";
  }
  return "not_tested";
}

int CategoryScore::percent() const {
  return counted == 0 ? 0 : rounded_percent(passed, counted);
}

const StandardResult* Scorecard::find(std::string_view standard_id) const {
  for (const auto& s : standards) {
    if (s.standard->id == standard_id) return &s;
  }
  return nullptr;
}

Scorecard score_domain(const Catalog& catalog, const std::vector<core::CheckResult>& results,
                       std::string_view domain, const ExplanationBook* explanations,
                       std::chrono::year_month_day today) {
  Scorecard card;
  for (const auto& standard : catalog.standards) {
    auto result = judge_standard(standard, results);
    result.counts_in_score = standard.level == Level::kRequired &&
                             (result.verdict == StandardVerdict::kPass || result.unmet());
    if (result.counts_in_score) {
      card.counted_weight += standard.weight;
      if (result.met()) card.passed_weight += standard.weight;
    }
    if (explanations != nullptr && result.unmet()) {
      if (const auto* e = explanations->find(domain, standard.id)) {
        (today <= e->until ? result.explanation : result.expired_explanation) = e;
      }
    }
    card.standards.push_back(std::move(result));
  }
  if (card.counted_weight > 0)
    card.score = rounded_percent(card.passed_weight, card.counted_weight);

  for (const auto& category : catalog.categories) {
    CategoryScore cs;
    cs.category = &category;
    bool complete = true;
    for (const auto& id : category.checks) {
      const auto verdict = core::worst_verdict(results, id);
      if (level_of(id) != Level::kRequired) continue;
      if (!verdict) {
        complete = false;  // part of the category was not tested: no percentage
        break;
      }
      if (*verdict == Verdict::kNotApplicable) continue;
      ++cs.counted;
      if (*verdict == Verdict::kPass || *verdict == Verdict::kWarn) ++cs.passed;
    }
    if (complete && cs.counted > 0) card.categories.push_back(cs);
  }
  return card;
}

}  // namespace baseline::catalog
