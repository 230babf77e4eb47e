// SPDX-License-Identifier: Apache-2.0
// Every lab scenario domain gets the verdicts its scenario declares, through the real binary, in
// both output forms and with both resolvers (built-in recursive, and --resolver).
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "tests/integration/lab_harness.h"

namespace baseline::integration {
namespace {

class DnsScenariosTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_ = read_lab_settings();
    expectations_ = read_expectations();
    // The DNS, mail and routing scenarios; the web family's (which need the lab CA) have their
    // own test.
    std::erase_if(expectations_, [](const auto& entry) {
      for (const auto& [check, verdict] : entry.second) {
        if (check.rfind("web.", 0) == 0 && check.rfind("web.rpki.", 0) != 0) return true;
      }
      return false;
    });
    ASSERT_FALSE(expectations_.empty());
  }

  std::vector<std::string> all_domains() const {
    std::vector<std::string> domains;
    for (const auto& [domain, checks] : expectations_) domains.push_back(domain);
    return domains;
  }

  std::vector<std::string> builtin_resolver_args() const {
    auto args = lab_resolver_args(settings_);
    args.insert(args.end(), {"--timeout", "30", "--vrps", settings_.vrps, "--rib", settings_.rib});
    // The MTA-STS policy hosts of mail scenarios have lab-CA certificates.
    args.insert(args.end(), {"--ca-file", settings_.ca_file});
    return args;
  }

  // Compares one domain's folded verdicts with its expectations; returns the number compared.
  // `result` (the domain's JSON, when there is one) lets a mismatch show the summaries.
  int compare(const std::string& domain, const std::map<std::string, std::string>& got,
              const std::string& mode, const nlohmann::json* result = nullptr) const {
    int compared = 0;
    for (const auto& [check, expected] : expectations_.at(domain)) {
      auto found = got.find(check);
      EXPECT_TRUE(found != got.end()) << mode << ": " << domain << " has no result for " << check;
      if (found == got.end()) continue;
      std::string summaries;
      if (result != nullptr && found->second != expected) {
        for (const auto& c : result->at("checks")) {
          if (c.at("id") == check) summaries += "\n  " + c.at("summary").get<std::string>();
        }
      }
      EXPECT_EQ(found->second, expected) << mode << ": " << domain << " " << check << summaries;
      ++compared;
    }
    return compared;
  }

  void expect_all_scenarios_json(std::vector<std::string> args, const std::string& mode) {
    args.insert(args.begin(), {"test", "--json"});
    for (const auto& d : all_domains()) args.push_back(d);
    auto output = run_baseline(args);
    ASSERT_EQ(output.exit_status, 0) << output.err;
    auto results = nlohmann::json::parse(output.out);
    ASSERT_TRUE(results.is_array());
    ASSERT_EQ(results.size(), expectations_.size());
    int compared = 0;
    for (const auto& result : results) {
      EXPECT_EQ(result.at("schema"), "baseline/test-result/1");
      for (const auto& check : result.at("checks")) {
        if (check.at("verdict") == "error") {
          EXPECT_FALSE(check.at("summary").get<std::string>().empty()) << "error without reason";
        }
      }
      compared +=
          compare(result.at("domain").get<std::string>(), folded_verdicts(result), mode, &result);
    }
    std::cout << "[ " << mode << " ] " << compared << " verdicts of " << results.size()
              << " scenario domains compared\n";
  }

  LabSettings settings_;
  std::map<std::string, std::map<std::string, std::string>> expectations_;
};

TEST_F(DnsScenariosTest, EveryScenarioGetsItsVerdictsInJson) {
  expect_all_scenarios_json(builtin_resolver_args(), "built-in resolver");
}

TEST_F(DnsScenariosTest, EveryScenarioGetsItsVerdictsThroughTheLabResolver) {
  expect_all_scenarios_json(
      {"--resolver", settings_.resolver, "--allow-private", "--timeout", "30", "--vrps",
       settings_.vrps, "--rib", settings_.rib, "--ca-file", settings_.ca_file},
      "--resolver");
}

TEST_F(DnsScenariosTest, EveryScenarioGetsItsVerdictsInTheTerminalReport) {
  auto args = builtin_resolver_args();
  args.insert(args.begin(), {"test", "--color", "never"});
  for (const auto& d : all_domains()) args.push_back(d);
  auto output = run_baseline(args);
  ASSERT_EQ(output.exit_status, 0) << output.err;
  // "Baseline test of DOMAIN" starts a report; "  VERDICT check.id  title" gives a check's verdict.
  const std::regex header(R"(^Baseline test of (\S+))");
  const std::regex check_line(R"(^  (PASS|WARN|FAIL|ERROR|INFO|N/A)\s+(\S+)\s)");
  std::map<std::string, std::map<std::string, std::string>> seen;
  std::string domain;
  std::istringstream lines(output.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_search(line, m, header)) {
      domain = m[1];
    } else if (std::regex_search(line, m, check_line)) {
      std::string verdict = m[1];
      for (auto& c : verdict) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      seen[domain][m[2]] = verdict == "n/a" ? "not_applicable" : verdict;
    }
  }
  ASSERT_EQ(seen.size(), expectations_.size()) << output.out.substr(0, 2000);
  for (const auto& [d, verdicts] : seen) compare(d, verdicts, "terminal");
}

// The shared mail host serves many scenario domains: one run probes it once (every domain reports
// the same connection count), within the per-address budget; a server that answers 421 to
// everyone is an error that quotes it, never a missing STARTTLS.
TEST_F(DnsScenariosTest, MailServersAreProbedOncePerRunAndPolitely) {
  std::vector<std::string> domains;
  for (const auto& d : all_domains()) {
    if (expectations_.at(d).count("mail.starttls")) domains.push_back(d);
  }
  ASSERT_GT(domains.size(), 10u);
  auto args = builtin_resolver_args();
  args.insert(args.begin(), {"test", "--mail", "--json"});
  args.insert(args.end(), domains.begin(), domains.end());
  auto output = run_baseline(args);
  ASSERT_EQ(output.exit_status, 0) << output.err;
  std::set<int> shared_counts;
  int shared_domains = 0, busy_seen = 0;
  for (const auto& result : nlohmann::json::parse(output.out)) {
    for (const auto& check : result.at("checks")) {
      if (check.at("id") != "mail.starttls" || !check.at("details").contains("connections"))
        continue;
      const int connections = check.at("details").at("connections").get<int>();
      EXPECT_LE(connections, 32) << result.at("domain") << " " << check.at("target");
      if (check.at("target") == "198.18.20.1:25") {
        shared_counts.insert(connections);
        ++shared_domains;
      }
      if (result.at("domain") == "smtp-busy.lab") {
        EXPECT_EQ(check.at("verdict"), "error");
        EXPECT_NE(check.at("summary").get<std::string>().find("421"), std::string::npos);
        ++busy_seen;
      }
    }
  }
  EXPECT_GT(shared_domains, 10);
  EXPECT_EQ(shared_counts.size(), 1u) << "the shared mail host was probed more than once";
  EXPECT_EQ(busy_seen, 2);  // its IPv4 and IPv6 address
}

// A mail server is one server whichever address we reach it on (issue 18): its IPv4 and IPv6
// address share one gate (the server's count is the sum of its addresses'); a server refusing
// every second connection across both addresses still gets a complete test, each refusal listed;
// one refusing IPv6 entirely is an error quoting it there and a complete test over IPv4.
TEST_F(DnsScenariosTest, AMailServerIsOneServerAcrossItsAddresses) {
  auto args = builtin_resolver_args();
  args.insert(args.begin(), {"test", "--mail", "--json", "smtp-refuse-alternate.lab",
                             "smtp-refuse-ipv6.lab", "smtp-good.lab"});
  auto output = run_baseline(args);
  ASSERT_EQ(output.exit_status, 0) << output.err;
  for (const auto& result : nlohmann::json::parse(output.out)) {
    const auto domain = result.at("domain").get<std::string>();
    int sum = 0, server_total = 0, refusals = 0;
    for (const auto& check : result.at("checks")) {
      if (check.at("id") != "mail.starttls") continue;
      const auto& details = check.at("details");
      const bool ipv6 = check.at("target").get<std::string>().front() == '[';
      sum += details.at("connections").get<int>();
      server_total = std::max(server_total, details.at("server_connections").get<int>());
      const int refused = details.value("temporary_refusals", 0);
      refusals += refused;
      if (refused > 0) {
        EXPECT_EQ(details.at("refusals").size(), static_cast<std::size_t>(refused));
        EXPECT_NE(details.at("refusals").dump().find("421"), std::string::npos);
      }
      if (domain == "smtp-refuse-ipv6.lab" && ipv6) {
        EXPECT_EQ(check.at("verdict"), "error");
        EXPECT_NE(check.at("summary").get<std::string>().find("421"), std::string::npos);
        EXPECT_EQ(refused, 4) << "the first try and three retries";
      } else {
        EXPECT_EQ(check.at("verdict"), "pass") << domain << " " << check.at("summary");
      }
    }
    EXPECT_EQ(server_total, sum) << domain << ": the addresses do not share one gate";
    if (domain == "smtp-refuse-alternate.lab") {
      EXPECT_GE(refusals, 5) << domain;
    }
    if (domain == "smtp-good.lab") {
      EXPECT_EQ(refusals, 0);
    }
  }
}

TEST_F(DnsScenariosTest, PrivateAddressesAreRefusedWithoutAllowPrivate) {
  auto output = run_baseline({"test", "--json", "--root-hints", settings_.root_hints,
                              "--trust-anchor", settings_.trust_anchor, "secure.lab"});
  ASSERT_EQ(output.exit_status, 0) << output.err;
  auto result = nlohmann::json::parse(output.out);
  int refused = 0;
  for (const auto& check : result.at("checks")) {
    const auto id = check.at("id").get<std::string>();
    if (id != "dns.ns.ipv4_reach" && id != "dns.ns.ipv6_reach") continue;
    EXPECT_EQ(check.at("verdict"), "error");
    EXPECT_NE(check.at("summary").get<std::string>().find("address not public"), std::string::npos);
    ++refused;
  }
  EXPECT_GE(refused, 2);
}

TEST_F(DnsScenariosTest, InvalidDomainIsOneLineOnStderrAndExitTwo) {
  for (const char* bad : {"exa_mple.lab", "bad-.lab", "lab", "a..b.lab", "1.2.3.4", "xn--zz.lab"}) {
    auto output = run_baseline({"test", bad});
    EXPECT_EQ(output.exit_status, 2) << bad;
    EXPECT_TRUE(output.out.empty()) << bad;
    EXPECT_EQ(std::count(output.err.begin(), output.err.end(), '\n'), 1) << output.err;
  }
}

TEST_F(DnsScenariosTest, UnicodeDomainIsTestedAsItsALabel) {
  auto output =
      run_baseline({"test", "--json", "--root-hints", settings_.root_hints, "--trust-anchor",
                    settings_.trust_anchor, "--allow-private", "SECURE.lab."});
  ASSERT_EQ(output.exit_status, 0) << output.err;
  EXPECT_EQ(nlohmann::json::parse(output.out).at("domain"), "secure.lab");
}

}  // namespace
}  // namespace baseline::integration
