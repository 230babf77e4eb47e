// SPDX-License-Identifier: Apache-2.0
// GET /requests/{id}/results: one domain's object, `domains.<name>` in the reply, built from the
// stored Baseline result (schema baseline/test-result/1) through the mapping table.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "batch/batch_request.h"

namespace baseline::batch {

// {"status": "ok", "report": {"url"}, "scoring": {"percentage"}, "results": {"categories",
// "tests", "custom"}}; {"status": "error"} when `stored` is not a test result (the domain's test
// failed or was never stored). `report_url` is Baseline's permalink of that test.
nlohmann::json domain_results(const nlohmann::json& stored, RequestType type,
                              std::string_view report_url);

// Whether `stored` is a usable baseline/test-result/1 object.
bool is_test_result(const nlohmann::json& stored);

// The reply's key for a domain: its Unicode form, as Internet.nl uses pretty names.
std::string domain_key(const nlohmann::json& stored, std::string_view ascii);

// Internet.nl category status from its tests' statuses: error, failed, warning, info, passed in
// that order of precedence; "not_tested" when none of its tests ran.
std::string_view category_status(const std::vector<std::string_view>& test_statuses);

}  // namespace baseline::batch
