// SPDX-License-Identifier: Apache-2.0
// DANE TLSA (RFC 6698, RFC 7671): parsing TLSA RDATA and matching it against a presented chain.
// Plain functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baseline::tls {

struct Tlsa {
  std::uint8_t usage = 0;     // 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE
  std::uint8_t selector = 0;  // 0 full certificate, 1 SubjectPublicKeyInfo
  std::uint8_t matching = 0;  // 0 exact, 1 SHA-256, 2 SHA-512
  std::vector<std::uint8_t> data;
  std::string text() const;  // "3 1 1 ab12…"
};

std::optional<Tlsa> parse_tlsa(const std::vector<std::uint8_t>& rdata);

struct ChainCertificate {
  std::vector<std::uint8_t> der;
  std::vector<std::uint8_t> spki_der;
};

// Whether one TLSA record matches the chain (leaf first). Usage 3 matches the leaf; usage 2 any
// certificate above the leaf; usages 0/1 need `pkix_valid` as well (RFC 6698 2.1.1).
bool tlsa_matches(const Tlsa& tlsa, const std::vector<ChainCertificate>& chain, bool pkix_valid);

}  // namespace baseline::tls
