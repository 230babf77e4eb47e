// SPDX-License-Identifier: Apache-2.0
// One check's outcome for one target: what every check produces and every renderer consumes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/verdict.h"

namespace baseline::core {

struct CheckResult {
  std::string id;      // stable check ID from checks.md, e.g. "dns.dnssec.valid"
  std::string target;  // domain, host name, or "addr:port" / "[v6]:port"
  Verdict verdict = Verdict::kError;
  Level level = Level::kRequired;
  std::string summary;  // one line for people; for `error` it is the reason
  nlohmann::json details = nlohmann::json::object();  // machine-readable facts for operators
};

// Worst verdict among the results with this check ID (nullopt when there is none).
std::optional<Verdict> worst_verdict(const std::vector<CheckResult>& results, std::string_view id);

}  // namespace baseline::core
