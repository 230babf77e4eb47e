// SPDX-License-Identifier: Apache-2.0
// GET /metadata/report: the report hierarchy (type → category → section → test) and one data
// item per name, built from the mapping table. Translation keys are Baseline's own names (the
// test and category names); Internet.nl's translation catalogue is not part of Baseline.
#pragma once

#include <nlohmann/json.hpp>

namespace baseline::batch {

// {"report": {"data": {...}, "hierarchy": {"web": [H], "mail": [H]}}} (without api_version).
nlohmann::json metadata_report();

}  // namespace baseline::batch
