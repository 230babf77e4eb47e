// The readable terminal report: per check its worst verdict and why, then per target where a
// check ran on several addresses. Colour only when asked (stdout is a TTY and NO_COLOR unset).
#pragma once

#include <ostream>

#include "engine/domain_test.h"

namespace baseline::report {

void write_terminal(std::ostream& out, const engine::DomainReport& report, bool colour);

}  // namespace baseline::report
