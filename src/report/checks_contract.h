// SPDX-License-Identifier: Apache-2.0
// Files generated from the check declarations (checks/declarations.h), so that no list of check
// IDs is written by hand twice: docs/checks.md, the repository's own contract of IDs, levels and
// rules, lab/scenarios/checks.toml, which the lab's scenarios must give verdicts for, and the
// README's check tables. `baseline catalog export --format checks-md|lab-checks|readme-checks`
// writes them; the generated_files test
// fails when a committed copy is stale.
#pragma once

#include <ostream>

namespace baseline::report {

void write_checks_markdown(std::ostream& out);
void write_lab_check_lists(std::ostream& out);
// The README's check tables, one block per family, each opened by `<!-- readme-checks FAMILY -->`;
// scripts/generated-files puts each between the README's markers for that family.
void write_readme_check_tables(std::ostream& out);

}  // namespace baseline::report
