// SPDX-License-Identifier: Apache-2.0
#include "report/terminal_report.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <map>

#include "checks/registry.h"
#include "core/version.h"
#include "i18n/finding.h"
#include "i18n/i18n.h"
#include "report/standard_status.h"
#include "report/words.h"

namespace baseline::report {
namespace {
using core::Verdict;
using i18n::tr;
using i18n::trf;

std::string_view colour_of(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "\x1b[32m";
    case Verdict::kWarn:
      return "\x1b[33m";
    case Verdict::kFail:
      return "\x1b[31m";
    case Verdict::kError:
      return "\x1b[35m";
    default:
      return "\x1b[2m";
  }
}

std::string_view colour_of(ShownStatus s) {
  switch (s) {
    case ShownStatus::kMet:
      return "\x1b[32m";
    case ShownStatus::kExplained:
      return "\x1b[33m";
    case ShownStatus::kUnmet:
      return "\x1b[31m";
    case ShownStatus::kCouldNotTest:
      return "\x1b[35m";
    default:
      return "\x1b[2m";
  }
}

std::string paint(std::string text, std::string_view colour_code, bool colour) {
  if (!colour) return text;
  return std::string(colour_code) + text + "\x1b[0m";
}

std::string_view verdict_word(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return tr("PASS");
    case Verdict::kWarn:
      return tr("WARN");
    case Verdict::kFail:
      return tr("FAIL");
    case Verdict::kInfo:
      return tr("INFO");
    case Verdict::kNotApplicable:
      return tr("N/A");
    case Verdict::kError:
      return tr("ERROR");
  }
  return "?";
}

std::string label(Verdict v, bool colour) {
  return paint(fmt::format("{:<5}", verdict_word(v)), colour_of(v), colour);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void write_standards(std::ostream& out, const catalog::Scorecard& card, bool colour) {
  const std::string bold = colour ? "\x1b[1m" : "";
  const std::string reset = colour ? "\x1b[0m" : "";
  int tested = 0;
  for (const auto& s : card.standards) tested += s.counts_in_score ? 1 : 0;
  if (card.score) {
    out << bold << "  " << trf("Score {score}/100", fmt::arg("score", *card.score)) << reset << "  "
        << trf("(weight {passed} of {counted} passed, over {tested} required standards tested)",
               fmt::arg("passed", i18n::decimal_g(card.passed_weight)),
               fmt::arg("counted", i18n::decimal_g(card.counted_weight)),
               fmt::arg("tested", tested))
        << "\n";
  } else {
    out << bold << "  " << tr("No score") << reset << ": "
        << tr("none of the required standards was tested") << "\n";
  }
  out << "\n" << bold << "  " << tr("Standards") << reset << "\n";
  std::vector<const catalog::StandardResult*> not_tested;
  std::vector<const catalog::StandardResult*> questionnaire;
  for (const auto& s : card.standards) {
    const auto status = shown_status(s);
    if (status == ShownStatus::kNotTested) {
      (s.standard->assessment == catalog::Assessment::kQuestionnaire ? questionnaire : not_tested)
          .push_back(&s);
      continue;
    }
    out << "    " << paint(fmt::format("{:<28}", status_label(s)), colour_of(status), colour) << " "
        << s.standard->name
        << (s.standard->level == core::Level::kRequired
                ? std::string()
                : " (" + std::string(tr("recommended, not scored")) + ")")
        << "\n";
    if (s.unmet()) {
      out << "        " << s.standard->failure << "\n";
      if (!s.failed_checks.empty()) {
        out << "        " << tr("failed:") << " " << joined(s.failed_checks) << "\n";
      }
      if (!s.error_checks.empty()) {
        out << "        " << tr("could not test:") << " " << joined(s.error_checks) << "\n";
      }
      if (s.explanation != nullptr) {
        out << "        " << tr("explained:") << " " << s.explanation->text << "\n";
      }
    }
    if (!s.warning_checks.empty()) {
      out << "        " << tr("warnings:") << " " << joined(s.warning_checks) << "\n";
    }
    if (s.met() && !s.untested_checks.empty()) {
      out << "        " << tr("not tested in this run:") << " " << joined(s.untested_checks)
          << "\n";
    }
  }
  if (!not_tested.empty()) {
    out << "    " << tr("Not tested in this run (left out of the score):") << "\n";
    for (const auto* s : not_tested) {
      out << "      - " << s->standard->name << ": " << not_tested_reason(*s) << "\n";
    }
  }
  if (!questionnaire.empty()) {
    std::string names;
    for (const auto* s : questionnaire) names += (names.empty() ? "" : "; ") + s->standard->name;
    out << "    "
        << tr("Ask the supplier (cannot be tested from outside; `baseline catalog show ID`):")
        << "\n      " << names << "\n";
  }
  if (!card.categories.empty()) {
    out << "\n" << bold << "  " << tr("Internet.nl-compatible categories") << reset << "\n    ";
    bool first = true;
    for (const auto& c : card.categories) {
      out << (first ? "" : ", ") << c.category->id << " " << c.percent() << "%";
      first = false;
    }
    out << "\n";
  }
}

}  // namespace

void write_terminal(std::ostream& out, const engine::DomainReport& report,
                    const catalog::Catalog& catalog, const catalog::Scorecard& card, bool colour) {
  auto started = std::chrono::time_point_cast<std::chrono::seconds>(report.started);
  const std::string bold = colour ? "\x1b[1m" : "";
  const std::string reset = colour ? "\x1b[0m" : "";
  std::string shown = report.domain.ascii();
  if (auto u = report.domain.unicode(); u != shown) shown = u + " (" + shown + ")";
  out << bold << trf("Baseline test of {domain}", fmt::arg("domain", shown)) << reset << "\n"
      << "  "
      << trf("{time} UTC, {ms} ms, baseline {version}, catalogue {catalog}",
             fmt::arg("time", fmt::format("{:%Y-%m-%d %H:%M:%S}", started)),
             fmt::arg("ms", report.duration.count()), fmt::arg("version", core::kToolVersion),
             fmt::arg("catalog", catalog.version))
      << "\n";
  if (!catalog.profile.empty() || !catalog.tls_guideline_label.empty()) {
    out << "  ";
    if (!catalog.profile.empty()) {
      out << trf("profile {profile} {version}", fmt::arg("profile", catalog.profile),
                 fmt::arg("version", catalog.profile_version));
      if (!catalog.tls_guideline_label.empty()) out << ", ";
    }
    if (!catalog.tls_guideline_label.empty()) {
      out << trf("TLS graded by {guideline}", fmt::arg("guideline", catalog.tls_guideline_label));
    }
    out << "\n";
  }
  out << "\n";

  write_standards(out, card, colour);
  out << "\n" << bold << "  " << tr("Checks") << reset << "\n";

  std::map<Verdict, int> counts;
  for (const auto& spec : checks::all_checks()) {
    std::vector<const core::CheckResult*> mine;
    for (const auto& r : report.results) {
      if (r.id == spec.id) mine.push_back(&r);
    }
    if (mine.empty()) continue;
    Verdict folded = *core::worst_verdict(report.results, spec.id);
    ++counts[folded];
    out << "  " << label(folded, colour) << " " << fmt::format("{:<24}", spec.id) << " "
        << tr(std::string(spec.title)) << " (" << level_word(spec.level) << ")\n";
    if (mine.size() == 1) {
      out << "        " << i18n::translate_finding(mine.front()->summary) << "\n";
      continue;
    }
    for (const auto* r : mine) {
      out << "        " << label(r->verdict, colour) << " " << r->target << "  " << i18n::translate_finding(r->summary)
          << "\n";
    }
  }
  out << "\n  "
      << trf("{pass} pass, {warn} warn, {fail} fail, {error} error, {other} other",
             fmt::arg("pass", counts[Verdict::kPass]), fmt::arg("warn", counts[Verdict::kWarn]),
             fmt::arg("fail", counts[Verdict::kFail]), fmt::arg("error", counts[Verdict::kError]),
             fmt::arg("other", counts[Verdict::kInfo] + counts[Verdict::kNotApplicable]))
      << "\n\n";
}

}  // namespace baseline::report
