// SPDX-License-Identifier: Apache-2.0
#include "tls/groups.h"

#include <cstdio>

namespace baseline::tls {
namespace {

constexpr NamedGroup kGroups[] = {
    {0x001d, "x25519", false, false},
    {0x001e, "x448", false, false},
    {0x0017, "secp256r1", false, false},
    {0x0018, "secp384r1", false, false},
    {0x0019, "secp521r1", false, false},
    {0x001a, "brainpoolP256r1", false, false},
    {0x001b, "brainpoolP384r1", false, false},
    {0x001c, "brainpoolP512r1", false, false},
    {0x001f, "brainpoolP256r1tls13", false, true},
    {0x0020, "brainpoolP384r1tls13", false, true},
    {0x0021, "brainpoolP512r1tls13", false, true},
    {0x11ec, "X25519MLKEM768", false, true},
    {0x0015, "secp224r1", false, false},
    {0x0016, "secp256k1", false, false},
    {0x0014, "secp224k1", false, false},
    {0x0013, "secp192r1", false, false},
    {0x0012, "secp192k1", false, false},
    {0x0100, "ffdhe2048", true, false},
    {0x0101, "ffdhe3072", true, false},
    {0x0102, "ffdhe4096", true, false},
    {0x0103, "ffdhe6144", true, false},
    {0x0104, "ffdhe8192", true, false},
};

}  // namespace

std::span<const NamedGroup> all_groups() {
  return kGroups;
}

const NamedGroup* find_group(std::uint16_t id) {
  for (const auto& g : kGroups) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

std::string group_name(std::uint16_t id) {
  if (const auto* g = find_group(id)) return std::string(g->name);
  char text[8];
  std::snprintf(text, sizeof text, "0x%04x", id);
  return text;
}

}  // namespace baseline::tls
