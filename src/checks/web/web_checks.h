// SPDX-License-Identifier: Apache-2.0
// The web.* checks, one function per concern, each a plain function of the WebFacts (no I/O).
// Per-address checks report one result per address ("addr:443" or "addr:80"); host-level ones
// the host name. Addresses where TCP 443 does not answer get no TLS/HTTP results of their own:
// web.https.available and web.ipv6.reach report them.
#pragma once

#include <vector>

#include "checks/web/web_facts.h"
#include "core/check_result.h"

namespace baseline::checks::web_family {

std::vector<core::CheckResult> check_tls(const WebFacts& facts);
std::vector<core::CheckResult> check_certificates(const WebFacts& facts, long long now);
std::vector<core::CheckResult> check_https(const WebFacts& facts, long long now);
std::vector<core::CheckResult> check_ipv6(const WebFacts& facts);
std::vector<core::CheckResult> check_dane(const WebFacts& facts);

// Similarity of two response bodies in [0, 1], ignoring nonce-like tokens (same_site).
double body_similarity(std::string_view a, std::string_view b);

}  // namespace baseline::checks::web_family
