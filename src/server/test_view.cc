// SPDX-License-Identifier: Apache-2.0
#include "server/test_view.h"

#include <ctime>

namespace baseline::server {

namespace {

std::optional<std::chrono::system_clock::time_point> parse_iso(const std::string& text) {
  std::tm tm{};
  if (!strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::optional<core::Level> level_from_string(std::string_view text) {
  for (auto level : {core::Level::kRequired, core::Level::kRecommended, core::Level::kOptional}) {
    if (core::to_string(level) == text) return level;
  }
  return std::nullopt;
}

}  // namespace

nlohmann::json test_to_json(const store::WebTest& test, bool with_result, std::int64_t now,
                            const std::vector<std::string>& families_done) {
  nlohmann::json families = nlohmann::json::array();
  if (test.families.find("web") != std::string::npos) families.push_back("web");
  if (test.families.find("mail") != std::string::npos) families.push_back("mail");
  nlohmann::json out{
      {"id", test.id},        {"domain", test.domain},       {"families", families},
      {"status", test.state}, {"submitted", test.submitted}, {"url", "/test/" + test.id}};
  if (!test.finished.empty()) {
    out["finished"] = test.finished;
    out["age_seconds"] = std::max<std::int64_t>(0, now - test.finished_unix);
  }
  if (test.state == store::kFailed) out["error"] = test.error;
  if (test.state == store::kRunning) out["families_done"] = families_done;
  if (with_result && test.state == store::kDone) {
    auto result = nlohmann::json::parse(test.result, nullptr, false);
    out["result"] = result.is_discarded() ? nlohmann::json(nullptr) : result;
  }
  return out;
}

std::string test_json_text(const store::WebTest& test, bool with_result, std::int64_t now,
                           const std::vector<std::string>& families_done) {
  std::string text = test_to_json(test, false, now, families_done)
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (with_result && test.state == store::kDone && !test.result.empty()) {
    text.pop_back();  // the closing brace
    text += ",\"result\":";
    text += test.result;
    text += '}';
  }
  return text;
}

std::optional<engine::DomainReport> report_from_json(const nlohmann::json& result) {
  if (!result.is_object() || result.value("schema", "") != "baseline/test-result/1") {
    return std::nullopt;
  }
  auto domain = core::DomainName::parse(result.value("domain", ""));
  auto started = parse_iso(result.value("started", ""));
  if (!domain || !started || !result.contains("checks") || !result["checks"].is_array()) {
    return std::nullopt;
  }
  engine::DomainReport report{
      *domain, *started, std::chrono::milliseconds(result.value("duration_ms", 0)), {}, 0};
  for (const auto& c : result["checks"]) {
    if (!c.is_object()) return std::nullopt;
    core::CheckResult check;
    check.id = c.value("id", "");
    check.target = c.value("target", "");
    auto verdict = core::verdict_from_string(c.value("verdict", ""));
    auto level = level_from_string(c.value("level", "required"));
    if (check.id.empty() || !verdict || !level) return std::nullopt;
    check.verdict = *verdict;
    check.level = *level;
    check.summary = c.value("summary", "");
    if (c.contains("details")) check.details = c["details"];
    report.results.push_back(std::move(check));
  }
  return report;
}

}  // namespace baseline::server
