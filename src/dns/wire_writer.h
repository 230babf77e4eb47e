// SPDX-License-Identifier: Apache-2.0
// Big-endian writers for building DNS wire format (network byte order, RFC 1035 §2.3.2).
#pragma once

#include <cstdint>
#include <vector>

namespace baseline::dns {

inline void put16(std::vector<std::uint8_t>& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value & 0xff));
}

inline void put32(std::vector<std::uint8_t>& out, std::uint32_t value) {
  put16(out, static_cast<std::uint16_t>(value >> 16));
  put16(out, static_cast<std::uint16_t>(value & 0xffff));
}

}  // namespace baseline::dns
