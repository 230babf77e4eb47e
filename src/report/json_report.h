// SPDX-License-Identifier: Apache-2.0
// The JSON form of a domain test (schema baseline/test-result/1, shared/spec/interface.md).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/scoring.h"
#include "engine/domain_run.h"

namespace baseline::report {

// One domain, scored against `catalog` (`card` is score_domain's result for this report).
nlohmann::json to_json(const engine::DomainReport& report, const catalog::Catalog& catalog,
                       const catalog::Scorecard& card);
// The same, scored with the built-in catalogue and no explanations.
nlohmann::json to_json(const engine::DomainReport& report);
// One object for one domain, an array for several (as the interface spec asks); built-in
// catalogue, no explanations.
nlohmann::json to_json(const std::vector<engine::DomainReport>& reports);
nlohmann::json to_json(const core::CheckResult& result);
nlohmann::json to_json(const catalog::StandardResult& result);

}  // namespace baseline::report
