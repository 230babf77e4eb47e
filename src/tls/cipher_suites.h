// SPDX-License-Identifier: Apache-2.0
// The TLS cipher suites Baseline offers in its hand-built ClientHellos, with their IANA names.
// Their classes come from the run's TLS guideline (tls/guideline.h). Plain data; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace baseline::tls {

enum class SuiteClass { kGood, kSufficient, kPhaseOut, kInsufficient };
std::string_view to_string(SuiteClass c);
// Worse classes compare greater.
inline bool worse(SuiteClass a, SuiteClass b) {
  return static_cast<int>(a) > static_cast<int>(b);
}

struct CipherSuite {
  std::uint16_t id;
  std::string_view name;  // IANA name, e.g. "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  bool tls13;             // a TLS 1.3 suite (only negotiable in TLS 1.3)
  bool forward_secret;    // ECDHE or DHE key exchange (TLS 1.3 always)
  bool dhe;               // finite-field DHE key exchange
  bool ecdhe;             // ECDHE key exchange
};

// Every suite Baseline knows: TLS 1.3 first, then the TLS 1.2-and-below ones.
std::span<const CipherSuite> all_suites();
const CipherSuite* find_suite(std::uint16_t id);

}  // namespace baseline::tls
