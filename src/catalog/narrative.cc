#include "catalog/narrative.h"

#include <fmt/format.h>

#include "checks/registry.h"

namespace baseline::catalog {
namespace {

std::string evidence_line(const std::string& check_id,
                          const std::vector<core::CheckResult>& results) {
  const auto* spec = checks::find_check(check_id);
  const std::string title = spec != nullptr ? std::string(spec->title) : check_id;
  const auto verdict = core::worst_verdict(results, check_id);
  if (!verdict) return fmt::format("{}: not tested in this run.", title);
  // The summary of the worst target says what went wrong where.
  for (const auto& r : results) {
    if (r.id == check_id && r.verdict == *verdict) {
      return fmt::format("{}: {} — {}", title, core::to_string(*verdict), r.summary);
    }
  }
  return fmt::format("{}: {}", title, core::to_string(*verdict));
}

}  // namespace

std::string with_domain(std::string text, const std::string& domain) {
  static constexpr std::string_view kPlaceholder = "{domain}";
  for (auto at = text.find(kPlaceholder); at != std::string::npos;
       at = text.find(kPlaceholder, at + domain.size())) {
    text.replace(at, kPlaceholder.size(), domain);
  }
  return text;
}

std::vector<NarrativePage> decision_maker_pages(const Scorecard& card,
                                                const std::vector<core::CheckResult>& results,
                                                const std::string& domain,
                                                const std::string& tested_on) {
  std::vector<NarrativePage> pages;
  for (const auto& result : card.standards) {
    const Standard& s = *result.standard;
    if (!s.narrative) continue;
    const Narrative& n = *s.narrative;
    NarrativePage page;
    page.standard_id = s.id;
    page.title = fmt::format("{}: why this matters to your organisation", s.name);
    page.paragraphs.push_back(with_domain(n.why, domain));

    switch (result.verdict) {
      case StandardVerdict::kPass:
        page.finding =
            fmt::format("On {} Baseline found that {} meets {}.", tested_on, domain, s.name);
        page.paragraphs.push_back(with_domain(n.when_met, domain));
        break;
      case StandardVerdict::kFail:
      case StandardVerdict::kError:
        page.finding = result.verdict == StandardVerdict::kFail
                           ? fmt::format("On {} Baseline found that {} does not meet {}.",
                                         tested_on, domain, s.name)
                           : fmt::format(
                                 "On {} Baseline could not establish whether {} meets {}; until it "
                                 "can, treat it as not met.",
                                 tested_on, domain, s.name);
        if (result.explanation != nullptr) {
          page.finding +=
              fmt::format(" The organisation has explained this until {}: “{}”",
                          format_date(result.explanation->until), result.explanation->text);
        } else if (result.expired_explanation != nullptr) {
          page.finding += fmt::format(" The organisation's explanation expired on {}.",
                                      format_date(result.expired_explanation->until));
        }
        page.paragraphs.push_back(with_domain(n.when_unmet, domain));
        page.paragraphs.push_back(with_domain(s.business_case.risk, domain));
        page.paragraphs.push_back(
            fmt::format("What it takes: {}", with_domain(s.business_case.cost, domain)));
        break;
      case StandardVerdict::kNotApplicable:
        page.finding = fmt::format("On {} {} did not apply to {}.", tested_on, s.name, domain);
        break;
      case StandardVerdict::kNotTested:
        page.finding = fmt::format("{} was not tested for {} in this run.", s.name, domain);
        break;
    }
    page.paragraphs.push_back(
        fmt::format("Early adopters: {}", with_domain(s.business_case.early_adopters, domain)));
    for (const auto& id : s.checks) {
      if (core::worst_verdict(results, id)) page.evidence.push_back(evidence_line(id, results));
    }
    if (!result.met()) {
      for (const auto& step : n.next_steps) page.next_steps.push_back(with_domain(step, domain));
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace baseline::catalog
