// SPDX-License-Identifier: Apache-2.0
// CheckContext: what every check of one domain test gets: the domain, a resolver shared by the
// test's checks (cached), the address guard, the probe timeout, the test's deadline and the wall
// clock the judges read.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "checks/check_id.h"
#include "core/address_guard.h"
#include "core/check_result.h"
#include "core/domain_name.h"
#include "core/wall_clock.h"
#include "dns/resolver.h"
#include "net/async.h"

namespace baseline::checks {

namespace mail_family {
class MailServerCache;
}

struct CheckContext {
  core::DomainName domain;
  dns::Resolver& resolver;
  core::AddressGuard guard;
  std::chrono::milliseconds probe_timeout{3000};
  net::Clock::time_point deadline = net::Clock::time_point::max();
  std::uint16_t dns_port = 53;  // where name servers are asked (tests use fake servers elsewhere)
  std::vector<std::string>
      dkim_selectors;   // asked for besides the well-known ones (--dkim-selector)
  std::string ca_file;  // --ca-file: trusted besides the system store (web, mail)
  // Shared by the domain tests of one run so that a mail server is probed once; null: the mail
  // family uses its own for this test.
  mail_family::MailServerCache* mail_servers = nullptr;
  // The time of day for expiry dates and the SPF %{t} macro (tests fix it).
  core::WallClock clock = core::system_wall_clock();

  // The timeout for one probe: the probe timeout, or less when the domain's deadline is nearer.
  std::chrono::milliseconds probe_budget() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        net::time_left(deadline, probe_timeout));
  }
};

// A result for a declared check, its level taken from the declaration. A string literal that
// is not a declared ID does not compile (CheckId).
core::CheckResult make_result(CheckId id, std::string target, core::Verdict verdict,
                              std::string summary);

}  // namespace baseline::checks
