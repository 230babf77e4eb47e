// SPDX-License-Identifier: Apache-2.0
// `baseline scan LISTFILE`: reads the list, stores it, and tests every domain of it into the
// store, many at once on one event loop per core. `--resume` continues the newest unfinished scan
// of the list; `--worker` joins one (several processes, one PostgreSQL) instead of starting one.
#pragma once

#include <string>
#include <vector>

#include "runtime/network_setup.h"
#include "runtime/run_catalog.h"

namespace baseline::app {

inline constexpr const char* kDefaultDatabase = "sqlite:baseline.db";

struct ScanOptions {
  std::string list_file;  // "-": stdin; empty only with --worker
  std::string database = kDefaultDatabase;
  std::string list_name;  // --list; default: the file's name without extension
  int concurrency = 100;  // domain tests in flight
  int threads = 0;        // event loops; 0: one per core
  bool resume = false;
  bool worker = false;
  bool web_queue = false;  // with --worker on PostgreSQL: run the web front's test queue
  bool web = false;
  bool mail = false;
  runtime::CatalogChoice catalog;  // --catalog, --profile, --tls-guideline
  std::vector<std::string> dkim_selectors;
  std::string progress = "auto";  // auto | bar | lines | none
  runtime::NetworkOptions network;
};

// Exit status: 0 the scan is complete (or this worker's part of it), 1 it stopped (store failure,
// internal error) or was interrupted, 2 bad input.
int run_scan_command(const ScanOptions& options);

}  // namespace baseline::app
