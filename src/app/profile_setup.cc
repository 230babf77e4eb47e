// SPDX-License-Identifier: Apache-2.0
#include "app/profile_setup.h"

#include <CLI/CLI.hpp>

namespace baseline::app {

void add_profile_options(CLI::App& command, runtime::CatalogChoice& choice) {
  command.add_option("--profile", choice.profile,
                     "Apply a national or sector profile to the base list: is3c, nl-gov, "
                     "health-example, or a YAML file");
  command.add_option("--tls-guideline", choice.tls_guideline,
                     "Grade TLS by this guideline: ncsc-nl-2025-05 (default), bsi-tr-02102-2, "
                     "mozilla-intermediate, or a YAML file");
}

}  // namespace baseline::app
