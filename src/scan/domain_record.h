// SPDX-License-Identifier: Apache-2.0
// A finished domain test as the store keeps it: every check result, the per-standard rollup and
// the score (scored with the catalogue, without comply-or-explain explanations: an observatory
// measures, it does not excuse).
#pragma once

#include "catalog/catalog.h"
#include "engine/domain_run.h"
#include "store/store.h"

namespace baseline::scan {

store::DomainRecord make_record(engine::DomainReport report, const catalog::Catalog& catalog);

}  // namespace baseline::scan
