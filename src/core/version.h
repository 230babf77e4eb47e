// Versions stamped on every report so that a result can be traced months later.
#pragma once

namespace baseline::core {

inline constexpr const char* kToolVersion = BASELINE_VERSION;  // from CMake's project()
// The catalogue of standards and check rules; bumped whenever a rule in checks.md changes.
inline constexpr const char* kCatalogVersion = "2026.11-dns";

}  // namespace baseline::core
