// SPDX-License-Identifier: Apache-2.0
// Public values for the key_share entries of a probe's TLS 1.3 ClientHello (RFC 8446 4.2.8).
// A server that supports a group the client sent a share for may answer in that group at once;
// for any other group it has to ask by HelloRetryRequest. A probe never finishes the key
// exchange, so the values need no private half kept. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace baseline::tls {

// A valid public value for `group`, or nullopt when Baseline does not make one (the hybrid
// ML-KEM groups and FFDHE: still offered in supported_groups, without a share).
std::optional<std::vector<std::uint8_t>> key_share_value(std::uint16_t group);

// Whether key_share_value(group) gives a value, without making one.
bool makes_key_share(std::uint16_t group);

}  // namespace baseline::tls
