// The checks Baseline knows, with their stable IDs (shared/spec/checks.md), levels and a short
// title for people. Renderers and the catalogue look checks up here.
#pragma once

#include <span>
#include <string_view>

#include "core/verdict.h"

namespace baseline::checks {

struct CheckSpec {
  std::string_view id;
  core::Level level;
  std::string_view title;
};

std::span<const CheckSpec> all_checks();
const CheckSpec* find_check(std::string_view id);

// The dns.* family, in report order.
std::span<const CheckSpec> dns_checks();
// The web.* family (without web.rpki.*), in report order.
std::span<const CheckSpec> web_checks();

}  // namespace baseline::checks
