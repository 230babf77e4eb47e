// SPDX-License-Identifier: Apache-2.0
#include "tls/cipher_suites.h"

#include <array>

namespace baseline::tls {
namespace {

constexpr CipherSuite kSuites[] = {
#include "tls/suite_table.inc"
};

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

}  // namespace baseline::tls
