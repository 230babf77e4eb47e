// SPDX-License-Identifier: Apache-2.0
#include "runtime/run_catalog.h"

#include "catalog/profile.h"
#include "catalog/translate.h"
#include "tls/guideline.h"

namespace baseline::runtime {

core::Result<catalog::Catalog> load_run_catalog(const CatalogChoice& choice) {
  auto loaded = catalog::load_catalog(choice.catalog_file);
  if (!loaded) return loaded;
  std::string guideline_name = choice.tls_guideline;
  std::string guideline_from;  // where the choice was made, for the error message
  if (!choice.profile.empty()) {
    auto profile = catalog::apply_named_profile(*loaded, choice.profile);
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

}  // namespace baseline::runtime
