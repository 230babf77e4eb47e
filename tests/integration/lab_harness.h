// SPDX-License-Identifier: Apache-2.0
// Helpers for integration tests: the lab's settings (lab/run/env), the scenarios' expected
// verdicts (lab/run/expectations.json), and running the baseline binary to capture its output.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace baseline::integration {

struct LabSettings {
  std::string root_hints;
  std::string trust_anchor;
  std::string resolver;
  // Routing data (lab/labkit/routing.py): VRP JSON, the RIB as MRT (plain, gzip, bzip2) and
  // text, and the RTR cache's HOST:PORT.
  std::string vrps;
  std::string rib;       // bzip2 MRT
  std::string rib_gz;    // gzip MRT
  std::string rib_mrt;   // plain MRT
  std::string rib_text;  // PREFIX ORIGIN_AS lines
  std::string rtr;
  std::string ca_file;  // the lab CA (LAB_CA_FILE)
};

LabSettings read_lab_settings();
// The arguments that point baseline at the lab: its root hints and trust anchor, and
// --allow-private (every lab address is in a reserved range).
std::vector<std::string> lab_resolver_args(const LabSettings& settings);
// domain -> check id -> expected verdict (worst over targets)
std::map<std::string, std::map<std::string, std::string>> read_expectations();

struct CommandOutput {
  int exit_status = -1;
  std::string out;
  std::string err;
};
// Runs the baseline binary with `arguments` (no shell involved).
CommandOutput run_baseline(const std::vector<std::string>& arguments);

// check id -> worst verdict, from one domain's JSON result.
std::map<std::string, std::string> folded_verdicts(const nlohmann::json& domain_result);

}  // namespace baseline::integration
