// SPDX-License-Identifier: Apache-2.0
// National and sector profiles: data on top of the IS3C base list (catalog/profiles/NAME.yaml).
// A profile drops or adds standards, changes a standard's level, weight, name, procurement clause
// or the body that mandates it, and chooses the TLS guideline the run grades by. The schema is in
// docs/profiles.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/result.h"

namespace baseline::catalog {

struct Profile {
  std::string id;       // "nl-gov"
  std::string version;  // "2026.12.1"
  std::string title;
  std::string tls_guideline;  // empty: the default guideline
  std::string source;         // where it was read from
};

// Applies the profile text to `catalog` (in place) and returns what it is. Errors name
// `source`:line and what is wrong: "nl-gov.yaml:12: change: unknown standard 'dnsec'".
core::Result<Profile> apply_profile(Catalog& catalog, std::string_view yaml_text,
                                    const std::string& source);

// The profiles compiled into this binary: is3c, nl-gov, health-example.
std::vector<std::string> builtin_profile_ids();
// A built-in profile's id, or a path to a YAML file: applies it to `catalog`.
core::Result<Profile> apply_named_profile(Catalog& catalog, std::string_view name_or_path);

}  // namespace baseline::catalog
