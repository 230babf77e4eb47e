// SPDX-License-Identifier: Apache-2.0
// The catalogue in the run's language: every text a person reads that scripts/update-po extracts
// (see kTranslatedFields there) is replaced by its translation from po/LANG.po. IDs, check IDs,
// URLs and document titles stay as they are.
#pragma once

#include "catalog/catalog.h"

namespace baseline::catalog {

void translate(Catalog& catalog);

}  // namespace baseline::catalog
