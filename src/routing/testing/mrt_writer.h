// SPDX-License-Identifier: Apache-2.0
// Test and benchmark helper: writes MRT TABLE_DUMP_V2 bytes (RFC 6396), so that readers are tested
// against files built field by field, including broken ones.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "routing/ip_prefix.h"

namespace baseline::routing::testing {

struct PathSegment {
  std::uint8_t type;  // 1 AS_SET, 2 AS_SEQUENCE, 3 AS_CONFED_SEQUENCE, 4 AS_CONFED_SET
  std::vector<std::uint32_t> asns;
};

// ORIGIN, AS_PATH (or AS4_PATH with attribute_type 17) with `width`-byte AS numbers.
std::vector<std::uint8_t> path_attributes(const std::vector<PathSegment>& segments, int width = 4,
                                          std::uint8_t attribute_type = 2);
std::vector<std::uint8_t> origin_path(std::vector<std::uint32_t> path);  // one AS_SEQUENCE

class MrtWriter {
 public:
  struct Entry {
    std::uint16_t peer = 0;
    std::vector<std::uint8_t> attributes;
  };
  void peer_index_table(const std::vector<std::uint32_t>& peer_asns);
  void rib(const IpPrefix& prefix, const std::vector<Entry>& entries, bool add_path = false);
  void record(std::uint16_t type, std::uint16_t subtype, const std::vector<std::uint8_t>& body);
  std::vector<std::uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
  std::uint32_t sequence_ = 0;
};

// Writes `data` to `path`, plain, gzip- or bzip2-compressed.
enum class WriteAs { kPlain, kGzip, kBzip2 };
void write_file(const std::string& path, const std::vector<std::uint8_t>& data, WriteAs as);

}  // namespace baseline::routing::testing
