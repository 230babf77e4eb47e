// SPDX-License-Identifier: Apache-2.0
// Lookups over the declared checks (declarations.h): by ID, by family, by group. Renderers and
// the catalogue look checks up here; families take their "every check gets a result" lists
// from checks_in() instead of writing IDs by hand.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "checks/check_id.h"
#include "checks/declarations.h"

namespace baseline::checks {

std::span<const CheckSpec> all_checks();
const CheckSpec* find_check(std::string_view id);

// The dns.* family, in report order.
std::span<const CheckSpec> dns_checks();
// The web.* family (without web.rpki.*), in report order.
std::span<const CheckSpec> web_checks();
// The mail.* family (without mail.rpki.*), in report order.
std::span<const CheckSpec> mail_checks();
// The routing checks (web.rpki.*, dns.rpki.*, mail.rpki.*), in report order.
std::span<const CheckSpec> routing_checks();

// The checks of one family in the given groups, in report order.
std::vector<CheckId> checks_in(Family family, std::initializer_list<Group> groups);

std::string_view to_string(Family family);
std::string_view to_string(Group group);
std::string_view to_string(AppliesTo applies_to);
// Whether this build runs the check. Every declared check is implemented today; the function
// stays so that a check declared ahead of its judge is reported "not tested", not "fail".
bool check_implemented(std::string_view id);

}  // namespace baseline::checks
