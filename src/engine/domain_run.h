// SPDX-License-Identifier: Apache-2.0
// run_domain: one domain test, the unit that `baseline test` runs per domain and `scan` runs by
// the thousand. It makes a per-test caching view of the resolver, runs the check families under
// the domain's deadline and returns every result.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/address_guard.h"
#include "core/check_result.h"
#include "core/domain_name.h"
#include "core/wall_clock.h"
#include "dns/resolver.h"
#include "routing/routing_data.h"

namespace baseline::checks::mail_family {
class MailServerCache;
}

namespace baseline::engine {

struct TestEnvironment {
  dns::Resolver& resolver;
  core::AddressGuard guard;
  std::chrono::milliseconds probe_timeout{3000};
  std::chrono::milliseconds domain_timeout{60000};
  std::vector<std::string> dkim_selectors;
  const routing::RoutingData* routing = nullptr;  // loaded once per run, shared read-only
  std::string ca_file;                            // --ca-file: trusted besides the system store
  bool web = true;                                // run the web.* family
  bool mail = true;                               // run the mail.* family
  // One per run and event loop: mail servers shared by several domains are probed once.
  checks::mail_family::MailServerCache* mail_servers = nullptr;
  core::WallClock clock = core::system_wall_clock();  // the checks' time of day (tests fix it)
};

struct DomainReport {
  core::DomainName domain;
  std::chrono::system_clock::time_point started;
  std::chrono::milliseconds duration{0};
  std::vector<core::CheckResult> results;
  std::size_t dns_lookups = 0;  // lookups sent to the resolver (after sharing)
};

// Told the name of each check family ("dns", "web", "mail", "routing") as it finishes, on the
// test's own event loop (the web front shows live progress from it).
using FamilyFinished = std::function<void(std::string_view family)>;

boost::asio::awaitable<DomainReport> run_domain(const TestEnvironment& environment,
                                                core::DomainName domain,
                                                FamilyFinished on_family_finished = {});

}  // namespace baseline::engine
