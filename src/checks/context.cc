// SPDX-License-Identifier: Apache-2.0
#include "checks/context.h"

#include "checks/registry.h"

namespace baseline::checks {

core::CheckResult make_result(std::string_view id, std::string target, core::Verdict verdict,
                              std::string summary) {
  core::CheckResult result;
  result.id = std::string(id);
  result.target = std::move(target);
  result.verdict = verdict;
  if (const auto* spec = find_check(id)) result.level = spec->level;
  result.summary = std::move(summary);
  return result;
}

}  // namespace baseline::checks
