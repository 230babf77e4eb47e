// SPDX-License-Identifier: Apache-2.0
#include "tls/dane.h"

#include <openssl/evp.h>

#include <cstdio>

namespace baseline::tls {
namespace {

std::vector<std::uint8_t> digest(const EVP_MD* md, const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
  unsigned int n = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &n, md, nullptr) != 1) return {};
  out.resize(n);
  return out;
}

bool matches_one(const Tlsa& tlsa, const ChainCertificate& cert) {
  const auto& selected = tlsa.selector == 0 ? cert.der : cert.spki_der;
  if (selected.empty()) return false;
  switch (tlsa.matching) {
    case 0:
      return selected == tlsa.data;
    case 1:
      return digest(EVP_sha256(), selected) == tlsa.data;
    case 2:
      return digest(EVP_sha512(), selected) == tlsa.data;
  }
  return false;
}

}  // namespace

std::string Tlsa::text() const {
  std::string out =
      std::to_string(usage) + " " + std::to_string(selector) + " " + std::to_string(matching) + " ";
  char hex[3];
  for (auto b : data) {
    std::snprintf(hex, sizeof hex, "%02x", b);
    out += hex;
  }
  return out;
}

std::optional<Tlsa> parse_tlsa(const std::vector<std::uint8_t>& rdata) {
  if (rdata.size() < 4) return std::nullopt;
  Tlsa t{rdata[0], rdata[1], rdata[2], {rdata.begin() + 3, rdata.end()}};
  return t;
}

bool tlsa_matches(const Tlsa& tlsa, const std::vector<ChainCertificate>& chain, bool pkix_valid) {
  if (chain.empty() || tlsa.selector > 1 || tlsa.matching > 2) return false;
  switch (tlsa.usage) {
    case 3:
      return matches_one(tlsa, chain.front());
    case 1:
      return pkix_valid && matches_one(tlsa, chain.front());
    case 2:
    case 0:
      for (std::size_t i = 1; i < chain.size(); ++i) {
        if (matches_one(tlsa, chain[i])) return tlsa.usage == 2 || pkix_valid;
      }
      return false;
  }
  return false;
}

}  // namespace baseline::tls
