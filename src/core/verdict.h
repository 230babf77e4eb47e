// SPDX-License-Identifier: Apache-2.0
// Verdicts and requirement levels of checks, as defined in shared/spec/checks.md.
#pragma once

#include <optional>
#include <string_view>

namespace baseline::core {

enum class Verdict { kPass, kInfo, kNotApplicable, kWarn, kFail, kError };

enum class Level { kRequired, kRecommended, kOptional };

std::string_view to_string(Verdict verdict);
std::string_view to_string(Level level);
std::optional<Verdict> verdict_from_string(std::string_view text);

// How bad a verdict is when results of several targets are folded into one
// (a host's verdict is the worst of its addresses): error > fail > warn > pass > info > n/a.
int severity(Verdict verdict);
Verdict worst(Verdict a, Verdict b);

}  // namespace baseline::core
