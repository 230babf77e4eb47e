// SPDX-License-Identifier: Apache-2.0
#include "app/profile_setup.h"

#include <CLI/CLI.hpp>

#include "catalog/profile.h"
#include "catalog/translate.h"
#include "tls/guideline.h"

namespace baseline::app {

void add_profile_options(CLI::App& command, ProfileOptions& options) {
  command.add_option("--profile", options.profile,
                     "Apply a national or sector profile to the base list: is3c, nl-gov, "
                     "health-example, or a YAML file");
  command.add_option("--tls-guideline", options.tls_guideline,
                     "Grade TLS by this guideline: ncsc-nl-2025-05 (default), bsi-tr-02102-2, "
                     "mozilla-intermediate, or a YAML file");
}

core::Result<catalog::Catalog> load_run_catalog(const std::string& catalog_file,
                                                const ProfileOptions& options) {
  auto loaded = catalog::load_catalog(catalog_file);
  if (!loaded) return loaded;
  std::string guideline_name = options.tls_guideline;
  std::string guideline_from;  // where the choice was made, for the error message
  if (!options.profile.empty()) {
    auto profile = catalog::apply_named_profile(*loaded, options.profile);
    if (!profile) return core::make_error(profile.error().message);
    if (guideline_name.empty() && !profile->tls_guideline.empty()) {
      guideline_name = profile->tls_guideline;
      guideline_from = profile->source + ": tls_guideline: ";
    }
  }
  if (guideline_name.empty()) guideline_name = std::string(tls::kDefaultGuideline);
  auto guideline = tls::find_guideline(guideline_name);
  if (!guideline) return core::make_error(guideline_from + guideline.error().message);
  catalog::translate(*loaded);  // after the profile, so that its texts are translated too
  loaded->tls_guideline = guideline->id;
  loaded->tls_guideline_label = guideline->label();
  tls::select_guideline(std::move(*guideline));
  return loaded;
}

}  // namespace baseline::app
