// SPDX-License-Identifier: Apache-2.0
// Readers of announced routes into a RouteTable:
//   - MRT TABLE_DUMP_V2 (RFC 6396; ADD-PATH subtypes of RFC 8050), as RIPE RIS "bview" and
//     RouteViews "rib" files are published: PEER_INDEX_TABLE, then RIB_IPV4_UNICAST and
//     RIB_IPV6_UNICAST records. Other record types and subtypes are skipped and counted.
//   - text: one route per line, "PREFIX ORIGIN_AS" ("198.18.30.0/27 AS64500" or "... 64500");
//     '#' starts a comment.
// The origin of a route (RFC 6811 §2) is the last AS of the AS_PATH's final segment when that
// segment is an AS_SEQUENCE; when it is an AS_SET (or AS_CONFED_SET) the route has no single
// origin (kNoSingleOrigin: it can never be valid); an empty path, or one of confederation
// segments only, was originated by the peer itself (the peer's AS from the PEER_INDEX_TABLE).
// AS_PATH in TABLE_DUMP_V2 carries 4-byte AS numbers (RFC 6396 §4.3.4); a path that only parses
// with 2-byte numbers is accepted too, and AS4_PATH supplies the origin when AS_PATH ends in
// AS_TRANS (23456).
// Every read is bounded (kMaxMrtRecord, kMaxRibTextLine); a malformed input is an Error naming the
// source and the byte offset (MRT) or line (text) — nothing is guessed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/result.h"
#include "routing/byte_source.h"
#include "routing/route_table.h"

namespace baseline::routing {

inline constexpr std::uint32_t kMaxMrtRecord = 16u << 20;  // bytes in one MRT record's body
inline constexpr std::size_t kMaxRibTextLine = 1024;

struct RibStats {
  std::string format;               // "MRT TABLE_DUMP_V2" or "text"
  std::size_t records = 0;          // MRT records, or text lines with a route
  std::size_t rib_entries = 0;      // (prefix, peer) entries read
  std::size_t routes = 0;           // distinct (prefix, origin) pairs added
  std::size_t as_set_origins = 0;   // entries whose path ends in an AS_SET
  std::size_t skipped_records = 0;  // MRT records of other types or subtypes
};

core::Result<RibStats> read_mrt(ByteSource& source, RouteTable& table);
core::Result<RibStats> read_rib_text(ByteSource& source, RouteTable& table);
// Opens `path` (plain, gzip or bzip2) and reads it as MRT or as text, whichever it is.
core::Result<RibStats> load_rib_file(const std::string& path, RouteTable& table);

}  // namespace baseline::routing
