// SPDX-License-Identifier: Apache-2.0
// DomainFacts: the facts of one domain test that more than one family reads, each gathered once
// (SharedFact) by whichever family asks first, as typed data:
//   zone()       the zone facts (dns/zone_facts.h): the DNS family's checks, and the name-server
//                addresses that dns.rpki.* judges;
//   web_hosts()  the domain and www.domain with the addresses the web family probes
//                (web/web_hosts.h), judged by web.rpki.*;
//   mail_hosts() the one MX selection (mail/mail_facts.h: null MX, implicit MX, preference order,
//                at most kMaxMailHosts) that the SMTP checks probe and mail.rpki.* judges.
// Each fact waits only for its own lookups: the web family never waits for the mail hosts.
#pragma once

#include "checks/context.h"
#include "checks/dns/zone_facts.h"
#include "checks/mail/mail_facts.h"
#include "checks/shared_fact.h"
#include "checks/web/web_hosts.h"
#include "core/result.h"

namespace baseline::checks {

class DomainFacts {
 public:
  // `context` must outlive this object (both live for one domain test).
  explicit DomainFacts(const CheckContext& context);

  boost::asio::awaitable<const core::Result<dns_family::ZoneFacts>*> zone() { return zone_.get(); }
  boost::asio::awaitable<const web_family::WebHosts*> web_hosts() { return web_hosts_.get(); }
  boost::asio::awaitable<const core::Result<mail_family::MailFacts>*> mail_hosts() {
    return mail_hosts_.get();
  }

 private:
  SharedFact<core::Result<dns_family::ZoneFacts>> zone_;
  SharedFact<web_family::WebHosts> web_hosts_;
  SharedFact<core::Result<mail_family::MailFacts>> mail_hosts_;
};

}  // namespace baseline::checks
