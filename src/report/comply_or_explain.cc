// SPDX-License-Identifier: Apache-2.0
#include "report/comply_or_explain.h"

#include <fmt/format.h>

#include "catalog/explanations.h"

namespace baseline::report {
namespace {

// A YAML double-quoted scalar.
std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string text_field(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

core::Result<std::string> explanation_template(const nlohmann::json& results,
                                               const catalog::Catalog& catalog,
                                               const std::string& source) {
  std::vector<nlohmann::json> domains;
  if (results.is_array()) {
    domains.assign(results.begin(), results.end());
  } else {
    domains.push_back(results);
  }
  std::string entries;
  std::string header;
  int unmet = 0;
  for (std::size_t i = 0; i < domains.size(); ++i) {
    const auto& d = domains[i];
    const std::string where =
        domains.size() > 1 ? fmt::format("{} (result {})", source, i + 1) : source;
    if (!d.is_object() || text_field(d, "schema") != "baseline/test-result/1") {
      return core::make_error(where +
                              ": not a baseline test result (schema baseline/test-result/1); "
                              "write one with `baseline test DOMAIN --json`");
    }
    const auto standards = d.find("standards");
    if (standards == d.end() || !standards->is_array() || standards->empty()) {
      return core::make_error(where +
                              ": the result has no standards; it was written by a "
                              "Baseline without the catalogue, test again");
    }
    const std::string domain = text_field(d, "domain");
    const std::string tested = text_field(d, "started").substr(0, 10);
    const std::string version = text_field(d, "catalog_version");
    header += fmt::format("#   {}: tested {} with catalogue {}{}\n", domain, tested, version,
                          version == catalog.version
                              ? ""
                              : fmt::format(" (this Baseline has catalogue {})", catalog.version));
    for (const auto& s : *standards) {
      const std::string verdict = text_field(s, "verdict");
      if (verdict != "fail" && verdict != "error") continue;
      const std::string id = text_field(s, "id");
      const auto* standard = catalog.find(id);
      std::string text;
      std::string until;
      if (auto e = s.find("explanation"); e != s.end() && e->is_object()) {
        text = text_field(*e, "text");
        until = text_field(*e, "until");
      }
      std::string failed;
      for (const char* key : {"failed_checks", "error_checks"}) {
        if (auto list = s.find(key); list != s.end() && list->is_array()) {
          for (const auto& c : *list) {
            if (c.is_string()) failed += (failed.empty() ? "" : ", ") + c.get<std::string>();
          }
        }
      }
      ++unmet;
      entries += fmt::format(
          "  - domain: {}\n    standard: {}\n    name: {}\n    verdict: {}\n"
          "    tested: {}\n    failed_checks: {}\n"
          "    explanation: {}\n    until: {}\n",
          yaml_quoted(domain), yaml_quoted(id),
          yaml_quoted(standard != nullptr ? standard->name : id), verdict, yaml_quoted(tested),
          yaml_quoted(failed), yaml_quoted(text), yaml_quoted(until));
    }
  }
  std::string out =
      "# Comply or explain: the standards these domains do not meet.\n"
      "#\n"
      "# For each entry, write in `explanation` why the standard is not met and what is being "
      "done,\n"
      "# and in `until` the last day (YYYY-MM-DD) the explanation holds. Delete entries you do "
      "not\n"
      "# explain. Then record the file with:   baseline explain import THIS-FILE\n"
      "# Later reports show \"explained until DATE\" instead of a bare fail, and the fail again\n"
      "# after that date. The fields name, verdict, tested and failed_checks are for reading "
      "only.\n"
      "#\n" +
      header + "\n" + "format: " + std::string(catalog::kExplanationsFormat) + "\n";
  out += unmet == 0 ? "explanations: []  # every tested standard is met: nothing to explain\n"
                    : "explanations:\n" + entries;
  return out;
}

}  // namespace baseline::report
