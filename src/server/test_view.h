// SPDX-License-Identifier: Apache-2.0
// A stored web test as the API shows it, and the engine report rebuilt from its stored result
// JSON (pages render stored results; they never re-run a test).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "engine/domain_run.h"
#include "store/store.h"

namespace baseline::server {

// {"id", "domain", "families", "status", "submitted", "finished", "age_seconds", "error",
//  "result", "url", "families_done"}: "result" only when done and asked for; "families_done"
// (the check families finished so far, from the ProgressBoard) only while running.
nlohmann::json test_to_json(const store::WebTest& test, bool with_result, std::int64_t now,
                            const std::vector<std::string>& families_done = {});

// The same as JSON text, with the stored result spliced in as it is (it is JSON we wrote): no
// parse and dump of a large result on every request.
std::string test_json_text(const store::WebTest& test, bool with_result, std::int64_t now,
                           const std::vector<std::string>& families_done = {});

// The DomainReport a stored `baseline/test-result/1` object describes (nullopt when the JSON is
// not such an object).
std::optional<engine::DomainReport> report_from_json(const nlohmann::json& result);

}  // namespace baseline::server
