// SPDX-License-Identifier: Apache-2.0
#include "batch/test_outcome.h"

#include "batch/json_access.h"

namespace baseline::batch {
namespace {

using core::Level;
using core::Verdict;

bool role_starts_with(const nlohmann::json& result, std::string_view prefix) {
  const auto details = result.find("details");
  if (details == result.end() || !details->is_object()) return false;
  const auto hosts = details->find("hosts");
  if (hosts == details->end() || !hosts->is_array()) return false;
  for (const auto& use : *hosts) {
    if (!use.is_object()) continue;
    const auto role = use.find("role");
    if (role != use.end() && role->is_string() &&
        role->get_ref<const std::string&>().starts_with(prefix)) {
      return true;
    }
  }
  return false;
}

// mail.dnssec.mx judges "resolves DNSSEC-secure"; Internet.nl's mx_exist asks only whether the
// MX name's zone is signed. A bogus name is signed (and fails mx_valid).
std::optional<Verdict> signed_verdict(const nlohmann::json& result, Verdict verdict) {
  if (verdict == Verdict::kNotApplicable || verdict == Verdict::kError) return verdict;
  const std::string state = text(field(result, "details"), "dnssec");
  if (state == "secure" || state == "bogus") return Verdict::kPass;
  if (state == "insecure") return Verdict::kFail;
  return Verdict::kError;
}

}  // namespace

std::optional<Verdict> decide(const TestMapping& test, const nlohmann::json& checks) {
  if (!checks.is_array()) return std::nullopt;
  std::optional<Verdict> worst;
  for (const auto& result : checks) {
    if (!result.is_object()) continue;
    const auto id = result.find("id");
    const auto verdict_text = result.find("verdict");
    if (id == result.end() || !id->is_string() || verdict_text == result.end() ||
        !verdict_text->is_string()) {
      continue;
    }
    bool mapped = false;
    for (auto check : test.checks) mapped |= check == id->get_ref<const std::string&>();
    if (!mapped) continue;
    auto verdict = core::verdict_from_string(verdict_text->get_ref<const std::string&>());
    if (!verdict) continue;
    // A whole-domain result (not applicable, error) has no hosts to filter on; it counts.
    const bool per_address = !field(field(result, "details"), "hosts").is_null();
    switch (test.filter) {
      case TargetFilter::kAll:
        break;
      case TargetFilter::kMxHosts:
        if (per_address && !role_starts_with(result, "MX host")) continue;
        break;
      case TargetFilter::kMxZoneNameServers:
        if (per_address && !role_starts_with(result, "name server of MX zone")) continue;
        break;
      case TargetFilter::kMxZoneSigned:
        verdict = signed_verdict(result, *verdict);
        break;
    }
    worst = worst ? core::worst(*worst, *verdict) : *verdict;
  }
  return worst;
}

bool grades_phase_out(const TestMapping& test) {
  for (auto id : test.checks) {
    if (id.find(".tls.") != std::string_view::npos || id.find(".cert.") != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

TestOutcome outcome(const TestMapping& test, std::optional<Verdict> worst) {
  const auto level = test_level(test);
  if (!level || !worst) return {"not_tested", kVerdictNotTested, std::nullopt};
  switch (*worst) {
    case Verdict::kPass:
      return {"passed", kVerdictGood, worst};
    case Verdict::kWarn:
      // Works, but phase-out or below recommendation: Internet.nl shows such results as a notice.
      return {"warning", grades_phase_out(test) ? kVerdictPhaseOut : kVerdictBad, worst};
    case Verdict::kInfo:
      return {"info", kVerdictBad, worst};
    case Verdict::kNotApplicable:
      return {"not_tested", kVerdictNotApplicable, worst};
    case Verdict::kError:
      return {"error", kVerdictCouldNotTest, worst};
    case Verdict::kFail:
      switch (*level) {
        case Level::kRequired:
          return {"failed", kVerdictBad, worst};
        case Level::kRecommended:
          return {"warning", kVerdictBad, worst};
        case Level::kOptional:
          return {"info", kVerdictBad, worst};
      }
  }
  return {"error", kVerdictCouldNotTest, worst};
}

nlohmann::json status_verdict_map(const TestMapping& test) {
  const auto level = test_level(test);
  const auto warn = grades_phase_out(test) ? kVerdictPhaseOut : kVerdictBad;
  nlohmann::json map = {{"not_tested", {kVerdictNotTested}}};
  if (!level) return map;
  map["not_tested"].push_back(kVerdictNotApplicable);
  map["passed"] = {kVerdictGood};
  map["error"] = {kVerdictCouldNotTest};
  map["info"] = {kVerdictBad};
  map["warning"] = {warn};
  if (*level == Level::kRequired) map["failed"] = {kVerdictBad};
  // A failed recommended test shows as a warning with verdict "bad".
  if (*level == Level::kRecommended && warn != kVerdictBad) map["warning"].push_back(kVerdictBad);
  return map;
}

}  // namespace baseline::batch
