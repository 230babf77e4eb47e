// SPDX-License-Identifier: Apache-2.0
// Versions stamped on every report so that a result can be traced months later. The catalogue
// version comes from catalog/standards.yaml (catalog::Catalog::version), not from here.
#pragma once

namespace baseline::core {

inline constexpr const char* kToolVersion = BASELINE_VERSION;  // from CMake's project()

}  // namespace baseline::core
