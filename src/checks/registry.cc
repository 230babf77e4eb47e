// SPDX-License-Identifier: Apache-2.0
#include "checks/registry.h"

#include <algorithm>

namespace baseline::checks {

std::span<const CheckSpec> dns_checks() {
  return declared::kDnsChecks;
}
std::span<const CheckSpec> web_checks() {
  return declared::kWebChecks;
}
std::span<const CheckSpec> mail_checks() {
  return declared::kMailChecks;
}
std::span<const CheckSpec> routing_checks() {
  return declared::kRoutingChecks;
}
std::span<const CheckSpec> all_checks() {
  return kAllChecks;
}

const CheckSpec* find_check(std::string_view id) {
  return find_declared(id);
}

std::vector<CheckId> checks_in(Family family, std::initializer_list<Group> groups) {
  std::vector<CheckId> out;
  for (const auto& spec : kAllChecks) {
    if (spec.family == family &&
        std::find(groups.begin(), groups.end(), spec.group) != groups.end()) {
      out.push_back(CheckId::of(spec));
    }
  }
  return out;
}

std::string_view to_string(Family family) {
  switch (family) {
    case Family::kDns:
      return "dns";
    case Family::kWeb:
      return "web";
    case Family::kMail:
      return "mail";
    case Family::kRouting:
      return "routing";
  }
  return "dns";
}

std::string_view to_string(Group group) {
  switch (group) {
    case Group::kDnssec:
      return "dnssec";
    case Group::kNameServers:
      return "name_servers";
    case Group::kCaa:
      return "caa";
    case Group::kIpv6:
      return "ipv6";
    case Group::kHttps:
      return "https";
    case Group::kHsts:
      return "hsts";
    case Group::kTlsEnumeration:
      return "tls_enumeration";
    case Group::kTlsHandshake:
      return "tls_handshake";
    case Group::kCertificate:
      return "certificate";
    case Group::kDane:
      return "dane";
    case Group::kHeaders:
      return "headers";
    case Group::kSecurityTxt:
      return "security_txt";
    case Group::kMxRecords:
      return "mx_records";
    case Group::kSmtp:
      return "smtp";
    case Group::kSpf:
      return "spf";
    case Group::kDmarc:
      return "dmarc";
    case Group::kDkim:
      return "dkim";
    case Group::kMtaSts:
      return "mta_sts";
    case Group::kTlsRpt:
      return "tls_rpt";
    case Group::kRpki:
      return "rpki";
  }
  return "dnssec";
}

std::string_view to_string(AppliesTo applies_to) {
  switch (applies_to) {
    case AppliesTo::kDomain:
      return "domain";
    case AppliesTo::kEachHost:
      return "each host";
    case AppliesTo::kEachAddress:
      return "each address";
  }
  return "domain";
}

bool check_implemented(std::string_view id) {
  return find_check(id) != nullptr;
}

}  // namespace baseline::checks
