// SPDX-License-Identifier: Apache-2.0
// Every web scenario domain of the lab gets the verdicts its scenario declares (worst over its
// addresses and over the domain and www.), through the real binary; hostile web servers give
// `error` with a reason within the deadline; enumeration stays within its connection budget.
#include <gtest/gtest.h>

#include <iostream>

#include "tests/integration/lab_harness.h"

namespace baseline::integration {
namespace {

class WebScenariosTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_ = read_lab_settings();
    for (auto& [domain, checks] : read_expectations()) {
      if (checks.count("web.tls.version")) expectations_[domain] = checks;
    }
    ASSERT_FALSE(expectations_.empty());
    ASSERT_FALSE(settings_.ca_file.empty()) << "lab/run/env has no LAB_CA_FILE";
  }

  nlohmann::json run(const std::vector<std::string>& domains, const std::string& probe_timeout,
                     const std::string& timeout) {
    std::vector<std::string> args = lab_resolver_args(settings_);
    args.insert(args.begin(), {"test", "--web", "--json"});
    args.insert(args.end(), {"--ca-file", settings_.ca_file, "--probe-timeout", probe_timeout,
                             "--timeout", timeout});
    args.insert(args.end(), domains.begin(), domains.end());
    auto output = run_baseline(args);
    EXPECT_EQ(output.exit_status, 0) << output.err;
    auto parsed = nlohmann::json::parse(output.out);
    if (!parsed.is_array()) parsed = nlohmann::json::array({parsed});
    return parsed;
  }

  LabSettings settings_;
  std::map<std::string, std::map<std::string, std::string>> expectations_;
};

TEST_F(WebScenariosTest, EveryWebScenarioGetsItsVerdicts) {
  std::vector<std::string> domains;
  for (const auto& [d, checks] : expectations_) domains.push_back(d);
  // A generous probe timeout: all scenarios run at once on a small machine.
  auto results = run(domains, "10", "90");
  ASSERT_EQ(results.size(), domains.size());
  int compared = 0;
  for (const auto& result : results) {
    const auto domain = result.at("domain").get<std::string>();
    auto got = folded_verdicts(result);
    for (const auto& [check, expected] : expectations_.at(domain)) {
      auto found = got.find(check);
      ASSERT_TRUE(found != got.end()) << domain << " has no result for " << check;
      EXPECT_EQ(found->second, expected) << domain << " " << check;
      ++compared;
    }
    for (const auto& check : result.at("checks")) {
      if (check.at("verdict") == "error") {
        EXPECT_FALSE(check.at("summary").get<std::string>().empty())
            << domain << ": error without reason";
      }
    }
  }
  std::cout << "[ web ] " << compared << " verdicts of " << results.size()
            << " web scenario domains compared\n";
}

TEST_F(WebScenariosTest, EnumerationStaysWithinItsConnectionBudget) {
  std::vector<std::string> domains;
  for (const auto& [d, checks] : expectations_) {
    if (d.find("hostile") == std::string::npos) domains.push_back(d);
  }
  auto results = run(domains, "10", "90");
  int addresses = 0, worst_extra = 0;
  for (const auto& result : results) {
    for (const auto& check : result.at("checks")) {
      if (check.at("id") != "web.tls.ciphers" || check.at("verdict") == "error") continue;
      const auto& d = check.at("details");
      if (!d.contains("connections")) continue;
      const int extra = d.at("connections").get<int>() - d.at("accepted_count").get<int>();
      worst_extra = std::max(worst_extra, extra);
      ++addresses;
      // The raw-hello enumeration: accepted suites, one refused hello per version tried, and
      // the order, group and signature-hash probes (details.probes lists them).
      EXPECT_LE(extra, 11) << result.at("domain") << " " << check.at("target");
    }
  }
  EXPECT_GT(addresses, 20);
  std::cout << "[ web ] " << addresses << " addresses enumerated; at most accepted suites + "
            << worst_extra << " connections\n";
}

TEST_F(WebScenariosTest, HostilePeersGiveErrorsWithReasonsWithinTheDeadline) {
  const std::map<std::string, std::pair<std::string, std::string>> cases = {
      {"web-hostile-trickle.lab", {"web.hsts", "timed out"}},
      {"web-hostile-huge-header.lab", {"web.hsts", "64 KiB"}},
      {"web-hostile-redirect-loop.lab", {"web.https.redirect", "more than 10 redirects"}},
      {"web-hostile-garbage-hello.lab", {"web.tls.version", "answered with"}},
      {"web-hostile-close-mid-handshake.lab", {"web.tls.version", "mid-handshake"}},
  };
  std::vector<std::string> domains;
  for (const auto& [d, c] : cases) domains.push_back(d);
  auto results = run(domains, "2", "30");
  ASSERT_EQ(results.size(), cases.size());
  for (const auto& result : results) {
    const auto domain = result.at("domain").get<std::string>();
    const auto& [id, reason] = cases.at(domain);
    // At most three HTTPS fetches in sequence per address (`/`, security.txt and the http://
    // chain's https:// hop take turns on one connection), each within the 2 s probe timeout.
    EXPECT_LT(result.at("duration_ms").get<int>(), 15000) << domain;
    int seen = 0;
    for (const auto& check : result.at("checks")) {
      if (check.at("id") != id) continue;
      ++seen;
      EXPECT_EQ(check.at("verdict"), "error") << domain << " " << check.dump();
      EXPECT_NE(check.at("summary").get<std::string>().find(reason), std::string::npos)
          << domain << ": " << check.at("summary");
    }
    EXPECT_GT(seen, 0) << domain;
  }
}

}  // namespace
}  // namespace baseline::integration
