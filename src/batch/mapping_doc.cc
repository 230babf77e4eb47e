// SPDX-License-Identifier: Apache-2.0
#include "batch/mapping_doc.h"

#include <fmt/format.h>

#include "batch/test_mapping.h"
#include "checks/registry.h"

namespace baseline::batch {

std::string mapping_markdown() {
  std::string out;
  for (const auto& category : categories()) {
    out += "\n### `" + std::string(category.category) + "` (" +
           std::string(to_string(category.type)) + ")\n\n";
    out += "| Internet.nl test | Baseline checks | level | notes |\n|---|---|---|---|\n";
    for (const auto* test : tests_in(category.category)) {
      std::string checks;
      for (auto id : test->checks) {
        checks += checks.empty() ? "`" : ", `";
        checks += std::string(id);
        checks += '`';
      }
      const auto level = test_level(*test);
      std::string note;
      if (test->filter == TargetFilter::kMxHosts) note = "MX-host addresses only; ";
      if (test->filter == TargetFilter::kMxZoneNameServers) {
        note = "MX-zone name-server addresses only; ";
      }
      note += test->note;
      out += fmt::format("| `{}` | {} | {} | {} |\n", std::string(test->test),
                         checks.empty() ? "**not_tested**" : checks,
                         level ? std::string(core::to_string(*level)) : "—", note);
    }
  }
  out += "\n### Baseline checks in no Internet.nl test\n\n";
  for (auto id : checks_beyond_internetnl()) {
    const auto* spec = checks::find_check(id);
    out += "- `" + std::string(id) + "` (" + std::string(core::to_string(spec->level)) +
           "): " + std::string(spec->title) + "\n";
  }
  return out;
}

}  // namespace baseline::batch
