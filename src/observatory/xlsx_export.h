// SPDX-License-Identifier: Apache-2.0
// A scan's report as an XLSX workbook (libxlsxwriter): "Domains" (one row per domain: tags,
// score, change against the compared scan, one column per standard with "explained until …"
// where an explanation holds; filter and frozen header), "Adoption" (per standard and per
// check), "Changes" (per domain and standard, when compared). Text is always written as text,
// never as a formula, and cleaned of characters XML cannot carry.
#pragma once

#include <string>

#include "catalog/catalog.h"
#include "core/result.h"
#include "observatory/scan_report.h"

namespace baseline::observatory {

// Writes the workbook to `path`.
core::Result<bool> write_xlsx(const ScanReport& report, const catalog::Catalog& catalog,
                              const std::string& path);
// The workbook's bytes (written through a private temporary file).
core::Result<std::string> xlsx_bytes(const ScanReport& report, const catalog::Catalog& catalog);

}  // namespace baseline::observatory
