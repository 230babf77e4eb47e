// SPDX-License-Identifier: Apache-2.0
// The section for decision makers: "why this matters to your organisation", one page per
// standard (every standard has a narrative in the catalogue): the risk in one sentence, what
// peers and regulators do, the cost and the first step, with the domain's own results.
#pragma once

#include <string>
#include <vector>

#include "catalog/scoring.h"
#include "core/check_result.h"

namespace baseline::catalog {

struct NarrativePage {
  std::string standard_id;
  std::string title;
  bool tested = false;                  // the run tested it and it applied (met or not)
  std::string finding;                  // one sentence: met, not met, explained, not tested
  std::vector<std::string> paragraphs;  // plain text, in reading order
  std::vector<std::string> evidence;    // what the test saw, one line per deciding check
  std::vector<std::string> next_steps;
};

// One page per standard of `card` whose catalogue entry has a narrative, in catalogue order.
// `tested_on` is the date of the test (YYYY-MM-DD).
std::vector<NarrativePage> decision_maker_pages(const Scorecard& card,
                                                const std::vector<core::CheckResult>& results,
                                                const std::string& domain,
                                                const std::string& tested_on);

// Replaces "{domain}" in a catalogue text with the domain's name.
std::string with_domain(std::string text, const std::string& domain);

}  // namespace baseline::catalog
