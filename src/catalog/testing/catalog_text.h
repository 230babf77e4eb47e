// SPDX-License-Identifier: Apache-2.0
// Small catalogues for unit tests, written as YAML text so that tests exercise the real loader.
#pragma once

#include <string>
#include <vector>

namespace baseline::catalog::testing {

// One tested standard with every field filled. `checks` is a YAML flow list "[a, b]".
inline std::string tested_standard(const std::string& id, const std::string& level,
                                   const std::string& weight, const std::string& checks) {
  return "  - id: " + id + "\n    name: Standard " + id +
         "\n    documents:\n      - title: RFC 1\n        url: "
         "https://www.rfc-editor.org/rfc/rfc1\n"
         "    domain: net\n"
         "    principles: {interoperability: i, security: s, openness: o, readiness: r}\n"
         "    protects_against: harm\n"
         "    business_case: {risk: r, cost: c, early_adopters: e}\n"
         "    procurement_clause: {requirement: q, verification: v}\n"
         "    level: " +
         level + "\n    weight: " + weight + "\n    assessment: tested\n    checks: " + checks +
         "\n    failure: bad\n    fix: do this\n";
}

inline std::string questionnaire_standard(const std::string& id) {
  return "  - id: " + id + "\n    name: Standard " + id +
         "\n    documents:\n      - title: RFC 2827\n        url: "
         "https://www.rfc-editor.org/rfc/rfc2827\n"
         "    domain: net\n"
         "    principles: {interoperability: i, security: s, openness: o, readiness: r}\n"
         "    protects_against: harm\n"
         "    business_case: {risk: r, cost: c, early_adopters: e}\n"
         "    procurement_clause: {requirement: q, verification: v}\n"
         "    level: required\n    weight: 1\n    assessment: questionnaire\n"
         "    questions: [\"Do you filter?\"]\n";
}

inline std::string catalog_with(const std::vector<std::string>& standards,
                                const std::string& categories = "categories: []\n") {
  std::string text =
      "catalog_version: \"test-1\"\ntitle: Test list\npublished: 2026-01-01\n"
      "domains:\n  net: Network\n" +
      categories + "standards:\n";
  for (const auto& s : standards) text += s;
  return text;
}

}  // namespace baseline::catalog::testing
