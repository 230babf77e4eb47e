// SPDX-License-Identifier: Apache-2.0
#include "core/check_result.h"

namespace baseline::core {

std::optional<Verdict> worst_verdict(const std::vector<CheckResult>& results, std::string_view id) {
  std::optional<Verdict> folded;
  for (const auto& r : results) {
    if (r.id != id) continue;
    folded = folded ? worst(*folded, r.verdict) : r.verdict;
  }
  return folded;
}

}  // namespace baseline::core
