// SPDX-License-Identifier: Apache-2.0
// The command-line options that choose a run's catalogue: --profile and --tls-guideline (the
// loading itself is runtime::load_run_catalog, shared by every command).
#pragma once

#include "runtime/run_catalog.h"

namespace CLI {
class App;
}

namespace baseline::app {

// Adds --profile and --tls-guideline to `command`, filling `choice` (its catalog_file is set by
// the command's own --catalog).
void add_profile_options(CLI::App& command, runtime::CatalogChoice& choice);

}  // namespace baseline::app
