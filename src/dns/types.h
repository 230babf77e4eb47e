// SPDX-License-Identifier: Apache-2.0
// DNS constants used across Baseline (RFC 1035 and successors).
#pragma once

#include <cstdint>
#include <string>

namespace baseline::dns {

namespace rr_type {
inline constexpr std::uint16_t kA = 1;
inline constexpr std::uint16_t kNs = 2;
inline constexpr std::uint16_t kCname = 5;
inline constexpr std::uint16_t kSoa = 6;
inline constexpr std::uint16_t kPtr = 12;
inline constexpr std::uint16_t kMx = 15;
inline constexpr std::uint16_t kTxt = 16;
inline constexpr std::uint16_t kAaaa = 28;
inline constexpr std::uint16_t kSrv = 33;
inline constexpr std::uint16_t kDname = 39;
inline constexpr std::uint16_t kOpt = 41;
inline constexpr std::uint16_t kDs = 43;
inline constexpr std::uint16_t kRrsig = 46;
inline constexpr std::uint16_t kNsec = 47;
inline constexpr std::uint16_t kDnskey = 48;
inline constexpr std::uint16_t kNsec3 = 50;
inline constexpr std::uint16_t kNsec3param = 51;
inline constexpr std::uint16_t kTlsa = 52;
inline constexpr std::uint16_t kCds = 59;
inline constexpr std::uint16_t kCdnskey = 60;
inline constexpr std::uint16_t kSvcb = 64;
inline constexpr std::uint16_t kHttps = 65;
inline constexpr std::uint16_t kCaa = 257;
}  // namespace rr_type

inline constexpr std::uint16_t kClassIn = 1;

namespace rcode {
inline constexpr std::uint16_t kNoError = 0;
inline constexpr std::uint16_t kFormErr = 1;
inline constexpr std::uint16_t kServFail = 2;
inline constexpr std::uint16_t kNxDomain = 3;
inline constexpr std::uint16_t kNotImp = 4;
inline constexpr std::uint16_t kRefused = 5;
}  // namespace rcode

// "A", "AAAA", "TYPE65534" for unknown ones.
std::string type_name(std::uint16_t type);
// "NOERROR", "SERVFAIL", "RCODE12" for unknown ones.
std::string rcode_name(std::uint16_t rcode);

}  // namespace baseline::dns
