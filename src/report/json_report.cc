// SPDX-License-Identifier: Apache-2.0
#include "report/json_report.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "core/version.h"
#include "report/standard_status.h"

namespace baseline::report {

nlohmann::json to_json(const core::CheckResult& result) {
  return {{"id", result.id},
          {"target", result.target},
          {"verdict", core::to_string(result.verdict)},
          {"level", core::to_string(result.level)},
          {"summary", result.summary},
          {"details", result.details}};
}

nlohmann::json to_json(const catalog::StandardResult& result) {
  const auto& s = *result.standard;
  nlohmann::json out = {{"id", s.id},
                        {"name", s.name},
                        {"verdict", catalog::to_string(result.verdict)},
                        {"level", core::to_string(s.level)},
                        {"weight", s.weight},
                        {"assessment", catalog::to_string(s.assessment)},
                        {"counts_in_score", result.counts_in_score},
                        {"failed_checks", result.failed_checks},
                        {"error_checks", result.error_checks},
                        {"warning_checks", result.warning_checks},
                        {"untested_checks", result.untested_checks}};
  if (result.verdict == catalog::StandardVerdict::kNotTested) {
    out["not_tested_reason"] = not_tested_reason(result);
  }
  if (const auto* e =
          result.explanation != nullptr ? result.explanation : result.expired_explanation) {
    out["explanation"] = {{"text", e->text},
                          {"until", catalog::format_date(e->until)},
                          {"status", result.explanation != nullptr ? "explained" : "expired"}};
  }
  return out;
}

nlohmann::json to_json(const engine::DomainReport& report, const catalog::Catalog& catalog,
                       const catalog::Scorecard& card) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& r : report.results) checks.push_back(to_json(r));
  nlohmann::json standards = nlohmann::json::array();
  for (const auto& s : card.standards) standards.push_back(to_json(s));
  nlohmann::json categories = nlohmann::json::object();
  for (const auto& c : card.categories) categories[c.category->id] = c.percent();
  auto started = std::chrono::time_point_cast<std::chrono::seconds>(report.started);
  return {{"schema", "baseline/test-result/1"},
          {"domain", report.domain.ascii()},
          {"domain_unicode", report.domain.unicode()},
          {"started", fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", started)},
          {"duration_ms", report.duration.count()},
          {"tool_version", core::kToolVersion},
          {"catalog_version", catalog.version},
          {"profile",
           catalog.profile.empty()
               ? nlohmann::json(nullptr)
               : nlohmann::json{{"id", catalog.profile}, {"version", catalog.profile_version}}},
          {"tls_guideline", catalog.tls_guideline.empty() ? nlohmann::json(nullptr)
                                                          : nlohmann::json(catalog.tls_guideline)},
          {"score", card.score ? nlohmann::json(*card.score) : nlohmann::json(nullptr)},
          {"score_basis",
           {{"passed_weight", card.passed_weight}, {"counted_weight", card.counted_weight}}},
          {"standards", standards},
          {"checks", checks},
          {"categories", categories},
          {"families_tested", families_tested(report)},
          {"stats", {{"dns_lookups", report.dns_lookups}}}};
}

nlohmann::json to_json(const engine::DomainReport& report) {
  static const catalog::Catalog builtin = [] {
    auto loaded = catalog::load_catalog("");
    if (!loaded) throw std::runtime_error(loaded.error().message);  // a bug in the build
    return *std::move(loaded);
  }();
  const auto card = catalog::score_domain(builtin, report.results, report.domain.ascii(), nullptr,
                                          catalog::day_of(report.started));
  return to_json(report, builtin, card);
}

nlohmann::json to_json(const std::vector<engine::DomainReport>& reports) {
  if (reports.size() == 1) return to_json(reports.front());
  nlohmann::json all = nlohmann::json::array();
  for (const auto& r : reports) all.push_back(to_json(r));
  return all;
}

}  // namespace baseline::report
