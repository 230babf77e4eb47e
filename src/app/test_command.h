// SPDX-License-Identifier: Apache-2.0
// `baseline test DOMAIN...`: parses the domains, builds the resolver the options ask for, runs one
// domain test per domain on one event loop and writes the report.
#pragma once

#include <string>
#include <vector>

#include "runtime/network_setup.h"
#include "runtime/run_catalog.h"

namespace baseline::app {

struct TestOptions {
  std::vector<std::string> domains;
  bool json = false;
  std::string html_file;           // --html FILE: also write the self-contained HTML report
  runtime::CatalogChoice catalog;  // --catalog, --profile, --tls-guideline
  std::string explanations_file;   // --explanations FILE; empty: the default store if it exists
  std::string colour = "auto";     // auto | always | never
  std::vector<std::string> dkim_selectors;
  bool web = false;   // --web; with neither --web nor --mail both run
  bool mail = false;  // --mail
  runtime::NetworkOptions network;
};

// Returns the process exit status: 0 ran, 1 internal failure, 2 bad input.
int run_test_command(const TestOptions& options);

}  // namespace baseline::app
