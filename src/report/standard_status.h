// SPDX-License-Identifier: Apache-2.0
// How a standard's outcome is shown to people: one status with a label and a sentence, shared by
// the terminal, HTML and comply-or-explain output so that they always agree.
#pragma once

#include <string>
#include <vector>

#include "catalog/scoring.h"
#include "engine/domain_run.h"

namespace baseline::report {

enum class ShownStatus {
  kMet,            // pass
  kUnmet,          // fail (or an expired explanation)
  kExplained,      // fail or error, explained by the organisation until a date not yet passed
  kCouldNotTest,   // error
  kNotApplicable,  // not_applicable
  kNotTested,      // not_tested: none of its checks ran, or assessed by questionnaire
};

ShownStatus shown_status(const catalog::StandardResult& result);
// Short label: "Meets", "Does not meet", "Explained until 2027-06-30", ...
std::string status_label(const catalog::StandardResult& result);
// CSS class / terminal colour key: "met", "unmet", "explained", "error", "na", "untested".
std::string_view status_key(ShownStatus status);

// Why the checks of a standard did not run: their family is not in this build, or was not run.
std::string not_tested_reason(const catalog::StandardResult& result);

// The families of checks that produced results in this run ("dns", "web", ...).
std::vector<std::string> families_tested(const engine::DomainReport& report);

}  // namespace baseline::report
