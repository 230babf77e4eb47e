#include "report/terminal_report.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <map>

#include "checks/registry.h"
#include "core/version.h"
#include "report/standard_status.h"

namespace baseline::report {
namespace {
using core::Verdict;

std::string_view colour_of(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "\x1b[32m";
    case Verdict::kWarn: return "\x1b[33m";
    case Verdict::kFail: return "\x1b[31m";
    case Verdict::kError: return "\x1b[35m";
    default: return "\x1b[2m";
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

std::string label(Verdict v, bool colour) {
  std::string text =
      fmt::format("{:<5}", v == Verdict::kNotApplicable ? "n/a" : std::string(core::to_string(v)));
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return paint(text, colour_of(v), colour);
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
    out << bold << "  Score " << *card.score << "/100" << reset
        << fmt::format("  (weight {:g} of {:g} passed, over {} required standards tested)\n",
                       card.passed_weight, card.counted_weight, tested);
  } else {
    out << bold << "  No score" << reset << ": none of the required standards was tested\n";
  }
  out << "\n" << bold << "  Standards" << reset << "\n";
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
        << (s.standard->level == core::Level::kRequired ? "" : " (recommended, not scored)")
        << "\n";
    if (s.unmet()) {
      out << "        " << s.standard->failure << "\n";
      if (!s.failed_checks.empty()) out << "        failed: " << joined(s.failed_checks) << "\n";
      if (!s.error_checks.empty())
        out << "        could not test: " << joined(s.error_checks) << "\n";
      if (s.explanation != nullptr) {
        out << "        explained: " << s.explanation->text << "\n";
      }
    }
    if (!s.warning_checks.empty()) out << "        warnings: " << joined(s.warning_checks) << "\n";
    if (s.met() && !s.untested_checks.empty()) {
      out << "        not tested in this run: " << joined(s.untested_checks) << "\n";
    }
  }
  if (!not_tested.empty()) {
    out << "    Not tested in this run (left out of the score):\n";
    for (const auto* s : not_tested) {
      out << "      - " << s->standard->name << ": " << not_tested_reason(*s) << "\n";
    }
  }
  if (!questionnaire.empty()) {
    std::string names;
    for (const auto* s : questionnaire) names += (names.empty() ? "" : "; ") + s->standard->name;
    out << "    Ask the supplier (cannot be tested from outside; `baseline catalog show ID`):\n"
        << "      " << names << "\n";
  }
  if (!card.categories.empty()) {
    out << "\n" << bold << "  Internet.nl-compatible categories" << reset << "\n    ";
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
  out << bold << "Baseline test of " << shown << reset << "\n"
      << fmt::format("  {:%Y-%m-%d %H:%M:%S} UTC, {} ms, baseline {}, catalogue {}\n\n", started,
                     report.duration.count(), core::kToolVersion, catalog.version);

  write_standards(out, card, colour);
  out << "\n" << bold << "  Checks" << reset << "\n";

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
        << spec.title << " (" << core::to_string(spec.level) << ")\n";
    if (mine.size() == 1) {
      out << "        " << mine.front()->summary << "\n";
      continue;
    }
    for (const auto* r : mine) {
      out << "        " << label(r->verdict, colour) << " " << r->target << "  " << r->summary
          << "\n";
    }
  }
  out << "\n  " << counts[Verdict::kPass] << " pass, " << counts[Verdict::kWarn] << " warn, "
      << counts[Verdict::kFail] << " fail, " << counts[Verdict::kError] << " error, "
      << counts[Verdict::kInfo] + counts[Verdict::kNotApplicable] << " other\n\n";
}

}  // namespace baseline::report
