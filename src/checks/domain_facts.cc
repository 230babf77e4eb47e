// SPDX-License-Identifier: Apache-2.0
#include "checks/domain_facts.h"

namespace baseline::checks {

DomainFacts::DomainFacts(const CheckContext& context)
    : zone_([&context] { return dns_family::gather_zone_facts(context); }),
      web_hosts_([&context] { return web_family::resolve_web_hosts(context); }),
      mail_hosts_([&context] { return mail_family::gather_mail_facts(context); }) {}

}  // namespace baseline::checks
