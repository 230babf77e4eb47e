// SPDX-License-Identifier: Apache-2.0
// Compiled by the check_id_* tests, never linked: with BASELINE_TYPO a misspelt check ID must
// not compile (check_id_typo_does_not_compile), without it the same file must
// (check_id_declared_compiles), so the failure is the typo's and nothing else's.
#include "checks/check_id.h"

#ifdef BASELINE_TYPO
constexpr baseline::checks::CheckId kId = "web.tls.verison";
#else
constexpr baseline::checks::CheckId kId = "web.tls.version";
#endif

static_assert(kId.spec().family == baseline::checks::Family::kWeb);
