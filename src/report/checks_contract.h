// SPDX-License-Identifier: Apache-2.0
// Files generated from the check declarations (checks/declarations.h), so that no list of check
// IDs is written by hand twice: docs/checks.md, the repository's own contract of IDs, levels and
// rules, and lab/scenarios/checks.toml, which the lab's scenarios must give verdicts for.
// `baseline catalog export --format checks-md|lab-checks` writes them; the generated_files test
// fails when a committed copy is stale.
#pragma once

#include <ostream>

namespace baseline::report {

void write_checks_markdown(std::ostream& out);
void write_lab_check_lists(std::ostream& out);

}  // namespace baseline::report
