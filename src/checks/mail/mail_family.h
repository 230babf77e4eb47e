// SPDX-License-Identifier: Apache-2.0
// The mail.* family: MX discovery once, then every mail check that this build implements.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <vector>

#include "checks/context.h"

namespace baseline::checks {

class DomainFacts;

// `facts`: the domain test's shared facts (domain_facts.h).
boost::asio::awaitable<std::vector<core::CheckResult>> run_mail_checks(const CheckContext& context,
                                                                       DomainFacts& facts);

}  // namespace baseline::checks
