// SPDX-License-Identifier: Apache-2.0
// The readable terminal report: the score and per-standard verdicts first (what a reader needs),
// then per check its worst verdict and why, and per target where a check ran on several
// addresses. Colour only when asked (stdout is a TTY and NO_COLOR unset).
#pragma once

#include <ostream>

#include "catalog/catalog.h"
#include "catalog/scoring.h"
#include "engine/domain_run.h"

namespace baseline::report {

void write_terminal(std::ostream& out, const engine::DomainReport& report,
                    const catalog::Catalog& catalog, const catalog::Scorecard& card, bool colour);

}  // namespace baseline::report
