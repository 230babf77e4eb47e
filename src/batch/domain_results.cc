// SPDX-License-Identifier: Apache-2.0
#include "batch/domain_results.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "batch/json_access.h"
#include "batch/test_mapping.h"
#include "batch/test_outcome.h"
#include "core/domain_name.h"

namespace baseline::batch {
namespace {

using core::Level;
using core::Verdict;
using json = nlohmann::json;

std::vector<const json*> results_of(const json& checks, std::string_view id) {
  std::vector<const json*> out;
  for (const auto& r : checks) {
    if (text(r, "id") == id) out.push_back(&r);
  }
  return out;
}

// mail_non_sending_domain: Baseline judges mail.dkim not_applicable exactly when the domain says
// it sends no mail ("v=spf1 -all" and DMARC p=reject).
std::optional<bool> non_sending(const json& checks) {
  const auto dkim = results_of(checks, "mail.dkim");
  if (dkim.empty()) return std::nullopt;
  return text(*dkim.front(), "verdict") == "not_applicable";
}

// mail_servers_testable_status from mail.mx and the per-address mail.starttls results.
std::optional<std::string_view> servers_testable(const json& checks) {
  const auto mx = results_of(checks, "mail.mx");
  if (mx.empty()) return std::nullopt;
  const bool has_hosts = !array_field(field(*mx.front(), "details"), "hosts").empty();
  if (!has_hosts || text(*mx.front(), "verdict") == "not_applicable") return "no_mx";
  const auto starttls = results_of(checks, "mail.starttls");
  if (starttls.empty()) return std::nullopt;
  std::size_t errors = 0, unreachable = 0;
  for (const auto* r : starttls) {
    if (text(*r, "verdict") != "error") continue;
    ++errors;
    if (field(field(*r, "details"), "reached") == false) ++unreachable;  // no TCP connection
  }
  if (unreachable == starttls.size()) return "unreachable";
  if (errors > 0) return "untestable";
  return "ok";
}

// tls_1_3_support: yes when every tested address accepts TLS 1.3, no when one does not.
std::string_view tls13(const json& checks, RequestType type) {
  const auto versions =
      results_of(checks, type == RequestType::kWeb ? "web.tls.version" : "mail.tls.version");
  bool any = false;
  for (const auto* r : versions) {
    const auto& accepted = field(field(*r, "details"), "accepted");
    if (!accepted.is_array()) continue;
    any = true;
    if (std::find(accepted.begin(), accepted.end(), "TLSv1.3") == accepted.end()) return "no";
  }
  return any ? "yes" : "undetermined";
}

}  // namespace

bool is_test_result(const json& stored) {
  return text(stored, "schema") == "baseline/test-result/1" && field(stored, "checks").is_array();
}

std::string domain_key(const json& stored, std::string_view ascii) {
  if (auto unicode = text(stored, "domain_unicode"); !unicode.empty()) return unicode;
  if (auto name = core::DomainName::parse(ascii)) return name->unicode();
  return std::string(ascii);
}

std::string_view category_status(const std::vector<std::string_view>& statuses) {
  for (std::string_view s : {"error", "failed", "warning", "info", "passed"}) {
    if (std::find(statuses.begin(), statuses.end(), s) != statuses.end()) return s;
  }
  return "not_tested";
}

json domain_results(const json& stored, RequestType type, std::string_view report_url) {
  if (!is_test_result(stored)) return {{"status", "error"}};
  const json& checks = field(stored, "checks");

  json tests = json::object();
  json categories = json::object();
  std::vector<double> percentages;
  for (const auto& category : batch::categories()) {
    if (category.type != type) continue;
    std::vector<std::string_view> statuses;
    // Internet.nl's category score: points of the mandatory tests that were judged.
    std::size_t required_counted = 0, required_passed = 0;
    for (const auto* test : tests_in(category.category)) {
      const auto level = test_level(*test);
      const auto result = outcome(*test, decide(*test, checks));
      tests[test->test] = {{"status", result.status}, {"verdict", result.verdict}};
      if (result.status != "not_tested") statuses.push_back(result.status);
      if (level == Level::kRequired && result.baseline &&
          *result.baseline != Verdict::kNotApplicable) {
        ++required_counted;
        // A phase-out (warn) earns full points, as Internet.nl's notices do.
        if (*result.baseline == Verdict::kPass || *result.baseline == Verdict::kWarn) {
          ++required_passed;
        }
      }
    }
    const auto status = category_status(statuses);
    categories[category.category] = {{"status", status}, {"verdict", status}};
    if (required_counted > 0) {
      percentages.push_back(100.0 * static_cast<double>(required_passed) /
                            static_cast<double>(required_counted));
    }
  }

  json scoring = json::object();
  if (percentages.empty()) {
    scoring["percentage"] = nullptr;  // nothing mandatory was judged: no score, not 0
  } else {
    double sum = 0;
    for (double p : percentages) sum += p;
    scoring["percentage"] =
        static_cast<int>(std::lround(sum / static_cast<double>(percentages.size())));
  }

  json custom = {{"tls_1_3_support", tls13(checks, type)}};
  if (type == RequestType::kMail) {
    if (auto n = non_sending(checks)) custom["mail_non_sending_domain"] = *n;
    if (auto s = servers_testable(checks)) custom["mail_servers_testable_status"] = *s;
  }

  return {{"status", "ok"},
          {"report", {{"url", report_url}}},
          {"scoring", scoring},
          {"results", {{"categories", categories}, {"tests", tests}, {"custom", custom}}}};
}

}  // namespace baseline::batch
