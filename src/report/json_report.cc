#include "report/json_report.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "core/version.h"

namespace baseline::report {

nlohmann::json to_json(const core::CheckResult& result) {
  return {{"id", result.id},
          {"target", result.target},
          {"verdict", core::to_string(result.verdict)},
          {"level", core::to_string(result.level)},
          {"summary", result.summary},
          {"details", result.details}};
}

nlohmann::json to_json(const engine::DomainReport& report) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& r : report.results) checks.push_back(to_json(r));
  auto started = std::chrono::time_point_cast<std::chrono::seconds>(report.started);
  return {{"schema", "baseline/test-result/1"},
          {"domain", report.domain.ascii()},
          {"domain_unicode", report.domain.unicode()},
          {"started", fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", started)},
          {"duration_ms", report.duration.count()},
          {"tool_version", core::kToolVersion},
          {"catalog_version", core::kCatalogVersion},
          // Scores and standards come from the catalogue of standards, which this build lacks.
          {"score", nullptr},
          {"standards", nlohmann::json::array()},
          {"checks", checks},
          {"categories", nlohmann::json::object()},
          {"stats", {{"dns_lookups", report.dns_lookups}}}};
}

nlohmann::json to_json(const std::vector<engine::DomainReport>& reports) {
  if (reports.size() == 1) return to_json(reports.front());
  nlohmann::json all = nlohmann::json::array();
  for (const auto& r : reports) all.push_back(to_json(r));
  return all;
}

}  // namespace baseline::report
