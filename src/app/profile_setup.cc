// SPDX-License-Identifier: Apache-2.0
#include "app/profile_setup.h"

#include <CLI/CLI.hpp>

#include "i18n/i18n.h"

namespace baseline::app {

void add_profile_options(CLI::App& command, runtime::CatalogChoice& choice) {
  command.add_option("--profile", choice.profile,
                     i18n::tr("Apply a national or sector profile to the base list: is3c, nl-gov, "
                              "health-example, or a YAML file"));
  command.add_option(
      "--tls-guideline", choice.tls_guideline,
      i18n::tr("Grade TLS by this guideline: ncsc-nl-2025-05 (default), bsi-tr-02102-2, "
               "mozilla-intermediate, or a YAML file"));
}

}  // namespace baseline::app
