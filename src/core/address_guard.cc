// SPDX-License-Identifier: Apache-2.0
#include "core/address_guard.h"
#include "i18n/finding.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace baseline::core {
namespace {

struct Range4 {
  std::uint32_t network;
  int prefix;
  std::string_view name;
};

struct Range6 {
  std::array<std::uint8_t, 16> network;
  int prefix;
  std::string_view name;
};

constexpr std::uint32_t v4(int a, int b, int c, int d) {
  return (static_cast<std::uint32_t>(a) << 24) | (static_cast<std::uint32_t>(b) << 16) |
         (static_cast<std::uint32_t>(c) << 8) | static_cast<std::uint32_t>(d);
}

// IANA IPv4 Special-Purpose Address Registry, plus multicast and the reserved class E.
// The first match names the range, so more specific entries come before the ranges holding them.
constexpr std::array<Range4, 17> kSpecial4{{
    {v4(0, 0, 0, 0), 8, "0.0.0.0/8 (this network)"},
    {v4(10, 0, 0, 0), 8, "10.0.0.0/8 (private-use)"},
    {v4(100, 64, 0, 0), 10, "100.64.0.0/10 (shared address space)"},
    {v4(127, 0, 0, 0), 8, "127.0.0.0/8 (loopback)"},
    {v4(169, 254, 0, 0), 16, "169.254.0.0/16 (link-local)"},
    {v4(172, 16, 0, 0), 12, "172.16.0.0/12 (private-use)"},
    {v4(192, 0, 0, 0), 24, "192.0.0.0/24 (IETF protocol assignments)"},
    {v4(192, 0, 2, 0), 24, "192.0.2.0/24 (documentation)"},
    {v4(192, 31, 196, 0), 24, "192.31.196.0/24 (AS112)"},
    {v4(192, 88, 99, 0), 24, "192.88.99.0/24 (deprecated 6to4 relay)"},
    {v4(192, 168, 0, 0), 16, "192.168.0.0/16 (private-use)"},
    {v4(198, 18, 0, 0), 15, "198.18.0.0/15 (benchmarking)"},
    {v4(198, 51, 100, 0), 24, "198.51.100.0/24 (documentation)"},
    {v4(203, 0, 113, 0), 24, "203.0.113.0/24 (documentation)"},
    {v4(224, 0, 0, 0), 4, "224.0.0.0/4 (multicast)"},
    {v4(255, 255, 255, 255), 32, "255.255.255.255/32 (limited broadcast)"},
    {v4(240, 0, 0, 0), 4, "240.0.0.0/4 (reserved)"},
}};

constexpr std::array<Range6, 13> kSpecial6{{
    {{}, 128, "::/128 (unspecified)"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "::1/128 (loopback)"},
    {{0, 0x64, 0xff, 0x9b, 0, 1}, 48, "64:ff9b:1::/48 (local-use NAT64)"},
    {{0x01, 0x00}, 64, "100::/64 (discard-only)"},
    {{0x20, 0x01, 0x00, 0x00}, 32, "2001::/32 (Teredo)"},
    {{0x20, 0x01, 0x00, 0x02, 0, 0}, 48, "2001:2::/48 (benchmarking)"},
    {{0x20, 0x01, 0x0d, 0xb8}, 32, "2001:db8::/32 (documentation)"},
    {{0x20, 0x01, 0x00, 0x10}, 28, "2001:10::/28 (ORCHID)"},
    {{0x3f, 0xff, 0x00}, 20, "3fff::/20 (documentation)"},
    {{0x5f, 0x00}, 16, "5f00::/16 (SRv6 SIDs)"},
    {{0xfc}, 7, "fc00::/7 (unique local)"},
    {{0xfe, 0x80}, 10, "fe80::/10 (link-local)"},
    {{0xff}, 8, "ff00::/8 (multicast)"},
}};

bool in_range6(const std::array<std::uint8_t, 16>& addr, const Range6& range) {
  int bits = range.prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((addr[i] & mask) != (range.network[i] & mask)) return false;
  }
  return true;
}

std::optional<std::string> special_v4(std::uint32_t addr) {
  for (const auto& r : kSpecial4) {
    std::uint32_t mask = r.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - r.prefix);
    if ((addr & mask) == (r.network & mask)) return std::string(r.name);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> special_purpose_range(const boost::asio::ip::address& address) {
  if (address.is_v4()) return special_v4(address.to_v4().to_uint());
  const auto bytes = address.to_v6().to_bytes();
  if (address.to_v6().is_v4_mapped()) {
    auto v4addr = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
    if (auto inner = special_v4(v4addr.to_uint())) return "::ffff:0:0/96 mapping " + *inner;
    return std::nullopt;
  }
  for (const auto& r : kSpecial6) {
    if (in_range6(bytes, r)) return std::string(r.name);
  }
  // Only 2000::/3 is allocated for global unicast; everything else is reserved.
  if ((bytes[0] & 0xe0) != 0x20) return std::string("outside 2000::/3 (reserved)");
  return std::nullopt;
}

std::optional<std::string> AddressGuard::refusal(const boost::asio::ip::address& address) const {
  if (allow_private_) return std::nullopt;
  auto range = special_purpose_range(address);
  if (!range) return std::nullopt;
  return i18n::finding("address not public: {address} is in {range} (use --allow-private to test it)",
                       fmt::arg("address", address.to_string()), fmt::arg("range", *range));
}

}  // namespace baseline::core
