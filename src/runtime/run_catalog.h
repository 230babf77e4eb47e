// SPDX-License-Identifier: Apache-2.0
// The catalogue a run uses: the base list (built in or --catalog), a national or sector profile on
// top of it (--profile), and the TLS guideline the grading reads (--tls-guideline, else the
// profile's, else NCSC-NL 2025-05). Loaded once per process by `test`, `scan`, `report` and
// `serve` (through Runtime::load where the run also probes).
#pragma once

#include <string>

#include "catalog/catalog.h"
#include "core/result.h"

namespace baseline::runtime {

struct CatalogChoice {
  std::string catalog_file;   // --catalog FILE; empty: the built-in list
  std::string profile;        // --profile NAME|FILE; empty: the IS3C base list as it is
  std::string tls_guideline;  // --tls-guideline NAME|FILE; empty: the profile's or the default
};

// Loads the catalogue, applies the profile, translates it for the run's language and selects the
// TLS guideline for this process (call before any test starts). Errors name the file and line of
// the bad catalogue, profile or guideline.
core::Result<catalog::Catalog> load_run_catalog(const CatalogChoice& choice);

}  // namespace baseline::runtime
