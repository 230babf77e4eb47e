// SPDX-License-Identifier: Apache-2.0
// AddressGuard: decides whether Baseline may contact an address.
// Private, loopback, link-local, documentation, benchmarking and other special-purpose addresses
// (IANA IPv4/IPv6 Special-Purpose Address Registries) are refused unless --allow-private is given,
// so that a hostile zone cannot point the scanner at an internal network.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>

namespace baseline::core {

// The special-purpose range an address falls in, or nullopt for a globally routable address.
std::optional<std::string> special_purpose_range(const boost::asio::ip::address& address);

class AddressGuard {
 public:
  explicit AddressGuard(bool allow_private) : allow_private_(allow_private) {}

  // nullopt when the address may be contacted, else the reason it may not
  // ("address not public: 10.0.0.1 is in 10.0.0.0/8 (private-use)").
  std::optional<std::string> refusal(const boost::asio::ip::address& address) const;
  bool allows_private() const { return allow_private_; }

 private:
  bool allow_private_;
};

}  // namespace baseline::core
