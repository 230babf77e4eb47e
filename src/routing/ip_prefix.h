// SPDX-License-Identifier: Apache-2.0
// IpPrefix: an IPv4 or IPv6 prefix (address bits and length), the key of every routing table.
// Parsing is for untrusted text (VRP files, RIB text, RTR records): it returns core::Result.
#pragma once

#include <array>
#include <boost/asio/ip/address.hpp>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace baseline::routing {

enum class IpFamily : std::uint8_t { kIpv4, kIpv6 };

inline constexpr int max_length(IpFamily family) {
  return family == IpFamily::kIpv4 ? 32 : 128;
}

class IpPrefix {
 public:
  IpPrefix() = default;
  // From raw network-order bytes (4 for IPv4, 16 for IPv6; only the first length bits are kept).
  static core::Result<IpPrefix> from_bytes(IpFamily family, const std::uint8_t* bytes,
                                           std::size_t size, int length);
  static IpPrefix from_address(const boost::asio::ip::address& address);
  // "198.18.30.0/27", "2001:db8:30::/120"; host bits beyond the length must be zero.
  static core::Result<IpPrefix> parse(std::string_view text);

  IpFamily family() const { return family_; }
  int length() const { return length_; }
  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  // Bit `index` (0 = most significant) of the address.
  int bit(int index) const { return (bytes_[index >> 3] >> (7 - (index & 7))) & 1; }
  // The first `length` bits of this prefix, as a prefix.
  IpPrefix truncated(int length) const;
  bool covers(const IpPrefix& other) const;  // same family, shorter or equal, same leading bits
  std::string to_string() const;

  auto operator<=>(const IpPrefix&) const = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
  IpFamily family_ = IpFamily::kIpv4;
  std::uint8_t length_ = 0;
};

// "AS64500", "as64500" or "64500" -> 64500.
core::Result<std::uint32_t> parse_asn(std::string_view text);
std::string asn_text(std::uint32_t asn);  // "AS64500"

}  // namespace baseline::routing
