// SPDX-License-Identifier: Apache-2.0
// GET /requests/{id}/results_technical: one domain's technical object, built from the targets
// and `details` of the stored Baseline result. Only facts Baseline stored appear; a key whose
// fact Baseline does not measure is left out. Where Baseline tests more than Internet.nl (every
// address, both the domain and www.), every address is listed and each carries Baseline's own
// results for it under "baseline_checks".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "batch/batch_request.h"

namespace baseline::batch {

nlohmann::json technical_results(const nlohmann::json& stored, RequestType type);

// "192.0.2.1:443" → "192.0.2.1", "[2001:db8::1]:25" → "2001:db8::1", "192.0.2.1" → itself.
std::string address_of_target(std::string_view target);

}  // namespace baseline::batch
