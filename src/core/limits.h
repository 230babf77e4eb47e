// SPDX-License-Identifier: Apache-2.0
// Named bounds for everything Baseline reads from or does to the network.
// Every read has a size bound and every operation a deadline; the numbers live here.
#pragma once

#include <chrono>
#include <cstddef>

namespace baseline::core {

inline constexpr std::size_t kMaxDomainNameLength = 253;  // presentation form, no trailing dot
inline constexpr std::size_t kMaxLabelLength = 63;

inline constexpr std::size_t kMaxDnsUdpMessage = 4096;   // EDNS buffer we advertise
inline constexpr std::size_t kMaxDnsTcpMessage = 65535;  // the TCP length prefix's limit
inline constexpr int kMaxCnameChain = 8;                 // CNAME hops followed before "loop"
inline constexpr std::size_t kMaxNameServers = 16;       // NS hosts tested per zone
inline constexpr std::size_t kMaxAddressesPerHost = 8;   // A+AAAA tested per host
inline constexpr int kMaxCaaClimb = 16;                  // labels climbed for CAA

inline constexpr std::chrono::milliseconds kDirectQueryTimeout{3000};  // one query to one server
inline constexpr std::chrono::seconds kDefaultDomainTimeout{60};

}  // namespace baseline::core
