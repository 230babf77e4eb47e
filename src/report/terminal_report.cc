#include "report/terminal_report.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <map>

#include "checks/registry.h"
#include "core/version.h"

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

std::string label(Verdict v, bool colour) {
  std::string text = fmt::format("{:<5}", v == Verdict::kNotApplicable ? "n/a"
                                                                       : std::string(core::to_string(v)));
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!colour) return text;
  return std::string(colour_of(v)) + text + "\x1b[0m";
}

}  // namespace

void write_terminal(std::ostream& out, const engine::DomainReport& report, bool colour) {
  auto started = std::chrono::time_point_cast<std::chrono::seconds>(report.started);
  const std::string bold = colour ? "\x1b[1m" : "";
  const std::string reset = colour ? "\x1b[0m" : "";
  std::string shown = report.domain.ascii();
  if (auto u = report.domain.unicode(); u != shown) shown = u + " (" + shown + ")";
  out << bold << "Baseline test of " << shown << reset << "\n"
      << fmt::format("  {:%Y-%m-%d %H:%M:%S} UTC, {} ms, baseline {}, catalogue {}\n\n", started,
                     report.duration.count(), core::kToolVersion, core::kCatalogVersion);

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
