// SPDX-License-Identifier: Apache-2.0
// `baseline catalog ...` (the list of standards) and `baseline explain ...` (comply or explain).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace baseline::app {

// Where `explain import` records explanations and `test` reads them, unless told otherwise.
inline constexpr const char* kDefaultExplanationsStore = "baseline-explanations.yaml";

struct CatalogCommands {
  std::string catalog_file;  // --catalog FILE; empty: the built-in catalogue
  std::string standard_id;   // show ID
  std::string format = "md";
  std::string output;  // --output FILE; empty: stdout
  std::string input;   // explain export RESULT.json / explain import FILE
  std::string store = kDefaultExplanationsStore;
  std::string database;  // --db URL: record in the observatory's store instead of the file

  CLI::App* catalog = nullptr;
  CLI::App* list = nullptr;
  CLI::App* show = nullptr;
  CLI::App* export_list = nullptr;
  CLI::App* explain = nullptr;
  CLI::App* explain_export = nullptr;
  CLI::App* explain_import = nullptr;
  CLI::App* explain_list = nullptr;
};

void add_catalog_commands(CLI::App& app, CatalogCommands& commands);
// Runs whichever of these commands was parsed; returns its exit status (0 ok, 2 bad input,
// 1 internal failure), or -1 when none of them was given.
int run_catalog_commands(const CatalogCommands& commands);

}  // namespace baseline::app
