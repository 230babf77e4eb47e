// SPDX-License-Identifier: Apache-2.0
// The mapping table rendered as Markdown for docs/internetnl-batch-api.md, so that the document
// is generated from the code (a unit test fails when the committed copy is stale).
#pragma once

#include <string>

namespace baseline::batch {

inline constexpr std::string_view kMappingBegin =
    "<!-- BEGIN GENERATED MAPPING (batch::mapping_markdown) -->";
inline constexpr std::string_view kMappingEnd = "<!-- END GENERATED MAPPING -->";

// One table per category: Internet.nl test, Baseline checks, level, note.
std::string mapping_markdown();

}  // namespace baseline::batch
