// SPDX-License-Identifier: Apache-2.0
#include "routing/ip_prefix.h"

#include <charconv>
#include <cstring>

namespace baseline::routing {
namespace asio = boost::asio;

namespace {

void clear_host_bits(std::array<std::uint8_t, 16>& bytes, int length) {
  for (int i = 0; i < 16; ++i) {
    const int keep = length - i * 8;
    if (keep >= 8) continue;
    bytes[i] = keep <= 0 ? 0 : static_cast<std::uint8_t>(bytes[i] & (0xFF << (8 - keep)));
  }
}

}  // namespace

core::Result<IpPrefix> IpPrefix::from_bytes(IpFamily family, const std::uint8_t* bytes,
                                            std::size_t size, int length) {
  const std::size_t width = family == IpFamily::kIpv4 ? 4 : 16;
  if (length < 0 || length > max_length(family)) {
    return core::make_error("prefix length " + std::to_string(length) + " is out of range for " +
                            (family == IpFamily::kIpv4 ? "IPv4" : "IPv6"));
  }
  if (size > width) return core::make_error("address has too many bytes");
  IpPrefix prefix;
  prefix.family_ = family;
  prefix.length_ = static_cast<std::uint8_t>(length);
  if (size > 0) std::memcpy(prefix.bytes_.data(), bytes, size);
  clear_host_bits(prefix.bytes_, length);
  return prefix;
}

IpPrefix IpPrefix::from_address(const asio::ip::address& address) {
  IpPrefix prefix;
  if (address.is_v4()) {
    auto b = address.to_v4().to_bytes();
    std::memcpy(prefix.bytes_.data(), b.data(), b.size());
    prefix.family_ = IpFamily::kIpv4;
    prefix.length_ = 32;
  } else {
    auto b = address.to_v6().to_bytes();
    std::memcpy(prefix.bytes_.data(), b.data(), b.size());
    prefix.family_ = IpFamily::kIpv6;
    prefix.length_ = 128;
  }
  return prefix;
}

core::Result<IpPrefix> IpPrefix::parse(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    return core::make_error("'" + std::string(text) + "' is not a prefix (no '/')");
  }
  boost::system::error_code ec;
  auto address = asio::ip::make_address(std::string(text.substr(0, slash)), ec);
  if (ec || (address.is_v6() && address.to_v6().scope_id() != 0)) {
    return core::make_error("'" + std::string(text) + "': not an IP address before '/'");
  }
  const auto length_text = text.substr(slash + 1);
  int length = -1;
  auto [end, error] =
      std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
  if (error != std::errc() || end != length_text.data() + length_text.size() ||
      length_text.empty()) {
    return core::make_error("'" + std::string(text) + "': the prefix length is not a number");
  }
  auto full = from_address(address);
  if (length < 0 || length > max_length(full.family())) {
    return core::make_error("'" + std::string(text) + "': prefix length out of range");
  }
  auto prefix = full.truncated(length);
  if (prefix.bytes_ != full.bytes_) {
    return core::make_error("'" + std::string(text) + "': host bits set beyond /" +
                            std::to_string(length));
  }
  return prefix;
}

IpPrefix IpPrefix::truncated(int length) const {
  IpPrefix out = *this;
  out.length_ = static_cast<std::uint8_t>(length < length_ ? length : length_);
  clear_host_bits(out.bytes_, out.length_);
  return out;
}

bool IpPrefix::covers(const IpPrefix& other) const {
  if (family_ != other.family_ || length_ > other.length_) return false;
  return other.truncated(length_).bytes_ == bytes_;
}

std::string IpPrefix::to_string() const {
  std::string address;
  if (family_ == IpFamily::kIpv4) {
    asio::ip::address_v4::bytes_type b;
    std::memcpy(b.data(), bytes_.data(), b.size());
    address = asio::ip::address_v4(b).to_string();
  } else {
    asio::ip::address_v6::bytes_type b;
    std::memcpy(b.data(), bytes_.data(), b.size());
    address = asio::ip::address_v6(b).to_string();
  }
  return address + "/" + std::to_string(length_);
}

core::Result<std::uint32_t> parse_asn(std::string_view text) {
  std::string_view digits = text;
  if (digits.size() >= 2 && (digits[0] == 'A' || digits[0] == 'a') &&
      (digits[1] == 'S' || digits[1] == 's')) {
    digits.remove_prefix(2);
  }
  std::uint32_t asn = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), asn);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
    return core::make_error("'" + std::string(text) + "' is not an AS number");
  }
  return asn;
}

std::string asn_text(std::uint32_t asn) {
  return "AS" + std::to_string(asn);
}

}  // namespace baseline::routing
