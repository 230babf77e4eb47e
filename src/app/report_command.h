// SPDX-License-Identifier: Apache-2.0
// `baseline report`: the observatory views of the stored scans of a list — adoption per standard
// and check, per tag, over time, and the changes between two scans — as text, JSON, CSV or HTML.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/run_catalog.h"

namespace baseline::app {

struct ReportOptions {
  std::string database;   // default kDefaultDatabase
  std::string list_name;  // empty: the only list in the store
  std::string html_dir;   // --html DIR: DIR/index.html
  std::string csv_file;   // --csv FILE: adoption; FILE's stem + "-changes.csv": the comparison
  bool json = false;
  std::vector<std::int64_t> compare;  // --compare A B; default: the last two scans
  runtime::CatalogChoice catalog;     // --catalog, --profile, --tls-guideline
  // --overview FILE.csv: comply or explain per organisation, domain and standard (and the same
  // as an HTML page beside it, FILE.html)
  std::string overview_file;
  // --xlsx FILE: the newest scan's report (compared with the one before) as a workbook
  std::string xlsx_file;
  bool hall_of_fame = false;  // --hall-of-fame: per list (--list, or every list) and overall
};

int run_report_command(const ReportOptions& options);

}  // namespace baseline::app
