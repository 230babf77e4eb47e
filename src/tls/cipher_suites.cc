#include "tls/cipher_suites.h"

#include <array>

namespace baseline::tls {
namespace {

constexpr CipherSuite kSuites[] = {
#include "tls/suite_table.inc"
};

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

}  // namespace

std::string_view to_string(SuiteClass c) {
  switch (c) {
    case SuiteClass::kGood:
      return "good";
    case SuiteClass::kSufficient:
      return "sufficient";
    case SuiteClass::kPhaseOut:
      return "phase-out";
    case SuiteClass::kInsufficient:
      return "insufficient";
  }
  return "?";
}

std::span<const CipherSuite> all_suites() {
  return kSuites;
}

const CipherSuite* find_suite(std::uint16_t id) {
  for (const auto& suite : kSuites) {
    if (suite.id == id) return &suite;
  }
  return nullptr;
}

SuiteClass classify(const CipherSuite& suite) {
  return classify_name(suite.name);
}

// NCSC-NL "IT Security Guidelines for TLS" 2025-05, as summarised in checks.md.
SuiteClass classify_name(std::string_view name) {
  const auto with = name.find("_WITH_");
  if (with == std::string_view::npos) {  // TLS 1.3: TLS_<AEAD>_<HASH>
    if (name == "TLS_AES_256_GCM_SHA384" || name == "TLS_CHACHA20_POLY1305_SHA256") {
      return SuiteClass::kGood;
    }
    if (name == "TLS_AES_128_GCM_SHA256" || name == "TLS_AES_128_CCM_SHA256") {
      return SuiteClass::kSufficient;
    }
    return SuiteClass::kInsufficient;  // CCM_8 and anything unknown
  }
  const std::string_view kex = name.substr(4, with - 4);
  const std::string_view bulk = name.substr(with + 6);
  // Never acceptable, whatever the key exchange.
  if (contains(name, "EXPORT") || contains(name, "anon") || contains(bulk, "NULL") ||
      contains(bulk, "RC4") || contains(bulk, "3DES") || contains(bulk, "DES_") ||
      contains(bulk, "IDEA") || contains(bulk, "SEED") || contains(bulk, "RC2") ||
      ends_with(bulk, "CCM_8") || ends_with(bulk, "_SHA") || ends_with(bulk, "_MD5")) {
    return SuiteClass::kInsufficient;
  }
  const bool aes_gcm = contains(bulk, "AES_") && contains(bulk, "_GCM_");
  const bool aes_ccm = contains(bulk, "AES_") && ends_with(bulk, "_CCM");
  const bool chacha = contains(bulk, "CHACHA20_POLY1305");
  const bool aes_cbc_sha2 = contains(bulk, "AES_") && contains(bulk, "_CBC_") &&
                            (ends_with(bulk, "_SHA256") || ends_with(bulk, "_SHA384"));
  const bool aria_camellia = contains(bulk, "ARIA") || contains(bulk, "CAMELLIA");
  if (kex == "ECDHE_ECDSA") {
    if (aes_gcm || aes_ccm || chacha) return SuiteClass::kSufficient;
    if (aes_cbc_sha2 || aria_camellia) return SuiteClass::kPhaseOut;
  }
  if (kex == "ECDHE_RSA") {
    if (aes_gcm || chacha) return SuiteClass::kSufficient;
    if (aes_cbc_sha2 || aria_camellia) return SuiteClass::kPhaseOut;
  }
  if (kex == "DHE_RSA" && (aes_gcm || aes_ccm || chacha || aes_cbc_sha2 || aria_camellia)) {
    return SuiteClass::kPhaseOut;
  }
  return SuiteClass::kInsufficient;  // RSA key exchange, static ECDH/DH, DHE_DSS, PSK, ...
}

}  // namespace baseline::tls
