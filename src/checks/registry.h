// SPDX-License-Identifier: Apache-2.0
// The checks Baseline knows, with their stable IDs (shared/spec/checks.md), levels and a short
// title for people. Renderers and the catalogue look checks up here.
//
// Every ID of checks.md is listed, grouped by the family that implements it. A family that this
// build does not implement yet is marked so: reports then say "not tested in this run" for its
// checks instead of treating their absence as a failure.
#pragma once

#include <span>
#include <string_view>

#include "core/verdict.h"

namespace baseline::checks {

enum class Family { kDns, kWeb, kMail, kRouting };

struct CheckSpec {
  std::string_view id;
  core::Level level;
  std::string_view title;
  Family family = Family::kDns;
};

std::span<const CheckSpec> all_checks();
const CheckSpec* find_check(std::string_view id);

// The dns.* family, in report order.
std::span<const CheckSpec> dns_checks();
// The routing checks (web.rpki.*, dns.rpki.*, mail.rpki.*), in report order.
std::span<const CheckSpec> routing_checks();

std::string_view to_string(Family family);
// Whether this build runs the check (IDs of checks not implemented yet are listed so that the
// catalogue can refer to them, and reports say "not tested" rather than "fail").
bool check_implemented(std::string_view id);
// The web.* family (without web.rpki.*), in report order.
std::span<const CheckSpec> web_checks();

}  // namespace baseline::checks
