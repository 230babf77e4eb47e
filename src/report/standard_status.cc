#include "report/standard_status.h"

#include <set>

#include "checks/registry.h"

namespace baseline::report {
using catalog::StandardVerdict;

ShownStatus shown_status(const catalog::StandardResult& result) {
  if (result.unmet() && result.explanation != nullptr) return ShownStatus::kExplained;
  switch (result.verdict) {
    case StandardVerdict::kPass:
      return ShownStatus::kMet;
    case StandardVerdict::kFail:
      return ShownStatus::kUnmet;
    case StandardVerdict::kError:
      return ShownStatus::kCouldNotTest;
    case StandardVerdict::kNotApplicable:
      return ShownStatus::kNotApplicable;
    case StandardVerdict::kNotTested:
      return ShownStatus::kNotTested;
  }
  return ShownStatus::kNotTested;
}

std::string status_label(const catalog::StandardResult& result) {
  switch (shown_status(result)) {
    case ShownStatus::kMet:
      if (!result.untested_checks.empty()) return "Meets (partly tested)";
      return result.warning_checks.empty() ? "Meets" : "Meets, with warnings";
    case ShownStatus::kUnmet:
      return result.expired_explanation != nullptr
                 ? "Does not meet (explanation expired " +
                       catalog::format_date(result.expired_explanation->until) + ")"
                 : "Does not meet";
    case ShownStatus::kExplained:
      return "Explained until " + catalog::format_date(result.explanation->until);
    case ShownStatus::kCouldNotTest:
      return "Could not be tested";
    case ShownStatus::kNotApplicable:
      return "Does not apply";
    case ShownStatus::kNotTested:
      return result.standard->assessment == catalog::Assessment::kQuestionnaire
                 ? "Ask the supplier"
                 : "Not tested in this run";
  }
  return "";
}

std::string_view status_key(ShownStatus status) {
  switch (status) {
    case ShownStatus::kMet:
      return "met";
    case ShownStatus::kUnmet:
      return "unmet";
    case ShownStatus::kExplained:
      return "explained";
    case ShownStatus::kCouldNotTest:
      return "error";
    case ShownStatus::kNotApplicable:
      return "na";
    case ShownStatus::kNotTested:
      return "untested";
  }
  return "untested";
}

std::string not_tested_reason(const catalog::StandardResult& result) {
  if (result.standard->assessment == catalog::Assessment::kQuestionnaire) {
    return "cannot be tested from outside; assessed by questionnaire";
  }
  std::set<std::string> missing_families;
  bool any_implemented = false;
  for (const auto& id : result.untested_checks) {
    const auto* spec = checks::find_check(id);
    if (spec == nullptr) continue;
    if (checks::check_implemented(spec->id)) {
      any_implemented = true;
    } else {
      missing_families.insert(std::string(checks::to_string(spec->family)));
    }
  }
  if (!any_implemented && !missing_families.empty()) {
    std::string families;
    for (const auto& f : missing_families) families += (families.empty() ? "" : ", ") + f;
    return "this build does not test " + families + " yet";
  }
  return "its checks were not run in this test";
}

std::vector<std::string> families_tested(const engine::DomainReport& report) {
  std::set<std::string> families;
  for (const auto& r : report.results) {
    if (const auto* spec = checks::find_check(r.id)) {
      families.insert(std::string(checks::to_string(spec->family)));
    }
  }
  return {families.begin(), families.end()};
}

}  // namespace baseline::report
