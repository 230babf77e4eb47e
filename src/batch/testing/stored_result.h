// SPDX-License-Identifier: Apache-2.0
// Test helper: stored Baseline results (schema baseline/test-result/1) built check by check, in
// the shape report::to_json writes them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "checks/registry.h"
#include "core/verdict.h"

namespace baseline::batch::testing {

class StoredResult {
 public:
  explicit StoredResult(std::string domain, std::string unicode = "") {
    json_ = {{"schema", "baseline/test-result/1"},
             {"domain", domain},
             {"domain_unicode", unicode.empty() ? domain : unicode},
             {"checks", nlohmann::json::array()}};
  }

  StoredResult& add(const std::string& id, const std::string& target, const std::string& verdict,
                    nlohmann::json details = nlohmann::json::object(), std::string summary = "") {
    const auto* spec = checks::find_check(id);
    json_["checks"].push_back(
        {{"id", id},
         {"target", target},
         {"verdict", verdict},
         {"level", spec ? std::string(core::to_string(spec->level)) : "required"},
         {"summary", summary.empty() ? verdict : summary},
         {"details", std::move(details)}});
    return *this;
  }

  const nlohmann::json& json() const { return json_; }

 private:
  nlohmann::json json_;
};

}  // namespace baseline::batch::testing
