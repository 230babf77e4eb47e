// SPDX-License-Identifier: Apache-2.0
#include "report/standard_status.h"

#include <fmt/format.h>

#include <set>

#include "checks/registry.h"
#include "i18n/i18n.h"

namespace baseline::report {
using catalog::StandardVerdict;
using i18n::tr;

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
      if (!result.untested_checks.empty()) return tr("Meets (partly tested)");
      return result.warning_checks.empty() ? tr("Meets") : tr("Meets, with warnings");
    case ShownStatus::kUnmet:
      return result.expired_explanation != nullptr
                 ? fmt::format(
                       fmt::runtime(tr("Does not meet (explanation expired {date})")),
                       fmt::arg("date", catalog::format_date(result.expired_explanation->until)))
                 : tr("Does not meet");
    case ShownStatus::kExplained:
      return fmt::format(fmt::runtime(tr("Explained until {date}")),
                         fmt::arg("date", catalog::format_date(result.explanation->until)));
    case ShownStatus::kCouldNotTest:
      return tr("Could not be tested");
    case ShownStatus::kNotApplicable:
      return tr("Does not apply");
    case ShownStatus::kNotTested:
      return result.standard->assessment == catalog::Assessment::kQuestionnaire
                 ? tr("Ask the supplier")
                 : tr("Not tested in this run");
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
    return tr("cannot be tested from outside; assessed by questionnaire");
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
    return fmt::format(fmt::runtime(tr("this build does not test {families} yet")),
                       fmt::arg("families", families));
  }
  return tr("its checks were not run in this test");
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
