// SPDX-License-Identifier: Apache-2.0
// The catalogue a run uses: the base list (built in or --catalog), a national or sector profile on
// top of it (--profile), and the TLS guideline the grading reads (--tls-guideline, else the
// profile's, else NCSC-NL 2025-05). Shared by `test`, `scan` and `report`.
#pragma once

#include <string>

#include "catalog/catalog.h"
#include "core/result.h"

namespace CLI {
class App;
}

namespace baseline::app {

struct ProfileOptions {
  std::string profile;        // --profile NAME|FILE; empty: the IS3C base list as it is
  std::string tls_guideline;  // --tls-guideline NAME|FILE; empty: the profile's or the default
};

void add_profile_options(CLI::App& command, ProfileOptions& options);

// Loads the catalogue, applies the profile and selects the TLS guideline for this process (call
// before any test starts). Errors name the file and line of the bad catalogue, profile or
// guideline.
core::Result<catalog::Catalog> load_run_catalog(const std::string& catalog_file,
                                                const ProfileOptions& options);

}  // namespace baseline::app
