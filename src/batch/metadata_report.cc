// SPDX-License-Identifier: Apache-2.0
#include "batch/metadata_report.h"

#include "batch/test_mapping.h"
#include "batch/test_outcome.h"

namespace baseline::batch {

nlohmann::json metadata_report() {
  using json = nlohmann::json;
  json data = json::object();
  json hierarchy = {{"web", json::array()}, {"mail", json::array()}};
  for (const auto& category : categories()) {
    const std::string name(category.category);
    data[name] = {{"type", "category"}, {"translation_key", name}};
    json children = json::array();
    for (const auto* test : tests_in(category.category)) {
      const std::string test_name(test->test);
      data[test_name] = {{"type", "test"},
                         {"translation_key", test_name},
                         {"status_verdict_map", status_verdict_map(*test)}};
      json leaf = {{"name", test_name}};
      if (test->section.empty()) {
        children.push_back(leaf);
        continue;
      }
      const std::string section(test->section);
      // A category and its first section may share a name (web_rpki): the category's item stays.
      if (!data.contains(section))
        data[section] = {{"type", "section"}, {"translation_key", section}};
      if (children.empty() || children.back().value("name", "") != section ||
          !children.back().contains("children")) {
        children.push_back({{"name", section}, {"children", json::array()}});
      }
      children.back()["children"].push_back(leaf);
    }
    hierarchy[std::string(to_string(category.type))].push_back(
        {{"name", name}, {"children", children}});
  }
  return {{"report", {{"data", data}, {"hierarchy", hierarchy}}}};
}

}  // namespace baseline::batch
