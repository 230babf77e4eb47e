// The JSON form of a domain test (schema baseline/test-result/1, shared/spec/interface.md).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "engine/domain_test.h"

namespace baseline::report {

nlohmann::json to_json(const engine::DomainReport& report);
nlohmann::json to_json(const core::CheckResult& result);
// One object for one domain, an array for several (as the interface spec asks).
nlohmann::json to_json(const std::vector<engine::DomainReport>& reports);

}  // namespace baseline::report
