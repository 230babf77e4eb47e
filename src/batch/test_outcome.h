// SPDX-License-Identifier: Apache-2.0
// From Baseline verdicts to one Internet.nl test's {"status", "verdict"}: the worst verdict over
// the test's checks and targets, then the test's requirement level decides how a failure shows.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "batch/test_mapping.h"
#include "core/verdict.h"

namespace baseline::batch {

// Verdict slugs Baseline gives (the metadata report lists which go with which status).
inline constexpr std::string_view kVerdictGood = "good";
inline constexpr std::string_view kVerdictBad = "bad";
inline constexpr std::string_view kVerdictPhaseOut = "phase-out";  // Baseline's warn
inline constexpr std::string_view kVerdictNotApplicable = "not-applicable";
inline constexpr std::string_view kVerdictNotTested = "detail verdict not-tested";
inline constexpr std::string_view kVerdictCouldNotTest = "detail verdict could-not-test";

struct TestOutcome {
  std::string_view status;                // passed | failed | warning | info | not_tested | error
  std::string_view verdict;               // one of the slugs above
  std::optional<core::Verdict> baseline;  // the worst Baseline verdict, when any result counted
};

// The worst verdict of the mapped checks' results in `checks` (the stored result's "checks"
// array), after the test's target filter; nullopt when none counted.
std::optional<core::Verdict> decide(const TestMapping& test, const nlohmann::json& checks);

// Whether Baseline's `warn` means "phase-out" for this test: the TLS and certificate grading
// (NCSC-NL's phase-out class). Elsewhere a warn is a finding below recommendation ("bad").
bool grades_phase_out(const TestMapping& test);

// Status and verdict of `test` whose worst Baseline verdict is `worst` (nullopt: not tested).
TestOutcome outcome(const TestMapping& test, std::optional<core::Verdict> worst);

// The statuses the test can have and their verdicts, for /metadata/report.
nlohmann::json status_verdict_map(const TestMapping& test);

}  // namespace baseline::batch
