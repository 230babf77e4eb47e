// SPDX-License-Identifier: Apache-2.0
// Named groups (RFC 8446 4.2.7, RFC 7919, RFC 8734, draft-ietf-tls-ecdhe-mlkem). Their classes
// come from the run's TLS guideline (tls/guideline.h). Plain data; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace baseline::tls {

struct NamedGroup {
  std::uint16_t id;
  std::string_view name;
  bool ffdhe;       // a finite-field group (RFC 7919)
  bool tls13_only;  // only defined for TLS 1.3 (brainpool *tls13, hybrids)
};

inline constexpr std::uint16_t kX25519 = 0x001d;
inline constexpr std::uint16_t kX448 = 0x001e;
inline constexpr std::uint16_t kX25519MlKem768 = 0x11ec;

std::span<const NamedGroup> all_groups();
const NamedGroup* find_group(std::uint16_t id);
std::string group_name(std::uint16_t id);  // "x25519", or "0x1234" when unknown

}  // namespace baseline::tls
