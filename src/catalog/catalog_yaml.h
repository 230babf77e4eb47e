// SPDX-License-Identifier: Apache-2.0
// Internal to baseline_catalog: the strict YAML reading of catalogue entries, shared by the
// catalogue (catalog.cc) and the profiles that add standards to it (profile.cc).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "catalog/catalog.h"

namespace baseline::catalog::detail {

// Thrown inside the parsers only, turned into a core::Error at their boundary.
struct CatalogError {
  std::string message;
};

inline int line_of(const YAML::Node& node) {
  const auto mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

// One entry of `standards:`, validated against `catalog`'s domains and the check registry.
// Throws CatalogError naming `source`:line.
Standard parse_standard(const YAML::Node& node, const std::string& source, const Catalog& catalog);

}  // namespace baseline::catalog::detail
