// SPDX-License-Identifier: Apache-2.0
// Comply or explain, the export side: from `baseline test --json` output, a file that lists the
// organisation's unmet standards with room for an explanation and an expiry date, in the format
// `baseline explain import` reads (catalog/explanations.h, docs/comply-or-explain.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "catalog/catalog.h"
#include "core/result.h"

namespace baseline::report {

// `results` is one test result or an array of them (schema baseline/test-result/1). Standards with
// verdict fail or error are listed; an explanation already recorded is filled in, so that renewing
// it is an edit of the date. Errors name `source` and what is wrong with it.
core::Result<std::string> explanation_template(const nlohmann::json& results,
                                               const catalog::Catalog& catalog,
                                               const std::string& source);

}  // namespace baseline::report
