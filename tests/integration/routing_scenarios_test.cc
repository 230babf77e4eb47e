// SPDX-License-Identifier: Apache-2.0
// Every routing scenario of the lab gets the verdicts it declares, through the real binary, with
// the VRPs from the JSON file and from the lab's RTR cache (stayrtr), and with the RIB as MRT
// (bzip2, gzip, plain) and as text. Broken routing sources give `error` for the routing checks
// only, with a reason that names the file and offset or the RTR session state.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/integration/lab_harness.h"

namespace baseline::integration {
namespace {

bool is_routing_check(const std::string& id) {
  return id.find(".rpki.") != std::string::npos;
}

class RoutingScenariosTest : public ::testing::Test {
 protected:
  void SetUp() override {
    settings_ = read_lab_settings();
    ASSERT_FALSE(settings_.vrps.empty()) << "the lab has no routing data (LAB_VRPS)";
    for (const auto& [domain, checks] : read_expectations()) {
      for (const auto& [id, verdict] : checks) {
        if (is_routing_check(id)) routing_[domain][id] = verdict;
      }
      if (routing_.count(domain)) all_[domain] = checks;
    }
    ASSERT_GE(routing_.size(), 5u);
  }

  std::vector<std::string> args(std::vector<std::string> routing_sources) const {
    std::vector<std::string> out{"test", "--json", "--timeout", "30"};
    auto lab = lab_resolver_args(settings_);
    out.insert(out.end(), lab.begin(), lab.end());
    out.insert(out.end(), routing_sources.begin(), routing_sources.end());
    return out;
  }

  // Runs every routing scenario domain and compares every declared verdict (DNS ones too).
  void expect_every_scenario(std::vector<std::string> routing_sources, const std::string& mode) {
    auto arguments = args(std::move(routing_sources));
    for (const auto& [domain, checks] : all_) arguments.push_back(domain);
    auto output = run_baseline(arguments);
    ASSERT_EQ(output.exit_status, 0) << output.err;
    auto results = nlohmann::json::parse(output.out);
    ASSERT_EQ(results.size(), all_.size());
    int compared = 0;
    for (const auto& result : results) {
      const auto domain = result.at("domain").get<std::string>();
      auto got = folded_verdicts(result);
      for (const auto& [id, expected] : all_.at(domain)) {
        EXPECT_EQ(got[id], expected) << mode << ": " << domain << " " << id;
        ++compared;
      }
      for (const auto& check : result.at("checks")) {
        if (!is_routing_check(check.at("id"))) continue;
        // One result per address: the target is an address, with the hosts that use it.
        if (check.at("verdict") == "pass" || check.at("verdict") == "fail") {
          EXPECT_EQ(check.at("target").get<std::string>().find_first_not_of("0123456789abcdef.:"),
                    std::string::npos)
              << check.dump();
          EXPECT_FALSE(check.at("details").at("hosts").empty()) << check.dump();
        }
      }
    }
    std::cout << "[ " << mode << " ] " << compared << " verdicts of " << results.size()
              << " routing scenario domains compared\n";
  }

  // Runs one routing scenario with `routing_sources`; returns its JSON result.
  nlohmann::json run_one(std::vector<std::string> routing_sources, std::string* err = nullptr) {
    auto arguments = args(std::move(routing_sources));
    arguments.push_back("rpki-valid.lab");
    auto output = run_baseline(arguments);
    EXPECT_EQ(output.exit_status, 0) << output.err;
    if (err) *err = output.err;
    return nlohmann::json::parse(output.out);
  }

  // Every routing check is an error whose summary contains `reason`; every DNS check ran.
  static void expect_routing_errors(const nlohmann::json& result, const std::string& reason,
                                    const std::vector<std::string>& ids) {
    auto got = folded_verdicts(result);
    EXPECT_EQ(got["dns.dnssec.valid"], "pass");
    EXPECT_EQ(got["dns.ns.ipv4_reach"], "pass");
    for (const auto& id : ids) {
      EXPECT_EQ(got[id], "error") << id;
      for (const auto& check : result.at("checks")) {
        if (check.at("id") != id) continue;
        EXPECT_NE(check.at("summary").get<std::string>().find(reason), std::string::npos)
            << id << ": " << check.at("summary");
      }
    }
  }

  std::string temp_file(const std::string& name) {
    auto path = std::filesystem::temp_directory_path() / ("baseline-routing-" + name);
    made_.push_back(path);
    return path.string();
  }
  void TearDown() override {
    for (const auto& p : made_) std::filesystem::remove(p);
  }

  LabSettings settings_;
  std::map<std::string, std::map<std::string, std::string>> routing_;
  std::map<std::string, std::map<std::string, std::string>> all_;
  std::vector<std::filesystem::path> made_;
};

const std::vector<std::string> kAllRoutingChecks{"web.rpki.exists",  "web.rpki.valid",
                                                 "dns.rpki.exists",  "dns.rpki.valid",
                                                 "mail.rpki.exists", "mail.rpki.valid"};

TEST_F(RoutingScenariosTest, EveryScenarioThroughTheVrpFileAndABzip2MrtRib) {
  expect_every_scenario({"--vrps", settings_.vrps, "--rib", settings_.rib}, "--vrps + bzip2 MRT");
}

TEST_F(RoutingScenariosTest, EveryScenarioThroughRtrAndAGzipMrtRib) {
  expect_every_scenario({"--rtr", settings_.rtr, "--rib", settings_.rib_gz}, "--rtr + gzip MRT");
}

TEST_F(RoutingScenariosTest, EveryScenarioWithAPlainMrtAndATextRib) {
  expect_every_scenario({"--rtr", settings_.rtr, "--rib", settings_.rib_mrt}, "--rtr + plain MRT");
  expect_every_scenario({"--vrps", settings_.vrps, "--rib", settings_.rib_text}, "--vrps + text");
}

TEST_F(RoutingScenariosTest, DebianBgpdumpReadsTheLabRib) {
  // The lab's MRT writer is checked against an independent reader.
  std::string command = "bgpdump -m " + settings_.rib_mrt + " 2>/dev/null";
  std::FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  int lines = 0;
  bool saw_moas = false;
  char line[1024];
  while (std::fgets(line, sizeof line, pipe)) {
    ++lines;
    const std::string text = line;
    EXPECT_EQ(text.rfind("TABLE_DUMP2|", 0), 0u) << text;
    if (text.find("|198.18.30.160/27|64497 64666|") != std::string::npos) saw_moas = true;
  }
  EXPECT_EQ(pclose(pipe), 0);
  EXPECT_GT(lines, 20);
  EXPECT_TRUE(saw_moas);
}

TEST_F(RoutingScenariosTest, WithoutRoutingDataTheRoutingChecksAreErrors) {
  expect_routing_errors(run_one({}), "--vrps", kAllRoutingChecks);
}

TEST_F(RoutingScenariosTest, ATruncatedMrtRibIsAnErrorNamingFileAndOffset) {
  std::ifstream in(settings_.rib_mrt, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto cut = temp_file("truncated.mrt");
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() - 7);
  std::string err;
  auto result = run_one({"--vrps", settings_.vrps, "--rib", cut}, &err);
  expect_routing_errors(result, cut + ": truncated MRT record",
                        {"web.rpki.valid", "dns.rpki.valid", "mail.rpki.valid"});
  expect_routing_errors(result, "at offset ", {"web.rpki.valid"});
  // exists needs only the VRPs, which loaded.
  EXPECT_EQ(folded_verdicts(result)["web.rpki.exists"], "pass");
  EXPECT_NE(err.find("warning"), std::string::npos);
}

TEST_F(RoutingScenariosTest, AMalformedVrpFileIsAnErrorNamingFileAndOffset) {
  const auto bad = temp_file("bad-vrps.json");
  std::ofstream(bad)
      << R"({"roas": [{"asn": "AS64500", "prefix": "198.18.30.0/27" "maxLength": 27}]})";
  expect_routing_errors(run_one({"--vrps", bad, "--rib", settings_.rib}),
                        bad + ": malformed JSON at byte offset", kAllRoutingChecks);
  const auto wrong = temp_file("wrong-vrps.json");
  std::ofstream(wrong)
      << R"({"roas": [{"asn": "AS64500", "prefix": "198.18.30.0/27", "maxLength": 26}]})";
  expect_routing_errors(run_one({"--vrps", wrong, "--rib", settings_.rib}),
                        "roas[0]: maxLength 26 does not fit", kAllRoutingChecks);
}

TEST_F(RoutingScenariosTest, AnRtrCacheThatIsNotThereIsAnErrorNamingTheSessionState) {
  const std::string host = settings_.rtr.substr(0, settings_.rtr.find(':'));
  expect_routing_errors(run_one({"--rtr", host + ":1", "--rib", settings_.rib}),
                        "RTR " + host + ":1: the session failed in state", kAllRoutingChecks);
}

TEST_F(RoutingScenariosTest, VrpsAndRtrTogetherIsBadInput) {
  auto output =
      run_baseline(args({"--vrps", settings_.vrps, "--rtr", settings_.rtr, "rpki-valid.lab"}));
  EXPECT_EQ(output.exit_status, 2);
  auto bad_rtr = run_baseline(args({"--rtr", "no-port", "rpki-valid.lab"}));
  EXPECT_EQ(bad_rtr.exit_status, 2);
  EXPECT_EQ(std::count(bad_rtr.err.begin(), bad_rtr.err.end(), '\n'), 1) << bad_rtr.err;
}

}  // namespace
}  // namespace baseline::integration
