// SPDX-License-Identifier: Apache-2.0
// The TLSA record (RFC 6698) that matches a test certificate, for DANE tests against servers
// that present it. Thread-safe.
#pragma once

#include <cstdint>

#include "tls/dane.h"
#include "tls/testing/test_certificates.h"

namespace baseline::tls::testing {

// `selector` 0: the whole certificate, 1: its SubjectPublicKeyInfo; `matching` 0: exact,
// 1: SHA-256, 2: SHA-512.
Tlsa tlsa_for(std::uint8_t usage, std::uint8_t selector, std::uint8_t matching,
              const TestCertificate& certificate);

}  // namespace baseline::tls::testing
