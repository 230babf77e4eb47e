// SPDX-License-Identifier: Apache-2.0
#include "checks/context.h"

#include "checks/registry.h"

namespace baseline::checks {

core::CheckResult make_result(CheckId id, std::string target, core::Verdict verdict,
                              std::string summary) {
  core::CheckResult result;
  result.id = id.str();
  result.target = std::move(target);
  result.verdict = verdict;
  result.level = id.spec().level;
  result.summary = std::move(summary);
  return result;
}

}  // namespace baseline::checks
