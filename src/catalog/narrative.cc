// SPDX-License-Identifier: Apache-2.0
#include "catalog/narrative.h"

#include <fmt/format.h>

#include "checks/registry.h"
#include "i18n/finding.h"
#include "i18n/i18n.h"

namespace baseline::catalog {
namespace {
using i18n::tr;
using i18n::trf;

std::string evidence_line(const std::string& check_id,
                          const std::vector<core::CheckResult>& results) {
  const auto* spec = checks::find_check(check_id);
  const std::string title = spec != nullptr ? tr(std::string(spec->title)) : check_id;
  const auto verdict = core::worst_verdict(results, check_id);
  if (!verdict) return trf("{check}: not tested in this run.", fmt::arg("check", title));
  // The summary of the worst target says what went wrong where.
  for (const auto& r : results) {
    if (r.id == check_id && r.verdict == *verdict) {
      return fmt::format("{}: {} — {}", title, tr(std::string(core::to_string(*verdict))),
                         i18n::translate_finding(r.summary));
    }
  }
  return fmt::format("{}: {}", title, tr(std::string(core::to_string(*verdict))));
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
  // "22 November 2026", "22 november 2026", "22 de novembro de 2026".
  const std::string day = i18n::long_date(tested_on);
  std::vector<NarrativePage> pages;
  for (const auto& result : card.standards) {
    const Standard& s = *result.standard;
    if (!s.narrative) continue;
    const Narrative& n = *s.narrative;
    NarrativePage page;
    page.standard_id = s.id;
    page.title =
        trf("{standard}: why this matters to your organisation", fmt::arg("standard", s.name));
    page.paragraphs.push_back(with_domain(n.risk, domain));
    if (!n.why.empty()) page.paragraphs.push_back(with_domain(n.why, domain));

    switch (result.verdict) {
      case StandardVerdict::kPass:
        page.finding =
            trf("On {date} Baseline found that {domain} meets {standard}.", fmt::arg("date", day),
                fmt::arg("domain", domain), fmt::arg("standard", s.name));
        page.tested = true;
        if (!n.when_met.empty()) page.paragraphs.push_back(with_domain(n.when_met, domain));
        break;
      case StandardVerdict::kFail:
      case StandardVerdict::kError:
        page.finding = result.verdict == StandardVerdict::kFail
                           ? trf("On {date} Baseline found that {domain} does not meet {standard}.",
                                 fmt::arg("date", day), fmt::arg("domain", domain),
                                 fmt::arg("standard", s.name))
                           : trf("On {date} Baseline could not establish whether {domain} meets "
                                 "{standard}; until it can, treat it as not met.",
                                 fmt::arg("date", day), fmt::arg("domain", domain),
                                 fmt::arg("standard", s.name));
        if (result.explanation != nullptr) {
          page.finding += " " + trf("The organisation has explained this until {date}: “{text}”",
                                    fmt::arg("date", format_date(result.explanation->until)),
                                    fmt::arg("text", result.explanation->text));
        } else if (result.expired_explanation != nullptr) {
          page.finding +=
              " " + trf("The organisation's explanation expired on {date}.",
                        fmt::arg("date", format_date(result.expired_explanation->until)));
        }
        page.tested = true;
        if (!n.when_unmet.empty()) page.paragraphs.push_back(with_domain(n.when_unmet, domain));
        break;
      case StandardVerdict::kNotApplicable:
        page.finding = trf("On {date} {standard} did not apply to {domain}.", fmt::arg("date", day),
                           fmt::arg("standard", s.name), fmt::arg("domain", domain));
        break;
      case StandardVerdict::kNotTested:
        page.finding = trf("{standard} was not tested for {domain} in this run.",
                           fmt::arg("standard", s.name), fmt::arg("domain", domain));
        break;
    }
    page.paragraphs.push_back(
        trf("What others already do: {text}", fmt::arg("text", with_domain(n.peers, domain))));
    page.paragraphs.push_back(
        trf("What it takes: {text}", fmt::arg("text", with_domain(n.cost, domain))));
    for (const auto& id : s.checks) {
      if (core::worst_verdict(results, id)) page.evidence.push_back(evidence_line(id, results));
    }
    if (!result.met()) {
      page.next_steps.push_back(with_domain(n.first_step, domain));
      for (const auto& step : n.next_steps) page.next_steps.push_back(with_domain(step, domain));
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace baseline::catalog
