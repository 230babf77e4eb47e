// SPDX-License-Identifier: Apache-2.0
// Reads validated ROA payloads from the JSON that RPKI validators export:
//   rpki-client `-j` (json), Routinator `vrps --format json`, StayRTR/GoRTR caches:
//   {"metadata": {...}, "roas": [{"prefix": "192.0.2.0/24", "maxLength": 24, "asn": "AS64500"}]}
// "asn" is "AS64500" or a number; a missing "maxLength" means the prefix's own length (RFC 6482);
// other keys ("ta", "expires", ...) and other top-level members are ignored. The parser is a SAX
// reader, so a full export (~500 k VRPs) never exists as a JSON tree in memory. Errors name the
// source and the byte offset (syntax) or the index of the bad entry (content).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "routing/vrp_set.h"

namespace baseline::routing {

inline constexpr std::size_t kMaxVrpFileBytes = std::size_t{1} << 30;

struct VrpStats {
  std::size_t entries = 0;  // entries in "roas"
  std::size_t vrps = 0;     // distinct VRPs after removing duplicates
};

core::Result<VrpStats> parse_vrp_json(std::string_view text, const std::string& source_name,
                                      VrpSet& into);
core::Result<VrpStats> load_vrp_file(const std::string& path, VrpSet& into);

}  // namespace baseline::routing
